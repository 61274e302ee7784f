"""Link ids survive split, undo, redo and re-align: a newcomer split L4, took it back and found the
sentence under L104. An undo restores the links as they were, ids included; a re-alignment gives
each link the id of the old link it shares most segments with, instead of handing out the
stretch's ids in order (which renamed every link after a split); the cursor follows the first row
an undo or redo touched, in document order rather than in the text order of the ids."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from ui_helpers import SIZE, wait_for, witness_from, write_synthetic
from ui_helpers import app_for as _app_for

from workbench.core import decide
from workbench.core.decisions import apply
from workbench.core.models import Alignment, Link, Status, WitnessRef
from workbench.core.operations import merge_next, split_link
from workbench.core.realign import matching_ids, realign
from workbench.ui.app import WorkbenchApp

RU = [f"Предложение номер {n}." for n in range(1, 13)]
EN = [f"Sentence number {n}." for n in range(1, 13)]


def one_to_one(src: Sequence[str], tgt: Sequence[str], sp: Sequence[int], tp: Sequence[int]):  # type: ignore[no-untyped-def]
    return [([i], [i], 1.0, 0.9) for i in range(min(len(src), len(tgt)))], {"aligner": "fake"}


def twelve() -> tuple[Alignment, str, str]:
    src_text, src = witness_from([RU], "s")
    tgt_text, tgt = witness_from([EN], "t")
    links = tuple(Link(f"L{k + 1}", (src[k].id,), (tgt[k].id,), Status.AUTO, 0.9, "aligner") for k in range(12))
    return (Alignment("c/d", 1, WitnessRef("ru-x", "ru", "x"), WitnessRef("en-x", "en", "y"), tuple(src), tuple(tgt),
                      links, {}, ()), src_text, tgt_text)


def ids_and_sides(state: Alignment) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(lk.id, lk.source, lk.target) for lk in state.links]


def test_split_then_undo_gives_the_link_its_id_back() -> None:
    state, _, _ = twelve()
    split = split_link(state, "L4", "ed")
    after = apply(state, split)
    assert [lk.id for lk in after.links][3:5] == ["L4", "L13"]
    undone = apply(after, decide.revert(after, split.id, "ed"))
    assert ids_and_sides(undone) == ids_and_sides(state)
    redone = apply(undone, decide.redo(split, "ed"))
    assert [lk.id for lk in redone.links][3:5] == ["L4", "L13"]  # the redo is the same act again


def test_split_then_realign_gives_every_link_its_id_back() -> None:
    state, src_text, tgt_text = twelve()
    after = apply(state, split_link(state, "L4", "ed"))  # L4: s4 → (none), L13: (none) → t4
    realigned = apply(after, realign(after, "L1", one_to_one, src_text, tgt_text, "ed"))
    assert ids_and_sides(realigned) == ids_and_sides(state)


def test_merge_then_realign_keeps_the_ids_of_the_links_after_it() -> None:
    state, src_text, tgt_text = twelve()
    after = apply(state, merge_next(state, "L4", "ed"))  # L4 holds s4 s5 / t4 t5; L5 is gone for good
    realigned = apply(after, realign(after, "L1", one_to_one, src_text, tgt_text, "ed"))
    ids = [lk.id for lk in realigned.links]
    assert ids[:4] == ["L1", "L2", "L3", "L4"] and ids[5:] == [f"L{n}" for n in range(6, 13)]
    assert ids[4] == "L13"  # ids are never reused: the sentence split off again gets a new one
    assert [lk.source for lk in realigned.links] == [lk.source for lk in state.links]


def test_matching_ids_prefers_the_most_shared_segments_then_the_earlier_link() -> None:
    old = [Link("L7", ("s1", "s2"), ("t1",), Status.AUTO, None, "x"), Link("L9", ("s3",), ("t2", "t3"), Status.AUTO,
                                                                          None, "x")]
    taken = {"L7", "L9", "L20"}
    new = [(("s1",), ("t1",)), (("s2", "s3"), ("t2", "t3")), ((), ())]
    assert matching_ids(old, new, taken) == ["L7", "L9", "L21"]
    assert "L21" in taken


def app_for(root: Path, document: str | None = "synth/doc", **options: object) -> WorkbenchApp:
    return _app_for(root, document, **options)


@pytest.fixture()
def synth(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "texts").mkdir(parents=True)
    write_synthetic(root, "synth", "doc", [EN], [RU])
    return root


async def opened(pilot: Any, app: WorkbenchApp) -> Any:
    await app.workers.wait_for_complete()
    await wait_for(lambda: app.review is not None, pilot)
    await pilot.pause()
    return app.review


def current_id(review: Any) -> str:
    return review.view.links[review.grid.cursor].id


async def test_split_undo_redo_and_realign_in_the_review_screen(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        review = await opened(pilot, app)
        original = ids_and_sides(review.view.state)
        await pilot.press("down")
        assert current_id(review) == "L2"
        await pilot.press("s")
        assert [lk.id for lk in review.view.links][1:3] == ["L2", "L13"]
        await pilot.press("ctrl+z")
        assert ids_and_sides(review.view.state) == original and current_id(review) == "L2"
        await pilot.press("ctrl+y")
        assert current_id(review) == "L2"  # not L13, which sorts first as text
        review.view._align_fn = one_to_one
        await pilot.press("up", "R")
        await app.workers.wait_for_complete()
        await wait_for(lambda: review.view.state.decisions[-1].action == "realign", pilot)
        assert ids_and_sides(review.view.state) == original
        await pilot.press("ctrl+z")  # undo the re-alignment: the split is back, with its ids
        assert [lk.id for lk in review.view.links][1:3] == ["L2", "L13"]
