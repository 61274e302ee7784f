"""The Alignment aggregate: one definition of each question every front-end asks."""

from __future__ import annotations

from workbench.core import decide
from workbench.core.actions import Action
from workbench.core.decisions import apply_all
from workbench.core.models import LOW_CONFIDENCE, Alignment, Link, Segment, Status, WitnessRef


def state() -> Alignment:
    src = (Segment("s1", 0, 6, "Раз.", 0), Segment("s2", 7, 12, "Два.", 0), Segment("s3", 20, 30, "Сноска.", 1, "1"))
    tgt = (Segment("t1", 0, 4, "One.", 0), Segment("t2", 5, 9, "Two.", 0), Segment("t3", 10, 13, "", 0),
           Segment("t4", 20, 28, "A note.", 1, "1"))
    links = (Link("L1", ("s1",), ("t1",), Status.AUTO, 0.3), Link("L2", ("s2",), ("t2", "t3"), Status.AUTO, 0.9),
             Link("L3", ("s3",), ("t4",), Status.CONFIRMED, 0.2))
    return Alignment("c/d", 1, WitnessRef("ru-x", "ru", "a" * 64), WitnessRef("en-x", "en", "b" * 64), src, tgt,
                     links, {}, ())


def test_lookups_by_id() -> None:
    s = state()
    assert s.link("L2").target == ("t2", "t3") and s.link_index("L3") == 2 and not s.has_link("L9")
    assert s.segment("t4").witness_note == "1" and s.owner("t3") == s.link("L2") and s.owner("t9") is None


def test_the_english_is_the_edit_else_the_witness_and_the_mt_stays_as_received() -> None:
    s = state()
    edited = apply_all(s, [decide.edit(s, "L2", ["Deux.", "And three."], "ed")])
    l2 = edited.link("L2")
    assert edited.english(l2) == "Deux. And three." and edited.mt(l2) == "Two."  # the empty t3 is dropped
    assert edited.edited(l2) and not edited.edited(edited.link("L1"))
    assert edited.segment_english("t1") == "One." and edited.source_text(l2) == "Два."


def test_reverted_and_live_decisions_and_comments() -> None:
    s = state()
    first = decide.comment(s, "L1", "check the date", "ed")
    s = apply_all(s, [first, decide.confirm(s, "L1", "ed")])
    undo = decide.revert(s, first.id, "ed")
    s = apply_all(s, [undo])
    assert s.reverted_ids == {first.id}
    assert [d.action for d in s.live_decisions] == [Action.CONFIRM]
    assert s.notes_for("L1") == [] and [d.id for d in s.history_for("L1")][-1] == undo.id


def test_low_confidence_is_unreviewed_and_under_the_line() -> None:
    s = state()
    assert [lk.id for lk in s.links if lk.low_confidence] == ["L1"]  # L3 is low but confirmed
    assert LOW_CONFIDENCE == 0.5


def test_links_touching_a_variant_by_witness_note_or_span() -> None:
    s = state()
    assert s.links_touching("en-x", witness_note="1") == ("L3",)
    assert s.links_touching("ru-x", span=(3, 9)) == ("L1", "L2")
    assert s.links_touching("ru-1996", witness_note="1") == ()  # a witness the alignment does not hold
