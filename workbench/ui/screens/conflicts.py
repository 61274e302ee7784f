"""The conflict panel: a document's merge conflicts (docs/collaboration.md), each with the decisions in
force and the ones the merge set aside, resolved with a ``conflict-resolve`` decision built by
:func:`workbench.core.merge.resolve` (as ``workbench resolve`` builds it)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from workbench.core.errors import ConflictError, WorkbenchError
from workbench.core.merge import resolve
from workbench.core.models import Conflict, Decision
from workbench.ui import safe_text
from workbench.ui.document_view import DocumentView
from workbench.ui.keymap import bindings
from workbench.ui.screens.browser import fit
from workbench.ui.widgets.key_bar import KeyBar


def _decision_line(d: Decision) -> Text:
    line = safe_text.text(f"{d.time[:19].replace('T', ' ')}  {d.author}  {d.action} {d.target}")
    if d.before is not None or d.after is not None:
        line.append(safe_text.visible(f": {(d.before or '').replace(chr(10), ' ⏎ ')} → "
                                      f"{(d.after or '').replace(chr(10), ' ⏎ ')}"))
    if d.note:
        line.append(safe_text.visible(f"  — {d.note}"))
    return line


def describe_conflict(view: DocumentView, conflict: Conflict) -> Text:
    """Both sides of a conflict, for the panel's detail pane."""
    state = view.state
    done = conflict.id in state.resolved_conflict_ids
    parts: list[Text] = [safe_text.text(f"{conflict.id} — links {', '.join(conflict.links)}"
                                        + (" — resolved" if done else ""), Style(bold=True)),
                         safe_text.text(conflict.message, view.styles.muted), Text("")]
    by_id = {d.id: d for d in state.decisions}
    parts.append(safe_text.text("In force (k keeps these)", Style(bold=True, underline=True)))
    parts.extend(_decision_line(by_id[i]) for i in conflict.kept if i in by_id)
    parts.append(Text(""))
    parts.append(safe_text.text("Set aside by the merge (t takes these instead)", Style(bold=True, underline=True)))
    parts.extend(_decision_line(d) for d in conflict.set_aside)
    return safe_text.lines(parts)


class ConflictScreen(Screen[object]):
    """List a document's merge conflicts and resolve them."""

    BINDINGS = bindings("conflicts")

    def __init__(self, view: DocumentView) -> None:
        super().__init__()
        self.view = view
        self.table: DataTable[Text] = DataTable(id="conflict-table", cursor_type="row", zebra_stripes=True)
        self.body = Static(safe_text.text(""), id="conflict-detail")

    def compose(self) -> ComposeResult:
        yield Static(safe_text.text(f"Merge conflicts of {self.view.meta.address}", "bold"), id="title-bar")
        yield self.table
        with VerticalScroll(id="conflict-detail-pane"):
            yield self.body
        yield KeyBar()

    def on_mount(self) -> None:
        for label, width in (("id", 14), ("links", 16), ("state", 9), ("why", 100)):
            self.table.add_column(label, width=width)
        self.fill()
        self.table.focus()

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        """Every conflict of the document, open ones first."""
        state = self.view.state
        done = state.resolved_conflict_ids
        return tuple(sorted(state.conflicts, key=lambda c: c.id in done))

    def fill(self) -> None:
        """(Re)list the conflicts."""
        keep = self.table.cursor_row
        self.table.clear()
        done = self.view.state.resolved_conflict_ids
        for c in self.conflicts:
            status = safe_text.text("resolved" if c.id in done else "open",
                                    self.view.styles.confirmed if c.id in done else self.view.styles.flagged)
            self.table.add_row(safe_text.text(c.id), fit(", ".join(c.links), 16), status, fit(c.message, 100),
                               key=c.id)
        if not self.conflicts:
            self.body.update(safe_text.text("this document has no merge conflicts"))
            return
        self.table.move_cursor(row=min(keep, len(self.conflicts) - 1))
        self.show_current()

    def current(self) -> Conflict | None:
        """The conflict under the cursor."""
        items = self.conflicts
        return items[min(self.table.cursor_row, len(items) - 1)] if items else None

    def show_current(self) -> None:
        """Show both sides of the current conflict."""
        conflict = self.current()
        if conflict is not None:
            self.body.update(describe_conflict(self.view, conflict))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_current()

    def _resolve(self, choice: str) -> None:
        conflict = self.current()
        if conflict is None:
            return
        try:
            for decision in resolve(self.view.state, conflict.id, choice, self.view.author):
                self.view.record(decision)
        except WorkbenchError as err:
            safe_text.notify(self.app, err.message, severity="error" if isinstance(err, ConflictError) else "warning",
                             timeout=10)
        else:
            safe_text.notify(self.app, f"{conflict.id} resolved: "
                             + ("the decisions in force kept" if choice == "kept" else "the set-aside side taken"))
        self.fill()

    def action_keep(self) -> None:
        """Resolve the conflict keeping the decisions in force."""
        self._resolve("kept")

    def action_take(self) -> None:
        """Resolve the conflict taking the set-aside side (a status or an English edit)."""
        self._resolve("set-aside")

    def action_back(self) -> None:
        """Back to the review screen."""
        self.dismiss(None)
