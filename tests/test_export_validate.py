"""Exports checked by the validators their formats have: msgfmt (PO), the TMX 1.4b DTD, the project's
TEI schema (always) and TEI's tei_all (when ../shared has it), plus structural checks that need
nothing outside the project."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from export_support import (
    NOW,
    PROJECT_RNG,
    TEI_ALL,
    TMX_DTD,
    copy_fixture,
    export,
    parse_xml,
    restricted_tei_all,
    run,
)
from lxml import etree

from workbench.core.export.tei import TEI_NS

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (gettext) not installed")
needs_xmllint = pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint (libxml2-utils) not installed")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("validate")
    root = copy_fixture(tmp)
    export(root, ["tei", "tmx", "po"], tmp / "out")
    return tmp / "out" / "demo"


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus (texts/, alignments/ of the project) exported as TEI, TMX and PO."""
    from conftest import PROJECT

    from workbench.storage.corpus import Corpus
    from workbench.storage.exporters import load_document, plan_export, write_export

    tmp = tmp_path_factory.mktemp("sample")
    for name in ("texts", "alignments"):
        shutil.copytree(PROJECT / name, tmp / name, ignore=shutil.ignore_patterns("*.journal", ".*.lock"))
    corpus = Corpus(tmp)
    docs = [load_document(corpus, ref) for ref in corpus.documents()]
    write_export(plan_export(docs, ["tei", "tmx", "po"], tmp / "out", "note", NOW))
    return tmp / "out"


@needs_msgfmt
def test_po_passes_msgfmt_check(out: Path, sample_out: Path) -> None:
    files = [out / "letter.po", *sorted(sample_out.glob("*/*.po"))]
    assert len(files) >= 5  # letter, udhr and the three stories (the seed's documents have no source)
    for path in files:
        result = run("msgfmt", "--check", "-o", "/dev/null", str(path))
        assert result.returncode == 0, f"{path.name}: {result.stderr}"


def test_po_header_is_complete_and_entries_as_documented(out: Path) -> None:
    po = polib.pofile(str(out / "letter.po"))
    for key in ("Project-Id-Version", "POT-Creation-Date", "PO-Revision-Date", "Last-Translator", "Language-Team",
                "Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms"):
        assert po.metadata.get(key), key
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    entries = {e.msgctxt: e for e in po}
    assert len(entries) == 8  # one per link
    l3, l5, l8 = entries["demo/letter/L3"], entries["demo/letter/L5"], entries["demo/letter/L8"]
    assert not l3.fuzzy and l3.tcomment == "Ann Editor: Check «хорошее» against the autograph."
    assert "MT: First: the situation is “good” («хорошее»)[^1]." in l3.comment  # MT English as #.
    assert "#: ru-autograph:s3 en-mt:t3\n" in (out / "letter.po").read_text(encoding="utf-8")  # witness:segment
    assert l5.fuzzy and "status: flagged" in l5.comment
    assert l8.fuzzy and "status: rejected" in l8.comment  # PO has no rejected state
    assert all("workbench-stamp: " in e.comment for e in po)


@needs_xmllint
@pytest.mark.skipif(not TMX_DTD.exists(), reason="the TMX 1.4b DTD lives only in ../shared/schemas")
def test_tmx_is_valid_against_the_tmx14_dtd(out: Path, sample_out: Path) -> None:
    for path in [out / "letter.tmx", *sorted(sample_out.glob("*/*.tmx"))]:
        result = run("xmllint", "--noout", "--nonet", "--dtdvalid", str(TMX_DTD), str(path))
        assert result.returncode == 0, f"{path.name}: {result.stderr}"


def test_tmx_structure_without_the_dtd(out: Path) -> None:
    root = parse_xml(out / "letter.tmx")
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attr), attr
    units = root.findall("body/tu")
    assert [tu.get("tuid") for tu in units] == ["L1", "L2", "L3", "L6", "L7"]  # confirmed links only
    for tu in units:
        children = [c.tag for c in tu]
        assert children[-2:] == ["tuv", "tuv"] and set(children[:-2]) <= {"note", "prop"}  # (note|prop)*, tuv+
        assert tu.find("prop[@type='x-status']").text == "confirmed"
        assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["ru", "en"]
        assert all(tuv.find("seg").text for tuv in tu.findall("tuv"))
    assert units[2].find("note").text == "Ann Editor: Check «хорошее» against the autograph."


def _project_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(PROJECT_RNG)))


def test_tei_is_valid_against_the_project_schema(out: Path, sample_out: Path) -> None:
    schema = _project_schema()
    files = [out / "letter.xml", out / "pending.xml", *sorted(sample_out.glob("*/*.xml"))]
    assert len(files) == 16
    for path in files:
        assert schema.validate(parse_xml(path)), f"{path.name}: {schema.error_log}"


@pytest.mark.parametrize("breakage", [
    ("<opener>", "<opener><foo/>"),                                   # an element the profile lacks
    ('type="translation"', 'type="translation" bogus="1"'),          # an unknown attribute
    ('<seg xml:id="en-t3">', '<seg>'),                               # a segment without its id
    ('type="confirmed" target="#ru-s1 #en-t1"', 'type="approved" target="#ru-s1 #en-t1"'),  # no such status
])
def test_project_schema_rejects_broken_tei(out: Path, breakage: tuple[str, str]) -> None:
    text = (out / "letter.xml").read_text(encoding="utf-8")
    assert breakage[0] in text
    broken = etree.fromstring(text.replace(breakage[0], breakage[1], 1).encode("utf-8"))
    assert not _project_schema().validate(broken)


@needs_xmllint
@pytest.mark.skipif(not TEI_ALL.exists(), reason="tei_all.rng lives only in ../shared/schemas")
def test_tei_is_valid_against_tei_all(out: Path, sample_out: Path, tmp_path: Path) -> None:
    schema = restricted_tei_all(tmp_path / "tei_all_restricted.rng")
    files = [out / "letter.xml", out / "pending.xml", *sorted(sample_out.glob("*/*.xml"))]
    result = run("xmllint", "--noout", "--nonet", "--relaxng", str(schema), *map(str, files))
    assert result.returncode == 0, result.stderr
    broken = tmp_path / "broken.xml"
    broken.write_text((out / "letter.xml").read_text(encoding="utf-8").replace("<opener>", "<opener><foo/>"),
                      encoding="utf-8")
    assert run("xmllint", "--noout", "--nonet", "--relaxng", str(schema), str(broken)).returncode != 0


def test_tei_structure(out: Path) -> None:
    root = parse_xml(out / "letter.xml")
    ns = {"t": TEI_NS}
    assert root.find("t:teiHeader/t:fileDesc/t:titleStmt/t:respStmt/t:persName", ns) is not None
    names = [p.text for p in root.findall(".//t:respStmt/t:persName", ns)]
    assert names == ["Ann Editor", "Boris Reviewer"]  # the decision authors
    ident = root.find(".//t:msIdentifier", ns)
    assert ident.find("t:repository", ns).text == "RGASPI"
    assert {a.get("type"): a.find("t:idno", ns).text for a in ident.findall("t:altIdentifier", ns)} == {
        "fond": "558", "inventory": "1", "file": "42", "folios": "3-4"}
    assert [w.get("n") for w in root.findall(".//t:listWit/t:witness", ns)] == ["ru-autograph", "en-mt"]
    divs = root.findall("t:text/t:body/t:div", ns)
    assert [(d.get("type"), d.get(XML_LANG)) for d in divs[:2]] == [("edition", "ru"), ("translation", "en")]
    assert len(divs) == 2  # one apparatus representation: the struck passage's app carries its note
    links = root.findall(".//t:linkGrp/t:link", ns)
    assert len(links) == 8 and links[0].get("target") == "#ru-s1 #en-t1"
    ru = divs[0]
    assert ru.find(".//t:app[@type='struck-passage']/t:rdg/t:del[@rend='strikethrough']", ns) is not None
    assert ru.find(".//t:app[@type='struck-passage']/t:note", ns).text == ("The passage in ⟦ ⟧ is crossed out in the "
                                                                          "autograph.")
    assert {h.text for h in ru.findall(".//t:hi[@rend='italic']", ns)} == {"срочно", "дважды"}
    assert ru.find(".//t:supplied", ns).text == "орису"
    assert ru.find(".//t:gap[@reason='omitted']", ns) is not None
    assert ru.find(".//t:note[@n='1']/t:seg", ns).get("{http://www.w3.org/XML/1998/namespace}id") == "ru-s8"
    changes = root.findall(".//t:revisionDesc/t:change", ns)
    assert len(changes) == 12 and changes[0].get("who") == "#ed-ann-editor"  # latest first
    pending = parse_xml(out / "pending.xml")
    assert [d.get("type") for d in pending.findall("t:text/t:body/t:div", ns)] == ["translation"]


@pytest.mark.parametrize("text", ["plain", 'quote " and backslash \\ and tab\there', "«ёлка» ⟦ ⟧ “x”",
                                  "two\nlines", "trailing newline\n", "nel\x85here", "", "~~x~~ [^2] [...]"])
def test_fast_po_entries_write_what_polib_writes(text: str) -> None:
    from workbench.core.export.po import _Entry

    kwargs = dict(msgctxt="c/d/L1", msgid="Первое " + text, msgstr=text, comment="workbench-stamp: a.b\nstatus: auto",
                  tcomment="Ann: " + text.replace("\n", " "), occurrences=[("ru-a", "s1"), ("en-mt", "t1")],
                  flags=["fuzzy"])
    assert _Entry(**kwargs).__unicode__(0) == polib.POEntry(**kwargs).__unicode__(0)
    assert _Entry(**kwargs).__unicode__(78) == polib.POEntry(**kwargs).__unicode__(78)
