"""The README's first steps work as written: `make run` and `make test` come first, the way to put
`workbench` on PATH is given before the tour uses it, and every `workbench …` line of the README is
a command the parser accepts (a newcomer found `workbench` was not on PATH after `make run`)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from workbench.cli import build_parser
from workbench.cli.open_cmd import resolve_target

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)


def commands(block: str) -> list[list[str]]:
    """The commands of a shell block, comments dropped."""
    return [words for line in block.splitlines() if (words := shlex.split(line, comments=True))]


def test_make_run_and_make_test_come_first_and_make_run_opens_the_browser() -> None:
    assert commands(BLOCKS[0])[:2] == [["make", "run"], ["make", "test"]]
    first_block_line = BLOCKS[0].splitlines()[0]
    assert "collection browser" in first_block_line
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run = re.search(r"^run:.*\n((?:\t.*\n)+)", makefile, flags=re.MULTILINE)
    assert run is not None and run.group(1).strip() == "$(BIN)/workbench"  # no command: the browser
    assert build_parser().parse_args([]).command is None
    _, document = resolve_target(str(ROOT), None)
    assert document is None  # the app starts on the collection browser, not on a document


def test_the_readme_says_how_to_put_workbench_on_path_before_the_tour_uses_it() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^VENV\s*:=\s*\.venv$", makefile, flags=re.MULTILINE)
    assert 'workbench = "workbench.cli:main"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    before_tour = README.split("## A short tour")[0]
    assert "`. .venv/bin/activate`" in before_tour and "`.venv/bin/workbench`" in before_tour
    tour = next(b for b in BLOCKS if "workbench status" in b)
    lines = commands(tour)
    assert lines[0] == [".", ".venv/bin/activate"]
    assert all(words[0] == "workbench" for words in lines[1:])


WORKBENCH_LINES = [words for block in BLOCKS for words in commands(block) if words[0] == "workbench"]


@pytest.mark.parametrize("words", WORKBENCH_LINES, ids=[" ".join(w[:2]) for w in WORKBENCH_LINES])
def test_every_workbench_command_of_the_readme_parses(words: list[str]) -> None:
    try:
        args = build_parser().parse_args(words[1:])
    except SystemExit as stop:
        pytest.fail(f"README: {' '.join(words)!r} is refused by the parser (exit {stop.code})")
    assert getattr(args, "handler", None) is not None


def test_the_tour_names_at_least_the_commands_a_newcomer_starts_with() -> None:
    named = {words[1] for words in WORKBENCH_LINES}
    assert {"status", "open", "decide", "log", "validate", "export"} <= named
