"""The variant panel: the document's variants, and the decisions that resolve them.

Marking the struck words (with certainty and evidence) records a ``variant-mark`` decision and
resolves the variant; choosing how the words are published records a ``variant-policy`` with its
basis; both carry the editor's reason code and note. Both are built by :mod:`workbench.core.decide`,
as the CLI and the collation view build them. Dismissing with a link id asks the review screen to show
that link.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from workbench.core import decide
from workbench.core.errors import ConflictError, WorkbenchError
from workbench.core.models import Alignment, Decision
from workbench.ui import safe_text
from workbench.ui.document_view import DocumentView, VariantRow
from workbench.ui.keymap import bindings
from workbench.ui.screens.browser import fit
from workbench.ui.screens.dialogs import MarkAnswer, MarkDialog, PolicyAnswer, PolicyDialog
from workbench.ui.widgets.key_bar import KeyBar


def describe_variant(view: DocumentView, row: VariantRow) -> Text:
    """The panel's detail text for one variant."""
    parts: list[Text] = [safe_text.text(f"{row.id} — {row.kind} — {row.status}", Style(bold=True))]
    if row.description:
        parts.append(safe_text.text(row.description))
    where = f"witness {row.witness}" + (f", note {row.witness_note}" if row.witness_note else "")
    parts.append(safe_text.text(where, view.styles.muted))
    parts.append(safe_text.text(f"published as: {row.policy}"))
    if row.mark is not None:
        line = safe_text.text(f"marked struck in {row.mark.witness} [{row.mark.start}–{row.mark.end}]: ")
        line.append(safe_text.visible(row.mark.text), view.styles.struck)
        certainty = "—" if row.mark.certainty is None else f"{row.mark.certainty:g}"
        line.append(safe_text.visible(f"  certainty {certainty}; evidence: {row.mark.evidence}"))
        parts.append(line)
    else:
        parts.append(safe_text.text("words not marked yet — press m to mark them from the printed edition or "
                                    "the autograph", view.styles.flagged))
    links = [lk for lk, ids in view.variant_links.items() if row.id in ids]
    parts.append(safe_text.text(f"links: {', '.join(links) or '—'}", view.styles.muted))
    if row.decisions:
        parts.append(Text(""))
        parts.append(safe_text.text("Decisions", Style(bold=True, underline=True)))
        for d in row.decisions:
            line = safe_text.text(f"{d.time[:19].replace('T', ' ')}  {d.author}  {d.action}")
            if d.after:
                line.append(safe_text.visible(f" → {d.after}"))
            if d.reason:
                line.append(safe_text.visible(f"  [{d.reason}]"))
            if d.note:
                line.append(safe_text.visible(f"  {d.note}"))
            if d.data.evidence:
                line.append(safe_text.visible(f"  evidence: {d.data.evidence}"))
            parts.append(line)
    return safe_text.lines(parts)


class VariantScreen(Screen[object]):
    """List and resolve the variants of one document."""

    BINDINGS = bindings("variants")
    BINDING_GROUP_TITLE = "Variants"

    def __init__(self, view: DocumentView) -> None:
        super().__init__()
        self.view = view
        self.table: DataTable[Text] = DataTable(id="variant-table", cursor_type="row", zebra_stripes=True)
        self.body = Static(safe_text.text(""), id="variant-detail")

    def compose(self) -> ComposeResult:
        yield Static(safe_text.text(f"Variants of {self.view.meta.address}", "bold"), id="title-bar")
        yield self.table
        with VerticalScroll(id="variant-detail-pane"):
            yield self.body
        yield KeyBar()

    def on_mount(self) -> None:
        for label, width in (("id", 6), ("kind", 16), ("status", 10), ("witness", 14), ("note", 4), ("policy", 8),
                             ("description", 80)):
            self.table.add_column(label, width=width)
        self.fill()
        self.table.focus()

    def fill(self) -> None:
        """(Re)list the variants."""
        keep = self.table.cursor_row
        self.table.clear()
        styles = self.view.styles
        for row in self.view.variants:
            status = safe_text.text(row.status, styles.flagged if row.status == "unresolved" else styles.confirmed)
            self.table.add_row(safe_text.text(row.id), safe_text.text(row.kind), status, safe_text.text(row.witness),
                               safe_text.text(row.witness_note or "—"), safe_text.text(row.policy),
                               fit(row.description, 80),
                               key=row.id)
        if not self.view.variants:
            self.body.update(safe_text.text("this document has no variants"))
            return
        self.table.move_cursor(row=min(keep, len(self.view.variants) - 1))
        self.show_current()

    def current(self) -> VariantRow | None:
        """The variant under the cursor."""
        if not self.view.variants:
            return None
        return self.view.variants[min(self.table.cursor_row, len(self.view.variants) - 1)]

    def show_current(self) -> None:
        """Show the detail of the current variant."""
        row = self.current()
        if row is not None:
            self.body.update(describe_variant(self.view, row))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_current()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_show_links()

    def _record(self, make: Callable[[Alignment], Decision]) -> bool:
        try:
            self.view.record(make(self.view.state))
        except WorkbenchError as err:
            safe_text.notify(self.app, err.message, severity="error" if isinstance(err, ConflictError) else "warning",
                             timeout=10)
            self.fill()
            return False
        self.fill()
        return True

    def action_mark(self) -> None:
        """Mark the struck words of the variant in a witness."""
        row = self.current()
        if row is None:
            return
        sigla = [w.siglum for w in self.view.meta.witnesses]
        try:
            witnesses = [(s, self.view.witness_text(s)) for s in sigla]
        except WorkbenchError as err:
            safe_text.notify(self.app, str(err), severity="error")
            return

        def done(answer: object) -> None:
            if isinstance(answer, MarkAnswer) and self._record(lambda s: decide.mark_struck(
                    s, row.id, self.view.author, witness=answer.witness, start=answer.start, end=answer.end,
                    witness_text=dict(witnesses)[answer.witness],
                    certainty=float(answer.certainty) if answer.certainty else None,
                    evidence=answer.evidence or None, reason=answer.reason, note=answer.note or None)):
                safe_text.notify(self.app, f"{row.id} resolved: marked {answer.end - answer.start} characters "
                                 f"of {answer.witness} as struck")

        self.app.push_screen(MarkDialog(row.id, witnesses, row.mark.witness if row.mark else row.witness), done)

    def action_policy(self) -> None:
        """Choose how the struck words are published."""
        row = self.current()
        if row is None:
            return

        def done(answer: object) -> None:
            if isinstance(answer, PolicyAnswer) and self._record(lambda s: decide.set_policy(
                    s, self.view.variant_context(), row.id, answer.policy, self.view.author,
                    reason=answer.reason, note=answer.note or None)):
                safe_text.notify(self.app, f"{row.id} will be published as: {answer.policy}")

        self.app.push_screen(PolicyDialog(row.id, row.policy), done)

    def action_undo(self) -> None:
        """Undo the latest act (shared with the review screen)."""
        try:
            undone = self.view.undo()
        except WorkbenchError as err:
            safe_text.notify(self.app, err.message, severity="warning")
            self.fill()
            return
        self.fill()
        safe_text.notify(self.app, f"undid {undone.action} {undone.target}", timeout=3)

    def action_show_links(self) -> None:
        """Back to the review screen, on the first link the variant touches."""
        row = self.current()
        links = [lk for lk in self.view.index_of if row is not None and row.id in self.view.variant_links.get(lk, [])]
        first = min(links, key=lambda lk: self.view.index_of[lk]) if links else None
        self.dismiss(first)

    def action_back(self) -> None:
        """Back to the review screen."""
        self.dismiss(None)
