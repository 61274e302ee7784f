"""Control characters: refused where they enter (command-line options, $WORKBENCH_AUTHOR, imported texts,
the app's dialogs), shown escaped (``\\u001b``) wherever the CLI or the app displays what a file holds.
PO files: tests/reliability/test_import_checks.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reliability.catalogue import ALIGNMENT, assert_one_clear_message, run_main, snapshot
from workbench.core import decide
from workbench.core.errors import InputError
from workbench.storage.alignment_codec import strip_seal
from workbench.storage.alignment_store import Session
from workbench.storage.corpus import Corpus

ESC = "\x1b[31mred\x1b[0m"


@pytest.mark.parametrize("option, value, shown", [
    ("--author", "Eve\nD-0000000000  2026-01-01T00:00:00.000Z  Anna  confirm L1", "U+000A (LF)"),
    ("--author", f"Eve {ESC}", "U+001B (ESC)"),
    ("--author", "Eve\tTab", "U+0009 (TAB)"),
    ("--reason", "style\x85", "U+0085 (NEL)"),
    ("--text", f"a note {ESC}", "U+001B (ESC)"),
])
def test_decide_refuses_control_characters_in_options(option: str, value: str, shown: str, project: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    args = ["decide", "udhr/udhr", "L1", "comment", "--text", "fine", "--author", "ed", option, value]
    before = snapshot(project)
    line = assert_one_clear_message(run_main(project, args, capsys), shown, option)
    assert "\x1b" not in line
    assert snapshot(project) == before


def test_a_newline_in_a_note_is_free_text(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_main(project, ["decide", "udhr/udhr", "L1", "comment", "--text", "two\nlines", "--author", "ed"], capsys)
    assert run.returncode == 0, run.stderr
    log = run_main(project, ["log", "udhr/udhr"], capsys).stdout.splitlines()
    # shown, not obeyed: one decision, one line (which ends with where the author's name came from)
    assert log[-1].endswith("— two\\u000alines  (name from option)")


def test_workbench_author_with_a_newline_is_refused(project: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_AUTHOR", "Eve\nforged line")
    before = snapshot(project)
    assert_one_clear_message(run_main(project, ["decide", "udhr/udhr", "L1", "flag"], capsys), "U+000A (LF)",
                             "$WORKBENCH_AUTHOR")
    assert snapshot(project) == before


@pytest.mark.parametrize("option", ["--src-description", "--title"])
def test_import_options_are_checked(option: str, project: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt = tmp_path / "ru.txt", tmp_path / "en.txt"
    src.write_text("Один.\n", encoding="utf-8")
    tgt.write_text("One.\n", encoding="utf-8")
    run = run_main(project, ["import-pair", str(src), str(tgt), "--collection", "c", "--doc", "d", option,
                             f"x{ESC}"], capsys)
    assert_one_clear_message(run, "U+001B (ESC)", option)
    assert not (project / "texts" / "c").exists()


def test_imported_texts_with_control_characters_are_refused(project: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt = tmp_path / "ru.txt", tmp_path / "en.txt"
    src.write_text("Один.\n", encoding="utf-8")
    tgt.write_text(f"One.\nTwo {ESC}.\n", encoding="utf-8")
    before = snapshot(project)
    run = run_main(project, ["import-pair", str(src), str(tgt), "--collection", "c", "--doc", "d"], capsys)
    assert_one_clear_message(run, "U+001B (ESC)", f"{tgt}:2:5:")
    new = tmp_path / "fr.txt"
    new.write_text("Article premier\x9b31m\n", encoding="utf-8")
    run = run_main(project, ["add-witness", "udhr/udhr", "fr-un", str(new), "--lang", "fr", "--description", "x",
                             "--role", "other", "--author", "a"], capsys)
    assert_one_clear_message(run, "U+009B (CSI)", f"{new}:1:16:")
    assert snapshot(project) == before


def _hostile_log(project: Path) -> None:
    """Decisions whose author and note hold controls, as a hand-edited or hostile file may have them
    (YAML double-quoted escapes); the loader reads them, the display must not obey them."""
    path = project / ALIGNMENT
    # an old file (version 1, no integrity record) edited by hand: the readers still check every value
    text = strip_seal(path.read_text(encoding="utf-8")).replace("version: 3\n", "version: 1\n", 1)
    assert text.endswith("decisions: []\n")
    text = text.replace("decisions: []\n", (
        'decisions:\n- id: D-00000000aa\n  time: "2026-01-01T00:00:00.000Z"\n  author: "Eve \\e[31mred\\e[0m"\n'
        '  action: note\n  target: L1\n'
        '  note: "fine\\nD-00000000bb  2026-01-01T00:00:00.000Z  Anna  confirm L1: auto → confirmed\\x85"\n'))
    path.write_text(text, encoding="utf-8")


def test_log_shows_controls_escaped_and_forges_no_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _hostile_log(project)
    run = run_main(project, ["log", "udhr/udhr"], capsys)
    assert run.returncode == 0, run.stderr
    assert "\x1b" not in run.stdout and "\x85" not in run.stdout
    lines = run.stdout.splitlines()
    assert not any(line.startswith("D-00000000bb") for line in lines)  # no forged decision line
    assert lines[-1].startswith("D-00000000aa  2026-01-01T00:00:00.000Z  Eve \\u001b[31mred\\u001b[0m  comment L1")
    assert lines[-1].endswith("\\u000aD-00000000bb  2026-01-01T00:00:00.000Z  Anna  confirm L1: auto → "
                              "confirmed\\u0085")


def test_log_json_stays_valid_json_with_c1_controls(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _hostile_log(project)
    run = run_main(project, ["log", "udhr/udhr", "--json"], capsys)
    assert "\x85" not in run.stdout and "\x1b" not in run.stdout
    last = json.loads(run.stdout)["decisions"][-1]
    assert last["author"] == "Eve \x1b[31mred\x1b[0m" and last["note"].endswith("\x85")


def test_every_command_prints_through_the_escaping_stream(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "texts/udhr/udhr/document.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("received:\n", 'issues:\n- kind: odd\n  message: "\\e[2J cleared"\nreceived:\n', 1),
                    encoding="utf-8")
    run = run_main(project, ["variants", "udhr/udhr"], capsys)
    assert run.returncode == 0, run.stderr
    assert "\x1b" not in run.stdout and "\\u001b[2J cleared" in run.stdout


def test_error_messages_are_escaped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / ALIGNMENT
    path.write_text(path.read_text(encoding="utf-8") + '"re\\e[31mvison": 1\n', encoding="utf-8")
    run = run_main(project, ["log", "udhr/udhr"], capsys)
    assert_one_clear_message(run, "unknown key 're\\u001b[31mvison'", "udhr.yaml")


def test_escape_controls() -> None:
    from workbench.core.safe_values import escape_controls

    assert escape_controls("a\x1b[31mb\tc\nd\x7f\x9b", keep="\n\t") == "a\\u001b[31mb\tc\nd\\u007f\\u009b"
    assert escape_controls("plain Ünïcode — ok") == "plain Ünïcode — ok"


# ---------------------------------------------------------------------------------------------- the app


def test_safe_text_shows_controls_escaped() -> None:
    from workbench.ui import safe_text

    assert safe_text.text(f"a{ESC}\nb\tc").plain == "a\\u001b[31mred\\u001b[0m\nb\tc"
    assert "\x1b" not in safe_text.content(ESC).plain
    assembled = safe_text.assemble("x\x1b", ("y\x85", "bold"), safe_text.text("z\x07"))
    assert assembled.plain == "x\\u001by\\u0085z\\u0007"


def test_the_review_cells_and_detail_pane_show_no_raw_controls(project: Path) -> None:
    from workbench.ui.document_view import DocumentView
    from workbench.ui.widgets.detail_pane import describe

    corpus = Corpus(project)
    ref = corpus.parse_address("udhr/udhr")
    session = Session(corpus.alignment_file(ref))
    index, link = next((i, lk) for i, lk in enumerate(session.state.links) if lk.source and lk.target)
    # a file may hold them (written by other means): the app must show them, not send them
    escaped = "\x1b\\[31mred"  # the bracket escaped: the edit must be valid markup
    session.record(decide.edit(session.state, link.id, [f"Edited {escaped}"] * len(link.target), f"Eve{ESC}"))
    session.record(decide.comment(session.state, link.id, f"n\x9b2J{ESC}", f"Eve{ESC}"))
    view = DocumentView(corpus, ref, session, "ed")
    rendered = [cell.plain for cell in view.cells(index)] + [describe(view, link).plain]
    assert all("\x1b" not in text and "\x9b" not in text for text in rendered)
    assert "Edited \\u001b[31mred" in rendered[2]


def test_the_app_refuses_controls_typed_into_a_decision(project: Path) -> None:
    from workbench.core.safe_values import check_entered

    corpus = Corpus(project)
    session = Session(corpus.alignment_file(corpus.parse_address("udhr/udhr")))
    state = session.state
    first = next(lk for lk in state.links if lk.target)
    link = first.id
    for decision, words in ((decide.comment(state, link, f"pasted {ESC}", "ed"), "the note"),
                            (decide.comment(state, link, "x", "ed\n"), "the author"),
                            (decide.edit(state, link, ["A\x1b"] * len(first.target), "ed"),
                             "the edited English")):
        with pytest.raises(InputError, match=words):
            check_entered(decision)
    assert check_entered(decide.comment(state, link, "two\nlines", "ed")).note == "two\nlines"
