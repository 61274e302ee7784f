"""Text that looks like markup is published as written: an edited English with a reference to a note
that does not exist (``[^9]``) and a stray ``{`` prints literally in every publication format, and
the loss report names the missing note."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from export_support import docx_dump

from workbench.cli import main

NO92 = "bolshevik-correspondence/092"
EDITED = "Stalin. [^9] {unclosed"


@pytest.fixture()
def exported(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str, dict[str, object]]:
    root = ["--root", str(project)]
    assert main(root + ["decide", NO92, "L14", "edit", "--text", EDITED, "--author", "ed"]) == 0  # t14: Stalin.
    out, report = project / "out", project / "loss.json"
    assert main(root + ["export", "--draft", "--format", "md,html,txt,docx,tei", NO92, "--out", str(out),
                        "--loss-report", str(report)]) == 0
    printed = capsys.readouterr().out
    return out / "bolshevik-correspondence", printed, json.loads(report.read_text(encoding="utf-8"))


def _unescape_md(text: str) -> str:
    """What a Markdown reader shows for backslash escapes of ASCII punctuation."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def test_a_reference_to_a_missing_note_prints_as_written(exported: tuple[Path, str, dict[str, object]]) -> None:
    folder, _, _ = exported
    md = (folder / "092.md").read_text(encoding="utf-8")
    (line,) = [x for x in md.splitlines() if "unclosed" in x]
    assert line == r"Stalin. \[\^9\] \{unclosed" and _unescape_md(line) == EDITED
    assert "[^9]:" not in md
    assert "\nStalin. [^9] {unclosed\n" in (folder / "092.txt").read_text(encoding="utf-8")
    assert '<p class="signature">Stalin. [^9] {unclosed</p>' in (folder / "092.html").read_text(encoding="utf-8")
    assert "Normal|right: Stalin. [^9] {unclosed" in docx_dump(folder / "092.docx")
    # TEI: the edited English as the lemma, the MT as the reading of its witness
    assert ('<seg xml:id="en-t14"><app type="edit"><lem resp="#ed-ed">Stalin. [^9] {unclosed</lem>'
            '<rdg wit="#wit-en-mt">Stalin.</rdg></app></seg>') in (folder / "092.xml").read_text(encoding="utf-8")


def test_the_loss_report_names_the_missing_note(exported: tuple[Path, str, dict[str, object]]) -> None:
    _, printed, report = exported
    said = "t14: a reference to a missing note, [^9] (there is no note 9); printed as written"
    assert f"{NO92}: {said}" in printed
    formats = {f["format"]: f["items"] for f in report["formats"]}  # type: ignore[index]
    for fmt in ("md", "html", "txt", "docx", "tei"):
        assert {"document": NO92, "what": said} in [{k: i[k] for k in ("document", "what")} for i in formats[fmt]], fmt
