"""Editors' notes and metadata from the review screen: ``E`` opens a form on the current link; a new
note is an ``annotate`` decision; on a link that has a note the form offers it for rewriting (same
id). ``D`` opens the metadata panel, where ``e`` corrects a field (value and required reason)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input
from ui_helpers import SIZE, app_for, wait_for, write_synthetic

from workbench.core.editors_notes import editors_notes
from workbench.core.metadata import effective_meta
from workbench.ui.app import WorkbenchApp
from workbench.ui.screens.dialogs import EditorsNoteDialog, MetadataDialog
from workbench.ui.screens.metadata import MetadataScreen
from workbench.ui.widgets.detail_pane import DetailPane


@pytest.fixture()
def synth(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "texts").mkdir(parents=True)
    write_synthetic(root, "synth", "doc", [["Wrangel attacked in the Crimea.", "Second sentence."]],
                    [["Врангель наступал в Крыму.", "Второе предложение."]], title="A letter")
    return root


async def _form(pilot, app: WorkbenchApp) -> EditorsNoteDialog:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await wait_for(lambda: app.review is not None, pilot)
    await pilot.pause()
    await pilot.press("E")
    await wait_for(lambda: isinstance(app.screen, EditorsNoteDialog), pilot)
    assert isinstance(app.screen, EditorsNoteDialog)
    return app.screen


async def test_make_then_rewrite_an_editors_note_from_the_review_screen(synth: Path) -> None:
    app = app_for(synth, "synth/doc")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _form(pilot, app)
        assert app.focused is not None and app.focused.id == "anchor"
        await pilot.press(*"Wrangel", "tab", *"P. N. Wrangel, commander of the White army.", "enter")
        await wait_for(lambda: not isinstance(app.screen, EditorsNoteDialog), pilot)
        assert app.review is not None
        decision = app.review.view.state.decisions[-1]
        assert (decision.action, decision.target, decision.data.anchor, decision.after) == (
            "annotate", "L1", "Wrangel", "P. N. Wrangel, commander of the White army.")
        # again on the same link: the form offers the note, and a change rewrites it
        form = await _form(pilot, app)
        text = form.query_one("#text", Input)
        assert text.value == "P. N. Wrangel, commander of the White army."
        text.value = "Baron P. N. Wrangel (1878–1928)."
        await pilot.press("enter")
        await wait_for(lambda: not isinstance(app.screen, EditorsNoteDialog), pilot)
        notes = editors_notes(app.review.view.state)
        assert [(n.id, n.link, n.anchor, n.text) for n in notes] == [
            ("E1", "L1", "Wrangel", "Baron P. N. Wrangel (1878–1928).")]
        pane = app.review.query_one(DetailPane)
        await wait_for(lambda: "E1 (explanatory) on “Wrangel”: Baron P. N. Wrangel (1878–1928)." in pane.plain(), pilot)


async def test_an_anchor_not_in_the_english_is_refused_in_a_notification(synth: Path) -> None:
    app = app_for(synth, "synth/doc")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _form(pilot, app)
        await pilot.press(*"Kolchak", "tab", *"A note.", "enter")
        await wait_for(lambda: not isinstance(app.screen, EditorsNoteDialog), pilot)
        await wait_for(lambda: any("is not in the English of L1" in n.message for n in app._notifications), pilot)
        assert app.review is not None and editors_notes(app.review.view.state) == []


async def test_metadata_panel_corrects_a_field_with_a_reason(synth: Path) -> None:
    app = app_for(synth, "synth/doc")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await wait_for(lambda: app.review is not None, pilot)
        await pilot.press("D")
        await wait_for(lambda: isinstance(app.screen, MetadataScreen), pilot)
        screen = app.screen
        assert isinstance(screen, MetadataScreen) and screen.current() == "title"
        await pilot.press("e")
        await wait_for(lambda: isinstance(app.screen, MetadataDialog), pilot)
        value = app.screen.query_one("#value", Input)
        assert value.value == "A letter"
        value.value = "A letter to Lenin"
        await pilot.press("enter")  # no reason: the form stays open and says why
        await wait_for(lambda: any("needs a reason" in n.message for n in app._notifications), pilot)
        assert isinstance(app.screen, MetadataDialog)
        await pilot.press(*"heading of the printed edition", "enter")
        await wait_for(lambda: isinstance(app.screen, MetadataScreen), pilot)
        view = screen.view
        decision = view.state.decisions[-1]
        assert (decision.action, decision.target, decision.before, decision.after, decision.reason) == (
            "metadata", "title", "A letter", "A letter to Lenin", "heading of the printed edition")
        assert effective_meta(view.meta, view.state).title == "A letter to Lenin"
        await pilot.press("ctrl+z")
        await wait_for(lambda: effective_meta(view.meta, view.state).title == "A letter", pilot)
