"""The collection browser: each collection with its documents and their counts.

Counts are read in a worker thread (every alignment file is opened), then shown in a DataTable
with one heading row per collection. Enter opens the review screen of a document. The cursor
stops on documents only: moving onto a collection heading carries it on to the next document
that way (or back, at the top). The row under the cursor carries a ``▶`` (so it shows in any
theme, whatever its colours), and the line under the table gives that document's full title —
or, when it could not be read, the whole message that the table's narrow source column cuts.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import Worker, WorkerState

from workbench.core.errors import WorkbenchError
from workbench.core.qa.model import counts
from workbench.core.status import DocumentStatus
from workbench.storage.corpus import Corpus, DocRef
from workbench.storage.variant_counts import full_status
from workbench.ui import safe_text
from workbench.ui.keymap import bindings
from workbench.ui.widgets.key_bar import KeyBar

#: (label, width): fixed widths, so that a long title is cut with an ellipsis rather than wrapped away
COLUMNS = (("document", 28), ("title", 46), ("links", 6), ("conf.", 6), ("rej.", 6), ("flag.", 6), ("low", 6),
           ("edit.", 6), ("var.", 6), ("QA", 8), ("source", 14))
LEGEND = ("conf. confirmed · rej. rejected · flag. flagged · low: unreviewed under 0.5 confidence · "
          "edit. edited English · var. unresolved variants · QA: open QA errors/warnings")
CURSOR_MARK = "▶ "
NO_MARK = "  "


def fit(value: str, width: int, style: str = "") -> Text:
    """A cell cut to its column with an ellipsis (a DataTable would wrap it and show the first line)."""
    cell = safe_text.text(value, style)
    cell.truncate(width, overflow="ellipsis")
    return cell


@dataclass(frozen=True)
class DocumentRow:
    """One document's line: its counts, or the error that kept them from being read."""

    ref: DocRef
    title: str
    status: DocumentStatus | None
    source: str
    error: str = ""
    qa: dict[str, int] | None = None  # open QA findings by severity (None: not checked)
    qa_problem: str = ""  # why the collection's QA checks could not run


def qa_counts(corpus: Corpus) -> tuple[dict[str, dict[str, int]], dict[str, str]]:
    """Open QA findings by severity of every aligned document, and why a collection could not be checked
    (a bad glossary; by collection): its documents then have no QA counts."""
    from workbench.storage.qa_runs import document_findings  # the checks load rapidfuzz: only in the worker

    out: dict[str, dict[str, int]] = {}
    problems: dict[str, str] = {}
    for collection in corpus.collections():
        refs = [r for r in corpus.documents(collection) if corpus.alignment_path(r).exists()]
        try:
            found = document_findings(corpus, refs)
        except WorkbenchError as err:
            problems[collection] = str(err)
            continue
        out.update({address: counts(findings) for address, findings in found.items()})
    return out, problems


def read_rows(corpus: Corpus) -> list[DocumentRow]:
    """Counts of every document (one failing document does not hide the others)."""
    rows: list[DocumentRow] = []
    qa, why = qa_counts(corpus)
    for ref in corpus.documents():
        try:
            meta = corpus.read_meta(ref)
            state = corpus.open_state(ref, missing_ok=True)
            status = full_status(corpus, ref, meta, state)
            source = "pending" if meta.source_pending else meta.source
            rows.append(DocumentRow(ref, meta.title, status, source,
                                    "" if state is not None else "no alignment file yet", qa.get(str(ref)),
                                    why.get(ref.collection, "")))
        except WorkbenchError as err:
            rows.append(DocumentRow(ref, "", None, "", str(err)))
    return rows


class BrowserScreen(Screen[None]):
    """Pick a document to review."""

    BINDINGS = bindings("browser")
    BINDING_GROUP_TITLE = "Documents"

    class RowsLoaded(Message):
        """Counts are ready."""

        def __init__(self, rows: list[DocumentRow]) -> None:
            super().__init__()
            self.rows = rows

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.table: DataTable[Text] = DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        self.rows: list[DocumentRow] = []
        self.marked: str | None = None  # the row key carrying the cursor mark
        self.headings: set[int] = set()  # rows that are collection headings
        self.last_row = 0  # where the cursor was, to tell which way it moved
        # Counts are read when the browser is shown, not while a review covers it: counting
        # collates every document's witnesses (seconds and a few hundred MB for a 10,000-link
        # document), which `workbench open DOC` would otherwise pay in a worker thread while the
        # editor reviews, slowing every key (the thread holds the GIL). Covered, it goes stale.
        self.stale = True

    def compose(self) -> ComposeResult:
        yield Static(safe_text.text(f"Collections of the project {self.corpus.root.name}", "bold"), id="title-bar")
        yield self.table
        yield Static(safe_text.text(""), id="browser-detail")
        yield Static(safe_text.text(LEGEND), id="browser-note")
        yield KeyBar()

    def on_mount(self) -> None:
        for label, width in COLUMNS:
            self.table.add_column(label, width=width, key=label)
        self.table.focus()
        self._refresh_if_shown()

    def on_screen_resume(self) -> None:
        self._refresh_if_shown()  # shown for the first time, or back from a review: counts changed

    def on_screen_suspend(self) -> None:
        self.stale = True

    def _refresh_if_shown(self) -> None:
        # not Screen.is_current: Textual counts the screen just beneath the top one as current
        if self.stale and self.app.screen is self:
            self.stale = False
            self.action_refresh()

    def action_refresh(self) -> None:
        """Re-read the counts."""
        self.load_rows()

    @work(thread=True, exclusive=True, group="statuses", exit_on_error=False, description="reading the counts")
    def load_rows(self) -> None:
        """Read every document's counts (a worker: a big corpus opens many files)."""
        self.post_message(self.RowsLoaded(read_rows(self.corpus)))

    def on_browser_screen_rows_loaded(self, message: RowsLoaded) -> None:
        self.rows = message.rows
        keep = self.table.cursor_row
        self.marked = None
        self.table.clear()
        self.headings = set()
        collection = None
        pending = 0
        for row in message.rows:
            if row.ref.collection != collection:
                collection = row.ref.collection
                self.headings.add(self.table.row_count)
                self.table.add_row(safe_text.text(collection, Style(bold=True, underline=True)),
                                   *[Text("") for _ in COLUMNS[1:]], key=f"collection:{collection}")
            self.table.add_row(*self._cells(row), key=str(row.ref))
            if row.status is not None and row.status.source_pending:
                pending += 1
        self.last_row = keep
        self.table.move_cursor(row=self.document_row_near(keep, down=True))
        self._show_cursor()
        note = LEGEND
        unreadable = sum(1 for row in message.rows if row.status is None)
        if unreadable:
            note += f"\n{unreadable} document(s) could not be read: put the cursor on one to see why"
        for problem in dict.fromkeys(row.qa_problem for row in message.rows if row.qa_problem):
            note += f"\nQA checks could not run: {problem}"
        if pending:
            note += (f"\n{pending} document(s): source witness pending — add one with "
                     "workbench add-witness DOC ru-1996 FILE --lang ru --description 'printed edition, 1996'")
        self.query_one("#browser-note", Static).update(safe_text.text(note))

    @staticmethod
    def _name_cell(row: DocumentRow, mark: str = NO_MARK) -> Text:
        return fit(f"{mark}{row.ref.id}", COLUMNS[0][1], "bold" if mark == CURSOR_MARK else "")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Move the cursor mark and the detail line with the cursor, which never rests on a heading."""
        row = event.cursor_row
        if row in self.headings:
            target = self.document_row_near(row, down=row >= self.last_row)
            if target != row:
                self.table.move_cursor(row=target)  # highlights that row in turn
                return
        self.last_row = row
        self._show_cursor()

    def document_row_near(self, row: int, *, down: bool) -> int:
        """The first document row from ``row`` the way the cursor moved, else the other way."""
        count = self.table.row_count
        ahead = range(row, count) if down else range(row, -1, -1)
        behind = range(row, -1, -1) if down else range(row, count)
        for candidate in (*ahead, *behind):
            if candidate not in self.headings:
                return candidate
        return row

    def _show_cursor(self) -> None:
        by_key = {str(row.ref): row for row in self.rows}
        if self.marked in by_key and self.marked in self.table.rows:
            self.table.update_cell(self.marked, COLUMNS[0][0], self._name_cell(by_key[self.marked]))
        self.marked = None
        detail = ""
        ref = self.selected_ref()
        if ref is not None:
            row = by_key[str(ref)]
            self.marked = str(ref)
            self.table.update_cell(self.marked, COLUMNS[0][0], self._name_cell(row, CURSOR_MARK))
            detail = f"{ref} — {row.title}" if row.title else str(ref)
            if row.error:
                detail += f"\n{row.error}"
        text = safe_text.text(detail, "red" if ref is not None and by_key[str(ref)].status is None else "")
        self.query_one("#browser-detail", Static).update(text)

    @classmethod
    def _cells(cls, row: DocumentRow) -> list[Text]:
        name = cls._name_cell(row)
        title = fit(row.title, COLUMNS[1][1])
        if row.status is None:
            return [name, title, *[Text("") for _ in COLUMNS[2:-1]], fit("unreadable", COLUMNS[-1][1], "red")]
        s = row.status

        def number(value: int, style: str = "") -> Text:
            return safe_text.text(f"{value:>5}", style if value else "dim")

        source = fit(row.error or row.source, COLUMNS[-1][1], "yellow" if row.source == "pending" or row.error else "")
        if row.qa is None:
            qa = safe_text.text("   —", "dim")
        else:
            errors, warnings = row.qa["error"], row.qa["warning"]
            qa = safe_text.text(f"{errors:>3}/{warnings:<3}", "red" if errors else ("yellow" if warnings else "dim"))
        return [name, title, number(s.links), number(s.confirmed, "green"), number(s.rejected, "magenta"),
                number(s.flagged, "yellow"), number(s.low_confidence, "red"), number(s.edited, "blue"),
                number(s.variants_unresolved, "yellow"), qa, source]

    def selected_ref(self) -> DocRef | None:
        """The document under the cursor (None on a collection heading)."""
        if not self.table.row_count:
            return None
        key = self.table.coordinate_to_cell_key(self.table.cursor_coordinate).row_key.value or ""
        if key.startswith("collection:"):
            return None
        return next((row.ref for row in self.rows if str(row.ref) == key), None)

    def action_open_document(self) -> None:
        """Open the document under the cursor."""
        ref = self.selected_ref()
        if ref is not None:
            self.app.open_document(ref)  # type: ignore[attr-defined]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_document()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            text = str(error) if isinstance(error, WorkbenchError) else f"{type(error).__name__}: {error}"
            safe_text.notify(self.app, f"could not read the documents: {text}", severity="error")
