"""The merge of two editors' versions of one alignment file (core.merge), conflict records in the
file, ``workbench conflicts`` and ``resolve``; the driver through real git is in test_git_team.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_main
from model_helpers import tiny
from team_support import editor_clock

from workbench.core import decide, operations
from workbench.core.decisions import apply
from workbench.core.errors import OperationError
from workbench.core.merge import MergeRefused, merge, resolve
from workbench.core.models import Status
from workbench.storage.alignment_codec import decode, encode

A, B = editor_clock("a"), editor_clock("b", start=1)  # interleaved times: a at 0, 2, 4 …; b at 1, 3, 5 …


def test_independent_decisions_merge_in_time_order() -> None:
    base = tiny(6)
    ours = apply(base, decide.confirm(base, "L1", "ann", clock=A))
    ours = apply(ours, decide.edit(ours, "L3", ["Ann's three."], "ann", clock=A))
    theirs = apply(base, decide.reject(base, "L2", "bob", clock=B))
    theirs = apply(theirs, decide.comment(theirs, "L3", "looks odd", "bob", clock=B))
    result = merge(base, ours, theirs)
    state = decode(encode(result.state), "m.yaml")
    assert not result.new_conflicts and not state.conflicts
    assert [d.author for d in state.decisions] == ["ann", "bob", "ann", "bob"]  # time order
    assert state.link("L1").status is Status.CONFIRMED and state.link("L2").status is Status.REJECTED
    assert state.edits == {"t3": "Ann's three."}
    assert state.revision == 1


def test_the_same_decision_on_both_sides_is_kept_and_changes_nothing() -> None:
    base = tiny()
    ours = apply(base, decide.confirm(base, "L1", "ann", clock=A))
    theirs = apply(base, decide.confirm(base, "L1", "bob", clock=B))
    result = merge(base, ours, theirs)
    assert not result.new_conflicts and len(result.redundant) == 1
    assert len(result.state.decisions) == 2 and result.state.link("L1").status is Status.CONFIRMED


def test_two_edits_of_one_link_are_a_conflict_holding_both_sides() -> None:
    base = tiny()
    ours = apply(base, decide.edit(base, "L2", ["Ann's two."], "ann", clock=A))
    ours = apply(ours, decide.confirm(ours, "L1", "ann", clock=A))
    theirs = apply(base, decide.edit(base, "L2", ["Bob's two."], "bob", clock=B))
    theirs = apply(theirs, decide.flag(theirs, "L2", "bob", clock=B))  # waits with bob's edit: same link
    result = merge(base, ours, theirs)
    (conflict,) = result.new_conflicts
    state = decode(encode(result.state), "m.yaml")  # a valid file
    assert state.conflicts == (conflict,) and state.open_conflicts == (conflict,)
    assert state.edits == {"t2": "Ann's two."}  # the earlier decision is in force
    assert conflict.links == ("L2",)
    assert [d.author for d in conflict.set_aside] == ["bob", "bob"]
    assert [state.decisions[0].id] == list(conflict.kept)
    every = {d.id for d in ours.decisions} | {d.id for d in theirs.decisions}
    assert every == {d.id for d in state.decisions} | {d.id for d in conflict.set_aside}  # nothing lost
    assert state.link("L2").status is Status.AUTO


def test_a_merge_against_a_split_is_a_conflict() -> None:
    base = tiny(5)
    base = apply(base, operations.merge_next(base, "L1", "ed", clock=editor_clock("e")))
    ours = apply(base, operations.split_link(base, "L1", "ann", clock=A))
    theirs = apply(base, operations.merge_next(base, "L1", "bob", clock=B))
    result = merge(base, ours, theirs)
    (conflict,) = result.new_conflicts
    assert "L1" in conflict.links and conflict.set_aside[0].author == "bob"
    decode(encode(result.state), "m.yaml")
    with pytest.raises(OperationError, match="reshapes links"):
        resolve(result.state, conflict.id, "set-aside", "ann")
    done = result.state
    for d in resolve(done, conflict.id, "kept", "ann"):
        done = apply(done, d)
    assert done.open_conflicts == ()


def test_resolving_takes_either_side() -> None:
    base = tiny()
    ours = apply(base, decide.edit(base, "L2", ["Ann's two."], "ann", clock=A))
    theirs = apply(base, decide.edit(base, "L2", ["Bob's two."], "bob", clock=B))
    merged = merge(base, ours, theirs).state
    (conflict,) = merged.open_conflicts
    taken = merged
    for d in resolve(merged, conflict.id, "set-aside", "ann", clock=editor_clock("c", start=10)):
        taken = apply(taken, d)
    assert taken.edits == {"t2": "Bob's two."} and not taken.open_conflicts
    assert decode(encode(taken), "m.yaml").resolved_conflict_ids == {conflict.id}
    with pytest.raises(OperationError, match="already resolved"):
        resolve(taken, conflict.id, "kept", "ann")
    with pytest.raises(OperationError, match="no conflict"):
        resolve(taken, "C-nope", "kept", "ann")


def test_an_alignment_changed_without_decisions_on_both_sides_is_refused() -> None:
    base = tiny()
    ours = base.with_changes(links=base.links[:-1] + (base.links[-1].__class__(
        "L4", ("s4",), ("t4",), Status.AUTO, 0.5, "aligner"),))
    theirs = apply(base, decide.confirm(base, "L1", "bob", clock=B))
    with pytest.raises(MergeRefused):
        merge(base, ours, theirs)
    assert merge(base, ours, base).state.links == ours.links  # alone, that side is taken


def test_conflicts_and_resolve_commands(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from workbench.storage.corpus import Corpus

    corpus = Corpus(project)
    ref = corpus.parse_address("udhr/udhr")
    file = corpus.alignment_file(ref)
    base = file.read_yaml()
    link = next(lk.id for lk in base.links if len(lk.target) == 1)
    ours = apply(base, decide.edit(base, link, ["Ann's English."], "ann", clock=A))
    theirs = apply(base, decide.edit(base, link, ["Bob's English."], "bob", clock=B))
    file.path.write_text(encode(merge(base, ours, theirs).state), encoding="utf-8")
    run = run_main(project, ["conflicts", "udhr/udhr"], capsys)
    assert run.returncode == 0, run
    cid = run.stdout.split()[0]
    assert cid.startswith("C-") and "Ann's English." in run.stdout and "Bob's English." in run.stdout
    assert "in force" in run.stdout and "set aside" in run.stdout
    run = run_main(project, ["resolve", "udhr/udhr", cid, "--take-set-aside", "--author", "ann"], capsys)
    assert run.returncode == 0, run
    assert run_main(project, ["conflicts", "udhr/udhr"], capsys).stdout.strip() == "udhr/udhr: no open conflicts"
    assert run_main(project, ["validate"], capsys).returncode == 0
    state = file.read_yaml()
    assert state.english(state.link(link)) == "Bob's English."
    assert run_main(project, ["resolve", "udhr/udhr", cid], capsys).returncode == 2


async def test_conflicts_are_shown_and_resolved_in_the_app(tmp_path: Path) -> None:
    from textual.widgets import Static
    from ui_helpers import SIZE, app_for, opened, wait_for, write_synthetic

    from workbench.storage.alignment_store import AlignmentFile
    from workbench.ui.screens.conflicts import ConflictScreen

    root = tmp_path / "p"
    (root / "texts").mkdir(parents=True)
    path = write_synthetic(root, "synth", "doc", [["One.", "Two.", "Three."]], [["Один.", "Два.", "Три."]])
    base = AlignmentFile(path).read_yaml()
    ours = apply(base, decide.edit(base, "L1", ["Ann's one."], "ann", clock=A))
    ours = apply(ours, decide.confirm(ours, "L2", "ann", clock=A))
    theirs = apply(base, decide.edit(base, "L1", ["Bob's one."], "bob", clock=B))
    theirs = apply(theirs, decide.reject(theirs, "L2", "bob", clock=B))
    path.write_text(encode(merge(base, ours, theirs).state), encoding="utf-8")
    app = app_for(root, "synth/doc")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await opened(pilot, app)
        assert any("2 merge conflict(s) open" in n.message for n in app._notifications)
        review = app.review
        assert review is not None
        await pilot.press("K")
        await wait_for(lambda: isinstance(app.screen, ConflictScreen), pilot)
        screen = app.screen
        detail = str(screen.query_one("#conflict-detail", Static).render())
        assert "Ann's one." in detail and "Bob's one." in detail  # both sides shown
        await pilot.press("t")  # the first: take Bob's English
        await wait_for(lambda: len(review.view.state.open_conflicts) == 1, pilot)
        await pilot.press("k")  # the second (now first of the open ones): keep Ann's confirm
        await wait_for(lambda: not review.view.state.open_conflicts, pilot)
        await pilot.press("escape")
        await wait_for(lambda: app.screen is review, pilot)
    state = AlignmentFile(path).read().state
    assert state.edits["t1"] == "Bob's one." and state.link("L2").status.value == "confirmed"
    assert [d.action for d in state.decisions[-3:]] == ["edit", "conflict-resolve", "conflict-resolve"]


def test_work_committed_after_a_merge_set_it_aside_converges_on_both_clones() -> None:
    from workbench.core.merge import content

    base = tiny(5)
    ann1 = apply(base, decide.edit(base, "L2", ["Ann's two."], "ann", clock=A))
    bob1 = apply(base, decide.edit(base, "L2", ["Bob's two."], "bob", clock=B))
    merged_by_ann = merge(base, ann1, bob1).state  # bob's edit set aside
    bob2 = apply(bob1, decide.confirm(bob1, "L3", "bob", clock=B))  # bob goes on before pulling
    at_bob = merge(bob1, bob2, merged_by_ann)  # git's merge base is bob1
    at_ann = merge(bob1, merged_by_ann, bob2)
    for result in (at_bob, at_ann):
        state = decode(encode(result.state), "m.yaml")
        assert not result.new_conflicts  # the old conflict stays the only one
        assert [c.id for c in state.conflicts] == [merged_by_ann.conflicts[0].id]
        assert state.edits == {"t2": "Ann's two."} and state.link("L3").status is Status.CONFIRMED
    assert content(at_bob.state) == content(at_ann.state)
    assert [d.id for d in at_bob.state.decisions] == [d.id for d in at_ann.state.decisions]
