"""'N unsaved' in the review screen's title counts the changes the next save brings into the file, so
an undo takes work back instead of adding to it (a newcomer saw the count rise on every undo)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ui_helpers import SIZE, wait_for, write_synthetic
from ui_helpers import app_for as _app_for

from workbench.core import decide
from workbench.core.decisions import apply, net_changes
from workbench.core.models import Alignment
from workbench.core.operations import split_link
from workbench.storage.alignment_store import AlignmentFile, Session
from workbench.storage.journal import UnsavedChanges, unfolded_decisions
from workbench.ui.app import WorkbenchApp

DOC = "synth/doc"


@pytest.fixture()
def synth(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "texts").mkdir(parents=True)
    write_synthetic(root, "synth", "doc", [["First sentence.", "Second sentence.", "Third sentence."]],
                    [["Первое предложение.", "Второе предложение.", "Третье предложение."]])
    return root


def yaml_of(root: Path) -> Path:
    return root / "alignments" / "synth" / "doc.yaml"


def test_an_act_and_its_undo_cancel_a_redo_counts_an_undo_of_saved_work_counts(synth: Path) -> None:
    state: Alignment = Session(AlignmentFile(yaml_of(synth))).state
    confirm = decide.set_status(state, "L1", "confirm", "ed")
    state = apply(state, confirm)
    split = split_link(state, "L2", "ed")
    state = apply(state, split)
    undo = decide.revert(state, split.id, "ed")
    state = apply(state, undo)
    assert net_changes([confirm, split, undo]) == 1
    redo = decide.redo(split, "ed")
    state = apply(state, redo)
    assert net_changes([confirm, split, undo, redo]) == 2
    undo_redo = decide.revert(state, redo.id, "ed")
    assert net_changes([confirm, split, undo, redo, undo_redo]) == 1
    # the confirm was saved earlier: undoing it now is a change the next save brings in
    assert net_changes([split, undo, decide.revert(state, confirm.id, "ed")]) == 1
    # an undo of an undo (the CLI can record one) takes the first undo back
    undo_of_undo = decide.revert(apply(state, undo_redo), undo_redo.id, "ed")
    assert net_changes([redo, undo_redo, undo_of_undo]) == 1


def test_the_journal_count_and_the_unsaved_count(synth: Path) -> None:
    file = AlignmentFile(yaml_of(synth))
    session = Session(file)
    unsaved = UnsavedChanges(file)
    assert unsaved.count() == 0
    first = decide.set_status(session.state, "L1", "confirm", "ed")
    session.record(first)
    assert unsaved.count() == 1
    session.record(decide.revert(session.state, first.id, "ed"))  # read on from where it stopped
    assert unfolded_decisions(file) == 2 and unsaved.count() == 0
    session.record(decide.set_status(session.state, "L2", "flag", "ed"))
    assert unfolded_decisions(file) == 3 and unsaved.count() == 1 == UnsavedChanges(file).count()
    session.save()  # the fold starts the count afresh
    assert unsaved.count() == 0
    session.record(decide.set_status(session.state, "L3", "flag", "ed"))
    assert unsaved.count() == 1
    with open(file.journal_path, "ab") as journal:  # a damaged line is no change: the next open cuts it away
        journal.write(b"not json\n")
    assert unsaved.count() == 1


def app_for(root: Path, document: str | None = DOC, **options: object) -> WorkbenchApp:
    return _app_for(root, document, **options)


def title(app: WorkbenchApp) -> str:
    assert app.review is not None
    rendered = app.review.title_bar.render()
    return getattr(rendered, "plain", str(rendered))


async def opened(pilot: Any, app: WorkbenchApp) -> None:
    await app.workers.wait_for_complete()
    await wait_for(lambda: app.review is not None, pilot)
    await pilot.pause()


async def test_undo_lowers_the_unsaved_count_and_redo_raises_it(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await opened(pilot, app)
        await pilot.press("c", "c")
        assert "· 2 unsaved" in title(app)
        await pilot.press("ctrl+z")
        assert "· 1 unsaved" in title(app)
        await pilot.press("ctrl+z")
        assert "unsaved" not in title(app)
        assert unfolded_decisions(AlignmentFile(yaml_of(synth))) == 4  # all four acts are in the journal
        await pilot.press("ctrl+y")
        assert "· 1 unsaved" in title(app)
        await pilot.press("s", "ctrl+z")  # a structural act and its undo
        assert "· 1 unsaved" in title(app)


async def test_after_a_save_an_undo_is_a_change_to_save(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await opened(pilot, app)
        await pilot.press("c", "ctrl+s")
        assert "unsaved" not in title(app)
        await pilot.press("ctrl+z")  # takes back a confirm that is in the file: the file must change
        assert "· 1 unsaved" in title(app)
        await pilot.press("ctrl+s")
        assert "unsaved" not in title(app)


async def test_autosave_still_folds_an_undone_act(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await opened(pilot, app)
        await pilot.press("c", "ctrl+z")
        assert "unsaved" not in title(app)
        assert app.review is not None
        app.review.autosave()  # what the 30-second timer calls
        await pilot.pause()
        assert unfolded_decisions(AlignmentFile(yaml_of(synth))) == 0
        assert [d.action for d in AlignmentFile(yaml_of(synth)).read_yaml().decisions] == ["confirm", "revert"]
