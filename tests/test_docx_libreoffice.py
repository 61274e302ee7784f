"""DOCX as LibreOffice prints it, and struck words removed cleanly (No. 92 with its V1 marked).

Each footnote mark is printed once — in the text ("suggestion²", not "suggestion²²") and at the head of
the note ("a A note", not "aa") — checked by converting with headless LibreOffice to PDF and reading the
text back with pdftotext (skipped when either is missing). Struck words the policy leaves out take their
orphaned spacing and punctuation with them ("Crimea.[^a]", not "Crimea.[^a]  ."), and the apparatus
quotes the words without the space the witness leaves before the full stop."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cli_helpers import run_main

NO92 = "bolshevik-correspondence/092"
LAST = "The last one is redundant in my opinion ."
needs_office = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                  reason="LibreOffice (soffice) or pdftotext (poppler-utils) not installed")


def _marked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_main(project, ["decide-variant", NO92, "V1", "mark", LAST, "--witness", "en-mt", "--evidence",
                             "1996 ed., p. 148", "--author", "ed"], capsys)
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize(("policy", "tail_md", "tail_txt"), [
    ("note", "for the Crimea.[^a][^1]\n", "for the Crimea.[a][1]\n"),
    ("omit", "for the Crimea.[^1]\n", "for the Crimea.[1]\n"),
])
def test_struck_words_leave_no_orphaned_punctuation(project: Path, capsys: pytest.CaptureFixture[str], policy: str,
                                                    tail_md: str, tail_txt: str) -> None:
    _marked(project, capsys)
    out = project / "out"
    assert run_main(project, ["export", "--draft", "--policy", f"struck={policy}", "--format", "md,txt", NO92,
                              "--out", str(out)], capsys).returncode == 0
    md = (out / "bolshevik-correspondence" / "092.md").read_text(encoding="utf-8")
    txt = (out / "bolshevik-correspondence" / "092.txt").read_text(encoding="utf-8")
    assert tail_md in md and tail_txt in txt
    assert "redundant in my opinion" not in md.split("\n\n[^")[0]  # gone from the text itself
    if policy == "note":
        assert "crossed out (evidence: 1996 ed., p. 148): ‘The last one is redundant in my opinion.’ — Ed." in md


@needs_office
def test_libreoffice_prints_each_footnote_mark_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _marked(project, capsys)
    assert run_main(project, ["decide", NO92, "L4", "annotate", "--anchor", "Wrangel Front", "--text",
                              "The southern front against P. N. Wrangel.", "--author", "ed"], capsys).returncode == 0
    out = project / "out"
    assert run_main(project, ["export", "--draft", "--format", "docx", NO92, "--out", str(out)], capsys).returncode == 0
    folder = out / "bolshevik-correspondence"
    # a LibreOffice profile of its own: another soffice running (another test run) cannot take the job
    subprocess.run(["soffice", f"-env:UserInstallation=file://{project / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(folder / "092.docx")],
                   capture_output=True, timeout=180, check=True, env={"HOME": str(project), "PATH": "/usr/bin:/bin"})
    text = subprocess.run(["pdftotext", "-layout", str(folder / "092.pdf"), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any("on the Wrangel Front a is due" in line for line in lines)
    assert any("I find your suggestion 2 redundant" in line for line in lines)
    assert any(line.endswith("for the Crimea.b1") for line in lines)  # the struck words gone, with their " ."
    notes = [line for line in lines if line[:2] in ("a ", "b ", "1 ", "2 ")]
    assert [n[:2] for n in notes] == ["a ", "b ", "1 ", "2 "]  # each note headed by its mark, once
    assert notes[0] == "a The southern front against P. N. Wrangel. — Ed."
    assert not [line for line in lines if line.startswith(("aa ", "bb ", "11 ", "22 "))]
