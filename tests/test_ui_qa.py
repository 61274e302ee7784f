"""Pilot tests of QA in the review app: findings in the grid and the detail pane, next finding, the
review queue, waiving, applying a suggestion, adding a glossary term, and the browser's QA counts."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select
from ui_helpers import SIZE, app_for, screen_text, wait_for, write_synthetic

from workbench.core.actions import Action
from workbench.storage.alignment_store import AlignmentFile
from workbench.storage.glossary_store import load_glossary
from workbench.ui.app import WorkbenchApp

SOURCE = [["Первое предложение.", "Мы взяли Харьков.", "Бейте по Львову."],
          ["Мы потеряли шесть орудий.", "Последнее предложение."]]
TARGET = [["First sentence.", "We took Kharkiv.", "So hit the Lions ."],
          ["We lost six guns.", "The last sentence."]]
GLOSSARY = """schema: workbench-glossary
version: 1
terms:
- source: Львов
  target: [Lvov]
  forbidden: [Lions]
"""
DOC = "synth/doc"


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "texts").mkdir(parents=True)
    write_synthetic(root, "synth", "doc", TARGET, SOURCE, scores=[0.9, 0.9, 0.9, 0.9, 0.9])
    (root / "texts" / "synth" / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    return root


async def qa_done(pilot: object, app: WorkbenchApp) -> None:
    await wait_for(lambda: app.review is not None and app.review.view.qa_current, pilot)


def english_on_disk(root: Path, link: str) -> str:
    state = AlignmentFile(root / "alignments" / "synth" / "doc.yaml").read().state
    return state.english(state.link(link))


async def test_findings_are_marked_and_described(tmp_path: Path) -> None:
    root = project(tmp_path)
    app = app_for(root, DOC)
    async with app.run_test(size=SIZE) as pilot:
        await qa_done(pilot, app)
        review = app.review
        assert review is not None
        view = review.view
        assert {f.check for f in view.open_findings("L3")} == {"glossary", "spacing"}
        assert view.open_findings("L1") == [] and view.open_findings("L4") == []
        assert view.cells(2)[0].plain.startswith("▲") and view.cells(0)[0].plain.startswith(" ")
        assert "· QA 1 err 1 warn" in screen_text(app)
        await pilot.press("exclamation_mark")
        await wait_for(lambda: review.grid.cursor == 2 and review.detail.shown == 2, pilot)
        detail = review.detail.plain()
        assert "Findings (2 open)" in detail
        assert "glossary: “Lions” is a forbidden rendering of Львов" in detail and "→ Lvov" in detail
        assert "in the English: So hit the Lions ." in detail
        # the span is what the highlight covers
        spans = [s for s in review.detail.text.spans if s.style and "reverse" in str(s.style)]
        assert sorted(review.detail.text.plain[s.start:s.end] for s in spans) == [" .", "Lions"]


async def test_apply_suggestion_is_an_edit_and_the_link_is_checked_again(tmp_path: Path) -> None:
    root = project(tmp_path)
    app = app_for(root, DOC)
    async with app.run_test(size=SIZE) as pilot:
        await qa_done(pilot, app)
        review = app.review
        assert review is not None
        review.go_to("L3")
        await pilot.press("A")
        await wait_for(lambda: review.view.qa_current and len(review.view.open_findings("L3")) == 1, pilot)
        assert english_on_disk(root, "L3") == "So hit the Lvov ."
        last = review.view.state.decisions[-1]
        assert (last.action, last.reason) == (Action.EDIT, "qa glossary")
        await pilot.press("A")
        await wait_for(lambda: review.view.qa_current and review.view.open_findings("L3") == [], pilot)
        assert english_on_disk(root, "L3") == "So hit the Lvov."
        assert not review.view.cells(2)[0].plain.startswith(("▲", "△"))
        assert " QA " not in screen_text(app).splitlines()[0]
        await pilot.press("ctrl+z")  # an applied suggestion is an edit like any other: undone, the finding is back
        await wait_for(lambda: review.view.qa_current and [f.check for f in review.view.open_findings("L3")]
                       == ["spacing"], pilot)


async def test_waive_with_a_reason_then_the_finding_returns_after_an_edit(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = project(tmp_path)
    app = app_for(root, DOC)
    async with app.run_test(size=SIZE) as pilot:
        await qa_done(pilot, app)
        review = app.review
        assert review is not None
        review.go_to("L3")
        await pilot.press("W")
        await wait_for(lambda: app.screen.query("#reason"), pilot)
        app.screen.query_one("#check", Select).value = "spacing"
        app.screen.query_one("#reason", Input).value = "the witness spaces it so"
        await pilot.press("enter")
        await wait_for(lambda: review.view.qa_current and [f.check for f in review.view.open_findings("L3")]
                       == ["glossary"], pilot)
        waiver = review.view.state.decisions[-1]
        assert (waiver.action, waiver.data.check, waiver.reason) == (Action.QA_WAIVE, "spacing",
                                                                     "the witness spaces it so")
        assert "(waived)" in review.detail.plain()
        # the glossary suggestion changes the English: the spacing waiver no longer holds
        await pilot.press("A")
        await wait_for(lambda: review.view.qa_current and [f.check for f in review.view.open_findings("L3")]
                       == ["spacing"], pilot)
    # the waiver recorded in the app is in the history, for `workbench log`
    from workbench.cli import main
    capsys.readouterr()
    assert main(["--root", str(root), "log", DOC]) == 0
    log = capsys.readouterr().out
    assert "tester  qa-waive L3 (the witness spaces it so) [check=spacing]" in log


async def test_walk_the_queue_in_risk_order(tmp_path: Path) -> None:
    root = project(tmp_path)
    app = app_for(root, DOC)
    async with app.run_test(size=SIZE) as pilot:
        await qa_done(pilot, app)
        review = app.review
        assert review is not None
        seen = []
        for _ in range(3):
            await pilot.press("t")
            await pilot.pause()
            seen.append(review.current.id if review.current else None)
        # L3 (an error and a warning) first, then the unreviewed links of equal risk in document order
        assert seen == ["L3", "L1", "L2"]
        review.go_to("L5")  # moved away: the walk starts again from the riskiest
        await pilot.press("t")
        await pilot.pause()
        assert review.current is not None and review.current.id == "L3"


async def test_add_a_glossary_term_from_the_link(tmp_path: Path) -> None:
    root = project(tmp_path)
    app = app_for(root, DOC)
    async with app.run_test(size=SIZE) as pilot:
        await qa_done(pilot, app)
        review = app.review
        assert review is not None
        review.go_to("L2")
        assert review.view.open_findings("L2") == []
        await pilot.press("G")
        await wait_for(lambda: app.screen.query("#source"), pilot)
        assert "Мы взяли Харьков." in screen_text(app)
        app.screen.query_one("#source", Input).value = "Харьков"
        app.screen.query_one("#target", Input).value = "Kharkov"
        app.screen.query_one("#forbidden", Input).value = "Kharkiv"
        await pilot.press("enter")
        await wait_for(lambda: review.view.qa_current and review.view.open_findings("L2") != [], pilot)
        assert [f.suggestion for f in review.view.open_findings("L2")] == ["Kharkov"]
    terms = {t.source: t for t in load_glossary(root, "synth").terms}
    assert terms["Харьков"].target == ("Kharkov",) and terms["Харьков"].forbidden == ("Kharkiv",)
    assert "Львов" in terms  # the existing terms are kept


async def test_browser_shows_qa_counts_per_document(tmp_path: Path) -> None:
    root = project(tmp_path)
    write_synthetic(root, "synth", "clean", [["A clean sentence."]], [["Чистое предложение."]], scores=[0.9])
    app = app_for(root, None)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = {str(r.ref): r.qa for r in app.screen.rows}  # type: ignore[attr-defined]
        assert rows[DOC] == {"error": 1, "warning": 1, "info": 0}
        assert rows["synth/clean"] == {"error": 0, "warning": 0, "info": 0}
        shown = screen_text(app)
        assert "  1/1  " in shown and " QA " in shown.splitlines()[1]


async def test_a_bad_glossary_is_said_and_the_review_goes_on(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "texts" / "synth" / "glossary.yaml").write_text(GLOSSARY + "  colour: red\n", encoding="utf-8")
    app = app_for(root, DOC)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: app.review is not None and app.review.view.qa_error is not None, pilot)
        review = app.review
        assert review is not None
        assert "glossary.yaml:7" in (review.view.qa_error or "") and "colour" in review.detail.plain()
        await pilot.press("c")  # reviewing goes on
        await wait_for(lambda: review.view.state.links[0].status.value == "confirmed", pilot)


async def test_the_checks_catch_up_after_a_save(tmp_path: Path) -> None:
    """A save makes a new state (revision + 1) while a run may be under way: the findings follow it."""
    root = project(tmp_path)
    app = app_for(root, DOC)
    async with app.run_test(size=SIZE) as pilot:
        await qa_done(pilot, app)
        review = app.review
        assert review is not None
        review.go_to("L3")
        before = review.view.state.revision
        await pilot.press("A", "ctrl+s")
        await wait_for(lambda: review.view.state.revision > before and review.view.qa_current, pilot)
        assert [f.check for f in review.view.open_findings("L3")] == ["spacing"]


async def test_after_an_edit_only_the_edited_link_is_checked_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from workbench.core.qa import run
    checked: list[str] = []
    real = run.link_findings

    def spy(doc, link, context, stats=None):  # type: ignore[no-untyped-def]
        checked.append(link.id)
        return real(doc, link, context, stats)

    monkeypatch.setattr(run, "link_findings", spy)
    root = project(tmp_path)
    app = app_for(root, DOC)
    async with app.run_test(size=SIZE) as pilot:
        await qa_done(pilot, app)
        review = app.review
        assert review is not None
        assert sorted(checked) == ["L1", "L2", "L3", "L4", "L5"]  # the first run: every link
        checked.clear()
        review.go_to("L3")
        await pilot.press("A")
        await wait_for(lambda: review.view.qa_current and len(review.view.open_findings("L3")) == 1, pilot)
        assert checked == ["L3"]


async def test_findings_on_the_metadata_are_counted_apart(project: Path) -> None:  # the sample corpus, copied
    app = app_for(project, "bolshevik-correspondence/094")
    async with app.run_test(size=SIZE) as pilot:
        await qa_done(pilot, app)
        await pilot.pause()
        # 094's archival reference (RTSKHIDNI, On.) has no row: counted apart from the links' 3 errors (L7, L10)
        assert "· QA 3 err 3 warn +2 metadata" in screen_text(app).splitlines()[0]
        review = app.review
        assert review is not None
        assert [f.suggestion for f in review.view.open_findings("L7")] == ["Lvov"]
