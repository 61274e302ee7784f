"""Golden files for every export format on the fixture project (tests/data/export/project).

demo/letter has a Russian autograph with a crossed-out sentence (its English published in ⟦ ⟧ by a
variant-policy decision), an English ~~word~~ added by an edit, italics, a supplied name, an
omission, a note, edits, and links confirmed, flagged and rejected; demo/pending has no source and
words marked struck by a variant-mark, plus a note without a reference. Rewrite the golden files
with ``WORKBENCH_UPDATE_GOLDEN=1`` after an intended change, and read the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from export_support import check_golden, copy_fixture, docx_dump, export

TEXT_FORMATS = {"md": ".md", "html": ".html", "txt": ".txt", "tei": ".xml", "tmx": ".tmx", "po": ".po"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("golden")
    root = copy_fixture(tmp)
    out = tmp / "out"
    export(root, ["md", "html", "docx", "txt", "tei", "tmx", "po"], out)
    return out / "demo"


@pytest.mark.parametrize("fmt", sorted(TEXT_FORMATS))
@pytest.mark.parametrize("doc", ["letter", "pending"])
def test_text_formats_match_golden(exported: Path, fmt: str, doc: str) -> None:
    path = exported / f"{doc}{TEXT_FORMATS[fmt]}"
    if fmt in ("tmx", "po") and doc == "pending":
        assert not path.exists()  # no source: these formats skip the document
        return
    check_golden(f"{doc}{TEXT_FORMATS[fmt]}", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("doc", ["letter", "pending"])
def test_docx_structure_matches_golden(exported: Path, doc: str) -> None:
    check_golden(f"{doc}.docx.txt", docx_dump(exported / f"{doc}.docx"))


UNICODE = ("Cyrillic", "«хорошее»"), ("white square brackets", "⟦ ⟧"), ("curly quotes", "“good”")


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "tei", "tmx", "po", "docx"])
def test_unicode_survives_every_format(exported: Path, fmt: str) -> None:
    path = exported / f"letter{TEXT_FORMATS.get(fmt, '.docx')}"
    text = docx_dump(path) if fmt == "docx" else path.read_text(encoding="utf-8")
    for what, sample in UNICODE:
        assert sample in text, f"{what} lost in {fmt}"
    assert "Первое" in text or fmt in ("md", "html", "txt", "docx")  # the Russian travels where it belongs


def test_docx_has_real_footnotes_headings_italics_and_strike(exported: Path) -> None:
    dump = docx_dump(exported / "letter.docx")
    assert dump.startswith("Heading1: No. 7. Letter from A. to B.")
    assert "*urgently*" in dump  # italics
    # a real footnote part; the labels 1, a, b (witness's own, then the editor's) as custom marks
    assert "[^1=1]" in dump and "footnote 1: ^{1} Underlined *twice*." in dump
    assert "[^2=a]" in dump and "footnote 2: ^{a} The passage in ⟦ ⟧" in dump
    assert "Normal|right: Moscow, 12/V." in dump  # the place line, right-aligned


def test_pending_document_still_publishes(exported: Path) -> None:
    md = (exported / "pending.md").read_text(encoding="utf-8")
    # the marked words left out, noted; the witness's note about them hangs where they were
    assert "The enemy is tired.[^a][^1] The rest can wait[^2]." in md
    assert "[^a]: In the original the following passage is crossed out (evidence: 1996 ed., p. 148): " \
           "‘We must strike at once.’ — Ed." in md
    assert "[^1]: Text in italics" in md and "without a reference" not in md
