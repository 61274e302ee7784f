"""Structural operations: each makes one decision that applies, reverts exactly, and redoes."""

from __future__ import annotations

import itertools

import pytest
from ui_helpers import witness_from

from workbench.core import decide
from workbench.core.decisions import Clock, apply
from workbench.core.errors import OperationError
from workbench.core.models import Alignment, Decision, Link, Status, WitnessRef
from workbench.core.operations import (
    default_split,
    delete_empty,
    insert_empty,
    merge_next,
    merge_previous,
    merge_segment,
    shift,
    split_link,
    split_segment,
    swap_previous,
)

SOURCE = [["Первое предложение.", "Второе ~~зачёркнутое~~ предложение.", "Третье *курсивом*."],
          ["Четвёртое[^1] здесь.", "Пятое и шестое. Вместе."]]
TARGET = [["First sentence.", "Second struck sentence.", "Third in italics."],
          ["Fourth here.", "Fifth and sixth. Together."]]


_COUNTER = itertools.count(1)


def clock() -> Clock:
    """Decision ids unique across the module (a revert must find the decision it names)."""
    return Clock(new_id=lambda: f"D-{next(_COUNTER):04d}", now=lambda: "2026-11-27T12:00:00.000Z")


@pytest.fixture()
def doc() -> tuple[Alignment, str, str]:
    src_text, src = witness_from(SOURCE, "s")
    tgt_text, tgt = witness_from(TARGET, "t")
    links = tuple(Link(f"L{k + 1}", (s.id,), (t.id,), Status.AUTO, 0.9, "aligner") for k, (s, t) in
                  enumerate(zip(src, tgt, strict=True)))
    state = Alignment("c/d", 1, WitnessRef("ru-x", "ru", "x"), WitnessRef("en-x", "en", "y"), tuple(src), tuple(tgt),
                      links, {}, ())
    return state, src_text, tgt_text


def roundtrip(state: Alignment, decision: Decision) -> Alignment:
    """Apply, check that the revert restores the state and that a redo gives the same result."""
    after = apply(state, decision)
    reverted = apply(after, decide.revert(after, decision.id, "ed", clock=clock()))
    assert (reverted.links, reverted.source_segments, reverted.target_segments, dict(reverted.edits)) == \
        (state.links, state.source_segments, state.target_segments, dict(state.edits))
    redone = apply(reverted, decide.redo(decision, "ed", clock=clock()))
    assert (redone.links, redone.source_segments, redone.target_segments) == \
        (after.links, after.source_segments, after.target_segments)
    return after


def test_merge_next_and_previous(doc) -> None:
    state, _, _ = doc
    after = roundtrip(state, merge_next(state, "L2", "ed", clock=clock()))
    merged = after.link("L2")
    assert (merged.source, merged.target, merged.status, merged.confidence, merged.origin) == \
        (("s2", "s3"), ("t2", "t3"), Status.AUTO, None, "editor")
    assert "L3" not in {lk.id for lk in after.links}
    before = roundtrip(state, merge_previous(state, "L2", "ed", clock=clock()))
    assert before.link("L1").source == ("s1", "s2")
    with pytest.raises(OperationError, match="last link"):
        merge_next(state, "L5", "ed")
    with pytest.raises(OperationError, match="first link"):
        merge_previous(state, "L1", "ed")


def test_split_link_defaults_and_explicit_points(doc) -> None:
    state, _, _ = doc
    assert default_split(Link("L", ("s1",), ("t1",))) == (1, 0)
    assert default_split(Link("L", ("s1",), ("t1", "t2"))) == (1, 1)
    assert default_split(Link("L", ("s1", "s2"), ("t1", "t2"))) == (1, 1)
    assert default_split(Link("L", (), ("t1", "t2"))) == (0, 1)
    after = roundtrip(state, split_link(state, "L1", "ed", clock=clock()))
    assert [(lk.id, lk.source, lk.target) for lk in after.links[:2]] == [("L1", ("s1",), ()), ("L6", (), ("t1",))]
    merged = apply(state, merge_next(state, "L1", "ed", clock=clock()))
    again = roundtrip(merged, split_link(merged, "L1", "ed", source_at=2, target_at=1, clock=clock()))
    assert [(lk.source, lk.target) for lk in again.links[:2]] == [(("s1", "s2"), ("t1",)), ((), ("t2",))]


def test_split_never_reuses_an_id_from_the_log(doc) -> None:
    state, _, _ = doc
    merged = apply(state, merge_next(state, "L1", "ed", clock=clock()))  # L2 disappears, but stays in the log
    split = split_link(merged, "L1", "ed", clock=clock())
    assert "L2" not in split.target.split() and "L6" in split.target.split()


def test_split_refuses_a_single_segment_and_an_empty_half(doc) -> None:
    state, _, _ = doc
    single = apply(state, split_link(state, "L1", "ed", clock=clock()))
    with pytest.raises(OperationError, match="single segment"):
        split_link(single, "L1", "ed")
    with pytest.raises(OperationError, match="empty link"):
        split_link(state, "L2", "ed", source_at=1, target_at=1)


@pytest.mark.parametrize("side,edge", [("source", "first"), ("source", "last"), ("target", "first"),
                                        ("target", "last")])
def test_shift_moves_one_sentence_to_the_neighbour(doc, side: str, edge: str) -> None:
    state, _, _ = doc
    merged = apply(state, merge_next(state, "L3", "ed", clock=clock()))  # L3: s3 s4 -> t3 t4
    after = roundtrip(merged, shift(merged, "L3", side, edge, "ed", clock=clock()))
    ids = {lk.id: (lk.source if side == "source" else lk.target) for lk in after.links}
    prefix = "s" if side == "source" else "t"
    if edge == "first":
        assert ids["L2"] == (f"{prefix}2", f"{prefix}3") and ids["L3"] == (f"{prefix}4",)
    else:
        assert ids["L3"] == (f"{prefix}3",) and ids["L5"] == (f"{prefix}4", f"{prefix}5")


def test_shift_removes_a_link_left_empty_and_revert_brings_it_back(doc) -> None:
    state, _, _ = doc
    unlinked = apply(state, split_link(state, "L2", "ed", clock=clock()))  # L2: s2 ->, L6: -> t2
    after = roundtrip(unlinked, shift(unlinked, "L6", "target", "first", "ed", clock=clock()))
    assert "L6" not in {lk.id for lk in after.links}
    assert after.link("L2").target == ("t2",)
    with pytest.raises(OperationError, match="no target segment"):
        shift(unlinked, "L2", "target", "last", "ed")
    with pytest.raises(OperationError, match="first link"):
        shift(state, "L1", "source", "first", "ed")
    with pytest.raises(OperationError, match="side must be"):
        shift(state, "L2", "middle", "first", "ed")


def test_insert_and_delete_an_empty_row(doc) -> None:
    state, _, _ = doc
    inserted = roundtrip(state, insert_empty(state, "L2", "ed", clock=clock()))
    assert [lk.id for lk in inserted.links][:4] == ["L1", "L2", "L6", "L3"]
    assert (inserted.link("L6").source, inserted.link("L6").target) == ((), ())
    deleted = roundtrip(inserted, delete_empty(inserted, "L6", "ed", clock=clock()))
    assert deleted.links == state.links
    with pytest.raises(OperationError, match="still holds segments"):
        delete_empty(state, "L1", "ed")


def test_delete_the_first_row_anchors_on_the_next(doc) -> None:
    state, _, _ = doc
    split = apply(state, split_link(state, "L1", "ed", clock=clock()))  # L1: s1 ->, L6: -> t1
    moved = apply(split, shift(split, "L1", "source", "last", "ed", clock=clock()))
    assert moved.links[0].id == "L6"
    emptied = apply(moved, insert_empty(moved, "L6", "ed", clock=clock()))
    first = emptied.with_changes(links=(emptied.links[1], emptied.links[0]) + emptied.links[2:])
    roundtrip(first, delete_empty(first, first.links[0].id, "ed", clock=clock()))


def test_swap_crosses_the_english_sides(doc) -> None:
    state, _, _ = doc
    after = roundtrip(state, swap_previous(state, "L3", "ed", clock=clock()))
    assert (after.link("L2").source, after.link("L2").target) == (("s2",), ("t3",))
    assert (after.link("L3").source, after.link("L3").target) == (("s3",), ("t2",))
    with pytest.raises(OperationError, match="first link"):
        swap_previous(state, "L1", "ed")


def test_split_segment_keeps_the_halves_in_the_link(doc) -> None:
    state, src_text, tgt_text = doc
    confirmed = state.with_changes(links=tuple(lk if lk.id != "L5" else Link("L5", ("s5",), ("t5",),
                                                                              Status.CONFIRMED, 0.9, "aligner")
                                               for lk in state.links))
    seg = confirmed.segment_map()["t5"]
    offset = seg.text.index("Together")
    after = roundtrip(confirmed, split_segment(confirmed, "t5", offset, tgt_text, "ed", clock=clock()))
    link = after.link("L5")
    assert link.target == ("t5", "t6") and link.status is Status.CONFIRMED
    texts = {s.id: s.text for s in after.target_segments}
    assert (texts["t5"], texts["t6"]) == ("Fifth and sixth.", "Together.")
    assert tgt_text[after.segment_map()["t6"].start:after.segment_map()["t6"].end] == "Together."


def test_split_segment_refuses_a_cut_inside_a_mark(doc) -> None:
    state, src_text, _ = doc
    seg = state.segment_map()["s2"]
    inside_tildes = seg.text.index("~~") + 1
    with pytest.raises(OperationError, match="inside a transcription mark"):
        split_segment(state, "s2", inside_tildes, src_text, "ed")
    with pytest.raises(OperationError, match="outside the segment"):
        split_segment(state, "s2", 0, src_text, "ed")
    assert split_segment(state, "s2", seg.text.index("~~"), src_text, "ed").action == "split-segment"


def test_split_segment_keeps_an_edit_on_the_first_half(doc) -> None:
    state, _, tgt_text = doc
    edited = state.with_changes(edits={"t5": "Fifth, sixth; together."})
    after = roundtrip(edited, split_segment(edited, "t5", 17, tgt_text, "ed", clock=clock()))
    assert dict(after.edits) == {"t5": "Fifth, sixth; together.", "t6": ""}


def test_merge_segment_joins_within_a_link_and_paragraph(doc) -> None:
    state, _, tgt_text = doc
    split = apply(state, split_segment(state, "t5", 17, tgt_text, "ed", clock=clock()))
    edited = split.with_changes(edits={"t6": "All together."})
    after = roundtrip(edited, merge_segment(edited, "t5", tgt_text, "ed", clock=clock()))
    assert after.link("L5").target == ("t5",)
    assert after.segment_map()["t5"].text == "Fifth and sixth. Together."
    assert dict(after.edits) == {"t5": "Fifth and sixth. All together."}
    with pytest.raises(OperationError, match="different links"):
        merge_segment(state, "t1", tgt_text, "ed")
    merged = apply(state, merge_next(state, "L3", "ed", clock=clock()))
    with pytest.raises(OperationError, match="different paragraphs"):
        merge_segment(merged, "t3", tgt_text, "ed")


def test_segment_operations_notice_a_changed_witness(doc) -> None:
    state, _, tgt_text = doc
    with pytest.raises(OperationError, match="witness changed"):
        split_segment(state, "t5", 5, "something else entirely " + tgt_text, "ed")


def test_redo_is_a_fresh_decision_naming_the_original(doc) -> None:
    state, _, _ = doc
    original = merge_next(state, "L1", "ed", clock=clock())
    again = decide.redo(original, "other", clock=Clock(new_id=lambda: "D-new", now=lambda: "later"))
    assert (again.id, again.time, again.author, again.data.redoes) == ("D-new", "later", "other", original.id)
    assert (again.before, again.after, again.action) == (original.before, original.after, original.action)
