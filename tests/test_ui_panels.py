"""The review screen opens the collation view and the metrics panel, and comes back."""

from __future__ import annotations

from pathlib import Path

from test_ui_review import DOC, SIZE, SOURCE, TARGET, app_for, start
from ui_helpers import screen_text, wait_for, write_synthetic

from workbench.ui.screens.collation import CollationScreen
from workbench.ui.screens.metrics import MetricsScreen
from workbench.ui.screens.review import ReviewScreen
from workbench.ui.widgets.metrics_panel import MetricsPanel


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "texts").mkdir(parents=True)
    write_synthetic(root, "synth", "doc", TARGET, SOURCE, title="A synthetic letter")
    return root


async def test_collation_view_opens_and_closes(tmp_path: Path) -> None:
    app = app_for(project(tmp_path), DOC)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        await pilot.press("C")
        await wait_for(lambda: isinstance(app.screen, CollationScreen), pilot)
        await pilot.press("escape")
        await wait_for(lambda: isinstance(app.screen, ReviewScreen), pilot)


async def test_metrics_panel_scores_the_open_document(tmp_path: Path) -> None:
    app = app_for(project(tmp_path), DOC)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        await pilot.press("percent_sign")
        await wait_for(lambda: isinstance(app.screen, MetricsScreen), pilot)
        panel = app.screen.query_one(MetricsPanel)
        await wait_for(lambda: panel.metrics is not None, pilot)
        assert panel.metrics is not None and panel.metrics.edited == 0
        text = screen_text(app)
        assert "chrF++" in text and "TER" in text and "BLEU" in text
        await pilot.press("escape")
        await wait_for(lambda: isinstance(app.screen, ReviewScreen), pilot)


async def test_opening_and_quitting_changes_no_file(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = root / "alignments" / "synth" / "doc.yaml"
    before = path.read_bytes()
    app = app_for(root, DOC)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        await pilot.press("down", "down")
        await pilot.press("q")
    assert path.read_bytes() == before


async def test_palette_finds_metrics_and_collation_by_name(tmp_path: Path) -> None:
    from workbench.ui.commands import screen_commands

    root = project(tmp_path)
    app = app_for(root, DOC)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        helps = {title: help_text for title, help_text, _ in screen_commands(app.screen)}
        assert helps["document: post-editing metrics (chrF++, TER, BLEU)"].endswith("key %")
        await pilot.press("ctrl+p")
        await pilot.press(*"metric")
        await wait_for(lambda: "post-editing metrics" in screen_text(app), pilot)
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, MetricsScreen), pilot)
    from workbench.storage.alignment_store import AlignmentFile

    assert not AlignmentFile(root / "alignments" / "synth" / "doc.yaml").read().state.decisions  # nothing else ran
