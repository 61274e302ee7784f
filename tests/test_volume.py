"""A whole volume: ``export --volume --collection C`` writes the collection's documents in order with
front matter (title page, editors, editorial conventions, abbreviations, contents) and back matter
(index of names and places, archival sources) as Markdown, HTML pages, a teiCorpus and a PDF; it
passes the same publication gate as single documents."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cli_helpers import run_main
from export_support import PROJECT_RNG

from workbench.storage.corpus import Corpus

C = "bolshevik-correspondence"


@pytest.fixture()
def volume(project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run_main(project, ["decide", f"{C}/092", "L4", "annotate", "--anchor", "Wrangel Front", "--text",
                              "The southern front.", "--author", "A. Editor"], capsys).returncode == 0
    run = run_main(project, ["export", "--volume", "--draft", "--collection", C, "--format", "md,html,tei",
                             "--out", str(project / "out")], capsys)
    assert run.returncode == 0, run.stderr
    assert "volume of 10 document(s): md, html, tei" in run.stdout
    return project / "out" / C


def test_the_unreviewed_collection_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_main(project, ["export", "--volume", "--collection", C, "--format", "md", "--out",
                             str(project / "out")], capsys)
    assert run.returncode == 1
    assert f"blocked: {C}/092: variant: variant V1 (struck-passage) is unresolved" in run.stderr
    assert "nothing written" in run.stderr and not (project / "out").exists()


def test_volume_formats_are_checked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_main(project, ["export", "--volume", "--draft", "--collection", C, "--format", "po", "--out",
                             str(project / "o")], capsys)
    assert run.returncode == 2 and "'po' is not a volume format" in run.stderr
    run = run_main(project, ["export", "--volume", "--format", "md", "--out", str(project / "o")], capsys)
    assert run.returncode == 2 and "--volume takes --collection C" in run.stderr


def test_markdown_volume(volume: Path) -> None:
    md = (volume / "volume.md").read_text(encoding="utf-8")
    heads = re.findall(r"^## (.+)$", md, re.MULTILINE)
    assert heads[:3] == ["Editorial conventions", "Abbreviations", "Contents"]
    assert heads[-2:] == ["Index of names and places", "Archival sources"]
    numbers = re.findall(r"^## No\. (\d+)\.", md, re.MULTILINE)
    assert numbers == [str(n) for n in range(91, 101)]  # the documents in order
    assert "Notes of the source edition keep the numbers it prints." in md
    assert "The editors' notes are lettered (a, b, c …) and end with “— Ed.”." in md
    assert "- **F.** fond (collection)" in md
    assert "Edited by A. Editor" in md
    # notes of different documents never share a label
    assert "Wrangel Front[^92.a]" in md and "[^92.a]: The southern front. — Ed." in md
    labels = re.findall(r"^\[\^([^\]]+)\]:", md, re.MULTILINE)
    assert len(labels) == len(set(labels))
    # the collection glossary's terms (their English), by document number
    assert "- Budyonny (person): 91, 94, 95, 98\n" in md and "- Crimea (place): 92\n" in md
    assert "- Aleksandrovsk (place): 92\n" in md
    assert "- No. 91: RTSHIDNI; F. 558. On. 1. D. 5551. L. 3-4. Autograph." in md


def test_html_volume_pages_link_to_each_other(volume: Path) -> None:
    pages = volume / "volume"
    assert sorted(p.name for p in pages.iterdir()) == [f"{n:03d}.html" for n in range(91, 101)] + ["index.html"]
    index = (pages / "index.html").read_text(encoding="utf-8")
    assert '<a href="091.html">No. 91. Telegram from J. V. Stalin to V. I. Lenin</a>' in index
    assert "Index of names and places" in index and "Archival sources" in index
    page = (pages / "092.html").read_text(encoding="utf-8")
    assert 'href="index.html" rel="index"' in page and 'href="091.html" rel="prev"' in page
    assert 'href="093.html" rel="next"' in page and '<article class="edition">' in page


needs_jing = pytest.mark.skipif(shutil.which("jing") is None, reason="jing not installed")


@needs_jing
def test_tei_corpus_is_valid_and_its_ids_unique(volume: Path) -> None:
    path = volume / "volume.xml"
    text = path.read_text(encoding="utf-8")
    assert text.count("<TEI ") == 10 and "<teiCorpus" in text
    assert 'xml:id="d092-en-t1"' in text and 'wit="#d092-wit-original"' not in text
    result = subprocess.run(["jing", str(PROJECT_RNG), str(path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
def test_pdf_volume_has_contents_with_pages_and_running_heads(project: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("weasyprint")
    note = "The front against the army of Wrangel in the south."
    assert run_main(project, ["decide", f"{C}/092", "L4", "annotate", "--anchor", "Wrangel Front", "--text", note,
                              "--author", "A. Editor"], capsys).returncode == 0
    out = project / "out"
    run = run_main(project, ["export", "--volume", "--draft", "--collection", C, "--format", "pdf", "--out",
                             str(out)], capsys)
    assert run.returncode == 0, run.stderr
    pdf = out / C / "volume.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60,
                          check=True).stdout
    pages = text.split("\f")
    assert re.search(r"No\. 91\. Telegram from J\. V\. Stalin to V\. I\. Lenin \.+ \d+", text)  # contents, pages
    # a running head: the document's heading at the top of a page that continues it
    assert sum(1 for p in pages if p.strip().startswith("No. 91. Telegram from J. V. Stalin to V. I. Lenin")) >= 2
    # notes at the foot of the page that refers to them, once: the editors' note on No. 92 and its source note
    (page,) = [p for p in pages if "Wrangel Fronta is due" in p]
    assert f"a {note} — Ed." in page and "2 In connection with the failures on the Polish" in page
    assert text.count(note) == 1


def test_docx_volume(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    from export_support import docx_dump

    assert run_main(project, ["decide", f"{C}/092", "L4", "annotate", "--anchor", "Wrangel Front", "--text",
                              "The southern front.", "--author", "A. Editor"], capsys).returncode == 0
    out = project / "out"
    assert run_main(project, ["export", "--volume", "--draft", "--collection", C, "--format", "docx", "--out",
                              str(out)], capsys).returncode == 0
    path = out / C / "volume.docx"
    dump = docx_dump(path)
    assert dump.startswith("Normal|center: **DRAFT — not for publication**\nTitle: Bolshevik leadership")
    headings = re.findall(r"^Heading1: (No\. \d+)\.", dump, re.MULTILINE)
    assert headings == [f"No. {n}" for n in range(91, 101)]
    ids = re.findall(r"^footnote (\d+):", dump, re.MULTILINE)
    assert len(ids) == len(set(ids)) > 10  # numbered across the documents
    assert "Wrangel Front[^" in dump and "=a] is due" in dump
    with zipfile.ZipFile(path) as z:
        headers = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/header")]
        core = z.read("docProps/core.xml").decode("utf-8")
    assert any('STYLEREF "Heading 1"' in h for h in headers)  # the running head: the current document
    assert "<dc:creator>A. Editor</dc:creator>" in core


def test_the_index_says_what_each_glossary_term_names(project: Path) -> None:
    """The seed glossary's kinds reach the volume's index: Lvov is a place, Wrangel a person."""
    from workbench.storage.volume_export import read_glossary

    corpus = Corpus(project)
    kinds = {t.english: t.kind for t in read_glossary(corpus, C)}
    assert kinds["Lvov"] == "place" and kinds["Wrangel"] == "person" and kinds["Kharkov"] == "place"
    assert set(kinds.values()) <= {"person", "place", "institution"}


def test_the_index_names_people_the_name_check_finds(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A person named with initials whom the glossary does not list is indexed, with the initials the volume
    uses most; a person the glossary lists is indexed once, under the glossary's form."""
    for doc, link, text in ((f"{C}/093", "L1", "A. A. Ioffe has arrived. Stalin."),
                            (f"{C}/095", "L2", "Tell A. A. Ioffe, and Ioffe, A. A., and A. I. Ioffe.")):
        assert run_main(project, ["decide", doc, link, "edit", "--text", text, "--author", "ed"],
                        capsys).returncode == 0
    run = run_main(project, ["export", "--volume", "--draft", "--collection", C, "--format", "md", "--out",
                             str(project / "o")], capsys)
    assert run.returncode == 0, run.stderr
    md = (project / "o" / C / "volume.md").read_text(encoding="utf-8")
    assert "- Ioffe, A. A. (person): 93, 95\n" in md and "A. I. Ioffe (person)" not in md
    assert "- Stalin (person):" in md and "Stalin, " not in md.split("## Index", 1)[1]
