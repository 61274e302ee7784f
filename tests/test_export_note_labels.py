"""Note labels in the publication formats: the witness's notes keep their printed labels, the
editor's notes (apparatus, struck-text notes) take letters no witness note uses, so no two notes of a
page share a label — No. 92 after its struck passage is marked from the printed edition — and the
apparatus names the witness and the evidence the words were marked from."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from export_support import docx_dump

from workbench.cli import main
from workbench.core.export.model import Block, Edition, EditionNote, Inline, SegmentPiece, WitnessLayout
from workbench.core.export.plan import letter_labels, plan

NO92 = "bolshevik-correspondence/092"
WORDS = ("The whole question lies in the indicated circumstance, and not in the organization of a special "
         "Revolutionary Military Council for the Crimea.")
EVIDENCE = "1996 ed., p. 148"


@pytest.fixture()
def no92_bracketed(project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """No. 92 with V1 marked in en-mt from the printed edition and published in ⟦ ⟧, exported."""
    root = ["--root", str(project)]
    assert main(root + ["decide-variant", NO92, "V1", "mark", WORDS, "--witness", "en-mt", "--evidence", EVIDENCE,
                        "--reason", "printed-edition", "--author", "ed"]) == 0
    assert main(root + ["decide-variant", NO92, "V1", "policy", "bracket", "--author", "ed"]) == 0
    out = project / "out"
    assert main(root + ["export", "--draft", "--format", "md,html,txt,docx,tei", NO92, "--out", str(out)]) == 0
    capsys.readouterr()
    return out / "bolshevik-correspondence"


def test_no92_md_labels_do_not_collide(no92_bracketed: Path) -> None:
    md = (no92_bracketed / "092.md").read_text(encoding="utf-8")
    # the witness's note 1 speaks of the struck words: once they are marked it hangs on them
    assert f"⟦{WORDS}⟧[^1][^a]" in md
    refs = re.findall(r"\[\^([^\]]+)\](?!:)", md)
    defined = re.findall(r"^\[\^([^\]]+)\]:", md, re.MULTILINE)
    assert sorted(refs) == sorted(defined) == ["1", "2", "a"]
    assert "Note 1." not in md and "without a reference" not in md
    assert f"[^a]: The passage in ⟦ ⟧ is crossed out in the original (evidence: {EVIDENCE})." in md
    (apparatus,) = [line for line in md.splitlines() if line.startswith("[^a]:")]
    assert "autograph" not in apparatus  # marked in the English from the book: no autograph was seen


def test_no92_html_txt_docx_tei_labels_do_not_collide(no92_bracketed: Path) -> None:
    html = (no92_bracketed / "092.html").read_text(encoding="utf-8")
    assert re.findall(r'class="fnref"><a href="#fn\d" id="fnref\d">([^<]+)</a>', html) == ["1", "a", "2"]
    assert re.findall(r'<li id="fn\d"><p><span class="label">([^<]+)</span>', html) == ["1", "a", "2"]
    assert "Note 1." not in html
    txt = (no92_bracketed / "092.txt").read_text(encoding="utf-8")
    assert f"⟦{WORDS}⟧[1][a]" in txt and "\n[a] The passage in ⟦ ⟧ is crossed out in the original" in txt
    assert "\n[2] In connection" in txt and "\n[1] Text in italics" in txt and "Note 1." not in txt
    dump = docx_dump(no92_bracketed / "092.docx")
    assert "[^1=1][^2=a]" in dump and "[^3=2]" in dump  # Word shows the labels, not its own 1, 2
    assert "footnote 2: ^{a} The passage in ⟦ ⟧ is crossed out in the original (evidence: 1996 ed., p. 148)." \
        in dump
    with zipfile.ZipFile(no92_bracketed / "092.docx") as z:
        assert b'w:customMarkFollows="1"' in z.read("word/document.xml")
    tei = (no92_bracketed / "092.xml").read_text(encoding="utf-8")
    assert 'n="2" type="witness"' in tei and 'n="1" type="witness"' in tei
    assert '<app type="struck-passage" n="V1"' in tei
    assert "unreferenced" not in tei
    assert f"crossed out in the original (evidence: {EVIDENCE})." in tei


def _note(key: str, label: str, kind: str, referenced: bool = True) -> EditionNote:
    return EditionNote(key, label, kind, (Block("body", 0, (SegmentPiece("", None, (Inline(f"{kind} {label}"),)),)),),
                       referenced)


def test_editor_letters_skip_the_witness_labels() -> None:
    assert letter_labels(3, {"1", "B"}) == ["a", "c", "d"]
    assert letter_labels(28, set())[25:] == ["z", "aa", "ab"]
    refs = tuple(Inline("", frozenset(), key) for key in ("apparatus-V1", "b", "struck-1"))
    body = (Block("body", 0, (SegmentPiece("t1", "L1", (Inline("Text."),) + refs),)),)
    notes = (_note("b", "b", "witness"), _note("a", "a", "witness", referenced=False),
             _note("apparatus-V1", "V1", "apparatus"), _note("struck-1", "1", "struck"))
    ed = Edition("c/d", "1", "T", "", "", "", "", WitnessLayout("en", "en", body, notes), None, ())
    p = plan(ed)
    assert [p.label(n.key) for _, n in p.notes] == ["c", "b", "d"]  # a and b belong to the witness
    assert [n.label for n in p.loose] == ["a"] and not p.sequential
