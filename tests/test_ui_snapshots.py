"""Snapshots of the main screens, built from the app factory on synthetic documents.

Update after looking at the report: ``pytest tests/test_ui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_helpers import SIZE, app_for, wait_for, write_synthetic

from workbench.core.documents import VariantInfo

SOURCE = [["Предревсов[ет] Троцкому,", "копия ЦК РКП."],
          ["Новая неудача на Врангелевском фронте объясняется запозданием ~~свежих~~ дивизий.",
           "Врангель, *очевидно*, знает о переброске дивизий[^1] и старается [...] предупредить нас.",
           "Харьков 26 июля."]]
TARGET = [["Predrevsov[et] Trotsky,", "copy of the Central Committee of the RCP."],
          ["Another failure on the Wrangel Front is due to the belated approach of fresh divisions.",
           "Wrangel is obviously aware of the redeployment of divisions and is trying to warn us.",
           "Kharkiv 24/7 1"]]


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "texts").mkdir(parents=True)
    write_synthetic(project, "letters", "092", TARGET, SOURCE, scores=[0.95, 0.9, 0.82, 0.41, 0.12],
                    title="Telegram from I. V. Stalin to L. D. Trotsky",
                    variants=[VariantInfo("V1", "struck-passage", "unresolved", "en-x", None,
                                          "Note 1 says a passage in italics was crossed out; the words are unknown.")])
    write_synthetic(project, "letters", "093", [["The English alone."]], title="Telegram, source pending")
    return project


def test_browser_snapshot(root: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def loaded(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app_for(root, None), terminal_size=SIZE, run_before=loaded)


def test_review_snapshot(root: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def on_link_4(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for(lambda: pilot.app.review is not None and pilot.app.review.view.qa_current, pilot)
        await pilot.press("down", "down", "down")
        await wait_for(lambda: pilot.app.review.detail.shown == 3, pilot)  # the pane catches up after a burst

    assert snap_compare(app_for(root, "letters/092"), terminal_size=SIZE, run_before=on_link_4)


def test_pending_source_snapshot(root: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def opened(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for(lambda: pilot.app.review is not None and pilot.app.review.view.qa_current, pilot)

    assert snap_compare(app_for(root, "letters/093"), terminal_size=SIZE, run_before=opened)


def test_variant_panel_snapshot(root: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def panel(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for(lambda: pilot.app.review is not None and pilot.app.review.view.qa_current, pilot)
        await pilot.press("V")
        await pilot.pause()

    assert snap_compare(app_for(root, "letters/092"), terminal_size=SIZE, run_before=panel)


def test_help_snapshot(root: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def helped(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for(lambda: pilot.app.review is not None and pilot.app.review.view.qa_current, pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app_for(root, "letters/092"), terminal_size=SIZE, run_before=helped)
