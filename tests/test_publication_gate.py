"""The gate before publication: ``export`` refuses (exit 1, one line per blocker, nothing written) a
document with an unresolved variant, unconfirmed links, an open merge conflict, a note without a marker,
metadata edited by hand or open QA errors; ``--draft`` writes anyway and marks every output as a draft;
what is published carries no workflow words."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from cli_helpers import run_main
from export_support import docx_dump

from workbench.core.export.formats import EditionCache
from workbench.core.export.gate import blockers
from workbench.core.models import Conflict
from workbench.storage.corpus import Corpus
from workbench.storage.exporters import load_document, plan_export

NO92 = "bolshevik-correspondence/092"
WORDS = ("The whole question lies in the indicated circumstance, and not in the organization of a special "
         "Revolutionary Military Council for the Crimea.")
WORKFLOW = ("without a reference", "pending", "unconfirmed", "Notes without")


def _confirm_all(project: Path, address: str, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = Corpus(project)
    state = corpus.open_state(corpus.parse_address(address))
    for link in state.links:
        run = run_main(project, ["decide", address, link.id, "confirm", "--author", "A. Editor"], capsys)
        assert run.returncode == 0


def test_export_refuses_the_unreviewed_document_one_line_per_blocker(project: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = project / "out"
    run = run_main(project, ["export", "--format", "md,html", NO92, "--out", str(out)], capsys)
    assert run.returncode == 1
    blocked = [line for line in run.stderr.splitlines() if line.startswith("blocked: ")]
    assert len(blocked) == 5
    assert blocked[0].startswith(f"blocked: {NO92}: variant: variant V1 (struck-passage) is unresolved")
    assert blocked[1] == (f"blocked: {NO92}: unconfirmed: 18 of 18 links are not confirmed: L1, L2, L3, L4, L5, L6, "
                          "L7, L8, L9, L10, L11, L12 … (+6)")
    assert blocked[2].startswith(f"blocked: {NO92}: note: note 1 of the en-mt witness has no reference in the text")
    # open QA errors (issue 10's checks), one line each as 'workbench qa' prints it
    assert blocked[3] == (f"blocked: {NO92}: qa: {NO92} archival_reference archival-reference error: RTSKHIDNI: the "
                          "collection spells this repository RTsKhIDNI [0:9] → RTsKhIDNI")
    assert blocked[4].startswith(f"blocked: {NO92}: qa: {NO92} archival_reference archival-reference error: “On.”")
    assert "nothing written: 5 blocker(s) in 1 document(s)" in run.stderr
    assert not out.exists()  # nothing written, not even the folder


def test_reviewed_no92_publishes_without_draft_marks_or_workflow_words(project: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(project, ["decide-variant", NO92, "V1", "mark", WORDS, "--witness", "en-mt", "--evidence",
                              "1996 ed., p. 148", "--author", "A. Editor"], capsys).returncode == 0
    # the QA errors on the archival reference are answered by a metadata decision (the checks judge it)
    assert run_main(project, ["decide-meta", NO92, "archival_reference", "RTsKhIDNI. F. 558. Op. 1. D. 1868. "
                              "L. 2-4. Autograph.", "--reason", "as printed", "--author", "A. Editor"],
                    capsys).returncode == 0
    _confirm_all(project, NO92, capsys)
    out = project / "out"
    run = run_main(project, ["export", "--format", "md,html,txt,docx,tei", NO92, "--out", str(out)], capsys)
    assert run.returncode == 0, run.stderr
    assert "blocked" not in run.stderr and "draft" not in run.stderr
    folder = out / "bolshevik-correspondence"
    md = (folder / "092.md").read_text(encoding="utf-8")
    assert md.startswith("# No. 92.") and "DRAFT" not in md
    assert "[^1]: Text in italics was crossed out" in md  # the witness's note hangs on the marked words
    for name in ("092.md", "092.html", "092.txt"):
        text = (folder / name).read_text(encoding="utf-8")
        assert not [w for w in WORKFLOW if w in text], name
    assert 'status="draft"' not in (folder / "092.xml").read_text(encoding="utf-8")
    with zipfile.ZipFile(folder / "092.docx") as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    assert "<dc:creator>A. Editor</dc:creator>" in core and "python-docx" not in core


def test_draft_writes_every_format_marked_as_a_draft(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = project / "out"
    run = run_main(project, ["export", "--draft", "--format", "md,html,txt,docx,tei", NO92, "udhr/udhr",
                             "--out", str(out)], capsys)
    assert run.returncode == 0
    assert f"draft: {NO92}: variant: variant V1" in run.stderr
    folder = out / "bolshevik-correspondence"
    assert (folder / "092.md").read_text(encoding="utf-8").startswith("**DRAFT — not for publication**\n\n# No. 92")
    assert (folder / "092.txt").read_text(encoding="utf-8").startswith("DRAFT — not for publication\n\nNo. 92")
    assert '<p class="draft-watermark">DRAFT — not for publication</p>' in (folder / "092.html").read_text(
        encoding="utf-8")
    assert docx_dump(folder / "092.docx").startswith("Normal|center: **DRAFT — not for publication**\n")
    tei = (folder / "092.xml").read_text(encoding="utf-8")
    assert '<revisionDesc status="draft">' in tei
    # the note nothing refers to is listed after the text in a draft, under its label, with no heading
    md = (folder / "092.md").read_text(encoding="utf-8")
    assert "\nNote 1. Text in italics" in md and "without a reference" not in md
    po = run_main(project, ["export", "--draft", "--format", "po", "udhr/udhr", "--out", str(out)], capsys)
    assert po.returncode == 0
    assert '"X-Workbench-Draft: yes\\n"' in (out / "udhr" / "udhr.po").read_text(encoding="utf-8")


def test_po_and_tmx_are_not_gated(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = project / "out"
    run = run_main(project, ["export", "--format", "po,tmx", "udhr/udhr", "--out", str(out)], capsys)
    assert run.returncode == 0 and "blocked" not in run.stderr
    assert "X-Workbench-Draft" not in (out / "udhr" / "udhr.po").read_text(encoding="utf-8")


def test_qa_errors_and_hand_edits_block(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = Corpus(project)
    ref = corpus.parse_address("bolshevik-correspondence/093")
    _confirm_all(project, str(ref), capsys)
    assert run_main(project, ["decide-meta", str(ref), "archival_reference", "RTsKhIDNI. F. 558. Op. 1. D. 1875. "
                              "L. 1. Handwritten text on a telegraph form.", "--reason", "as printed"],
                    capsys).returncode == 0
    doc = load_document(corpus, ref)
    assert blockers(doc, EditionCache(doc, "note").raw()) == []
    # an open merge conflict (issue 11) blocks too, and names the command that resolves it
    conflict = Conflict("C1", ("L2",), ("D-x",), (), "both edited the English of L2")
    conflicted = replace(doc, state=replace(doc.state, conflicts=(conflict,)))
    assert [b.line for b in blockers(conflicted, EditionCache(conflicted, "note").raw())] == [
        "bolshevik-correspondence/093: conflict: merge conflict C1 is open (both edited the English of L2); "
        "resolve it (workbench conflicts bolshevik-correspondence/093)"]
    plan = plan_export([doc], ["md"], project / "out", "note", "2025-01-01T00:00:00.000Z",
                       qa=lambda d: [f"{d.address} L2: number 1920 not in the English"])
    assert [b.line for b in plan.blockers] == [
        "bolshevik-correspondence/093: qa: bolshevik-correspondence/093 L2: number 1920 not in the English"]
    path = corpus.doc_dir(ref) / "document.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Telegram", "title: A telegram", 1), encoding="utf-8")
    doc = load_document(corpus, ref)
    (blocker,) = blockers(doc, EditionCache(doc, "note").raw())
    assert blocker.kind == "metadata" and "differs from what was received" in blocker.message
