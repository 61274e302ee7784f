"""Sound TEI for the edition: the heading and ``docDate@when`` kept, the MT recoverable for every edited
link (``app type="edit"``: the edited English as ``lem`` with its editor, the MT as the ``rdg`` of the
MT witness), a struck passage attributed to the witness the author struck it in (never the
translation), one apparatus representation per variant, the marking editor, certainty and evidence,
editors' notes as ``note type="editorial" resp``. Checked with jing against the project's schema
always, and against TEI's tei_all when ``../shared`` has it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cli_helpers import run_main
from export_support import PROJECT_RNG, TEI_ALL, parse_xml

from workbench.core.export.tei import TEI_NS

NO92 = "bolshevik-correspondence/092"
WORDS = ("The whole question lies in the indicated circumstance, and not in the organization of a special "
         "Revolutionary Military Council for the Crimea.")
EDITED = "Another setback on the Wrangel front is due to the late arrival of fresh divisions from the north."
NS = {"t": TEI_NS}
needs_jing = pytest.mark.skipif(shutil.which("jing") is None, reason="jing (Debian package jing) not installed")


@pytest.fixture()
def tei_out(project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """No. 92 with its V1 marked (certainty, evidence), L4 edited and annotated; No. 91's archival
    reference corrected; the collection exported as TEI (a draft: not every link is confirmed)."""
    steps = [
        ["decide-variant", NO92, "V1", "mark", WORDS, "--witness", "en-mt", "--evidence", "1996 ed., p. 148",
         "--certainty", "0.9", "--author", "A. Editor"],
        ["decide", NO92, "L4", "edit", "--text", EDITED, "--reason", "style", "--author", "B. Reader"],
        ["decide", NO92, "L4", "annotate", "--anchor", "Wrangel front", "--kind", "biographical", "--text",
         "Baron P. N. Wrangel (1878–1928), commander of the White army in the Crimea.", "--author", "A. Editor"],
        ["decide-meta", "bolshevik-correspondence/091", "archival_reference",
         "RTsKhIDNI. F. 558. Op. 1. D. 5551. L. 3-4. Autograph.", "--reason", "as printed", "--author", "A. Editor"],
        ["export", "--draft", "--format", "tei", "--collection", "bolshevik-correspondence", "udhr/udhr",
         "garnett-stories/khameleon", "--out", str(project / "out")],
    ]
    for step in steps:
        run = run_main(project, step, capsys)
        assert run.returncode == 0, (step, run.stderr)
    return project / "out"


def test_no92_tei_keeps_heading_date_mt_and_attributes_the_deletion(tei_out: Path) -> None:
    root = parse_xml(tei_out / "bolshevik-correspondence" / "092.xml")
    div = root.find(".//t:div[@type='translation']", NS)
    assert div.find("t:head", NS).text == "No. 92. Telegram from I. V. Stalin to L. D. Trotsky"
    date = div.find("t:docDate", NS)
    assert (date.get("when"), date.text) == ("1920-07-26", "July 26 [1920]")
    assert div.find("t:opener/t:dateline", NS) is not None
    # the MT of the edited link is recoverable, as the reading of the MT witness
    (edit,) = root.findall(".//t:app[@type='edit']", NS)
    assert edit.find("t:lem", NS).get("resp") == "#ed-b.-reader"
    assert "".join(edit.find("t:lem", NS).itertext()).startswith("Another setback on the Wrangel front")
    rdg = edit.find("t:rdg", NS)
    assert rdg.get("wit") == "#wit-en-mt" and rdg.text.startswith("Another failure on the Wrangel Front is due")
    # the struck passage: the author's deletion in the original, not a reading of the translation
    (struck,) = root.findall(".//t:app[@type='struck-passage']", NS)
    reading = struck.find("t:rdg", NS)
    assert reading.get("wit") == "#wit-original" and reading.get("resp") == "#ed-a.-editor"
    assert reading.find("t:certainty", NS).get("degree") == "0.9"
    assert struck.find("t:note[@type='evidence']", NS).text == "1996 ed., p. 148"
    witnesses = {w.get("{http://www.w3.org/XML/1998/namespace}id") for w in root.findall(".//t:listWit/t:witness", NS)}
    assert "wit-original" in witnesses
    # one apparatus representation: V1 is inline, so no apparatus division repeats it
    assert not [a for a in root.findall(".//t:listApp/t:app", NS) if a.get("n") == "V1"]
    # the editors' note, with its editor in respStmt
    (note,) = root.findall(".//t:note[@type='editorial']", NS)
    assert (note.get("subtype"), note.get("resp")) == ("biographical", "#ed-a.-editor")
    names = [p.text for p in root.findall(".//t:respStmt/t:persName", NS)]
    assert "A. Editor" in names and "B. Reader" in names
    tei91 = (tei_out / "bolshevik-correspondence" / "091.xml").read_text(encoding="utf-8")
    assert "<repository>RTsKhIDNI</repository>" in tei91
    assert '<revisionDesc status="draft">' in tei91


def _jing(schema: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["jing", str(schema), *map(str, files)], capture_output=True, text=True, timeout=300)


@needs_jing
def test_tei_is_valid_against_the_project_schema_with_jing(tei_out: Path, tmp_path: Path) -> None:
    files = sorted(tei_out.glob("*/*.xml"))
    assert len(files) == 12
    result = _jing(PROJECT_RNG, files)
    assert result.returncode == 0, result.stdout
    broken = tmp_path / "broken.xml"
    broken.write_text(files[1].read_text(encoding="utf-8").replace('type="edit"', 'type="edited"'), encoding="utf-8")
    assert _jing(PROJECT_RNG, [broken]).returncode != 0


@needs_jing
@pytest.mark.skipif(not TEI_ALL.exists(), reason="tei_all.rng lives only in ../shared/schemas")
def test_tei_is_valid_against_tei_all_with_jing(tei_out: Path) -> None:
    result = _jing(TEI_ALL, sorted(tei_out.glob("*/*.xml")))
    assert result.returncode == 0, result.stdout
