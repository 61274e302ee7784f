"""Manuscript marks: additions, substitutions, underlining, letter-spacing, unclear, gaps, marginalia,
hand shifts, page breaks, abbreviations, sic; printed editions' formulas; reading and diplomatic text;
collation per mark."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.errors import MarkupError
from workbench.core.markup import (
    Escape,
    Italic,
    Mark,
    PrintedGap,
    PrintedMargin,
    Struck,
    Tagged,
    Text,
    diplomatic_text,
    parse,
    render,
    render_nodes,
    runs,
    runs_of,
)
from workbench.core.variants.layers import has_layers, struck_passages
from workbench.core.variants.tokens import tokenise

EVERY_MARK = (
    "Прошу {add above pencil hand=Stalin|срочно} {subst|выслать|направить} {u|важно} {uu|очень} "
    "{sp|разрядка} {unclear low|Царицын|Камышин} {gap illegible 2 words} {hand Lenin pencil}"
    "{pb folio 2об.}{abbr|т.|товарищ} {sic|Тцарицина|Царицына}\n\n"
    "{margin resolution Lenin|Согласен. Ленин}"
)


def test_every_mark_round_trips_and_has_its_mark() -> None:
    doc = parse(EVERY_MARK)
    assert render(doc) == EVERY_MARK
    by_text = {r.text or r.hidden: r for r in runs(doc)}
    assert Mark.ADDITION in by_text["срочно"].marks
    assert by_text["срочно"].elements[-1].attributes.place == "above"
    assert by_text["срочно"].elements[-1].attributes.medium == "pencil"
    assert by_text["срочно"].elements[-1].attributes.hand == "Stalin"
    assert Mark.REPLACED in by_text["выслать"].marks and Mark.REPLACEMENT in by_text["направить"].marks
    assert by_text["выслать"].elements[-1].start == by_text["направить"].elements[-1].start  # one unit
    assert Mark.UNDERLINE in by_text["важно"].marks
    assert Mark.DOUBLE_UNDERLINE in by_text["очень"].marks
    assert Mark.SPACED in by_text["разрядка"].marks
    assert by_text["Царицын"].elements[-1].attributes.cert == "low"
    assert Mark.ALTERNATIVE in by_text["Камышин"].marks and by_text["Камышин"].text == ""
    gap = next(r for r in runs(doc) if Mark.GAP in r.marks)
    assert (gap.elements[-1].attributes.reason, gap.elements[-1].attributes.extent) == ("illegible", "2 words")
    shift = next(r for r in runs(doc) if Mark.HAND_SHIFT in r.marks)
    assert (shift.elements[-1].attributes.hand, shift.elements[-1].attributes.medium) == ("Lenin", "pencil")
    page = next(r for r in runs(doc) if Mark.PAGE_BREAK in r.marks)
    assert (page.elements[-1].attributes.kind, page.elements[-1].attributes.n) == ("folio", "2об.")
    assert Mark.EXPANSION in by_text["товарищ"].marks
    assert Mark.CORRECTION in next(r for r in runs(doc) if r.hidden == "Царицына").marks
    margin = by_text["Согласен. Ленин"]
    assert Mark.MARGIN in margin.marks
    assert (margin.elements[-1].attributes.kind, margin.elements[-1].attributes.hand) == ("resolution", "Lenin")


def test_reading_and_diplomatic_text() -> None:
    all_runs = runs_of(EVERY_MARK)
    from workbench.core.markup import reading_text

    diplomatic = diplomatic_text(all_runs)
    reading = reading_text(all_runs)
    assert "выслать направить" in diplomatic and "выслать" not in reading
    assert "т." in diplomatic and "товарищ" not in diplomatic
    assert "товарищ" in reading and "Царицына" not in diplomatic
    assert "Тцарицина" in diplomatic and "Тцарицина" not in reading
    assert "Камышин" not in reading and "Камышин" not in diplomatic
    assert "[…]" in reading and "срочно" in reading


@pytest.mark.parametrize("formula", ["[неразб.]", "[2 слова неразб.]", "[нрзб]", "[текст поврежден]"])
def test_printed_gap_formulas_are_gaps_not_supplied(formula: str) -> None:
    text = f"Прошу {formula} выслать"
    doc = parse(text)
    assert render(doc) == text
    gap = next(n for n in doc.body if isinstance(n, PrintedGap))
    assert gap.raw == formula
    marks = {m for r in runs(doc) for m in r.marks}
    assert Mark.GAP in marks and Mark.SUPPLIED not in marks


def test_printed_gap_extent_in_english() -> None:
    doc = parse("[2 слова неразб.] и [одна строка неразб.]")
    gaps = [n for n in doc.body if isinstance(n, PrintedGap)]
    assert [g.attributes.extent for g in gaps] == ["2 words", "1 line"]
    assert parse("[текст поврежден]").body[0].attributes.reason == "damaged"  # type: ignore[union-attr]


def test_printed_marginal_resolution_is_a_margin_note_to_the_end_of_its_paragraph() -> None:
    text = "Текст.\n\n[Резолюция на полях:] Согласен. *Ленин*\n\nДальше."
    doc = parse(text)
    assert render(doc) == text
    margin = next(n for n in doc.body if isinstance(n, PrintedMargin))
    assert margin.label == "[Резолюция на полях:]"
    assert margin.attributes.kind == "resolution" and margin.attributes.place == "margin"
    assert render_nodes(margin.children) == " Согласен. *Ленин*"
    after = [r for r in runs(doc) if r.text.endswith("Дальше.")]
    assert after and Mark.MARGIN not in after[0].marks
    label = next(r for r in runs(doc) if r.text == "[Резолюция на полях:]")
    assert {Mark.EDITORIAL, Mark.MARGIN} <= label.marks and Mark.SUPPLIED not in label.marks


def test_ordinary_supplied_brackets_are_unchanged() -> None:
    doc = parse("Predrevsov[et] Trotsky, July 24 [1920]")
    assert {m for r in runs(doc) for m in r.marks} == {Mark.SUPPLIED}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{add above|срочно", "never closed"),
        ("{add colour=red|x}", "has no attribute 'colour'"), ("{u above|x}", "takes no head words"),
        ("{subst|only}", "takes 2 part(s)"),
        ("{add|}", "empty part"),
        ("{gap illegible|x}", "takes 0 part(s)"),
        ("{pb}", "needs the number"),
        ("{hand}", "needs a hand"),
        ("{u|*a}*", "still open"),
        ("{unclear cert=high cert=low|x}", "two values"),
    ],
)
def test_bad_marks_are_refused_with_a_place(text: str, message: str) -> None:
    with pytest.raises(MarkupError) as err:
        parse(text)
    assert message in str(err.value)
    assert err.value.location is not None and err.value.location.line == 1


def test_bar_and_braces_outside_marks() -> None:
    assert render(parse("a | b")) == "a | b"
    for literal in ("{foo|x}", "a } b", "Stalin. {unclosed", "{address}", "{}"):
        doc = parse(literal)
        assert render(doc) == literal
        assert "".join(r.text for r in runs(doc)) == literal
    assert "".join(r.text for r in runs(parse("a | b \\{ \\}"))) == "a | b { }"


def test_nesting_inside_marks() -> None:
    text = "{add above|*срочно* ~~не~~}"
    doc = parse(text)
    assert render(doc) == text
    struck = next(r for r in runs(doc) if r.text == "не")
    assert {Mark.ADDITION, Mark.STRUCK} <= struck.marks


_words = st.text(alphabet="абвгд ,.x", min_size=1, max_size=5).map(Text)
_heads = {
    "add": ["", " above", " margin pencil", " below hand=Lenin"],
    "subst": ["", " above ink"],
    "u": [""],
    "uu": [""],
    "sp": [""],
    "unclear": ["", " low", " cert=medium damaged"],
    "margin": ["", " resolution Lenin", " note top"],
    "abbr": [""],
    "sic": [""],
}
_atoms = st.sampled_from([
    Tagged("gap", " illegible 2 words", ()), Tagged("hand", " Lenin pencil", ()), Tagged("pb", " folio 3", ()),
    Tagged("pb", " 2", ()), PrintedGap("[неразб.]"), PrintedGap("[3 слова неразб.]"), Escape("|"), Escape("{"),
    PrintedMargin("[Резолюция на полях:]", (Text(" Согласен"),)), Text("{x"), Text(" } | "),
])


def _tagged(children: st.SearchStrategy) -> st.SearchStrategy:
    parts_of = {"add": 1, "subst": 2, "u": 1, "uu": 1, "sp": 1, "unclear": 2, "margin": 1, "abbr": 2, "sic": 2}

    @st.composite
    def build(draw: st.DrawFn) -> Tagged:
        name = draw(st.sampled_from(sorted(parts_of)))
        head = draw(st.sampled_from(_heads[name]))
        count = draw(st.integers(1, parts_of[name])) if name in ("unclear", "abbr", "sic") else parts_of[name]
        parts = tuple(tuple(draw(st.lists(children, min_size=1, max_size=3))) for _ in range(count))
        return Tagged(name, head, parts)

    return build()


_inline = st.recursive(
    st.one_of(_words, _atoms),
    lambda children: st.one_of(
        _tagged(children),
        st.lists(children, min_size=1, max_size=3).map(lambda c: Struck(tuple(c))),
        st.lists(children, min_size=1, max_size=3).map(lambda c: Italic(tuple(c))),
    ),
    max_leaves=10,
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_inline, min_size=1, max_size=5))
def test_generated_manuscript_marks_round_trip(nodes: list) -> None:
    text = render_nodes(tuple(nodes))
    try:
        doc = parse(text)
    except MarkupError:
        return  # neighbouring generated marks can merge ("*" next to "*"); refused cleanly
    assert render(doc) == text
    # the runs tile the raw text: each starts where the one before ended
    all_runs = runs(doc)
    for before, after in zip(all_runs, all_runs[1:], strict=False):
        assert before.end <= after.start


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab {}|~*[]\\\n" + "неразб. ", max_size=40))
def test_round_trip_with_braces_and_bars(source: str) -> None:
    try:
        doc = parse(source)
    except MarkupError:
        return
    assert render(doc) == source


def test_collation_counts_an_addition_as_text_and_a_deletion_as_a_layer() -> None:
    text = "Прошу {add above|срочно} {subst|выслать|направить} {abbr|т.|товарищ} Сталина"
    assert has_layers(text)
    # the substitution's crossed-out words are a layer, but its own mark (not a struck passage) speaks of them
    assert struck_passages("ru-a", text) == ()
    assert [p.text for p in struck_passages("ru-a", text + " ~~вчера~~")] == ["вчера"]
    after = [t.form for t in tokenise(text, "after")]
    before = [t.form for t in tokenise(text, "before")]
    assert after == ["Прошу", "срочно", "направить", "товарищ", "Сталина"]
    assert before == ["Прошу", "срочно", "выслать", "направить", "товарищ", "Сталина"]


def test_the_collation_table_parts_a_substitutions_words() -> None:
    from workbench.core.variants.table import Cell, pieces

    text = "мешает {subst|беспорядок|развал} на"
    shown = "".join(p.text for p in pieces(text, Cell("ru-a@before", 0, len(text), "", ()), "before"))
    assert shown == "мешает беспорядок развал на"
    shown = "".join(p.text for p in pieces(text, Cell("ru-a@after", 0, len(text), "", ()), "after"))
    assert shown == "мешает развал на"


def test_collation_skips_the_printed_formula_and_counts_a_gap_as_one_token() -> None:
    tokens = tokenise("[Резолюция на полях:] Согласен. [2 слова неразб.] Ленин")
    assert [t.text for t in tokens] == ["Согласен", ".", "[2 слова неразб.]", "Ленин"]
