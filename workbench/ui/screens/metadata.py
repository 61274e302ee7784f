"""The metadata panel: a document's metadata as every format prints it, and its corrections.

Each row is a field (title, date as printed and its ISO form, place line, addressee, signature, the
archival reference and its parts, source edition and page) with its value now, the value received
and the decision that changed it. ``e`` corrects the field under the cursor (a ``metadata``
decision with a reason, built by :func:`workbench.core.decide.set_metadata` as the CLI builds it);
``ctrl+z`` undoes the latest act. A field the English prints as a paragraph is corrected by editing
that link, and the panel says which.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from workbench.core import decide
from workbench.core.errors import WorkbenchError
from workbench.core.metadata import FIELDS, effective_meta, field_rows, field_value, hand_edits, metadata_decisions
from workbench.ui import safe_text
from workbench.ui.document_view import DocumentView
from workbench.ui.keymap import bindings
from workbench.ui.screens.browser import fit
from workbench.ui.screens.dialogs import MetadataAnswer, MetadataDialog
from workbench.ui.widgets.key_bar import KeyBar


class MetadataScreen(Screen[object]):
    """List and correct the metadata of one document."""

    BINDINGS = bindings("metadata")
    BINDING_GROUP_TITLE = "Metadata"

    def __init__(self, view: DocumentView) -> None:
        super().__init__()
        self.view = view
        self.table: DataTable[Text] = DataTable(id="metadata-table", cursor_type="row", zebra_stripes=True)
        self.body = Static(safe_text.text(""), id="metadata-detail")

    def compose(self) -> ComposeResult:
        yield Static(safe_text.text(f"Metadata of {self.view.meta.address}", "bold"), id="title-bar")
        yield self.table
        with VerticalScroll(id="metadata-detail-pane"):
            yield self.body
        yield KeyBar()

    def on_mount(self) -> None:
        for label, width in (("field", 32), ("value", 60), ("corrected by", 14)):
            self.table.add_column(label, width=width)
        self.fill()
        self.table.focus()

    def fill(self) -> None:
        """(Re)list the fields."""
        keep = self.table.cursor_row
        self.table.clear()
        styles = self.view.styles
        for row in field_rows(self.view.meta, self.view.state):
            by = (safe_text.text(row.decision.id, styles.edited) if row.decision is not None
                  else safe_text.text(f"English {row.printed_from[0]}", styles.muted) if row.printed_from
                  else safe_text.text("—", styles.muted))
            self.table.add_row(safe_text.text(row.spec.label), fit(row.value.replace("\n", " / "), 60), by,
                               key=row.spec.name)
        self.table.move_cursor(row=min(keep, len(FIELDS) - 1))
        self.show_current()

    def current(self) -> str:
        """The field under the cursor."""
        return FIELDS[min(self.table.cursor_row, len(FIELDS) - 1)].name

    def show_current(self) -> None:
        """The detail of the current field: value, value received, decisions, hand edits."""
        name = self.current()
        state, meta = self.view.state, self.view.meta
        row = next(r for r in field_rows(meta, state) if r.spec.name == name)
        parts = [safe_text.text(row.value or "(empty)", "bold"),
                 safe_text.text(f"received: {row.received or '(empty)'}", self.view.styles.muted)]
        if row.printed_from:
            parts.append(safe_text.text(f"printed from the English of {', '.join(row.printed_from)}: correct it "
                                        "there (e on that link)", self.view.styles.muted))
        for d in metadata_decisions(state):
            if d.target == name:
                parts.append(safe_text.text(f"{d.id}  {d.time[:19].replace('T', ' ')}  {d.author}: "
                                            f"{d.before or '(empty)'} → {d.after or '(empty)'}  [{d.reason}]"))
        for edit in hand_edits(meta, state):
            if edit.field == name:
                parts.append(safe_text.text(edit.message, self.view.styles.flagged))
        self.body.update(safe_text.lines(parts))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_current()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_correct()

    def action_correct(self) -> None:
        """Correct the field under the cursor (value and reason)."""
        name = self.current()
        value = field_value(effective_meta(self.view.meta, self.view.state), name)

        def done(answer: object) -> None:
            if not isinstance(answer, MetadataAnswer):
                return
            try:
                self.view.record(decide.set_metadata(self.view.state, self.view.meta, name, answer.value,
                                                     self.view.author, reason=answer.reason))
            except WorkbenchError as err:
                safe_text.notify(self.app, err.message, severity="warning", timeout=10)
                return
            finally:
                self.fill()
            safe_text.notify(self.app, f"{name} corrected", timeout=3)

        label = next(f.label for f in FIELDS if f.name == name)
        self.app.push_screen(MetadataDialog(label, value), done)

    def action_undo(self) -> None:
        """Undo the latest act (shared with the review screen)."""
        try:
            undone = self.view.undo()
        except WorkbenchError as err:
            safe_text.notify(self.app, err.message, severity="warning")
            return
        finally:
            self.fill()
        safe_text.notify(self.app, f"undid {undone.action} {undone.target}", timeout=3)

    def action_back(self) -> None:
        """Back to the review screen."""
        self.dismiss(None)
