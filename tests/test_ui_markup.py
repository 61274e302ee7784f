"""The markup torture list through every widget that shows text: each string must show literally.

Textual and Rich parse ``[...]`` as markup wherever they are handed a plain string: ``[in]`` would
vanish, ``[/foo]`` would crash. The strings go in through the witnesses (escaped, so the reading
is the string itself), the English editor, notes, search, a document title and a variant
description, and the test reads what the screen actually shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input
from ui_helpers import SIZE, literal, screen_text, wait_for, write_synthetic

from workbench.core.documents import VariantInfo
from workbench.ui.app import make_app
from workbench.ui.screens.variants import VariantScreen

TORTURE = ["[in]", "[et]", "[/foo]", "a [/] b", "x [/", "[1920]", "[...]", "[bold]x[/bold]", "\\["]


@pytest.fixture()
def torture(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "texts").mkdir(parents=True)
    write_synthetic(root, "mark", "doc", [[literal(f"Line {s} here.") for s in TORTURE]],
                    [[literal(f"Строка {s} тут.") for s in TORTURE]], scores=[0.5] * len(TORTURE),
                    title=" ".join(TORTURE),
                    variants=[VariantInfo("V1", "struck-passage", "unresolved", "en-x", None,
                                          "Variant " + " ".join(TORTURE))])
    return root


def toasts(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(n.message for n in app._notifications)


@pytest.mark.parametrize("half", [0, 1])  # two halves of the strings, so the two run side by side
async def test_torture_strings_in_rows_detail_editor_notes_and_search(torture: Path, half: int) -> None:
    mine = [(index, s) for index, s in enumerate(TORTURE) if index % 2 == half]
    app = make_app(str(torture), document="mark/doc", author="tester", poll_interval=3600, save_interval=3600)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(lambda: app.review is not None, pilot)
        review = app.review
        shown = screen_text(app)
        title = review.title_bar.render()
        assert " ".join(TORTURE) in getattr(title, "plain", str(title))  # the title bar, given literally
        assert "— [in] [et] [/foo] a [/] b x [/" in shown  # and drawn literally (its end may be cut)
        for index, s in enumerate(TORTURE):
            assert f"Line {s} here." in shown and f"Строка {s} тут." in shown, s
            assert f"Line {s} here." in review.grid.row_text(index).plain
        for index, s in mine:
            review.grid.set_cursor(index)
            await pilot.pause()
            detail = review.detail.plain()
            assert f"Строка {s} тут." in detail and f"Line {s} here." in detail, s
            assert f"Line {s} here." in screen_text(app)
            # the editor shows the English in transcription markup, as stored, and saving keeps it literal
            await pilot.press("e")
            assert review.editor.area.text == literal(f"Line {s} here.")
            if s == "x [/":  # typed raw, this is not valid markup: refused, the editor keeps the text
                review.editor.area.load_text(f"Edited {s} now.")
                await pilot.press("ctrl+s")
                assert f"t{index + 1}" not in review.view.state.edits
                assert any("not valid transcription markup" in n.message for n in app._notifications)
                assert review.editor.area.text == f"Edited {s} now."
            # the editor works in transcription markup: the literal form of the string shows literally
            stored = f"Edited {literal(s)} now."
            review.editor.area.load_text(stored)
            await pilot.press("ctrl+s")  # saves and closes the editor
            assert review.view.state.edits[f"t{index + 1}"] == stored
            assert f"Edited {s} now." in review.grid.row_text(index).plain
            assert f"Edited {s} now." in screen_text(app)
            diff = review.view.diff_text(review.view.links[index]).plain
            assert f"Line {s} here." not in diff or "Edited" in diff
            # a note holding the string, shown in the notes and the history
            await pilot.press("n")
            app.screen.query_one("#text", Input).value = f"note {s}"
            await pilot.press("enter")
            await pilot.pause()
            assert review.detail.plain().count(f"note {s}") == 2, s  # notes section and history
            assert f"note {s}" in screen_text(app)
        # search by substring finds the row; a failed search says the pattern literally
        for index, s in mine:
            review.grid.set_cursor(0 if index else 1)
            await pilot.press("slash")
            app.screen.query_one("#pattern", Input).value = f"Строка {s} тут"
            await pilot.press("enter")
            assert review.grid.cursor == index, s
        await pilot.press("slash")
        app.screen.query_one("#pattern", Input).value = "zz [/foo] [in] x [/"
        await pilot.press("enter")
        await wait_for(lambda: "no match for zz [/foo] [in] x [/" in screen_text(app), pilot)
        assert "no match for zz [/foo] [in] x [/" in toasts(app)


async def test_torture_strings_in_browser_and_variant_panel(torture: Path) -> None:
    app = make_app(str(torture), author="tester", poll_interval=3600, save_interval=3600)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert " ".join(TORTURE) in screen_text(app)  # the title column of the browser
        await pilot.press("enter")
        await wait_for(lambda: app.review is not None, pilot)
        await pilot.press("V")
        await wait_for(lambda: isinstance(app.screen, VariantScreen), pilot)
        shown = screen_text(app)
        assert "Variant " + " ".join(TORTURE) in shown  # table cell and detail
        assert shown.count("Variant [in] [et] [/foo]") >= 2
        await pilot.press("p")
        await wait_for(lambda: app.screen.query("#note"), pilot)
        app.screen.query_one("#note", Input).value = "why: " + " ".join(TORTURE)
        await pilot.press("ctrl+s")
        await wait_for(lambda: isinstance(app.screen, VariantScreen), pilot)
        assert "why: " + " ".join(TORTURE) in screen_text(app)
