"""Collation: the fixture's struck passage against a clean witness, the other variant kinds, stable
ids, the side-by-side spans, and (hypothesis) that a witness collated with itself has no variants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from variants_support import FIXTURE, copy_fixture, load

from workbench.core.documents import DocumentMeta, WitnessInfo
from workbench.core.errors import InputError
from workbench.core.markup import parse
from workbench.core.segments import paragraphs
from workbench.core.variants.collate import (
    ADDITION,
    OMISSION,
    STRUCK_PASSAGE,
    SUBSTITUTION,
    TRANSPOSITION,
    collate,
)
from workbench.core.variants.layers import AFTER, BEFORE
from workbench.core.variants.normalise import STRICT, Normalisation
from workbench.core.variants.readings import collate_witnesses, language_groups
from workbench.core.variants.table import rows
from workbench.core.variants.tokens import PARAGRAPH_MARK, layer_tokens

STRUCK_ID = "ru-autograph.p1.66"


def fixture() -> tuple[DocumentMeta, dict[str, str]]:
    """The fixture's metadata and witnesses (read in place: nothing here writes)."""
    _, _, meta, _, texts = load(FIXTURE)
    return meta, texts


def test_struck_passage_collated_against_a_clean_witness() -> None:
    meta, texts = fixture()
    coll = collate_witnesses(meta, texts, ["ru-autograph", "ru-1996"])
    assert coll.names == ("ru-autograph@before", "ru-autograph@after", "ru-1996")
    loc = coll.location(STRUCK_ID)
    assert loc.kind == STRUCK_PASSAGE
    assert loc.reading("ru-autograph@before").text == "Врангель, видимо, знает о переброске и торопится ударить первым."
    assert loc.reading("ru-autograph@after").empty
    assert loc.reading("ru-1996").empty
    groups = loc.groups()
    assert [names for names, _ in groups] == [("ru-autograph@before",), ("ru-autograph@after", "ru-1996")]


def test_all_variant_kinds_of_the_fixture() -> None:
    meta, texts = fixture()
    coll = collate_witnesses(meta, texts, ["ru-autograph", "ru-1996"])
    kinds = {loc.id: loc.kind for loc in coll.locations}
    assert kinds == {
        "ru-autograph.p1.9": TRANSPOSITION,  # «свежих дивизий с севера» / «с севера свежих дивизий»
        "ru-autograph.p1.33+": TRANSPOSITION,
        STRUCK_ID: STRUCK_PASSAGE,
        "ru-autograph.p1.199+": ADDITION,  # «срочно» only in 1996
    }
    assert coll.location("ru-autograph.p1.9").moved == ("ru-autograph.p1.33+",)
    assert coll.location("ru-autograph.p1.199+").reading("ru-1996").text == "срочно"
    # «пятого»/«5», «въ»/«в», «Реввоенсовета»/«реввоенсовета», «[ета]»/«ета» are normalised away
    assert len(coll.locations) == 4


def test_strict_comparison_shows_the_normalised_differences() -> None:
    meta, texts = fixture()
    coll = collate_witnesses(meta, texts, ["ru-autograph@after", "ru-1996"], STRICT)
    readings = {(loc.readings[0].text, loc.readings[1].text) for loc in coll.locations}
    assert ("пятого", "5") in readings
    assert ("Реввоенсовета", "реввоенсовета") in readings
    assert ("въ", "в") in readings
    assert {loc.kind for loc in coll.locations} >= {SUBSTITUTION, TRANSPOSITION}


def test_omission_and_substitution() -> None:
    meta = DocumentMeta("c", "d", witnesses=(WitnessInfo("ru-a", "ru"), WitnessInfo("ru-b", "ru")))
    texts = {"ru-a": "Прошу выслать патроны в Харьков немедленно.", "ru-b": "Прошу прислать патроны в Харьков."}
    coll = collate_witnesses(meta, texts, ["ru-a", "ru-b"])
    assert [(loc.kind, loc.readings[0].text, loc.readings[1].text) for loc in coll.locations] == [
        (SUBSTITUTION, "выслать", "прислать"), (OMISSION, "немедленно.", "")]


def test_ids_do_not_depend_on_the_base_or_the_other_witnesses() -> None:
    meta, texts = fixture()
    alone = collate_witnesses(meta, texts, ["ru-autograph"])
    assert [loc.id for loc in alone.locations] == [STRUCK_ID]
    printed_first = collate_witnesses(meta, texts, ["ru-1996", "ru-autograph"])
    assert STRUCK_ID in [loc.id for loc in printed_first.locations]
    assert printed_first.location(STRUCK_ID).reading("ru-1996").empty
    again = collate_witnesses(meta, texts, ["ru-autograph", "ru-1996"])
    assert [loc.id for loc in again.locations] == [loc.id for loc in collate_witnesses(
        meta, texts, ["ru-autograph", "ru-1996"]).locations]


def test_a_change_stays_inside_its_paragraph_and_paragraphing_alone_is_no_variant() -> None:
    meta = DocumentMeta("c", "d", witnesses=(WitnessInfo("en-a", "en"), WitnessInfo("en-b", "en")))
    texts = {"en-a": "It is true. The last one is redundant in my opinion .\n\nThe loss of Orekhov was expected.",
             "en-b": "It is true.\n\nIn my opinion the latter is redundant.\n\nThe loss of Orekhov was expected."}
    coll = collate_witnesses(meta, texts, ["en-a", "en-b"])
    assert coll.locations
    for loc in coll.locations:
        assert "loss" not in loc.reading("en-b").text and "¶" not in loc.reading("en-a").text
    same_words = {"en-a": "One. Two.\n\nThree.", "en-b": "One.\n\nTwo. Three."}
    assert collate_witnesses(meta, same_words, ["en-a", "en-b"]).locations == ()


def test_one_layer_can_be_collated_and_cited_alone() -> None:
    meta, texts = fixture()
    before = collate_witnesses(meta, texts, ["ru-autograph@before", "ru-1996"])
    after = collate_witnesses(meta, texts, ["ru-autograph@after", "ru-1996"])
    assert before.names == ("ru-autograph@before", "ru-1996")
    # the passage is an omission of the printed text against the first layer, absent from the second
    assert any(loc.id == STRUCK_ID and loc.kind == OMISSION for loc in before.locations)
    assert all(loc.id != STRUCK_ID for loc in after.locations)


def test_collation_refuses_mixed_languages_and_unknown_witnesses() -> None:
    meta, texts = fixture()
    with pytest.raises(InputError, match="different languages"):
        collate_witnesses(meta, texts, ["ru-autograph", "en-mt"])
    with pytest.raises(InputError, match="no witness 'ru-typescript'"):
        collate_witnesses(meta, texts, ["ru-autograph", "ru-typescript"])


def test_side_by_side_rows_map_each_base_segment_to_every_witness() -> None:
    meta, texts = fixture()
    coll = collate_witnesses(meta, texts, ["ru-autograph", "ru-1996"])
    table = {row.segment.id: {c.witness: c.text for c in row.cells} for row in rows(coll, texts)}
    assert table["s2"]["ru-1996"] == "Прибытие с севера свежих дивизий задерживается до 5 августа."
    assert table["s3"] == {"ru-autograph@before": "Врангель, видимо, знает о переброске и торопится ударить первым.",
                           "ru-autograph@after": "", "ru-1996": ""}
    assert table["s5"]["ru-1996"] == "Прошу срочно ускорить отправку патронов в Харьков."
    assert table["s6"]["ru-1996"] == "Сталин."


def test_a_language_with_one_clean_witness_has_nothing_to_collate(tmp_path) -> None:  # type: ignore[no-untyped-def]
    _, _, meta, _, texts = load(copy_fixture(tmp_path))
    assert language_groups(meta, texts) == [("ru", ["ru-autograph", "ru-1996"])]
    clean = {"en-mt": texts["en-mt"], "ru-1996": texts["ru-1996"]}
    assert language_groups(meta, clean) == []
    assert language_groups(meta, {"ru-autograph": texts["ru-autograph"]}) == [("ru", ["ru-autograph"])]


# ---------------------------------------------------------------------------------------- property

WORDS = st.sampled_from(["Москва", "москва", "ещё", "еще", "пятого", "5", "Харьковъ", "и", "в", "the", "fifth",
                         "Trotsky", "[ета]", "Предреввоенсов[ета]", "по-моему", "10-го"])
PIECES = st.one_of(
    WORDS,
    st.sampled_from([",", ".", "—", "...", "[...]", "[^1]", "\\*"]),
    WORDS.map(lambda w: f"~~{w}~~"),
    WORDS.map(lambda w: f"*{w}*"),
    st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяѣіABCxyz0123456789", min_size=1, max_size=8),
)
TEXTS = st.lists(st.tuples(PIECES, st.sampled_from([" ", " ", "", "\n\n", "\n"])), max_size=40).map(
    lambda parts: "".join(p + sep for p, sep in parts))


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.sampled_from([Normalisation(), STRICT]), st.sampled_from([None, BEFORE, AFTER]))
def test_a_witness_collated_with_itself_has_no_variants(text: str, rules: Normalisation, layer: str | None) -> None:
    parse(text)  # every generated text is valid markup
    language = "ru"
    layers = [layer_tokens("ru-a", text, language, layer), layer_tokens("ru-b", text, language, layer)]
    coll = collate(layers, {"ru-a": paragraphs(text), "ru-b": paragraphs(text)}, (), rules)
    assert coll.locations == ()


@settings(max_examples=150, deadline=None)
@given(TEXTS, TEXTS, st.sampled_from([Normalisation(), STRICT]))
def test_locations_account_for_every_difference(a: str, b: str, rules: Normalisation) -> None:
    """Replacing the base's reading by the other's at every location rebuilds the other witness."""
    layers = [layer_tokens("ru-a", a, "ru", BEFORE), layer_tokens("ru-b", b, "ru", AFTER)]
    coll = collate(layers, {"ru-a": paragraphs(a), "ru-b": paragraphs(b)}, (), rules)
    base, other = coll.forms
    rebuilt: list[str] = []
    position = 0
    for loc in coll.locations:
        mine, theirs = loc.readings
        assert mine.first >= position
        assert mine.form != theirs.form
        rebuilt += list(base[position:mine.first]) + list(theirs.form)
        position = mine.last
    rebuilt += base[position:]
    # paragraph breaks anchor the comparison, but paragraphing alone makes no variant
    assert [f for f in rebuilt if f != PARAGRAPH_MARK] == [f for f in other if f != PARAGRAPH_MARK]
    assert len({loc.id for loc in coll.locations}) == len(coll.locations)  # ids are unique
