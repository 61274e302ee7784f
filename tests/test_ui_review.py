"""Pilot tests of the review screen: every operation, asserting the model and the file on disk after it.

Each test works on a synthetic document written into ``tmp_path`` (eight 1-1 links in two
paragraphs, known scores) so that the expected links are exact; the variant and browser tests use
a copy of the sample corpus.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from textual.widgets import Input, Select, TextArea
from ui_helpers import SIZE, screen_text, wait_for, write_synthetic
from ui_helpers import app_for as _app_for

from workbench.cli import main
from workbench.core import decide
from workbench.core.models import Alignment, Status
from workbench.storage.alignment_store import AlignmentFile, Session
from workbench.ui.app import WorkbenchApp
from workbench.ui.commands import screen_commands
from workbench.ui.screens.help import HelpScreen
from workbench.ui.screens.variants import VariantScreen
from workbench.ui.widgets.link_grid import LinkGrid

SOURCE = [["Первое предложение.", "Второе ~~зачёркнутое~~ предложение.", "Третье *курсивом* сказано.",
           "Четвёртое о Харькове."],
          ["Пятое и шестое вместе. Да.", "Седьмое[^1] с примечанием.", "Восьмое о Львове.", "Девятое, последнее."]]
TARGET = [["First sentence.", "Second struck sentence.", "Third said in italics.", "Fourth about Kharkiv."],
          ["Fifth and sixth together. Yes.", "Seventh with a note.", "Eighth about the Lions.", "Ninth, the last."]]
SCORES = [0.92, 0.88, 0.3, 0.95, 0.6, 0.9, 0.2, 0.85]
DOC = "synth/doc"


@pytest.fixture()
def synth(tmp_path: Path) -> Path:
    """A project with one synthetic document."""
    root = tmp_path / "project"
    (root / "texts").mkdir(parents=True)
    write_synthetic(root, "synth", "doc", TARGET, SOURCE, scores=SCORES, title="A synthetic letter")
    return root


def app_for(root: Path, document: str | None = DOC, **options: object) -> WorkbenchApp:
    return _app_for(root, document, **options)


def on_disk(root: Path, address: str = DOC) -> Alignment:
    """The state a fresh reader gets from the files (YAML + journal): what survives a crash."""
    collection, doc = address.split("/")
    return AlignmentFile(root / "alignments" / collection / f"{doc}.yaml").read().state


def shape(state: Alignment) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(lk.id, lk.source, lk.target) for lk in state.links]


def notes(app: WorkbenchApp) -> list[str]:
    return [n.message for n in app._notifications]


async def start(pilot, app: WorkbenchApp) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await wait_for(lambda: app.review is not None, pilot)
    await pilot.pause()


async def goto_row(pilot, app: WorkbenchApp, index: int) -> None:  # type: ignore[no-untyped-def]
    app.review.grid.set_cursor(index)  # type: ignore[union-attr]
    await pilot.pause()


def last_actions(state: Alignment, count: int) -> list[str]:
    return [d.action for d in state.decisions[-count:]]


# ------------------------------------------------------------------------------------------- status


async def test_confirm_reject_flag_unconfirm_move_on_and_persist(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        review = app.review
        await pilot.press("c", "x", "f")
        await pilot.pause()
        statuses = [lk.status for lk in review.view.state.links[:4]]
        assert statuses == [Status.CONFIRMED, Status.REJECTED, Status.FLAGGED, Status.AUTO]
        assert review.grid.cursor == 3
        await pilot.press("up", "a")
        assert review.view.state.link("L3").status is Status.AUTO
    disk = on_disk(synth)
    assert [lk.status for lk in disk.links[:3]] == [Status.CONFIRMED, Status.REJECTED, Status.AUTO]
    assert last_actions(disk, 4) == ["confirm", "reject", "flag", "unconfirm"]
    assert {d.author for d in disk.decisions} == {"tester"}


# ---------------------------------------------------------------------------------------- structure


@pytest.mark.parametrize("keys,row,expected", [
    (("m",), 1, [("L1", ("s1",), ("t1",)), ("L2", ("s2", "s3"), ("t2", "t3")), ("L4", ("s4",), ("t4",))]),
    (("M",), 1, [("L1", ("s1", "s2"), ("t1", "t2")), ("L3", ("s3",), ("t3",))]),
    (("s",), 0, [("L1", ("s1",), ()), ("L9", (), ("t1",)), ("L2", ("s2",), ("t2",))]),
    (("w",), 1, [("L1", ("s1",), ("t2",)), ("L2", ("s2",), ("t1",)), ("L3", ("s3",), ("t3",))]),
    (("i",), 0, [("L1", ("s1",), ("t1",)), ("L9", (), ()), ("L2", ("s2",), ("t2",))]),
])
async def test_structural_keys(synth: Path, keys: Sequence[str], row: int, expected: list) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        await goto_row(pilot, app, row)
        await pilot.press(*keys)
        state = app.review.view.state
        assert shape(state)[:len(expected)] == expected
        reshaped = [lk for lk in state.links if lk.origin == "editor"]
        assert reshaped and all(lk.status is Status.AUTO and lk.confidence is None for lk in reshaped)
    assert shape(on_disk(synth))[:len(expected)] == expected


@pytest.mark.parametrize("key,expected", [
    ("left_square_bracket", [("L1", ("s1", "s2"), ("t1",)), ("L2", ("s3",), ("t2", "t3"))]),
    ("right_square_bracket", [("L2", ("s2",), ("t2", "t3")), ("L4", ("s3", "s4"), ("t4",))]),
    ("left_curly_bracket", [("L1", ("s1",), ("t1", "t2")), ("L2", ("s2", "s3"), ("t3",))]),
    ("right_curly_bracket", [("L2", ("s2", "s3"), ("t2",)), ("L4", ("s4",), ("t3", "t4"))]),
])
async def test_shift_a_sentence_to_the_neighbour(synth: Path, key: str, expected: list) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        await goto_row(pilot, app, 1)
        await pilot.press("m", key)  # L2 = s2 s3 -> t2 t3, then shift one of its sentences
        got = [row for row in shape(app.review.view.state) if row[0] in {e[0] for e in expected}]
        assert got == expected
    assert last_actions(on_disk(synth), 2) == ["merge", "shift"]


async def test_delete_an_empty_row_and_refuse_a_full_one(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        await pilot.press("i")  # empty row L9 after L1, cursor on it
        assert app.review.current.id == "L9"
        await pilot.press("delete")
        assert [lk.id for lk in app.review.view.state.links[:2]] == ["L1", "L2"]
        await pilot.press("delete")
        assert any("only an empty row" in m for m in notes(app))
    assert last_actions(on_disk(synth), 2) == ["insert", "delete"]


async def test_split_and_join_a_segment(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        await goto_row(pilot, app, 4)  # L5: "Пятое и шестое вместе. Да." / "Fifth and sixth together. Yes."
        await pilot.press("S")
        await wait_for(lambda: app.screen.query("#text"), pilot)
        area = app.screen.query_one("#text", TextArea)
        assert area.text == "Пятое и шестое вместе. Да."
        assert area.document.get_index_from_location(area.cursor_location) == len("Пятое и шестое вместе. ")
        await pilot.press("ctrl+s")
        state = app.review.view.state
        assert state.link("L5").source == ("s5", "s9")
        assert state.segment_map()["s9"].text == "Да."
        await pilot.press("J")  # one pair to join: done at once
        assert app.review.view.state.link("L5").source == ("s5",)
        assert app.review.view.state.segment_map()["s5"].text == "Пятое и шестое вместе. Да."
    assert last_actions(on_disk(synth), 2) == ["split-segment", "merge-segment"]


async def test_undo_and_redo_a_structural_operation(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        original = shape(app.review.view.state)
        await pilot.press("m")
        merged = shape(app.review.view.state)
        assert merged != original
        await pilot.press("ctrl+z")
        assert shape(app.review.view.state) == original
        await pilot.press("ctrl+y")
        assert shape(app.review.view.state) == merged
        await pilot.press("ctrl+z", "ctrl+z")
        assert any("nothing to undo" in m for m in notes(app))
    disk = on_disk(synth)
    assert shape(disk) == original
    assert last_actions(disk, 4) == ["merge", "revert", "merge", "revert"]
    assert disk.decisions[2].data.redoes == disk.decisions[0].id


async def test_realign_runs_in_a_worker_and_failures_are_reported(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        view = app.review.view

        def fake(src, tgt, sp, tp):  # type: ignore[no-untyped-def]
            return [(list(range(len(src))), list(range(len(tgt))), 1.0, 0.77)], {"aligner": "fake"}

        view._align_fn = fake
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await wait_for(lambda: view.state.decisions and view.state.decisions[-1].action == "realign", pilot)
        assert shape(view.state) == [("L1", tuple(f"s{i}" for i in range(1, 9)), tuple(f"t{i}" for i in range(1, 9)))]
        assert view.state.links[0].confidence == 0.77

        def broken(src, tgt, sp, tp):  # type: ignore[no-untyped-def]
            raise RuntimeError("model file missing")

        view._align_fn = broken
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await wait_for(lambda: any("model file missing" in m for m in notes(app)), pilot)
    assert last_actions(on_disk(synth), 1) == ["realign"]


# ------------------------------------------------------------------------------------- English, notes


async def test_edit_with_tab_saves_and_moves_on_and_shows_the_word_diff(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        await goto_row(pilot, app, 6)  # L7 "Eighth about the Lions."
        await pilot.press("e")
        area = app.review.editor.area
        assert area.has_focus and area.text == "Eighth about the Lions."
        area.load_text("Eighth about Lvov.")
        await pilot.press("tab")
        view = app.review.view
        assert view.state.edits == {"t7": "Eighth about Lvov."}
        assert app.review.grid.cursor == 7 and app.review.editor.is_open
        assert area.text == "Ninth, the last."
        await pilot.press("escape")
        assert not app.review.editor.is_open and app.review.grid.has_focus
        await goto_row(pilot, app, 6)
        detail = app.review.detail.plain()
        assert "Word diff, received → edited" in detail and "Eighth about Lvov." in detail
        diff = view.diff_text(view.links[6])
        struck = {diff.plain[s.start:s.end] for s in diff.spans if "strike" in str(s.style)}
        assert "the Lions" in struck
        assert "Lvov" in screen_text(app)
    assert on_disk(synth).edits == {"t7": "Eighth about Lvov."}


async def test_comment_with_a_reason_code(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        await pilot.press("n")
        app.screen.query_one("#reason", Select).value = "name-spelling"
        await pilot.press(*"Lvov, not Lions")
        await pilot.press("enter")
        await pilot.pause()
        decision = app.review.view.state.decisions[-1]
        assert (decision.action, decision.target, decision.reason, decision.note) == \
            ("comment", "L1", "name-spelling", "Lvov, not Lions")
        assert "[name-spelling] Lvov, not Lions" in app.review.detail.plain()
    assert on_disk(synth).decisions[-1].note == "Lvov, not Lions"


# ------------------------------------------------------------------------------------------- moving


async def test_jumps_search_and_go_to(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        grid = app.review.grid
        await pilot.press("l")  # low confidence: L3 (0.3), then L7 (0.2)
        assert grid.cursor == 2
        await pilot.press("l")
        assert grid.cursor == 6
        await pilot.press("f")  # flag L7, the cursor moves on to L8
        await pilot.press("F")
        assert grid.cursor == 6
        await pilot.press("home", "c", "c")
        assert grid.cursor == 2
        await pilot.press("up", "up", "u")  # from the confirmed L1, the next unconfirmed is L3
        assert grid.cursor == 2
        await pilot.press("v")
        assert any("no unresolved-variant link" in m for m in notes(app))
        await pilot.press("slash")
        await pilot.press(*"харьков")
        await pilot.press("enter")
        assert grid.cursor == 3
        await pilot.press("slash")
        app.screen.query_one("#pattern", Input).value = r"\bL[a-z]+s\b"
        app.screen.query_one("#regex").value = True
        await pilot.press("enter")
        assert grid.cursor == 6  # "Lions"
        await pilot.press("N")
        assert grid.cursor == 6  # the only match: the search wraps round to it
        await pilot.press("slash")
        app.screen.query_one("#pattern", Input).value = "(unclosed"
        app.screen.query_one("#regex").value = True
        await pilot.press("enter")
        assert any("not a valid regular expression: (unclosed" in m for m in notes(app))
        await pilot.press("g", *"5", "enter")
        assert app.review.current.id == "L5"
        await pilot.press("g", *"L99", "enter")
        assert any("no link L99" in m for m in notes(app))


async def test_confidence_strip_click_and_keys(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        strip = app.review.strip
        grid = app.review.grid
        await pilot.click("#strip", offset=(strip.size.width - 3, 0))
        assert grid.cursor == 7 and grid.has_focus  # the last stretch: L8
        await pilot.press("o")
        assert strip.has_focus
        await pilot.press("home", "left", "left", "left", "left", "left", "left", "left", "left", "enter")
        assert grid.cursor < 7 and grid.has_focus


async def test_mouse_click_on_a_row(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        await pilot.click(LinkGrid, offset=(10, 4))
        assert app.review.grid.cursor == 4
        assert app.review.detail.plain().startswith("L5")


# ------------------------------------------------------------------------------------ saving, files


async def test_quit_folds_the_journal(synth: Path) -> None:
    app = app_for(synth)
    yaml_path = synth / "alignments" / "synth" / "doc.yaml"
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        await pilot.press("c")
        assert yaml_path.with_suffix(".journal").stat().st_size > 0
        await pilot.press("q")
    assert yaml_path.with_suffix(".journal").stat().st_size == 0
    assert AlignmentFile(yaml_path).read_yaml().revision == 2
    assert on_disk(synth).links[0].status is Status.CONFIRMED


async def test_changes_made_elsewhere_are_taken_in_and_announced(synth: Path) -> None:
    app = app_for(synth, poll_interval=0.05)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        other = Session(AlignmentFile(synth / "alignments" / "synth" / "doc.yaml"))
        other.record(decide.set_status(other.state, "L5", "confirm", "colleague"))
        await wait_for(lambda: app.review.view.state.link("L5").status is Status.CONFIRMED, pilot)
        await wait_for(lambda: any("merged 1 decision" in m for m in notes(app)), pilot)
        other.save()
        other.record(decide.set_status(other.state, "L6", "flag", "colleague"))
        await wait_for(lambda: app.review.view.state.link("L6").status is Status.FLAGGED, pilot)
        assert any("changed on disk" in m or "merged" in m for m in notes(app))


async def test_a_conflict_names_the_link_and_loses_nothing(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        other = Session(AlignmentFile(synth / "alignments" / "synth" / "doc.yaml"))
        other.record(decide.set_status(other.state, "L1", "confirm", "colleague"))
        await pilot.press("x")  # we still see L1 as auto; rejecting it conflicts
        conflict = [m for m in notes(app) if "L1" in m and "changed elsewhere" in m]
        assert conflict and "nothing was lost" in conflict[0]
        assert app.review.view.state.link("L1").status is Status.CONFIRMED
    disk = on_disk(synth)
    assert disk.link("L1").status is Status.CONFIRMED and [d.author for d in disk.decisions] == ["colleague"]


# ------------------------------------------------------------------------------ help, palette, keys


async def test_help_lists_the_keymap_and_a_keymap_remaps(synth: Path) -> None:
    app = app_for(synth, keymap={"review.confirm": "enter", "review.flag": "b"})
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        await pilot.press("enter")
        assert app.review.view.state.link("L1").status is Status.CONFIRMED
        await pilot.press("b")
        assert app.review.view.state.link("L2").status is Status.FLAGGED
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "review.confirm" in text and "Enter" in text and "Merge ↓" in text
        await pilot.press("escape")
        assert app.review is not None


async def test_palette_commands_read_noun_verb_and_run(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        titles = [title for title, _, _ in screen_commands(app.review)]
        assert "link: confirm" in titles and "link: merge with next" in titles and "search: find" in titles
        assert all(": " in t and t.split(": ")[0].isalpha() for t in titles)
        await pilot.press("ctrl+p")
        await pilot.press(*"link: confirm")
        await wait_for(lambda: "link: confirm" in screen_text(app), pilot)
        await pilot.press("enter")
        await wait_for(lambda: app.review is not None and app.review.view.state.decisions, pilot)
        assert app.review.view.state.decisions[-1].action == "confirm"


async def test_themes_restyle_the_rows(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        before = app.review.view.styles
        app.theme = "gruvbox"
        await pilot.pause()
        assert app.review.view.styles != before
        assert "Second struck sentence." in screen_text(app)


# ------------------------------------------------------------------------- browser, corpus documents


async def test_browser_counts_and_opens_a_document(project: Path) -> None:
    app = app_for(project, document=None)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        for name in ("bolshevik-correspondence", "garnett-stories", "udhr", "092", "khameleon"):
            assert name in text
        assert "source witness pending" in text
        row = next(r for r in app.screen.rows if r.ref.id == "092")
        assert row.status is not None and row.status.variants_unresolved == 1 and row.source == "pending"
        await pilot.press("down", "enter")  # the cursor starts on the first document (091)
        await wait_for(lambda: app.review is not None, pilot)
        assert app.review.view.meta.address == "bolshevik-correspondence/092"
        await pilot.press("escape")
        await wait_for(lambda: app.review is None, pilot)


async def test_pending_source_shows_english_alone_with_the_line(project: Path) -> None:
    app = app_for(project, document="bolshevik-correspondence/092")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        text = screen_text(app)
        assert "Russian (source)" not in text and "English (target)" in text
        assert "source witness pending" in text and "workbench add-witness" in text
        assert "Predrevsov[et] Trotsky," in text


async def test_variant_panel_marks_and_publishes_no_92_v1(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = app_for(project, document="bolshevik-correspondence/092")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot, app)
        await pilot.press("v")  # the link of note 1 touches V1
        view = app.review.view
        assert "L15" in view.unresolved_links and view.links[app.review.grid.cursor].id in view.unresolved_links
        assert "◆" in screen_text(app)
        await pilot.press("V")
        assert isinstance(app.screen, VariantScreen)
        assert "V1" in screen_text(app) and "unresolved" in screen_text(app)
        await pilot.press("m")
        await wait_for(lambda: app.screen.query("#find"), pilot)
        await pilot.press(*"Not a small role was played")
        await pilot.press("enter")
        app.screen.query_one("#evidence", Input).value = "1996 ed., p. 148"
        app.screen.query_one("#certainty", Select).value = "0.8"
        await pilot.press("ctrl+s")
        await wait_for(lambda: isinstance(app.screen, VariantScreen), pilot)
        mark = view.state.decisions[-1]
        assert (mark.action, mark.target, mark.reason) == ("variant-mark", "V1", "printed-edition")
        assert mark.data.fields() == {"witness": "en-mt", "start": view.target_witness_text.index("Not a small"),
                                      "end": view.target_witness_text.index("Not a small") + 27,
                                      "text": "Not a small role was played", "certainty": 0.8,
                                      "evidence": "1996 ed., p. 148"}
        assert view.variant("V1").status == "resolved"
        await pilot.press("p")
        await wait_for(lambda: app.screen.query("#policy"), pilot)
        app.screen.query_one("#policy", Select).value = "bracket"
        app.screen.query_one("#note", Input).value = "struck by Stalin; kept for the reader"
        await pilot.press("ctrl+s")
        await wait_for(lambda: view.state.decisions[-1].action == "variant-policy", pilot)
        policy = view.state.decisions[-1]
        assert (policy.before, policy.after, policy.target) == ("note", "bracket", "V1")
        # built by the same constructor as the CLI's: the basis it judged is recorded with it
        assert policy.data.source_sha is not None and policy.data.english_sha is not None
        assert "published as: bracket" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("v")
        assert any("no unresolved-variant link" in m for m in notes(app))
        await pilot.press("q")
    assert main(["--root", str(project), "log", "bolshevik-correspondence/092"]) == 0
    log = capsys.readouterr().out
    assert "variant-mark V1" in log and "variant-policy V1" in log and "1996 ed., p. 148" in log
