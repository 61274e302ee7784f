"""The collection browser's cursor stops on documents only, so the ▶ mark and the detail line always
name the row under it (a newcomer saw the cursor rest on a collection heading with no mark)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ui_helpers import SIZE, app_for, screen_text, wait_for

from workbench.ui.app import WorkbenchApp
from workbench.ui.screens.browser import CURSOR_MARK, BrowserScreen


async def browser(pilot: Any, app: WorkbenchApp) -> BrowserScreen:
    await wait_for(lambda: isinstance(app.screen, BrowserScreen) and bool(app.screen.rows), pilot)
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, BrowserScreen)
    return app.screen


def headings(screen: BrowserScreen) -> list[int]:
    """The rows of the table that are collection headings."""
    return [k for k, row in enumerate(screen.table.ordered_rows) if str(row.key.value).startswith("collection:")]


def on_a_document(screen: BrowserScreen) -> str:
    """The document under the cursor, checked to carry the mark and to fill the detail line."""
    ref = screen.selected_ref()
    assert ref is not None, f"the cursor rests on row {screen.table.cursor_row}, a heading"
    assert screen.table.cursor_row not in headings(screen)
    assert f"{CURSOR_MARK}{ref.id}" in screen_text(screen.app)
    assert str(ref) in str(screen.query_one("#browser-detail").render())
    return str(ref)


async def test_moving_down_and_up_skips_the_collection_headings(project: Path) -> None:
    app = app_for(project)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await browser(pilot, app)
        documents = [str(row.ref) for row in screen.rows]
        seen = [on_a_document(screen)]
        for _ in range(len(documents) - 1):
            await pilot.press("down")
            seen.append(on_a_document(screen))
        assert seen == documents  # every document once, in order: no stop on a heading
        await pilot.press("down")  # the last document stays
        assert on_a_document(screen) == documents[-1]
        for expected in reversed(documents[:-1]):
            await pilot.press("up")
            assert on_a_document(screen) == expected
        await pilot.press("up")  # above the first document is a heading only: the cursor stays
        assert on_a_document(screen) == documents[0]


async def test_top_bottom_pages_and_a_click_on_a_heading_land_on_documents(project: Path) -> None:
    app = app_for(project)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await browser(pilot, app)
        first_collection = screen.rows[0].ref.collection
        for key in ("ctrl+end", "ctrl+home", "pagedown", "pageup", "pagedown", "ctrl+home"):
            await pilot.press(key)
            on_a_document(screen)
        assert screen.table.cursor_row == 1  # Ctrl+Home: the first document, under the first heading
        heading = max(headings(screen))  # the last collection's heading
        await pilot.click("#documents", offset=(5, heading + 1))  # +1: the header line
        ref = on_a_document(screen)
        assert screen.table.cursor_row == heading + 1 and not ref.startswith(first_collection)
        await pilot.press("enter")
        await wait_for(lambda: app.review is not None, pilot)
        assert str(app.review.view.ref) == ref
