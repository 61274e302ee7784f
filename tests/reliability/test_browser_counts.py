"""The collection browser reads its counts only while it is shown.

Counting collates every document's witnesses (seconds and a few hundred MB for a 10,000-link
document), so when the app opens straight on a document the browser beneath the review must not
count in a worker thread while the editor works (see docs/benchmarks.md, TUI).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_helpers import wait_for, write_synthetic

from workbench.storage.corpus import Corpus
from workbench.ui import app as app_module
from workbench.ui.screens import browser
from workbench.ui.screens.browser import BrowserScreen, DocumentRow

SIZE = (120, 40)


@pytest.fixture()
def synth(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "texts").mkdir(parents=True)
    write_synthetic(root, "synth", "doc", [["First sentence.", "Second sentence."]],
                    [["Первое ~~предложение~~.", "Второе предложение."]], title="A letter")
    return root


@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each call of the browser's count reading, as the number of rows it read."""
    calls: list[int] = []
    real = browser.read_rows

    def spy(corpus: Corpus) -> list[DocumentRow]:
        rows = real(corpus)
        calls.append(len(rows))
        return rows

    monkeypatch.setattr(browser, "read_rows", spy)
    return calls


async def test_opening_a_document_counts_nothing_until_the_browser_is_shown(synth: Path,
                                                                           counted: list[int]) -> None:
    app = app_module.make_app(str(synth), document="synth/doc", author="tester", poll_interval=3600,
                              save_interval=3600)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: app.review is not None, pilot)
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert counted == []  # the browser is covered: no collation behind the editor's back
        await pilot.press("escape")  # back to the documents
        await wait_for(lambda: isinstance(app.screen, BrowserScreen) and bool(app.screen.rows), pilot)
        assert counted == [1]
        assert app.screen.rows[0].status is not None
        assert app.screen.rows[0].status.variants_unresolved == 1  # the collated struck passage still counts


async def test_the_browser_alone_counts_once_and_again_after_a_review(synth: Path, counted: list[int]) -> None:
    app = app_module.make_app(str(synth), author="tester", poll_interval=3600, save_interval=3600)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: isinstance(app.screen, BrowserScreen) and bool(app.screen.rows), pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert counted == [1]
        await pilot.press("enter")  # open the document
        await wait_for(lambda: app.review is not None, pilot)
        await pilot.press("escape")
        await wait_for(lambda: isinstance(app.screen, BrowserScreen) and len(counted) == 2, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert counted == [1, 1]  # counts changed while reviewing: read again, once
