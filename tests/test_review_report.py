"""The review report (``workbench report``): link by link, the word diff MT → edition with author, time
and reason, the comments, the variant decisions with their evidence, metadata corrections and editors'
notes — as HTML, or PDF through WeasyPrint."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_main
from lxml import html as lxml_html

NO92 = "bolshevik-correspondence/092"


def test_report_of_one_document(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    steps = [
        ["decide", NO92, "L4", "edit", "--text", "Another setback on the Wrangel Front is due to the late approach of "
         "fresh divisions from the north, which can concentrate no earlier than August 10.", "--reason",
         "mistranslation", "--author", "A. Editor"],
        ["decide", NO92, "L4", "comment", "--text", "“setback” as in the 1996 English edition",
         "--author", "B. Reader"],
        ["decide-variant", NO92, "V1", "mark", "The last one is redundant in my opinion .", "--witness", "en-mt",
         "--evidence", "1996 ed., p. 148", "--certainty", "0.8", "--author", "A. Editor"],
        ["decide", NO92, "L4", "annotate", "--anchor", "Wrangel Front", "--text", "The southern front.",
         "--author", "A. Editor"],
    ]
    for step in steps:
        assert run_main(project, step, capsys).returncode == 0
    out = project / "report.html"
    run = run_main(project, ["report", NO92, "--out", str(out)], capsys)
    assert run.returncode == 0 and "(1 document(s), 1 link(s) changed or commented)" in run.stdout
    page = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    (row,) = page.xpath("//table[@class='changes']/tr[@id='bolshevik-correspondence/092-L4']")
    cells = row.findall("td")
    assert cells[0].text == "L4 (auto)"
    assert [d.text for d in cells[1].findall("del")] == ["failure", "belated"]
    assert [i.text for i in cells[1].findall("ins")] == ["setback", "late"]
    decisions = [div.text for div in cells[2].findall("div")]
    assert decisions[0].startswith("edit: A. Editor, 20") and decisions[0].endswith("— mistranslation")
    assert decisions[1].startswith("comment (B. Reader, ") and "as in the 1996 English edition" in decisions[1]
    text = page.text_content()
    assert "variant-mark V1 · words: “The last one is redundant in my opinion .” · evidence: 1996 ed., p. 148 · " \
           "certainty 0.8" in text
    assert "E1 on L4 at “Wrangel Front” (explanatory; A. Editor" in text


def test_report_of_a_collection_as_pdf(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("weasyprint")
    assert run_main(project, ["decide-meta", "bolshevik-correspondence/091", "archival_reference",
                              "RTsKhIDNI. F. 558. Op. 1. D. 5551. L. 3-4. Autograph.", "--reason", "as printed",
                              "--author", "A. Editor"], capsys).returncode == 0
    html_out, pdf_out = project / "r.html", project / "r.pdf"
    assert run_main(project, ["report", "--collection", "bolshevik-correspondence", "--out", str(html_out)],
                    capsys).returncode == 0
    text = lxml_html.fromstring(html_out.read_text(encoding="utf-8")).text_content()
    assert text.count("No. 9") == 9 and "No. 100." in text and "Metadata corrections" in text
    assert "archival_reference: RTSHIDNI;RTsKhIDNI. F. 558. OnOp. 1." in " ".join(text.split())
    assert run_main(project, ["report", "--collection", "bolshevik-correspondence", "--format", "pdf", "--out",
                              str(pdf_out)], capsys).returncode == 0
    assert pdf_out.read_bytes().startswith(b"%PDF")
    assert run_main(project, ["decide", "bolshevik-correspondence/094", "L7", "qa-waive", "--check", "glossary",
                              "--reason", "kept as the telegram reads", "--author", "B. Reader"],
                    capsys).returncode == 0
    assert run_main(project, ["report", "bolshevik-correspondence/094", "--out", str(html_out)], capsys).returncode == 0
    page = lxml_html.fromstring(html_out.read_text(encoding="utf-8"))
    (waiver,) = page.xpath("//ul[@class='waivers']/li")
    assert waiver.text.startswith("L7: glossary — kept as the telegram reads (B. Reader, ")
    run = run_main(project, ["report", "--out", str(project / "x.html")], capsys)
    assert run.returncode == 2 and "name documents" in run.stderr
