"""The manuscript fixture, end to end: the autograph (TEI) → collation with the printed edition →
variant decisions → the English apparatus → export. The apparatus says in English what the Russian
witness shows, for each kind of mark (golden files); the shipped project is what the build gives."""

from __future__ import annotations

import filecmp
import zipfile
from pathlib import Path

import pytest
from cli_helpers import run_main
from export_support import check_golden
from manuscript_support import ADDRESS, PROJECT, build

from workbench.core.apparatus import apparatus_notes
from workbench.core.mark_attributes import Attributes
from workbench.core.markup import Mark, runs_of
from workbench.core.variants.marks import describe
from workbench.core.variants.readings import document_variants
from workbench.storage.corpus import Corpus

A = "the autograph"


@pytest.mark.parametrize(("kind", "attributes", "parts", "expected"), [
    ("add", Attributes(place="above", medium="pencil"), ["срочно"],
     "In the autograph, «срочно» is added above the line in pencil."),
    ("add", Attributes(place="margin", hand="Stalin"), ["и броневики"],
     "In the autograph, «и броневики» is added in the margin in Stalin’s hand."),
    ("subst", Attributes(place="above"), ["беспорядок", "развал"],
     "In the autograph, «беспорядок» is crossed out and «развал» written above the line."),
    ("subst", Attributes(), ["а", "б"], "In the autograph, «а» is crossed out and «б» written in its place."),
    ("u", Attributes(), ["Прошу"], "In the autograph, «Прошу» is underlined."),
    ("uu", Attributes(), ["немедленно"], "In the autograph, «немедленно» is underlined twice."),
    ("sp", Attributes(), ["крайне"], "In the autograph, «крайне» is letter-spaced for emphasis."),
    ("unclear", Attributes(cert="low"), ["восемь", "девять"],
     "In the autograph, «восемь» is hard to read (reading uncertain); it may also read «девять»."),
    ("unclear", Attributes(), ["Камышин"], "In the autograph, «Камышин» is hard to read."),
    ("gap", Attributes(reason="illegible", extent="2 words"), [], "In the autograph, two words are illegible."),
    ("gap", Attributes(reason="illegible", extent="1 line"), [], "In the autograph, one line is illegible."),
    ("gap", Attributes(reason="damaged"), [], "In the autograph, the text is lost to damage here."),
    ("margin", Attributes(kind="resolution", place="margin", hand="Lenin"), ["Согласен. Ленин"],
     "In the autograph, a resolution in the margin in Lenin’s hand: «Согласен. Ленин»."),
    ("margin", Attributes(kind="note", place="top"), ["Срочно"],
     "In the autograph, a note at the top of the page: «Срочно»."),
    ("hand", Attributes(hand="Lenin", medium="pencil"), [],
     "In the autograph, from here on in Lenin’s hand, in pencil."),
    ("hand", Attributes(medium="red-pencil"), [], "In the autograph, from here on in red pencil."),
    ("pb", Attributes(kind="folio", n="2об."), [], "In the autograph, folio 2об. begins here."),
    ("pb", Attributes(n="3"), [], "In the autograph, page 3 begins here."),
    ("abbr", Attributes(), ["т.", "товарищу"], "In the autograph, «т.» is abbreviated; it stands for «товарищу»."),
    ("sic", Attributes(), ["Обещаного", "Обещанного"],
     "In the autograph, «Обещаного» is so written, for «Обещанного»."),
])
def test_each_kind_of_mark_is_said_in_english(kind: str, attributes: Attributes, parts: list[str],
                                              expected: str) -> None:
    assert describe(kind, attributes, parts, A) == expected


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("fixture") / "project")


def _load(root: Path):  # type: ignore[no-untyped-def]
    corpus = Corpus(root)
    ref = corpus.parse_address(ADDRESS)
    meta = corpus.read_meta(ref)
    return meta, corpus.open_state(ref), {w.siglum: corpus.read_witness(ref, w.siglum) for w in meta.witnesses}


def test_the_apparatus_of_the_fixture(built: Path) -> None:
    meta, state, witnesses = _load(built)
    notes = apparatus_notes(meta, state, witnesses)
    check_golden("manuscripts/telegram-apparatus.txt",
                 "".join(f"{n.variant}\t{n.anchor}\t{n.text}\n" for n in notes))
    kinds = {n.variant.rsplit(".", 1)[-1] for n in notes}
    # every kind of mark the autograph uses speaks, except the folio break an editor chose to omit
    assert kinds >= {"abbr", "subst", "add", "unclear", "gap", "u", "uu", "sic", "sp", "margin"}
    assert "pb" not in kinds
    assert all("pending" not in n.text and "not aligned" not in n.text for n in notes)


def test_collation_and_decisions_of_the_fixture(built: Path) -> None:
    meta, state, witnesses = _load(built)
    variants = {v.id: v for v in document_variants(meta, state, witnesses)}
    assert variants["ru-autograph.p1.28"].readings == {"ru-autograph@before": "товарищу",
                                                      "ru-autograph@after": "товарищу", "ru-printed": "тов."}
    assert variants["ru-autograph.p2.119+"].readings["ru-printed"] == "железной"
    assert variants["ru-autograph.p3.77"].kind == "struck-passage"
    # the illegible words of the autograph and the printed edition's «[2 слова неразб.]» agree: no variant
    assert not [v for v in variants.values() if "неразб" in " ".join(v.readings.values())]
    assert all(v.status == "resolved" for v in variants.values())
    printed = runs_of(witnesses["ru-printed"])
    gap = next(r for r in printed if r.text == "[2 слова неразб.]")
    assert Mark.GAP in gap.marks and Mark.SUPPLIED not in gap.marks
    label = next(r for r in printed if r.text == "[Резолюция на полях:]")
    assert Mark.MARGIN in label.marks and Mark.SUPPLIED not in label.marks


def test_export_of_the_fixture(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_main(built, ["export", "--format", "md,txt", ADDRESS, "--out", str(tmp_path)], capsys)
    assert result.returncode == 0, result.stderr
    check_golden("manuscripts/telegram.md", (tmp_path / "manuscripts" / "telegram.md").read_text(encoding="utf-8"))
    check_golden("manuscripts/telegram.txt", (tmp_path / "manuscripts" / "telegram.txt").read_text(encoding="utf-8"))


def test_the_shipped_project_is_what_the_build_gives(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = Path("texts") / "manuscripts" / "telegram"
    for name in ("document.yaml", "ru-autograph.txt", "ru-printed.txt", "en-fixture.txt"):
        assert filecmp.cmp(PROJECT / folder / name, built / folder / name, shallow=False), name
    result = run_main(PROJECT, ["validate"], capsys)
    assert result.returncode == 0, result.stdout + result.stderr
    shipped = _load(PROJECT)
    fresh = _load(built)
    assert [lk.source + lk.target for lk in shipped[1].links] == [lk.source + lk.target for lk in fresh[1].links]
    assert [(d.action, d.target, d.after) for d in shipped[1].decisions] == \
        [(d.action, d.target, d.after) for d in fresh[1].decisions]


def test_reading_and_diplomatic_exports(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = {}
    for view in ("reading", "diplomatic"):
        out = tmp_path / view
        result = run_main(built, ["export", "--format", "md,html,txt,docx", "--text", view, ADDRESS, "--out",
                                  str(out)], capsys)
        assert result.returncode == 0, result.stderr
        texts[view] = {ext: (out / "manuscripts" / f"telegram.{ext}").read_text(encoding="utf-8")
                       for ext in ("md", "html", "txt")}
        check_golden(f"manuscripts/telegram-{view}.md", texts[view]["md"])
        with zipfile.ZipFile(out / "manuscripts" / "telegram.docx") as package:
            document = package.read("word/document.xml").decode("utf-8")
        assert '<w:u w:val="single"/>' in document and '<w:u w:val="double"/>' in document
        assert '<w:spacing w:val="60"/>' in document
    reading, diplomatic = texts["reading"]["txt"], texts["diplomatic"]["txt"]
    assert "to Comrade Lenin." in reading and "to Com. Lenin." in diplomatic
    assert "but a complete breakdown on" in reading and "but ⟦disorder⟧⟨a complete breakdown⟩ on" in diplomatic
    assert "⟨Today⟩ eight" in diplomatic and " Today eight" in reading
    assert "‖ f. 2 ‖ The situation" in diplomatic and "‖" not in reading
    assert "[hand: Lenin, pencil] [margin: Resolution:" in diplomatic and "[hand:" not in reading
    assert "we shall send […] more" in reading and "we shall send […] more" in diplomatic
    for view in texts:
        html = texts[view]["html"]
        assert "<u>I ask</u>" in html and '<u class="double">immediately</u>' in html
        assert '<span class="spaced">extremely tense</span>' in html
