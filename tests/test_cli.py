"""CLI conventions: every command teaches with --help, and docs/cli.md is current."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run_main

from workbench.cli import build_parser
from workbench.cli.docgen import generate

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_command_has_a_description_and_an_example() -> None:
    for name, command in commands().items():
        text = command.format_help()
        assert command.description, f"{name} has no description"
        assert "example" in text.lower(), f"{name} --help shows no example"


def test_docs_cli_is_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == generate(), (
        "docs/cli.md is out of date: run 'python -m workbench.cli.docgen > docs/cli.md'")


def test_help_and_version_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--help"], ["status", "--help"]):
        run = run_main(None, args, capsys)
        assert run.returncode == 0 and run.stdout
    proc = subprocess.run([sys.executable, "-m", "workbench", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("workbench ")  # python -m workbench, a real process


def test_unknown_option_exits_two_without_traceback() -> None:
    proc = subprocess.run([sys.executable, "-m", "workbench", "status", "--nope"], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "unrecognized" in proc.stderr


def test_progress_bar_on_a_terminal_and_in_a_log() -> None:
    import io

    from workbench.cli.progress import Progress

    log = io.StringIO()
    bar = Progress(4, log)
    for k in range(4):
        bar.step(f"doc{k}", f"doc{k}: done")
    lines = log.getvalue().splitlines()
    assert len(lines) == 4 and lines[-1].startswith("[" + "█" * 24 + "] 4/4  doc3")

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    bar = Progress(2, tty)
    bar.step("a", "a: done")
    assert tty.getvalue().startswith("\r\x1b[2Ka: done\n[") and "1/2  a" in tty.getvalue()
