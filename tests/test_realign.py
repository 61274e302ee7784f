"""Re-aligning a stretch: only unreviewed links change, with the aligner's result, as one decision."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from ui_helpers import witness_from

from workbench.core import decide
from workbench.core.decisions import apply
from workbench.core.errors import OperationError
from workbench.core.models import Alignment, Link, Status, WitnessRef
from workbench.core.realign import realign, stretch_from

SOURCE = [["Раз.", "Два.", "Три."], ["Четыре.", "Пять."]]
TARGET = [["One.", "Two.", "Three."], ["Four.", "Five."]]


def state_with(links: list[tuple[tuple[str, ...], tuple[str, ...], Status]]) -> tuple[Alignment, str, str]:
    src_text, src = witness_from(SOURCE, "s")
    tgt_text, tgt = witness_from(TARGET, "t")
    made = tuple(Link(f"L{k + 1}", s, t, status, 0.5, "aligner") for k, (s, t, status) in enumerate(links))
    return (Alignment("c/d", 1, WitnessRef("ru-x", "ru", "x"), WitnessRef("en-x", "en", "y"), tuple(src), tuple(tgt),
                      made, {}, ()), src_text, tgt_text)


def one_to_one(calls: list[tuple]):  # type: ignore[no-untyped-def]
    def align(src: Sequence[str], tgt: Sequence[str], sp: Sequence[int], tp: Sequence[int]):  # type: ignore[no-untyped-def]
        calls.append((list(src), list(tgt), list(sp), list(tp)))
        return [([i], [i], 1.0, 0.8) for i in range(min(len(src), len(tgt)))], {"aligner": "fake"}
    return align


A = Status.AUTO
BAD = [(("s1",), ("t1",), Status.CONFIRMED), (("s2", "s3"), ("t2",), A), ((), ("t3",), A),
       (("s4",), ("t4",), Status.FLAGGED), (("s5",), ("t5",), A)]


def test_stretch_runs_to_the_next_judged_link() -> None:
    state, _, _ = state_with(BAD)
    stretch = stretch_from(state, "L2")
    assert [lk.id for lk in stretch.links] == ["L2", "L3"]
    assert [s.id for s in stretch.source] == ["s2", "s3"] and [t.id for t in stretch.target] == ["t2", "t3"]
    with pytest.raises(OperationError, match="confirmed"):
        stretch_from(state, "L1")


def test_realign_replaces_the_stretch_and_keeps_judged_links() -> None:
    state, src_text, tgt_text = state_with(BAD)
    calls: list[tuple] = []
    decision = realign(state, "L2", one_to_one(calls), src_text, tgt_text, "ed")
    assert calls == [(["Два.", "Три."], ["Two.", "Three."], [0, 0], [0, 0])]
    after = apply(state, decision)
    assert [(lk.id, lk.source, lk.target, lk.status, lk.confidence) for lk in after.links] == [
        ("L1", ("s1",), ("t1",), Status.CONFIRMED, 0.5),
        ("L2", ("s2",), ("t2",), A, 0.8),
        ("L3", ("s3",), ("t3",), A, 0.8),
        ("L4", ("s4",), ("t4",), Status.FLAGGED, 0.5),
        ("L5", ("s5",), ("t5",), A, 0.5),
    ]
    assert decision.action == "realign" and dict(decision.data.aligner)["aligner"] == "fake"
    undone = apply(after, decide.revert(after, decision.id, "ed"))
    assert undone.links == state.links


def test_realign_gives_new_ids_for_extra_links_and_checks_cover() -> None:
    state, src_text, tgt_text = state_with([(("s1", "s2", "s3", "s4", "s5"), ("t1", "t2", "t3", "t4", "t5"), A)])
    after = apply(state, realign(state, "L1", one_to_one([]), src_text, tgt_text, "ed"))
    assert [lk.id for lk in after.links] == ["L1", "L2", "L3", "L4", "L5"]

    def loses_one(src, tgt, sp, tp):  # type: ignore[no-untyped-def]
        return [([0], [0], 1.0, 1.0)], {}

    with pytest.raises(OperationError, match="exactly once"):
        realign(state, "L1", loses_one, src_text, tgt_text, "ed")


def test_realign_refuses_when_nothing_changes_or_the_source_is_pending() -> None:
    state, src_text, tgt_text = state_with([((f"s{i}",), (f"t{i}",), A) for i in range(1, 6)])
    same = state.with_changes(links=tuple(Link(lk.id, lk.source, lk.target, A, 0.8, "aligner") for lk in state.links))
    with pytest.raises(OperationError, match="same links"):
        realign(same, "L1", one_to_one([]), src_text, tgt_text, "ed")
    pending = state.with_changes(source=None)
    with pytest.raises(OperationError, match="pending"):
        realign(pending, "L1", one_to_one([]), src_text, tgt_text, "ed")
