"""import-tei: each supported element read into the markup, unsupported ones refused with name and
line (or kept as text with --lenient, each reported), the XML read safely; import-tei → export tei
keeps every supported element, and the export validates (project schema; tei_all with jing when
../shared has it)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from cli_helpers import run_main
from export_support import PROJECT_RNG, TEI_ALL, run
from lxml import etree
from manuscript_support import ADDRESS, AUTOGRAPH, build

from workbench.core.errors import FormatError
from workbench.core.markup import parse, render
from workbench.core.received.tei import read_tei
from workbench.storage.corpus import Corpus

TEI = "http://www.tei-c.org/ns/1.0"
needs_jing = pytest.mark.skipif(shutil.which("jing") is None, reason="jing not installed")


def tei(body: str) -> bytes:
    return (f'<TEI xmlns="{TEI}" xml:lang="ru"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
            f"<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
            f"<text><body>{body}</body></text></TEI>").encode()


@pytest.mark.parametrize(("body", "markup"), [
    ('<p>а <add place="above" rend="pencil" hand="#Stalin">б</add> в</p>', "а {add above pencil hand=Stalin|б} в"),
    ("<p><subst><del>а</del><add place=\"above\">б</add></subst></p>", "{subst above|а|б}"),
    ('<p><hi rend="underline">а</hi> <hi rend="double-underline">б</hi> <hi rend="spaced">в</hi></p>',
     "{u|а} {uu|б} {sp|в}"),
    ('<p><hi rend="italic">а</hi> <del rend="strikethrough">б</del> <supplied>в</supplied></p>', "*а* ~~б~~ [в]"),
    ('<p><unclear cert="low" reason="damaged">а</unclear></p>', "{unclear low damaged|а}"),
    ('<p><choice><unclear cert="medium">а</unclear><unclear>б</unclear></choice></p>', "{unclear medium|а|б}"),
    ('<p>а <gap reason="illegible" extent="2 words"/></p>', "а {gap illegible 2 words}"),
    ('<p>а <gap reason="illegible"><desc>[2 слова неразб.]</desc></gap></p>', "а [2 слова неразб.]"),
    ('<p><note place="margin" type="resolution" resp="#Lenin">Согласен</note></p>',
     "{margin margin resolution hand=Lenin|Согласен}"),
    ('<p><handShift new="#Lenin" medium="pencil"/>а</p>', "{hand hand=Lenin pencil}а"),
    ('<p><pb n="2 об." type="folio"/>а</p>', "{pb folio 2 об.}а"),
    ("<p><choice><abbr>т.</abbr><expan>товарищ</expan></choice></p>", "{abbr|т.|товарищ}"),
    ("<p><choice><sic>Тцарицын</sic><corr>Царицын</corr></choice> <sic>так</sic></p>",
     "{sic|Тцарицын|Царицын} {sic|так}"),
    ("<p>а<lb/>б</p><p>в * [г]</p>", "а\nб\n\nв \\* \\[г\\]"),
    ('<div><head>Заголовок</head><p><seg xml:id="s1">а</seg></p></div>', "Заголовок\n\nа"),
])
def test_each_element_becomes_its_mark(body: str, markup: str) -> None:
    found = read_tei(tei(body), "t.xml")
    assert found.witness_text == markup + "\n"
    assert render(parse(found.witness_text)) == found.witness_text
    assert found.skipped == []


@pytest.mark.parametrize(("body", "name", "line"), [
    ("<p>а\n<persName>Ленин</persName></p>", "<persName>", 2),
    ('<p>\n\n<hi rend="bold">а</hi></p>', "<hi> with rend='bold'", 3),
    ("<p><note>а</note></p>", "<note> without a place", 1),
    ("<list><item>а</item></list>", "<list>", 1),
])
def test_an_unsupported_element_is_refused_with_its_name_and_line(body: str, name: str, line: int) -> None:
    with pytest.raises(FormatError) as err:
        read_tei(tei(body), "t.xml")
    assert f"t.xml:{line}: {name} is not supported by import-tei; --lenient keeps its text" == str(err.value)
    assert err.value.location is not None and err.value.location.line == line
    found = read_tei(tei(body), "t.xml", lenient=True)
    assert [f"<{s.name}>" for s in found.skipped] == [name.replace("> ", " ", 1) + (">" if "> " in name else "")]
    assert "а" in found.witness_text or "Ленин" in found.witness_text


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x "boom">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
    b'<!DOCTYPE TEI SYSTEM "http://example.org/tei.dtd"><TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
])
def test_dtds_and_entities_are_refused(data: bytes) -> None:
    with pytest.raises(FormatError, match="DOCTYPE and ENTITY"):
        read_tei(data, "t.xml")


def test_other_roots_and_empty_bodies_are_refused() -> None:
    with pytest.raises(FormatError, match="expected TEI's <TEI>"):
        read_tei(b"<udhr/>", "t.xml")
    with pytest.raises(FormatError, match="no paragraph"):
        read_tei(tei(""), "t.xml")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("ms") / "project")


def test_cli_refuses_an_unsupported_element_and_writes_nothing(project: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(tei("<p>а</p>\n<p><persName>Ленин</persName></p>"))
    before = sorted(p.name for p in (project / "texts" / "manuscripts" / "telegram").iterdir())
    args = ["import-tei", str(bad), "--collection", "manuscripts", "--doc", "telegram", "--siglum", "ru-copy"]
    result = run_main(project, args, capsys)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"workbench: {bad}:2: <persName> is not supported by import-tei; --lenient "
                                     "keeps its text")
    assert sorted(p.name for p in (project / "texts" / "manuscripts" / "telegram").iterdir()) == before
    result = run_main(project, [*args, "--lenient", "--description", "a copy"], capsys)
    assert result.returncode == 0, result.stderr
    assert f"{bad}:2: <persName> kept as its text only (--lenient)" in result.stderr
    assert "1 element(s) kept as text" in result.stdout
    corpus = Corpus(project)
    assert corpus.read_witness(corpus.parse_address(ADDRESS), "ru-copy") == "а\n\nЛенин\n"


def _inventory(root: etree._Element) -> Counter[tuple[str, tuple[tuple[str, str], ...]]]:
    """Each supported element with the attributes the import reads (a note's hand as @resp)."""
    keep = {"add", "subst", "del", "hi", "unclear", "gap", "note", "handShift", "pb", "choice", "abbr", "expan",
            "sic", "corr", "supplied"}
    out: Counter[tuple[str, tuple[tuple[str, str], ...]]] = Counter()
    for el in root.iter(f"{{{TEI}}}*"):
        name = etree.QName(el).localname
        if name in keep:
            attrs = tuple(sorted((k, v) for k, v in el.attrib.items() if k != "rend" or name != "del"))
            out[(name, attrs)] += 1
    return out


def test_import_then_export_keeps_every_supported_element(project: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    # a draft: the freshly imported telegram has links and variants nobody decided yet
    args = ["export", "--draft", "--format", "tei", ADDRESS, "--out", str(tmp_path / "out")]
    result = run_main(project, args, capsys)
    assert result.returncode == 0, result.stderr
    exported = etree.parse(str(tmp_path / "out" / "manuscripts" / "telegram.xml")).getroot()
    edition = exported.find(f".//{{{TEI}}}div[@type='edition']")
    assert edition is not None
    source = etree.parse(str(AUTOGRAPH)).getroot().find(f".//{{{TEI}}}body")
    assert source is not None
    wanted = _inventory(source)
    got = _inventory(edition)
    # the exporter writes a struck passage as an app/rdg variant holding its del: the same del, kept
    assert {k for k in wanted} <= {k for k in got}, sorted(set(wanted) - set(got))
    assert len(wanted) == 18  # every kind of element of the fixture, each with its attributes
    for key, count in wanted.items():
        if key[0] != "note":  # the resolution is written once per sentence it holds
            assert got[key] == count, key
    # and the exported edition reads back to the same witness text
    again = read_tei((tmp_path / "out" / "manuscripts" / "telegram.xml").read_bytes(), "x.xml")
    original = read_tei(AUTOGRAPH.read_bytes(), "a.xml").witness_text
    assert again.witness_text == original
    schema = etree.RelaxNG(etree.parse(str(PROJECT_RNG)))
    assert schema.validate(exported), schema.error_log


@needs_jing
def test_export_validates_with_jing_against_the_project_schema(project: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    run_main(project, ["export", "--draft", "--format", "tei", ADDRESS, "--out", str(tmp_path)], capsys)
    result = run("jing", str(PROJECT_RNG), str(tmp_path / "manuscripts" / "telegram.xml"))
    assert result.returncode == 0, result.stdout


@needs_jing
@pytest.mark.skipif(not TEI_ALL.exists(), reason="tei_all.rng lives only in ../shared/schemas")
def test_fixture_and_export_validate_against_tei_all(project: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    run_main(project, ["export", "--draft", "--format", "tei", ADDRESS, "--out", str(tmp_path)], capsys)
    result = run("jing", str(TEI_ALL), str(AUTOGRAPH), str(tmp_path / "manuscripts" / "telegram.xml"))
    assert result.returncode == 0, result.stdout


def test_a_printed_editions_formulas_are_encoded_as_gap_and_margin_note() -> None:
    from workbench.core.export.inline import markup_inlines
    from workbench.core.export.tei_marks import write_marked

    def leaf(parent: etree._Element, items: list) -> None:  # type: ignore[type-arg]
        text = "".join(i.text for i in items)
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    p = etree.Element(f"{{{TEI}}}p", nsmap={None: TEI})  # type: ignore[dict-item]
    write_marked(p, markup_inlines("ещё [2 слова неразб.] и [Резолюция на полях:] Согласен. Ленин"), leaf)
    xml = etree.tostring(p, encoding="unicode").replace(f' xmlns="{TEI}"', "")
    assert xml == ('<p>ещё <gap reason="illegible" extent="2 words"><desc>[2 слова неразб.]</desc></gap> и '
                   '<note place="margin" type="resolution"><label>[Резолюция на полях:]</label> Согласен. Ленин'
                   "</note></p>")
    found = read_tei(tei(xml), "t.xml")  # and read back: the printed formulas as printed
    assert found.witness_text == "ещё [2 слова неразб.] и [Резолюция на полях:] Согласен. Ленин\n"
