"""The manuscript marks in the TUI: each mark a distinct look (style and sign), the 'd' key toggling the
diplomatic view (every mark) and the reading view (the text as published); a snapshot of the fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from manuscript_support import ADDRESS, PROJECT
from ui_helpers import SIZE, app_for, screen_text, wait_for

from workbench.core.markup import runs_of
from workbench.ui.document_view import MarkStyles, styled_runs

EVERY = ("а {add above pencil|б} {subst|в|г} {u|д} {uu|е} {sp|жз} {unclear low|и|й} {gap illegible 2 words} "
         "{margin resolution Lenin|к} {hand Lenin pencil}{pb folio 2}{abbr|т.|товарищ} {sic|Тцарицын|Царицын} "
         "~~л~~ *м*")


def test_diplomatic_view_shows_every_mark_with_its_sign() -> None:
    text = styled_runs(runs_of(EVERY), MarkStyles())
    assert text.plain == ("а ⟨б⟩ ⟦в⟧⟨г⟩ д е ж з и(?) […] [margin: к] [hand: Lenin, pencil] ‖ f. 2 ‖ т. "
                          "Тцарицын [sic] л м")


def test_reading_view_shows_the_text_as_published() -> None:
    text = styled_runs(runs_of(EVERY), MarkStyles(), "reading")
    assert text.plain == "а б г д е ж з и […] к товарищ Царицын  м"


def test_each_mark_has_its_own_look() -> None:
    styles = MarkStyles()
    text = styled_runs(runs_of(EVERY), styles)
    looks = {}
    for span in text.spans:
        looks.setdefault(text.plain[span.start:span.end], set()).add(str(span.style))
    words = ["б", "г", "д", "е", "ж з", "и", "[…]", "к", "[hand: Lenin, pencil] ", "‖ f. 2 ‖ ", "т.", "Тцарицын", "л",
             "м"]
    seen = {word: frozenset(looks[word]) for word in words}
    # every kind of mark looks different from every other (a substitution's new words look like an addition)
    distinct = {w: s for w, s in seen.items() if w != "г"}
    assert len(set(distinct.values())) == len(distinct), seen
    assert seen["г"] == seen["б"]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    return root


async def test_t_toggles_the_diplomatic_and_the_reading_view(project: Path) -> None:
    app = app_for(project, ADDRESS)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(lambda: app.review is not None, pilot)
        review = app.review
        await pilot.press("down", "down", "down", "down")  # L5: the substitution
        await wait_for(lambda: review.detail.shown == 4, pilot)
        assert "мешает ⟦беспорядок⟧⟨полный развал⟩ на дороге" in review.detail.plain()
        assert "but ⟦disorder⟧⟨a complete breakdown⟩ on" in review.detail.plain()
        shown = screen_text(app)
        assert "⟨Сегодня⟩" in shown and "‖ f. 2 ‖" in shown and "Обещаного [sic]" in shown
        await pilot.press("d")
        await wait_for(lambda: "⟦беспорядок⟧" not in review.detail.plain(), pilot)
        assert "мешает полный развал на дороге" in review.detail.plain()
        shown = screen_text(app)
        assert "Сегодня отправлено" in shown and "Совнарком, товарищу Ле" in shown and "Обещанного оружия" in shown
        assert "‖" not in shown and "[hand:" not in shown
        assert "Reading view" in "\n".join(n.message for n in app._notifications)
        assert "Сегодня отправлено" in review.grid.row_text(5).plain
        await pilot.press("d")
        await wait_for(lambda: "⟦беспорядок⟧" in review.detail.plain(), pilot)
        await wait_for(lambda: "⟨Сегодня⟩ отправлено" in screen_text(app), pilot)  # every row drawn again
        assert "⟨Сегодня⟩ отправлено" in review.grid.row_text(5).plain


def test_fixture_snapshot(project: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def shown(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for(lambda: pilot.app.review is not None and pilot.app.review.view.qa_current, pilot)
        await pilot.press("down", "down", "down", "down")
        await wait_for(lambda: pilot.app.review.detail.shown == 4, pilot)

    assert snap_compare(app_for(project, ADDRESS), terminal_size=SIZE, run_before=shown)


async def test_the_collation_view_shows_the_fixture(project: Path) -> None:
    app = app_for(project, ADDRESS)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: app.review is not None, pilot)
        await pilot.press("down", "C")
        await wait_for(lambda: "ru-printed" in screen_text(app), pilot)
        shown = screen_text(app)
        assert "Comrade Lenin." in shown and "{abbr" not in shown  # the English read, not its markup
        assert "mark-subst" in shown and "ru-autograph.p2.77.subst" in shown


def test_the_review_screens_keys_are_distinct() -> None:
    from workbench.ui.keymap import KEYS

    keys = [spec.key for spec in KEYS if spec.group in ("app", "review", "structure", "jump")]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
