"""What the screens show: keys as characters in the help, whole binding ids, the browser's rejected
column, cursor mark and full error line, a replaced word set apart in the word diff, and an
"unsaved" counter that counts the changes not yet saved into the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable
from ui_helpers import SIZE, screen_text, wait_for, write_synthetic
from ui_helpers import app_for as _app_for

from workbench.core import decide
from workbench.core.word_diff import Op, display_pieces, word_diff
from workbench.storage.alignment_store import AlignmentFile, Session
from workbench.ui.app import WorkbenchApp
from workbench.ui.keymap import KEYS
from workbench.ui.screens.browser import BrowserScreen
from workbench.ui.screens.help import HelpScreen, key_label


@pytest.fixture()
def synth(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "texts").mkdir(parents=True)
    write_synthetic(root, "synth", "doc", [["First sentence.", "Second sentence.", "Third sentence."]],
                    [["Первое предложение.", "Второе предложение.", "Третье предложение."]], title="A letter")
    return root


def app_for(root: Path, document: str | None = "synth/doc", **options: object) -> WorkbenchApp:
    return _app_for(root, document, **options)

async def opened(pilot, app: WorkbenchApp) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await wait_for(lambda: app.review is not None, pilot)
    await pilot.pause()


def title(app: WorkbenchApp) -> str:
    rendered = app.review.title_bar.render()
    return getattr(rendered, "plain", str(rendered))


# ------------------------------------------------------------------------------------------- help


def test_keys_read_as_characters() -> None:
    assert key_label("percent_sign") == "%" and key_label("left_square_bracket") == "["
    assert key_label("right_curly_bracket") == "}" and key_label("question_mark") == "?"
    assert key_label("ctrl+s") == "Ctrl+S" and key_label("escape,q") == "Esc / q" and key_label("left") == "←"
    assert key_label("m,plus") == "m / +"
    assert key_label("slash") == "/"
    names = {"Enter", "Esc", "Tab", "Del", "Ctrl+S", "Ctrl+Y", "Ctrl+Z", "Ctrl+R"}
    for spec in KEYS:  # no Textual key name (slash, percent_sign) is left for a reader to decode
        label = key_label(spec.key)
        assert len(label) == 1 or label in names, (spec.id, label)


async def test_help_shows_characters_and_whole_binding_ids(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await opened(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        keys = [table.get_row_at(k)[0].plain for k in range(table.row_count)]
        assert "%" in keys and "[" in keys and "percent_sign" not in keys
        text = screen_text(app)
        assert "review.merge_previous" in text and "review.shift_target_down" in text
        # the table is longer than the screen: the rest of the ids are checked in its rows
        cells = " ".join(str(getattr(c, "plain", c)) for k in range(table.row_count) for c in table.get_row_at(k))
        assert "review.next_unconfirmed" in cells
        assert "percent_sign" not in text and "left_square_bracket" not in text


# ---------------------------------------------------------------------------------------- browser


async def test_browser_has_rejected_a_cursor_mark_and_the_full_error(project: Path) -> None:
    session = Session(AlignmentFile(project / "alignments" / "udhr" / "udhr.yaml"))
    session.record([decide.set_status(session.state, "L3", "reject", "ed")])
    session.save()
    broken = project / "texts" / "bolshevik-correspondence" / "094" / "en-mt.txt"
    broken.write_text("Broken ~~struck\n", encoding="utf-8")
    app = app_for(project, document=None)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await wait_for(lambda: isinstance(app.screen, BrowserScreen) and bool(app.screen.rows), pilot)
        screen = app.screen
        table = screen.table
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[3:6] == ["conf.", "rej.", "flag."]
        udhr = table.get_row("udhr/udhr")
        assert udhr[4].plain.strip() == "1"  # one rejected link, as 'workbench status' counts it
        assert "rej. rejected" in screen_text(app)
        first = table.get_row_at(table.cursor_row)[0].plain
        assert first.startswith("▶ ")  # the cursor row is marked, not only coloured
        table.move_cursor(row=table.get_row_index("bolshevik-correspondence/094"))
        await pilot.pause()
        assert table.get_row("bolshevik-correspondence/094")[0].plain == "▶ 094"
        assert table.get_row("bolshevik-correspondence/091")[0].plain == "  091"  # the mark moved
        text = screen_text(app)
        assert "texts/bolshevik-correspondence/094/en-mt.txt:1:8: struck passage '~~' is opened here and never " \
               "closed" in text  # the whole message, under the table
        assert "1 document(s) could not be read" in text


# -------------------------------------------------------------------------------------- word diff


def test_a_replaced_word_is_set_apart_from_its_replacement() -> None:
    pieces = display_pieces(word_diff("the recognition of the dignity", "the acknowledgement of the dignity"))
    assert [(p.op, p.text) for p in pieces] == [
        (Op.EQUAL, "the "), (Op.DELETE, "recognition"), (Op.EQUAL, " "), (Op.INSERT, "acknowledgement"),
        (Op.EQUAL, " of the dignity")]
    assert "".join(p.text for p in pieces) == "the recognition acknowledgement of the dignity"
    spaced = display_pieces(word_diff("a b c", "a x c"))  # a space already there: none added
    assert "".join(p.text for p in spaced).count("  ") == 0


async def test_the_detail_pane_diff_has_a_space_between_old_and_new(synth: Path) -> None:
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await opened(pilot, app)
        await pilot.press("e")
        app.review.editor.area.load_text("First phrase.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        view = app.review.view
        assert view.diff_text(view.links[0]).plain == "First sentence phrase."  # sentence → phrase
        assert "sentencephrase" not in app.review.detail.plain()


# ---------------------------------------------------------------------------------------- unsaved


async def test_unsaved_counts_unfolded_decisions_and_a_save_clears_it(synth: Path) -> None:
    yaml_path = synth / "alignments" / "synth" / "doc.yaml"
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await opened(pilot, app)
        assert "unsaved" not in title(app)
        await pilot.press("c", "c", "ctrl+z")  # two confirms and an undo: one change left to save
        assert "· 1 unsaved" in title(app)
        await pilot.press("ctrl+s")
        assert "unsaved" not in title(app) and yaml_path.with_suffix(".journal").stat().st_size == 0
        # another editor's decision waits in the shared journal too: it is what a save would fold
        other = Session(AlignmentFile(yaml_path))
        other.record(decide.set_status(other.state, "L3", "flag", "colleague"))
        await pilot.press("f")
        assert "· 2 unsaved" in title(app)
        await pilot.press("ctrl+s")
        assert "unsaved" not in title(app)


async def test_the_editors_save_folds_the_journal(synth: Path) -> None:
    yaml_path = synth / "alignments" / "synth" / "doc.yaml"
    app = app_for(synth)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await opened(pilot, app)
        await pilot.press("e")
        app.review.editor.area.load_text("First line.")
        await pilot.press("tab")  # records the edit and goes on: not folded yet
        assert "· 1 unsaved" in title(app) and app.review.editor.is_open
        app.review.editor.area.load_text("Second line.")
        await pilot.press("ctrl+s")  # the editor's save: folded, like Ctrl+S on the screen
        await pilot.pause()
        assert "unsaved" not in title(app)
        assert yaml_path.with_suffix(".journal").stat().st_size == 0
        assert AlignmentFile(yaml_path).read_yaml().edits == {"t1": "First line.", "t2": "Second line."}
