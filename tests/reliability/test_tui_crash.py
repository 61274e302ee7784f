"""The review app on the edges a newcomer hit: documents with no link or one link open and work, and
an unexpected error (a bug) ends ``workbench open`` with exit 3 and one message — never exit 0 —
with every decision acknowledged before it still in the journal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ui_helpers import SIZE, app_for, screen_text, wait_for, write_synthetic

from workbench.cli import main
from workbench.cli.open_cmd import EXIT_INTERNAL_ERROR
from workbench.core.models import Status
from workbench.storage.alignment_store import AlignmentFile
from workbench.ui.app import WorkbenchApp
from workbench.ui.screens.review import ReviewScreen


@pytest.fixture()
def edges(tmp_path: Path) -> Path:
    """A project with a document of no links and one of a single link."""
    root = tmp_path / "project"
    (root / "texts").mkdir(parents=True)
    write_synthetic(root, "edge", "empty", [], [])
    write_synthetic(root, "edge", "one", [["One sentence."]], [["Одно предложение."]], scores=[0.3])
    write_synthetic(root, "edge", "two", [["First.", "Second."]], [["Первое.", "Второе."]])
    return root


async def opened(pilot: Any, app: WorkbenchApp) -> ReviewScreen:
    await app.workers.wait_for_complete()
    await wait_for(lambda: app.review is not None, pilot)
    await pilot.pause()
    assert app.review is not None
    return app.review


# every key of the review screen, the strip's included: none may crash on a document without links
EVERY_KEY = ["c", "x", "f", "a", "m", "M", "s", "left_square_bracket", "right_square_bracket",
             "left_curly_bracket", "right_curly_bracket", "i", "delete", "w", "S", "J", "R", "u", "F", "l",
             "v", "o", "left", "right", "enter", "escape", "ctrl+z", "ctrl+y", "e", "escape", "n", "escape",
             "N", "escape", "g", "escape", "home", "end", "pagedown", "up", "down"]


async def test_a_document_with_no_links_opens_and_every_key_is_answered(edges: Path) -> None:
    app = app_for(edges, "edge/empty")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        review = await opened(pilot, app)
        text = screen_text(app)
        assert "0 links" in text and "this document has no links" in text
        assert "English (target)" in text  # the column header is there without rows
        await pilot.click("#strip", offset=(10, 0))  # the strip: nothing to jump to
        await pilot.press("c")
        assert any("this document has no links" in n.message for n in app._notifications)
        for key in EVERY_KEY:
            await pilot.press(key)
            if app.review is None:  # Esc went back to the browser, or a form opened: come back
                if app.screen.__class__.__name__ == "BrowserScreen":
                    app.open_document(review.view.ref)
                else:
                    await pilot.press("escape")
                await wait_for(lambda: app.review is not None, pilot)
                review = app.review
        assert app.crash is None


async def test_a_document_with_one_link_splits_merges_and_undoes(edges: Path) -> None:
    app = app_for(edges, "edge/one")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        review = await opened(pilot, app)
        await pilot.press("o", "left", "right", "enter")  # the strip of one link
        assert review.grid.cursor == 0
        await pilot.press("s")  # 1-1 → 1-0 + 0-1
        assert len(review.view.links) == 2
        await pilot.press("down", "m")  # the last link: nothing to merge with
        assert any("last link" in n.message for n in app._notifications)
        await pilot.press("M")  # merge with the previous one
        assert len(review.view.links) == 1
        await pilot.press("ctrl+z", "ctrl+z")
        assert [lk.id for lk in review.view.links] == ["L1"]
        await pilot.press("c")  # confirming the only link leaves the cursor on it
        assert review.view.links[0].status is Status.CONFIRMED and review.grid.cursor == 0
        assert "1 confirmed" in screen_text(app)
        assert app.crash is None


def run_headless(monkeypatch: pytest.MonkeyPatch, keys: list[str]) -> None:
    """Make ``WorkbenchApp.run`` (what ``workbench open`` calls) run headless and press ``keys``."""
    original = WorkbenchApp.run
    monkeypatch.setenv("WORKBENCH_AUTHOR", "tester")  # a name is known: the app does not ask for one

    def run(self: WorkbenchApp, **_: object) -> object:
        async def drive(pilot: Any) -> None:
            await self.workers.wait_for_complete()
            await wait_for(lambda: self.review is not None, pilot)
            await pilot.press(*keys)

        return original(self, headless=True, size=SIZE, auto_pilot=drive)

    monkeypatch.setattr(WorkbenchApp, "run", run)


def test_an_unexpected_error_exits_3_with_one_message_and_keeps_the_journal(
        edges: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    yaml_path = edges / "alignments" / "edge" / "two.yaml"
    revision = AlignmentFile(yaml_path).read_yaml().revision

    def broken(self: ReviewScreen) -> None:
        raise RuntimeError("injected bug in a key handler")

    monkeypatch.setattr(ReviewScreen, "action_flag", broken)
    run_headless(monkeypatch, ["c", "f"])  # confirm L1 (acknowledged), then the broken handler
    code = main(["--root", str(edges), "open", "edge/two"])
    err = capsys.readouterr().err
    assert code == EXIT_INTERNAL_ERROR != 0
    assert "RuntimeError: injected bug in a key handler" in err and "Traceback" not in err
    assert "journal" in err and len(err.strip().splitlines()) == 1
    report = Path(err.split("Details for a bug report: ")[1].strip())
    assert "Traceback" in report.read_text(encoding="utf-8") and "in broken" in report.read_text(encoding="utf-8")
    report.unlink()
    # nothing was folded after the error: the decision is in the journal, and a new open replays it
    assert AlignmentFile(yaml_path).read_yaml().revision == revision
    assert yaml_path.with_suffix(".journal").stat().st_size > 0
    state = AlignmentFile(yaml_path).read().state
    assert state.link("L1").status is Status.CONFIRMED
    assert [d.action for d in state.decisions] == ["confirm"]


def test_an_error_in_drawing_exits_3_too(edges: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from workbench.ui.widgets import detail_pane

    def broken(view: object, link: object) -> object:
        raise IndexError("injected bug in drawing")

    monkeypatch.setattr(detail_pane, "describe", broken)
    run_headless(monkeypatch, [])
    code = main(["--root", str(edges), "open", "edge/one"])
    err = capsys.readouterr().err
    assert code == EXIT_INTERNAL_ERROR
    assert "IndexError: injected bug in drawing" in err
    Path(err.split("Details for a bug report: ")[1].strip()).unlink()


def test_a_normal_quit_still_exits_0(edges: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_headless(monkeypatch, ["c", "q"])
    assert main(["--root", str(edges), "open", "edge/two"]) == 0
    assert AlignmentFile(edges / "alignments" / "edge" / "two.yaml").read().state.link("L1").status is Status.CONFIRMED
