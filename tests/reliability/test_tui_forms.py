"""The mark-struck-words form keeps every character typed or pasted, and shows which field has the focus.

A newcomer's struck words lost their spaces and letters: Space was never passed on to the text
field, and keys typed faster than the focus moved reached a list after the focus had left it and
were dropped; a paste on the witness text went nowhere. Keys now go to the text field as the app
takes them from the terminal, in order, and a paste on a field that takes no text lands in its text
field, every line of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, Select, TextArea
from ui_helpers import SIZE, wait_for
from ui_helpers import app_for as _app_for

from workbench.ui.app import WorkbenchApp
from workbench.ui.screens.dialogs import CommentDialog, Dialog, MarkDialog, find_words
from workbench.ui.screens.variants import VariantScreen

DOC = "bolshevik-correspondence/092"
WORDS = "Not a small role was played"


def app_for(root: Path, document: str | None = DOC, **options: object) -> WorkbenchApp:
    return _app_for(root, document, **options)


async def mark_form(pilot: Any, app: WorkbenchApp) -> MarkDialog:
    """Open No. 92, its variant panel and the mark form of V1."""
    await app.workers.wait_for_complete()
    await wait_for(lambda: app.review is not None, pilot)
    await pilot.press("V")
    await wait_for(lambda: isinstance(app.screen, VariantScreen), pilot)
    await pilot.press("m")
    await wait_for(lambda: isinstance(app.screen, MarkDialog), pilot)
    assert isinstance(app.screen, MarkDialog)
    return app.screen


async def focus(pilot: Any, widget: Any) -> None:
    widget.focus()
    await wait_for(lambda: widget.has_focus, pilot)


def burst(app: WorkbenchApp, text: str) -> None:
    """Hand the app every key of ``text`` at once, as a terminal does for a fast typist (or a paste
    without bracketed paste mode): nothing is processed between two keys."""
    for char in text:
        key = "space" if char == " " else char
        app._driver.send_message(events.Key(key, char))  # type: ignore[union-attr]


async def settled(pilot: Any, app: WorkbenchApp) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("start", ["text", "certainty", "witness"])
async def test_keys_typed_fast_on_a_field_without_text_all_reach_the_text_field(project: Path, start: str) -> None:
    app = app_for(project)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await mark_form(pilot, app)
        await focus(pilot, form.query_one(f"#{start}"))
        burst(app, WORDS)
        target = "find" if start in ("text", "witness") else "evidence"
        field = form.query_one(f"#{target}", Input)
        await wait_for(lambda: len(field.value) >= len(WORDS), pilot, timeout=5)
        await settled(pilot, app)
        assert field.value == WORDS
        assert app.focused is field


async def test_keys_pressed_one_by_one_with_spaces_reach_the_find_field(project: Path) -> None:
    app = app_for(project)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await mark_form(pilot, app)
        await focus(pilot, form.query_one("#text", TextArea))
        await pilot.press(*WORDS)
        assert form.query_one("#find", Input).value == WORDS
        await pilot.press("enter")  # finds the words; the evidence field is next
        assert app.focused is form.query_one("#evidence", Input)
        assert form.selected() != (0, 0)


async def test_a_space_keeps_its_meaning_on_a_list_until_typing_starts(project: Path) -> None:
    app = app_for(project)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await mark_form(pilot, app)
        certainty = form.query_one("#certainty", Select)
        await focus(pilot, certainty)
        await pilot.press("space")  # opens the list, as documented
        assert certainty.expanded
        await pilot.press("escape")
        assert isinstance(app.screen, MarkDialog) and not certainty.expanded


async def test_a_paste_on_the_witness_text_goes_to_the_find_field(project: Path) -> None:
    app = app_for(project)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await mark_form(pilot, app)
        await focus(pilot, form.query_one("#text", TextArea))
        app.post_message(events.Paste(WORDS))
        find = form.query_one("#find", Input)
        await wait_for(lambda: find.value == WORDS, pilot, timeout=5)
        assert app.focused is find


async def test_a_paste_of_several_lines_keeps_every_line_and_is_found(project: Path) -> None:
    app = app_for(project)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await mark_form(pilot, app)
        find = form.query_one("#find", Input)
        assert app.focused is find
        app.post_message(events.Paste("Not a small\nrole was played"))
        await wait_for(lambda: find.value != "", pilot, timeout=5)
        await settled(pilot, app)
        assert find.value == WORDS
        await pilot.press("enter")
        start, end = form.selected()
        assert form.witnesses[str(form.query_one("#witness", Select).value)][start:end] == WORDS


async def test_a_paste_on_a_list_of_the_note_form_goes_to_the_note(tmp_path: Path, project: Path) -> None:
    app = app_for(project, "udhr/udhr")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await wait_for(lambda: app.review is not None, pilot)
        await pilot.press("n")
        await wait_for(lambda: isinstance(app.screen, CommentDialog), pilot)
        form = app.screen
        assert isinstance(form, Dialog)
        await focus(pilot, form.query_one("#reason", Select))
        app.post_message(events.Paste("Lvov, not Lions"))
        text = form.query_one("#text", Input)
        await wait_for(lambda: text.value == "Lvov, not Lions", pilot, timeout=5)


# the caption each field of the mark form is shown under (the witness text shares the find field's)
CAPTIONS = {"witness": "Witness", "find": "Select the words below", "text": "Select the words below",
            "certainty": "Certainty", "evidence": "Evidence", "reason": "Reason", "note": "Note (optional)"}


async def test_the_focused_fields_caption_is_marked_and_highlighted(project: Path) -> None:
    app = app_for(project)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await mark_form(pilot, app)
        seen = set()
        for _ in range(len(CAPTIONS)):
            focused = app.focused
            assert focused is not None and focused.id in CAPTIONS
            seen.add(focused.id)
            marked = [c for c in form.query(".dialog-label") if str(c.render()).startswith("▶")]
            assert len(marked) == 1 and CAPTIONS[focused.id] in str(marked[0].render())
            assert marked[0].has_class("-current")
            others = [c for c in form.query(".dialog-label") if c is not marked[0]]
            assert all(not str(c.render()).startswith("▶") for c in others)
            assert all(c.styles.color != marked[0].styles.color for c in others)  # a colour of its own too
            await pilot.press("tab")
        assert seen == set(CAPTIONS)


def test_words_are_found_across_a_line_break_of_the_witness() -> None:
    witness = "is trying to warn us . Not a small\nrole was played by the fact"
    start, end = find_words(witness, "Not a small role  was played") or (0, 0)
    assert witness[start:end] == "Not a small\nrole was played"
    assert find_words(witness, "not there") is None and find_words(witness, "   ") is None
