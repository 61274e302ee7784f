"""Editors' notes: ``decide DOC LINK annotate --text … --anchor 'words'`` makes one (a decision), a
second annotate with ``--note-id`` rewrites it, ``annotate-remove`` takes it out, ``undo`` reverts any
of them. Every publication format prints it apart from the source's notes, by the house style of
``workbench.yaml`` (default: source notes as printed, editors' notes lettered, closed with "— Ed."),
TEI as ``note type="editorial" resp="#…"``."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_main
from export_support import docx_dump

from workbench.core import decide
from workbench.core.editors_notes import editors_notes
from workbench.core.errors import OperationError
from workbench.storage.corpus import Corpus

NO92 = "bolshevik-correspondence/092"
NOTE = "The front against the *White* army of P. N. Wrangel in the Crimea and northern Tavria."


def _annotate(project: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    run = run_main(project, ["decide", NO92, "L4", "annotate", "--anchor", "Wrangel Front", "--kind", "explanatory",
                             "--text", NOTE, "--author", "A. Editor", *extra], capsys)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def _export(project: Path, capsys: pytest.CaptureFixture[str], formats: str = "md,html,txt,docx,tei") -> Path:
    out = project / "out"
    run = run_main(project, ["export", "--draft", "--format", formats, NO92, "--out", str(out)], capsys)
    assert run.returncode == 0, run.stderr
    return out / "bolshevik-correspondence"


def _notes(project: Path) -> list[tuple[str, str, str]]:
    corpus = Corpus(project)
    state = corpus.open_state(corpus.parse_address(NO92))
    return [(n.id, n.anchor, n.text) for n in editors_notes(state)]


def test_an_editors_note_is_printed_in_every_format_apart_from_the_source_notes(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _annotate(project, capsys)
    assert _notes(project) == [("E1", "Wrangel Front", NOTE)]
    folder = _export(project, capsys)
    md = (folder / "092.md").read_text(encoding="utf-8")
    assert "Another failure on the Wrangel Front[^a] is due" in md
    assert f"[^a]: {NOTE} — Ed." in md
    assert "suggestion[^2]" in md  # the source's own note keeps its printed number
    txt = (folder / "092.txt").read_text(encoding="utf-8")
    assert "Wrangel Front[a] is due" in txt and "\n[a] The front against the White army" in txt
    html = (folder / "092.html").read_text(encoding="utf-8")
    assert 'Wrangel Front<sup class="fnref"><a href="#fn1" id="fnref1">a</a></sup> is due' in html
    assert "<i>White</i>" in html and "northern Tavria. — Ed." in html
    dump = docx_dump(folder / "092.docx")
    assert "Wrangel Front[^1=a] is due" in dump
    assert "footnote 1: ^{a} The front against the *White* army of P. N. Wrangel in the Crimea and northern " \
           "Tavria. — Ed." in dump
    tei = (folder / "092.xml").read_text(encoding="utf-8")
    assert ('Wrangel Front<note xml:id="en-note-E1" n="E1" type="editorial" place="foot" subtype="explanatory" '
            'resp="#ed-a.-editor">The front against the <hi rend="italic">White</hi> army') in tei
    assert '<persName xml:id="ed-a.-editor">A. Editor</persName>' in tei


def test_rewrite_remove_and_undo(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _annotate(project, capsys)
    run = run_main(project, ["decide", NO92, "L4", "annotate", "--note-id", "E1", "--text", "Wrangel's front.",
                             "--author", "B. Reader"], capsys)
    assert run.returncode == 0
    rewrite = run.stdout.strip()
    assert _notes(project) == [("E1", "Wrangel Front", "Wrangel's front.")]  # the anchor stays as it was
    assert run_main(project, ["undo", NO92, rewrite, "--author", "A. Editor"], capsys).returncode == 0
    assert _notes(project) == [("E1", "Wrangel Front", NOTE)]
    run = run_main(project, ["decide", NO92, "E1", "annotate-remove", "--author", "A. Editor"], capsys)
    assert run.returncode == 0
    assert _notes(project) == []
    assert run_main(project, ["undo", NO92, run.stdout.strip(), "--author", "A. Editor"], capsys).returncode == 0
    assert _notes(project) == [("E1", "Wrangel Front", NOTE)]
    assert run_main(project, ["undo", NO92, first, "--author", "A. Editor"], capsys).returncode == 0
    log = run_main(project, ["log", NO92], capsys).stdout
    assert "annotate L4" in log and "annotate-remove L4" in log and "[editors_note=E1]" in log


def test_bad_notes_are_refused_with_one_message(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_main(project, ["decide", NO92, "L4", "annotate", "--anchor", "Kolchak", "--text", "x"], capsys)
    assert run.returncode == 2 and "“Kolchak” is not in the English of L4" in run.stderr
    run = run_main(project, ["decide", NO92, "L4", "annotate", "--text", "x"], capsys)
    assert run.returncode == 2 and "--anchor" in run.stderr
    run = run_main(project, ["decide", NO92, "L4", "annotate", "--anchor", "Wrangel", "--text", "*open"], capsys)
    assert run.returncode == 2 and "not valid transcription markup" in run.stderr
    _annotate(project, capsys)
    run = run_main(project, ["decide", NO92, "L4", "annotate", "--note-id", "E1", "--text", NOTE], capsys)
    assert run.returncode == 2 and "already reads so" in run.stderr
    corpus = Corpus(project)
    state = corpus.open_state(corpus.parse_address(NO92))
    with pytest.raises(OperationError, match="kind of an editors' note"):
        decide.annotate(state, "L4", "x", "Wrangel", "ed", kind="gossip")


def test_a_note_whose_words_were_edited_away_blocks_publication(project: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    _annotate(project, capsys)
    assert run_main(project, ["decide", NO92, "L4", "edit", "--text", "Another failure in the south is due to the "
                              "late arrival of fresh divisions.", "--author", "ed"], capsys).returncode == 0
    run = run_main(project, ["export", "--format", "md", NO92, "--out", str(project / "out")], capsys)
    assert run.returncode == 1
    assert (f"blocked: {NO92}: note: editors' note E1 on L4: its words “Wrangel Front” are not in the English of L4 "
            "any more") in run.stderr


def test_house_style_from_workbench_yaml(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _annotate(project, capsys)
    (project / "workbench.yaml").write_text("house_style:\n  editors_notes: roman\n  editors_note_suffix: '[Ed.]'\n",
                                            encoding="utf-8")
    md = (_export(project, capsys, "md") / "092.md").read_text(encoding="utf-8")
    assert "Wrangel Front[^i] is due" in md and f"[^i]: {NOTE} \\[Ed.\\]" in md  # escaped in Markdown
    (project / "workbench.yaml").write_text("house_style:\n  editors_notes: greek\n", encoding="utf-8")
    run = run_main(project, ["export", "--draft", "--format", "md", NO92, "--out", str(project / "o2")], capsys)
    assert run.returncode == 2
    assert run.stderr == "workbench: workbench.yaml:2:18: 'editors_notes' is one of letters, roman, symbols, found " \
                         "'greek'\n"
