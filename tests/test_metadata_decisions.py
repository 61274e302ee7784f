"""Metadata decisions: a document's title, date (printed and ISO), place line, addressee, signature,
archival reference (text and parsed parts) and source page are corrected by ``decide-meta`` — a
decision with a reason, undone by ``undo`` — and every format prints the corrected value;
``validate`` reports a ``document.yaml`` changed by hand without a decision."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_main
from export_support import docx_dump

from workbench.core.metadata import normalise_date, when_problem

NO91 = "bolshevik-correspondence/091"
FIXED = "RTsKhIDNI. F. 558. Op. 1. D. 5551. L. 3-4. Autograph."


def _decide(project: Path, capsys: pytest.CaptureFixture[str], field: str, value: str,
            reason: str = "as printed in the 1996 edition") -> str:
    run = run_main(project, ["decide-meta", NO91, field, value, "--reason", reason, "--author", "A. Editor"], capsys)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def _export(project: Path, capsys: pytest.CaptureFixture[str], name: str = "out") -> Path:
    run = run_main(project, ["export", "--draft", "--format", "md,html,txt,docx,tei", NO91, "--out",
                             str(project / name)], capsys)
    assert run.returncode == 0, run.stderr
    return project / name / "bolshevik-correspondence"


def test_a_corrected_archival_reference_is_printed_alike_in_every_format(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    decision = _decide(project, capsys, "archival_reference", FIXED)
    _decide(project, capsys, "source_page", "147", "checked in the printed book")
    folder = _export(project, capsys)
    for name in ("091.md", "091.html", "091.txt"):
        text = (folder / name).read_text(encoding="utf-8")
        assert FIXED in text and "RTSHIDNI;" not in text, name
        assert "Khlevnyuk, p. 147." in text, name
    dump = docx_dump(folder / "091.docx")
    assert FIXED in dump and "RTSHIDNI;" not in dump
    tei = (folder / "091.xml").read_text(encoding="utf-8")
    assert "<repository>RTsKhIDNI</repository>" in tei and "RTSHIDNI<" not in tei
    assert '<idno type="shelfmark">F. 558, Op. 1, D. 5551, L. 3-4</idno>' in tei
    assert '<biblScope unit="page">147</biblScope>' in tei
    meta = run_main(project, ["meta", NO91], capsys).stdout
    assert f"[{decision}: as printed in the 1996 edition; received “RTSHIDNI; F. 558." in meta
    # undone, the reference is the one received again, everywhere
    assert run_main(project, ["undo", NO91, decision, "--author", "A. Editor"], capsys).returncode == 0
    folder = _export(project, capsys, "again")
    assert "RTSHIDNI; F. 558. On. 1." in (folder / "091.md").read_text(encoding="utf-8")
    assert "<repository>RTSHIDNI</repository>" in (folder / "091.xml").read_text(encoding="utf-8")


def test_a_part_of_the_reference_and_the_date(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _decide(project, capsys, "archival_reference.repository", "RTsKhIDNI")
    _decide(project, capsys, "date", "July 25 [1920]")
    folder = _export(project, capsys)
    tei = (folder / "091.xml").read_text(encoding="utf-8")
    assert "<repository>RTsKhIDNI</repository>" in tei
    assert '<docDate when="1920-07-25">July 25 [1920]</docDate>' in tei  # the ISO date follows the printed one
    assert "*July 25 \\[1920\\]*" in (folder / "091.md").read_text(encoding="utf-8")
    _decide(project, capsys, "date_when", "1920-07-24", "the telegram was sent on the 24th")
    tei = (_export(project, capsys, "o2") / "091.xml").read_text(encoding="utf-8")
    assert '<docDate when="1920-07-24">July 25 [1920]</docDate>' in tei


def test_bad_corrections_are_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_main(project, ["decide-meta", NO91, "archival_reference", FIXED], capsys)
    assert run.returncode == 2 and "needs a reason (--reason)" in run.stderr
    run = run_main(project, ["decide-meta", NO91, "date_when", "24.7.1920", "--reason", "x"], capsys)
    assert run.returncode == 2 and "is not an ISO date" in run.stderr
    run = run_main(project, ["decide-meta", NO91, "colour", "red", "--reason", "x"], capsys)
    assert run.returncode == 2 and "no metadata field 'colour'" in run.stderr
    # the addressee is a paragraph of the English: corrected there, so text and metadata agree
    run = run_main(project, ["decide-meta", NO91, "addressee", "To Lenin.", "--reason", "x"], capsys)
    assert run.returncode == 2 and "printed from the English of L1" in run.stderr
    run = run_main(project, ["decide-meta", NO91, "title", "Telegram from J. V. Stalin to V. I. Lenin",
                             "--reason", "x"], capsys)
    assert run.returncode == 2 and "already reads so" in run.stderr


def test_validate_reports_a_hand_edit_until_a_decision_explains_it(project: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "texts" / "bolshevik-correspondence" / "091" / "document.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  text: RTSHIDNI; F. 558. On. 1.", "  text: RTsKhIDNI; F. 558. On. 1.", 1),
                    encoding="utf-8")
    run = run_main(project, ["validate"], capsys)
    assert run.returncode == 1
    assert ("texts/bolshevik-correspondence/091/document.yaml: the archival reference in document.yaml "
            "(“RTsKhIDNI; F. 558. On. 1. D. 5551. L. 3-4. Autograph.”) differs from what was received "
            "(“RTSHIDNI; F. 558. On. 1. D. 5551. L. 3-4. Autograph.”) and no decision records why") in run.stdout
    assert run_main(project, ["meta", NO91], capsys).returncode == 1
    export = run_main(project, ["export", "--format", "md", NO91, "--out", str(project / "o")], capsys)
    assert "blocked: bolshevik-correspondence/091: metadata: the archival reference in document.yaml" in export.stderr


@pytest.mark.parametrize(("printed", "iso"), [
    ("July 26 [1920]", "1920-07-26"), ("26 July 1920", "1920-07-26"), ("July 28, 1920", "1920-07-28"),
    ("26 июля 1920 г.", "1920-07-26"), ("30/VIII 1920", "1920-08-30"), ("24/7 [1920]", "1920-07-24"),
    ("August 1920", "1920-08"), ("[1920]", "1920"), ("no date", ""), ("1919 or 1920", ""),
])
def test_the_iso_date_of_a_printed_date(printed: str, iso: str) -> None:
    assert normalise_date(printed) == iso


def test_iso_dates_are_checked() -> None:
    assert when_problem("1920-07-24") is None and when_problem("1920") is None
    assert when_problem("1920-13-01") == "'1920-13-01' is not a date"
    assert "not an ISO date" in (when_problem("July 1920") or "")
