"""The pop-up forms (note, mark struck words, policy, go to): typing always lands in a field.

Tab moves between the fields only — never to the OK/Cancel buttons, whose keys are Enter/Ctrl+S and
Escape — Enter accepts the form from any field, the focused field is highlighted, and a character
typed on a list goes to the text field that follows it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Select
from ui_helpers import SIZE, app_for, wait_for, write_synthetic

from workbench.ui.app import WorkbenchApp
from workbench.ui.screens.dialogs import CommentDialog, Dialog, MarkDialog, PolicyDialog
from workbench.ui.screens.variants import VariantScreen

WORDS = "Not a small role was played"


@pytest.fixture()
def synth(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "texts").mkdir(parents=True)
    write_synthetic(root, "synth", "doc", [["First sentence.", "Second sentence."]],
                    [["Первое предложение.", "Второе предложение."]], title="A letter")
    return root


async def opened(pilot, app: WorkbenchApp) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await wait_for(lambda: app.review is not None, pilot)
    await pilot.pause()


async def comment_form(pilot, app: WorkbenchApp) -> None:  # type: ignore[no-untyped-def]
    """Open the document and its comment form on the first link."""
    await opened(pilot, app)
    await pilot.press("n")
    await wait_for(lambda: isinstance(app.screen, CommentDialog), pilot)


@pytest.mark.parametrize("keys", [
    ["L", "v", "o", "v", "tab", ",", " ", "n", "o", "t", " ", "L", "i", "o", "n", "s"],  # type, Tab, type
    ["tab", "L", "v", "o", "v", "tab", "tab", ",", " ", "n", "o", "t", " ", "L", "i", "o", "n", "s"],  # Tab first
])
async def test_comment_form_keeps_what_is_typed_around_tab(synth: Path, keys: list[str]) -> None:
    app = app_for(synth, "synth/doc")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await comment_form(pilot, app)
        await pilot.press(*keys)
        assert not isinstance(app.focused, Button)
        await pilot.press("enter")
        await wait_for(lambda: not isinstance(app.screen, CommentDialog), pilot)
        decision = app.review.view.state.decisions[-1]
        assert (decision.action, decision.target, decision.note) == ("comment", "L1", "Lvov, not Lions")
        assert not any("needs some text" in n.message for n in app._notifications)


async def test_mark_form_evidence_and_note_typed_after_tabs_are_kept(project: Path) -> None:
    app = app_for(project, "bolshevik-correspondence/092")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await opened(pilot, app)
        view = app.review.view
        await pilot.press("V")
        await wait_for(lambda: isinstance(app.screen, VariantScreen), pilot)
        await pilot.press("m")
        await wait_for(lambda: isinstance(app.screen, MarkDialog), pilot)
        await pilot.press(*WORDS, "enter")  # find the words: the evidence field is next
        assert app.focused is not None and app.focused.id == "evidence"
        await pilot.press("tab", "shift+tab", *"1996 ed., p. 148", "tab", "tab", *"seen in the book")
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, VariantScreen), pilot)
        mark = view.state.decisions[-1]
        assert (mark.action, mark.data.text, mark.data.evidence, mark.note) == (
            "variant-mark", WORDS, "1996 ed., p. 148", "seen in the book")


async def test_tab_cycles_the_fields_only_and_highlights_the_focused_one(project: Path) -> None:
    app = app_for(project, "bolshevik-correspondence/092")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await opened(pilot, app)
        await pilot.press("V", "m")
        await wait_for(lambda: isinstance(app.screen, MarkDialog), pilot)
        dialog = app.screen
        seen = []
        for _ in range(8):
            await pilot.press("tab")
            focused = app.focused
            assert not isinstance(focused, (Button, VerticalScroll)), focused
            seen.append(focused.id if focused is not None else None)
        assert seen == ["text", "certainty", "evidence", "reason", "note", "witness", "find", "text"]
        (caption,) = dialog.query(".dialog-label.-current")  # the witness text is captioned with the find field
        assert "Select the words below" in str(caption.render())
        evidence, note = dialog.query_one("#evidence", Input), dialog.query_one("#note", Input)
        evidence.focus()
        await pilot.pause()
        assert evidence.styles.background != note.styles.background  # the focused field stands out
        assert evidence.styles.border_top != note.styles.border_top
        (caption,) = dialog.query(".dialog-label.-current")
        assert "Evidence" in str(caption.render())


async def test_typing_on_a_list_goes_to_the_next_text_field(synth: Path) -> None:
    app = app_for(synth, "synth/doc")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await comment_form(pilot, app)
        app.screen.query_one("#reason", Select).focus()
        await pilot.pause()
        await pilot.press(*"Spelling")
        assert app.screen.query_one("#text", Input).value == "Spelling"


async def test_enter_accepts_from_a_list_but_picks_in_an_open_one(project: Path) -> None:
    app = app_for(project, "bolshevik-correspondence/092")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await opened(pilot, app)
        view = app.review.view
        await pilot.press("V", "p")
        await wait_for(lambda: isinstance(app.screen, PolicyDialog), pilot)
        assert isinstance(app.focused, Select) and app.focused.id == "policy"
        await pilot.press("down")  # opens the list (omit, strike, bracket, note; "note" is current)
        await pilot.press("up", "enter")  # picks "bracket": the form stays open
        assert isinstance(app.screen, PolicyDialog) and app.screen.query_one("#policy", Select).value == "bracket"
        await pilot.press("enter")  # on the closed list: accepts
        await wait_for(lambda: isinstance(app.screen, VariantScreen), pilot)
        policy = view.state.decisions[-1]
        assert (policy.action, policy.after) == ("variant-policy", "bracket")


async def test_buttons_still_answer_the_mouse(synth: Path) -> None:
    app = app_for(synth, "synth/doc")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await comment_form(pilot, app)
        await pilot.press(*"by mouse")
        assert await pilot.click("#ok")
        await wait_for(lambda: not isinstance(app.screen, Dialog), pilot)
        assert app.review.view.state.decisions[-1].note == "by mouse"
