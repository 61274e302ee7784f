"""The key bar at the foot of each screen: the shown bindings on one line, a click presses the key."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_helpers import SIZE, app_for, opened, screen_text, wait_for, write_synthetic

from workbench.core.models import Status
from workbench.ui.widgets.key_bar import KeyBar


@pytest.fixture()
def synth(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    write_synthetic(root, "synth", "doc", [["One.", "Two."]], [["Один.", "Два."]])
    return root


async def test_the_bar_shows_the_screens_keys_and_a_click_presses_one(synth: Path) -> None:
    app = app_for(synth, "synth/doc")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app)
        bar = app.screen.query_one(KeyBar)
        keys = [key for key, _shown, _description, _enabled in bar.entries()]
        assert keys[:3] == ["c", "x", "f"] and keys[-1] == app.COMMAND_PALETTE_BINDING
        last = screen_text(app).splitlines()[-1]
        assert " c Confirm " in last and "palette" in last
        start, _end, _key = next(span for span in bar._spans if span[2] == "x")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await wait_for(lambda: app.review is not None and app.review.view.links[0].status is Status.REJECTED,
                       pilot)
        gap = bar._spans[-2][1]  # between the last key and the palette, docked at the right: no key
        assert gap < bar._spans[-1][0]
        await pilot.click(KeyBar, offset=(gap, 0))
        await pilot.pause()
        assert app.review is not None and len(app.review.view.state.decisions) == 1
