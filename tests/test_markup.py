"""Transcription markup: parse/render round trip, spans, located errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.errors import MarkupError
from workbench.core.markup import (
    Escape,
    Italic,
    Mark,
    NoteRef,
    Omission,
    Struck,
    Supplied,
    Text,
    escape,
    parse,
    plain,
    render,
    runs,
)
from workbench.core.received.textcodec import from_witness, to_witness

ALPHABET = "ab ~*[]^\\.:1\n…"


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_render_parse_round_trip_for_every_accepted_input(source: str) -> None:
    try:
        doc = parse(source)
    except MarkupError:
        return
    assert render(doc) == source


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_round_trip_on_arbitrary_unicode(source: str) -> None:
    try:
        doc = parse(source)
    except MarkupError:
        return
    assert render(doc) == source


inline = st.recursive(
    st.one_of(
        st.text(alphabet="abcЖё ,.-\n", min_size=1, max_size=6).map(Text),
        st.sampled_from("~*[]\\^").map(Escape),
        st.sampled_from(["[...]", "[…]", "[... ]"]).map(Omission),
        st.sampled_from(["1", "2", "12"]).map(NoteRef),
    ),
    lambda children: st.one_of(
        st.lists(children, min_size=1, max_size=3).map(lambda c: Struck(tuple(c))),
        st.lists(children, min_size=1, max_size=3).map(lambda c: Italic(tuple(c))),
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(inline, min_size=1, max_size=5))
def test_generated_documents_render_then_parse_to_the_same_text(nodes: list) -> None:
    from workbench.core.markup import render_nodes

    text = render_nodes(tuple(nodes))
    try:
        doc = parse(text)
    except MarkupError:
        # adjacent generated marks can merge ("~~" next to "~~"); such texts must still be refused cleanly
        return
    assert render(doc) == text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_escape_makes_any_text_literal(text: str) -> None:
    doc = parse(escape(text))
    assert plain(runs(doc)) == text
    assert not doc.notes  # an escaped "[^1]: …" line is text, never a note


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_importer_codec_round_trips_and_parses(text: str) -> None:
    marked = to_witness(text)
    parse(marked)
    assert from_witness(marked) == text


def test_spans_of_each_mark() -> None:
    src = "Predrevsov[et] Trotsky, ~~struck *it*~~ [...] x\\*y[^1] end.\n\n[^1]: A note.\n"
    doc = parse(src)
    kinds = {m for r in runs(doc) for m in r.marks}
    assert kinds == {Mark.SUPPLIED, Mark.STRUCK, Mark.ITALIC, Mark.OMISSION, Mark.NOTE_REF}
    assert isinstance(doc.body[1], Supplied)
    assert [n.label for n in doc.notes] == ["1"]
    for run in runs(doc):  # every run points at its own raw text
        raw = src[run.start:run.end]
        if Mark.NOTE_REF in run.marks:
            assert raw == f"[^{run.label}]"
        elif raw.startswith("\\"):
            assert raw[1] == run.text
        else:
            assert raw == run.text
    assert plain(runs(doc)) == "Predrevsov[et] Trotsky, struck it [...] x*y end.\n\nA note.\n"


def test_note_runs_know_their_note() -> None:
    doc = parse("Body.\n\n[^1]: First.\n\n[^2]: Second\ncontinued.\n")
    notes = {r.witness_note for r in runs(doc) if r.text.strip()}
    assert notes == {None, "1", "2"}


@pytest.mark.parametrize(
    ("source", "line", "column", "fragment"),
    [
        ("abc ~~never closed", 1, 5, "never closed"),
        ("line one\n*open italic", 2, 1, "never closed"),
        ("a *b ~~c* d~~", 1, 9, "still open"),
        ("stray ] here", 1, 7, "without an opening"),
        ("[broken\nbracket]", 1, 1, "not closed on its line"),
        ("x [/", 1, 3, "never closed"),
        ("empty ~~~~ span", 1, 7, "empty"),
    ],
)
def test_errors_give_line_and_column(source: str, line: int, column: int, fragment: str) -> None:
    with pytest.raises(MarkupError) as info:
        parse(source)
    err = info.value
    assert (err.location.line, err.location.column) == (line, column)
    assert fragment in err.message


def test_literal_characters_need_escapes_and_keep_them() -> None:
    src = "5 \\* 3 and \\~\\~ and \\[1\\] and back\\\\slash"
    doc = parse(src)
    assert plain(runs(doc)) == "5 * 3 and ~~ and [1] and back\\slash"
    assert render(doc) == src


def test_lone_backslash_is_text() -> None:
    doc = parse("a\\b")
    assert plain(runs(doc)) == "a\\b"
