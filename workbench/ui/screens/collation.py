"""The collation view: the witnesses of one segment side by side, the document's variants, and the
keys that decide them.

Self-contained: ``CollationScreen(corpus, ref)`` loads the document itself and records decisions
through :class:`~workbench.storage.alignment_store.Session` (pass the app's session to share it).
The columns show, for the current base segment, the text of every collated witness (a witness with
struck text as two layers), struck words struck and the words of variant locations highlighted —
the selected variant's more strongly — and, when the base is the aligned source, the English.

Keys: ``u`` next unresolved variant, ``a`` adopt a reading, ``p`` publication policy of struck text,
``n`` a note, ``r`` resolve, ``[``/``]`` previous/next segment, ``escape`` back. Decisions are
durable as soon as they are recorded (the store's journal) and folded into the file on leaving.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from workbench.core import decide
from workbench.core.apparatus import ApparatusNote, apparatus_notes
from workbench.core.documents import DocumentMeta
from workbench.core.errors import MarkupError, WorkbenchError
from workbench.core.markup import Transcription, has_manuscript_marks, parse_inline, reading_text, runs
from workbench.core.models import Alignment, Decision
from workbench.core.safe_values import check_entered
from workbench.core.variant_decisions import POLICIES, decisions_about, struck_marks
from workbench.core.variants.collate import Collation
from workbench.core.variants.normalise import Normalisation
from workbench.core.variants.readings import UNRESOLVED, Variant, document_collations, document_variants
from workbench.core.variants.table import Row, pieces, rows
from workbench.storage.alignment_store import Session
from workbench.storage.config import default_author
from workbench.storage.corpus import Corpus, DocRef
from workbench.ui import safe_text
from workbench.ui.widgets.key_bar import KeyBar

STRUCK = Style(strike=True, dim=True)
AT_VARIANT = Style(underline=True, color="yellow")
SELECTED = Style(reverse=True, bold=True)
MUTED = Style(dim=True)
BOLD = Style(bold=True)
NO_VARIANTS = "no variants in this document"
NOT_LOCATED = "no collated segment here (the words of this variant are not marked or located in a witness yet)"


class ChoiceModal(ModalScreen[str | None]):
    """Pick one of some values (shown literally); escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="collation.choice_cancel")]
    DEFAULT_CSS = """
    ChoiceModal { align: center middle; }
    ChoiceModal > Vertical { width: 80%; height: auto; max-height: 80%; border: round $accent;
                             background: $surface; padding: 0 1; }
    """

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe_text.content(self.title_text))
            yield OptionList(*[Option(safe_text.content(label), id=str(k))
                               for k, (_, label) in enumerate(self.choices)], id="choice-list")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Return the chosen value."""
        self.dismiss(self.choices[event.option_index][0])

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class TextModal(ModalScreen[str | None]):
    """Ask for one line of text; enter accepts, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="collation.text_cancel")]
    DEFAULT_CSS = """
    TextModal { align: center middle; }
    TextModal > Vertical { width: 80%; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe_text.content(self.title_text))
            yield Input(id="text-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Return the text (None when empty)."""
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Close without text."""
        self.dismiss(None)


@dataclass(frozen=True)
class Place:
    """Where the view is: a collation and one of its rows."""

    collation: int
    row: int


class CollationScreen(Screen[None]):
    """Witnesses side by side, with the variants of the document and their decisions."""

    BINDINGS = [
        Binding("u", "next_unresolved", "Next unresolved", id="collation.next_unresolved"),
        Binding("a", "adopt", "Adopt reading", id="collation.adopt"),
        Binding("p", "policy", "Policy", id="collation.policy"),
        Binding("n", "comment", "Comment", id="collation.comment"),
        Binding("r", "resolve", "Resolve", id="collation.resolve"),
        Binding("left_square_bracket", "segment(-1)", "Previous segment", id="collation.previous_segment",
                show=False),
        Binding("right_square_bracket", "segment(1)", "Next segment", id="collation.next_segment", show=False),
        Binding("escape", "close", "Back", id="collation.back"),
    ]
    DEFAULT_CSS = """
    CollationScreen #collation-head { height: auto; padding: 0 1; background: $boost; }
    CollationScreen #collation-columns-scroll { height: 2fr; border: round $primary; }
    CollationScreen #collation-variants { height: 1fr; }
    CollationScreen #collation-detail-scroll { height: 1fr; border: round $secondary; }
    """

    def __init__(self, corpus: Corpus, ref: DocRef, session: Session | None = None,
                 rules: Normalisation | None = None, author: str | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.ref = ref
        self.rules = rules or Normalisation()
        self.author = author or default_author()
        file = corpus.alignment_file(ref)
        self.session = session if session is not None else (Session(file) if file.exists() else None)
        self.recorded = 0
        self.meta: DocumentMeta = corpus.read_meta(ref)
        self.witnesses: dict[str, str] = {}
        self.collations: list[Collation] = []
        self.tables: list[list[Row]] = []
        self.variants: list[Variant] = []
        self.notes: dict[str, ApparatusNote] = {}
        self.place: Place | None = None

    # -- layout --

    def compose(self) -> ComposeResult:
        yield Static(id="collation-head")
        with VerticalScroll(id="collation-columns-scroll"):
            yield Static(id="collation-columns")
        yield DataTable(id="collation-variants", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="collation-detail-scroll"):
            yield Static(id="collation-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        """Load the document and show its first variant."""
        table = self.query_one("#collation-variants", DataTable)
        for label in ("variant", "kind", "status", "policy", "readings"):
            table.add_column(safe_text.text(label), key=label)
        try:
            self.reload()
        except WorkbenchError as err:  # a witness that does not parse: say where, show nothing else
            self.query_one("#collation-head", Static).update(safe_text.text(str(err), Style(color="red")))
            safe_text.notify(self.app, str(err), severity="error")
        table.focus()

    @property
    def state(self) -> Alignment | None:
        """The current alignment state (None for a document without an alignment file)."""
        return self.session.state if self.session is not None else None

    def reload(self) -> None:
        """Recompute collations, variants and notes from the witnesses and the current state."""
        self.meta = self.corpus.read_meta(self.ref)
        self.witnesses = {w.siglum: self.corpus.read_witness(self.ref, w.siglum) for w in self.meta.witnesses}
        self.collations = document_collations(self.meta, self.witnesses, self.rules)
        self.tables = [rows(c, self.witnesses) for c in self.collations]
        state = self.state
        self.variants = document_variants(self.meta, state, self.witnesses, self.rules)
        self.notes = {n.variant: n for n in apparatus_notes(self.meta, state, self.witnesses)} if state else {}
        names = "; ".join(", ".join(c.names) for c in self.collations) or "no witnesses to collate"
        self.query_one("#collation-head", Static).update(safe_text.text(
            f"{self.ref} — {names} — normalised: {self.rules.describe()}"))
        self._fill_table()

    def _fill_table(self) -> None:
        table = self.query_one("#collation-variants", DataTable)
        keep = table.cursor_row
        table.clear()
        for v in self.variants:
            readings = " | ".join(f"{name}: {text or '—'}" for name, text in v.readings.items()) or "(words not marked)"
            status = safe_text.text(v.status, Style(color="red") if v.status == UNRESOLVED else Style(color="green"))
            table.add_row(safe_text.text(v.id), safe_text.text(v.kind), status, safe_text.text(v.policy or ""),
                          safe_text.text(readings[:120]), key=v.id)
        if self.variants:
            table.move_cursor(row=min(max(keep, 0), len(self.variants) - 1))
            self._show_variant(self.variants[table.cursor_row])
        else:
            self._show_place(Place(0, 0) if self.tables and self.tables[0] else None, why=NO_VARIANTS)
            self.query_one("#collation-detail", Static).update(safe_text.text(NO_VARIANTS))

    # -- showing --

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Follow the cursor in the variant table."""
        if 0 <= event.cursor_row < len(self.variants):
            self._show_variant(self.variants[event.cursor_row])

    @property
    def current(self) -> Variant | None:
        """The variant under the table's cursor."""
        table = self.query_one("#collation-variants", DataTable)
        return self.variants[table.cursor_row] if 0 <= table.cursor_row < len(self.variants) else None

    def _place_of(self, variant: Variant) -> Place | None:
        for c, table in enumerate(self.tables):
            for r, row in enumerate(table):
                if any(loc.id == variant.id for loc in row.locations):
                    return Place(c, r)
        return None

    def _show_variant(self, variant: Variant) -> None:
        place = self._place_of(variant)
        if place is not None:
            self._show_place(place, variant.id)
        elif not self._show_marked(variant):  # stay where the view was, if anywhere
            self._show_place(self.place, variant.id)
        self.query_one("#collation-detail", Static).update(self._detail(variant))

    def _show_marked(self, variant: Variant) -> bool:
        """Show the words an editor marked for a variant that no collation locates (No. 92's V1,
        marked in its only English witness): the segments around them, the marked words struck and
        highlighted. False when the variant has no marked words to show."""
        state = self.state
        mark = next((m for m in struck_marks(state) if m.variant == variant.id), None) if state else None
        if state is None or mark is None or mark.witness not in self.witnesses:
            return False
        text = self.witnesses[mark.witness]
        segments = (state.target_segments if mark.witness == state.target.siglum else
                    state.source_segments if state.source is not None and mark.witness == state.source.siglum
                    else ())
        around = [seg for seg in segments if seg.start < mark.end and mark.start < seg.end]
        lo = min([seg.start for seg in around] + [mark.start])
        hi = max([seg.end for seg in around] + [mark.end])
        where = f" in {', '.join(seg.id for seg in around)}" if around else ""
        grid = Table(expand=True, show_lines=False, title=safe_text.text(
            f"marked struck in {mark.witness} [{mark.start}–{mark.end}]{where}", BOLD))
        grid.add_column(safe_text.text(mark.witness, BOLD), ratio=1)

        def flat(part: str) -> str:
            return part.replace("\n", " ")

        grid.add_row(safe_text.assemble(flat(text[lo:mark.start]), (flat(text[mark.start:mark.end]), SELECTED + STRUCK),
                                        flat(text[mark.end:hi])))
        self.place = None
        self.query_one("#collation-columns", Static).update(grid)
        return True

    def _show_place(self, place: Place | None, selected: str | None = None, why: str = NOT_LOCATED) -> None:
        self.place = place
        columns = self.query_one("#collation-columns", Static)
        if place is None:
            columns.update(safe_text.text(why, MUTED))
            return
        collation, row = self.collations[place.collation], self.tables[place.collation][place.row]
        grid = Table(expand=True, show_lines=False, title=safe_text.text(
            f"{row.segment.id} (paragraph {row.segment.paragraph})", BOLD))
        for name in collation.names:
            grid.add_column(safe_text.text(name, BOLD), ratio=1)
        english = self._english(collation, row)
        if english is not None:
            grid.add_column(safe_text.text("English (edition)", BOLD), ratio=1)
        cells: list[Text] = []
        for cell, layer in zip(row.cells, collation.layers, strict=True):
            parts: list[Text | tuple[str, Style] | str] = []
            for piece in pieces(self.witnesses[layer.siglum], cell, layer.layer):
                style = Style()
                if piece.struck:
                    style += STRUCK
                if piece.variant is not None:
                    style += SELECTED if piece.variant == selected else AT_VARIANT
                parts.append((piece.text, style))
            cells.append(safe_text.assemble(*parts) if parts else safe_text.text("—", MUTED))
        if english is not None:
            cells.append(safe_text.text(english))
        grid.add_row(*cells)
        columns.update(grid)

    def _english(self, collation: Collation, row: Row) -> str | None:
        state = self.state
        base = collation.layers[0].siglum
        if state is None or state.source is None or state.source.siglum != base:
            return None
        ids = {s.id for s in state.source_segments if s.start < row.segment.end and row.segment.start < s.end}
        english = " ".join(state.english(lk) for lk in state.links if ids & set(lk.source)) or "—"
        return _read(english) if has_manuscript_marks(english) else english


    def _detail(self, variant: Variant) -> Text:
        lines: list[Text] = [safe_text.text(f"{variant.id} — {variant.kind} — {variant.status}", BOLD)]
        if variant.description:
            lines.append(safe_text.text(variant.description))
        if variant.origin == "import" and not variant.readings:
            lines.append(safe_text.text("words not marked yet: nothing is guessed", MUTED))
        for k, (name, text) in enumerate(variant.readings.items(), start=1):
            lines.append(safe_text.assemble((f"{k}. {name}: ", BOLD), text or "—"))
        if variant.moved:
            lines.append(safe_text.text(f"transposed with {', '.join(variant.moved)}"))
        if variant.policy is not None:
            lines.append(safe_text.text(f"published as: {variant.policy}"
                                        + ("" if variant.policy_decided else " (default)")))
        if variant.adopted:
            lines.append(safe_text.text(f"adopted reading: {variant.adopted}"))
        note = self.notes.get(variant.id)
        if note is not None:
            lines.append(safe_text.assemble((f"apparatus ({note.status}, at {note.anchor or '—'}): ", BOLD),
                                            note.text))
        state = self.state
        if state is not None:
            for d in decisions_about(state, variant.id):
                line = f"{d.time[:19].replace('T', ' ')}  {d.author}  {d.action}"
                line += f" → {d.after}" if d.after else ""
                line += f"  ({d.reason})" if d.reason else ""
                line += f"  {d.note}" if d.note else ""
                line += f"  evidence: {d.data.evidence}" if d.data.evidence else ""
                lines.append(safe_text.text(line, MUTED))
        return safe_text.lines(lines)

    # -- deciding --

    def _record(self, make: Callable[[Alignment], Decision]) -> None:
        if self.session is None:
            safe_text.notify(self.app, f"{self.ref} has no alignment file; decisions need one", severity="error")
            return
        try:
            self.session.refresh()
            self.session.record(check_entered(make(self.session.state)))
            self.recorded += 1
            self.reload()
        except WorkbenchError as err:  # a conflict, a refused decision, a witness broken meanwhile
            safe_text.notify(self.app, str(err), severity="error")

    def action_next_unresolved(self) -> None:
        """Move to the next unresolved variant (wrapping)."""
        table = self.query_one("#collation-variants", DataTable)
        count = len(self.variants)
        for step in range(1, count + 1):
            index = (table.cursor_row + step) % count
            if self.variants[index].status == UNRESOLVED:
                table.move_cursor(row=index)
                self._show_variant(self.variants[index])
                return
        safe_text.notify(self.app, "no unresolved variants")

    def action_adopt(self) -> None:
        """Choose the reading that becomes the base of the edition."""
        variant = self.current
        if variant is None or not variant.readings:
            safe_text.notify(self.app, "this variant has no readings to adopt", severity="warning")
            return
        choices = [(name, f"{name}: {text or '—'}") for name, text in variant.readings.items()]

        def chosen(name: str | None) -> None:
            if name:
                self._record(lambda state: decide.adopt_reading(state, variant.id, name, self.author))

        self.app.push_screen(ChoiceModal(f"Adopt a reading at {variant.id}", choices), chosen)

    def action_policy(self) -> None:
        """Choose how the struck text is published."""
        variant = self.current
        if variant is None or variant.policy is None:
            safe_text.notify(self.app, "a publication policy applies to struck passages", severity="warning")
            return

        def chosen(policy: str | None) -> None:
            if policy:
                context = decide.VariantContext(self.meta, self.witnesses)
                self._record(lambda state: decide.set_policy(state, context, variant.id, policy, self.author))

        self.app.push_screen(ChoiceModal(f"Publish the struck text of {variant.id} as",
                                         [(p, p) for p in POLICIES]), chosen)

    def action_comment(self) -> None:
        """Add a comment to the variant."""
        variant = self.current
        if variant is None:
            return

        def written(text: str | None) -> None:
            if text:
                self._record(lambda state: decide.comment(state, variant.id, text, self.author))

        self.app.push_screen(TextModal(f"Comment on {variant.id}"), written)

    def action_resolve(self) -> None:
        """Resolve the variant without marking words."""
        variant = self.current
        if variant is not None:
            self._record(lambda state: decide.resolve_variant(state, variant.id, self.author))

    def action_segment(self, step: int) -> None:
        """Show the previous or next segment of the current collation."""
        if self.place is None or not self.tables:
            return
        table = self.tables[self.place.collation]
        row = min(max(self.place.row + step, 0), len(table) - 1)
        current = self.current
        self._show_place(Place(self.place.collation, row), current.id if current else None)

    def action_close(self) -> None:
        """Fold recorded decisions into the file and go back."""
        if self.session is not None and self.recorded:
            try:
                self.session.save()
            except WorkbenchError as err:
                safe_text.notify(self.app, str(err), severity="error")
        self.dismiss(None)


def _read(markup: str) -> str:
    """English with manuscript marks as a reader reads it (``{abbr|Com.|Comrade}`` → ``Comrade``)."""
    try:
        return " ".join(reading_text(runs(Transcription(parse_inline(markup), ()))).split())
    except MarkupError:
        return markup
