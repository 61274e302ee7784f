"""One open document as the review screen sees it: the session, the witnesses, styled texts, jumps.

This is the only place that turns witness runs into styled ``Text``; widgets ask it for cells and
sections and never read files themselves. Everything derived from the alignment state (lookups,
variant touches, search texts, row cells) is rebuilt by :meth:`DocumentView.reload` after each
change, and row cells are cached per link until then, so a cursor step costs a dictionary lookup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rich.style import Style
from rich.text import Text

from workbench.core import decide
from workbench.core.actions import Action
from workbench.core.building import AlignFn
from workbench.core.documents import DocumentMeta, pending_source_message
from workbench.core.errors import MarkupError, OperationError
from workbench.core.markup import Mark, Run, RunIndex, Transcription, parse_inline, runs
from workbench.core.models import Alignment, Decision, Link, Side, Status, touched_ids
from workbench.core.qa.glossary import Term
from workbench.core.qa.model import Finding, Severity, counts
from workbench.core.safe_values import check_entered
from workbench.core.variant_decisions import StruckMark, policy_for, resolved_variant_ids, struck_marks
from workbench.core.word_diff import Op, display_pieces, word_diff
from workbench.storage.alignment_store import Session
from workbench.storage.alignments import make_align_fn
from workbench.storage.corpus import Corpus, DocRef, sha256_text
from workbench.storage.glossary_store import add_term, glossary_paths
from workbench.storage.journal import UnsavedChanges, unfolded_decisions
from workbench.ui import safe_text

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class MarkStyles:
    """How transcription marks and statuses look; built from the theme so themes change them."""

    struck: Style = field(default_factory=lambda: Style(strike=True))
    italic: Style = field(default_factory=lambda: Style(italic=True))
    supplied: Style = field(default_factory=lambda: Style(color="cyan"))
    omission: Style = field(default_factory=lambda: Style(color="yellow", bold=True))
    note_ref: Style = field(default_factory=lambda: Style(color="magenta", bold=True))
    confirmed: Style = field(default_factory=lambda: Style(color="green"))
    rejected: Style = field(default_factory=lambda: Style(color="red"))
    flagged: Style = field(default_factory=lambda: Style(color="yellow"))
    low: Style = field(default_factory=lambda: Style(color="red", bold=True))
    muted: Style = field(default_factory=lambda: Style(dim=True))
    inserted: Style = field(default_factory=lambda: Style(color="green", underline=True))
    deleted: Style = field(default_factory=lambda: Style(color="red", strike=True))
    edited: Style = field(default_factory=lambda: Style(color="blue"))

    @classmethod
    def from_theme(cls, variables: dict[str, str]) -> MarkStyles:
        """Styles in the theme's colours (``App.theme_variables``)."""
        def colour(name: str, fallback: str) -> str:
            value = variables.get(name, fallback)
            return value if value.startswith("#") else fallback

        accent, warning = colour("accent", "#00ffff"), colour("warning", "#ffff00")
        error, success = colour("error", "#ff0000"), colour("success", "#00ff00")
        secondary, primary = colour("secondary", "#ff00ff"), colour("primary", "#0000ff")
        return cls(
            struck=Style(strike=True, color=error),
            italic=Style(italic=True),
            supplied=Style(color=accent),
            omission=Style(color=warning, bold=True),
            note_ref=Style(color=secondary, bold=True),
            confirmed=Style(color=success),
            rejected=Style(color=error),
            flagged=Style(color=warning),
            low=Style(color=error, bold=True),
            muted=Style(dim=True),
            inserted=Style(color=success, underline=True, bold=True),
            deleted=Style(color=error, strike=True),
            edited=Style(color=primary),
        )


def styled_runs(items: Iterable[Run], styles: MarkStyles) -> Text:
    """A Text of runs with each mark visibly distinct; note references shown as superscripts."""
    out = Text(end="")
    for run in items:
        if Mark.NOTE_REF in run.marks:
            label = run.label or ""
            shown = label.translate(_SUPERSCRIPT) if label.isdigit() else f"^{label}"
            out.append(safe_text.visible(shown), styles.note_ref)
            continue
        style = Style()
        if Mark.STRUCK in run.marks:
            style += styles.struck
        if Mark.ITALIC in run.marks:
            style += styles.italic
        if Mark.SUPPLIED in run.marks:
            style += styles.supplied
        if Mark.OMISSION in run.marks:
            style += styles.omission
        out.append(safe_text.visible(run.text.replace("\n", " ")), style)
    return out


@dataclass(frozen=True)
class VariantRow:
    """A variant of the document as the panel lists it."""

    id: str
    kind: str
    status: str
    witness: str
    witness_note: str | None
    description: str
    policy: str
    mark: StruckMark | None
    decisions: tuple[Decision, ...]


@dataclass
class Counts:
    """The title bar's counts, kept up to date link by link."""

    links: int = 0
    confirmed: int = 0
    rejected: int = 0
    flagged: int = 0
    low: int = 0
    edited: int = 0

    @classmethod
    def of(cls, state: Alignment) -> Counts:
        """Counts of a whole state (one pass)."""
        counts = cls(edited=len(state.edits))
        for link in state.links:
            counts.add(link, 1)
        return counts

    def add(self, link: Link, sign: int) -> None:
        """Count a link in (``sign`` 1) or out (−1)."""
        self.links += sign
        if link.status is Status.CONFIRMED:
            self.confirmed += sign
        elif link.status is Status.REJECTED:
            self.rejected += sign
        elif link.status is Status.FLAGGED:
            self.flagged += sign
        elif link.low_confidence:
            self.low += sign

    def replace(self, old: Link, new: Link) -> None:
        """One link changed."""
        self.add(old, -1)
        self.add(new, 1)


class DocumentView:
    """An open document: session, metadata, witnesses, and the derived lookups the screens use."""

    def __init__(self, corpus: Corpus, ref: DocRef, session: Session, author: str) -> None:
        self.corpus = corpus
        self.ref = ref
        self.session = session
        self.author = author
        self.meta: DocumentMeta = corpus.read_meta(ref)
        self.styles = MarkStyles()
        self.warnings: list[str] = []
        self._trust: dict[str, bool] = {}
        state = session.state
        self.source_witness_text = (self._read_witness(state.source.siglum, state.source.sha256) if state.source
                                    else None)
        self.target_witness_text = self._read_witness(state.target.siglum, state.target.sha256)
        self.source_runs = RunIndex.of_text(self.source_witness_text if self._trust.get("source") else None)
        self.target_runs = RunIndex.of_text(self.target_witness_text if self._trust.get("target") else None)
        self._cells: dict[str, tuple[Text, Text, Text, Text]] = {}
        self._search: list[str] | None = None
        self.undo_stack: list[Decision] = []
        self.redo_stack: list[Decision] = []
        self._align_fn: AlignFn | None = None
        self._unsaved = UnsavedChanges(session.file)
        # QA: findings by target (link id or metadata field), waived ones included; the state they were
        # found in; what changed since (None: everything) for the next run, which a worker does
        self.findings: dict[str, list[Finding]] = {}
        self.findings_state: Alignment | None = None
        self.qa_error: str | None = None
        self.qa_needed = True
        self.qa_dirty: set[str] | None = None
        self._live_qa: Any = None  # storage.qa_runs.LiveQA, built by the first run
        self.reload()

    def _read_witness(self, siglum: str, sha256: str) -> str:
        text = self.corpus.read_witness(self.ref, siglum)
        side = "target" if siglum == self.session.state.target.siglum else "source"
        self._trust[side] = sha256_text(text) == sha256
        if not self._trust[side]:
            self.warnings.append(f"witness {siglum} changed since it was aligned; its marks are not shown "
                                 "('workbench validate' explains)")
        return text

    # -- state --

    @property
    def state(self) -> Alignment:
        """The current alignment state."""
        return self.session.state

    @property
    def pending(self) -> bool:
        """True when the document has no source witness yet."""
        return self.state.source_pending

    def pending_line(self) -> str:
        """The line saying how to add a source witness."""
        return pending_source_message(self.meta)

    def reload(self, decision: Decision | None = None) -> None:
        """Bring the lookups up to date after the state changed.

        With the decision that caused the change, and when it kept the links in place (a status,
        an edit, a note, a variant decision), only what it touched is redone: a confirm on a
        10,000-link document must not rescan the document. ``changed`` then holds the rows whose
        cells changed; ``None`` means every row.
        """
        state = self.state
        old_links = getattr(self, "links", None)
        if (decision is None or old_links is None or decision.effective_action.is_structural
                or len(old_links) != len(state.links)):
            self._full_reload(state)
            return
        action = decision.effective_action
        self.links = state.links
        changed = {i for i, (a, b) in enumerate(zip(old_links, self.links, strict=True)) if a is not b} \
            if action.is_status else set()
        for item in touched_ids(decision):
            if item in self.index_of:
                changed.add(self.index_of[item])
        self.qa_needed = True
        if self.qa_dirty is not None:
            self.qa_dirty |= touched_ids(decision)
        for index in changed:
            self._cells.pop(self.links[index].id, None)
            self.counts.replace(old_links[index], self.links[index])
        self.counts.edited = len(state.edits)
        if action is Action.COMMENT:
            self.notes_on = {d.target for d in state.live_decisions if d.action is Action.COMMENT}
        if action.is_variant:
            self._index_variants()
            self._cells.clear()
            changed = set(range(len(self.links)))
        self._search = None
        self.changed = changed

    def _full_reload(self, state: Alignment) -> None:
        self.links = state.links
        self.index_of = {lk.id: i for i, lk in enumerate(state.links)}
        self.segments = state.segment_map()
        self.notes_on = {d.target for d in state.live_decisions if d.action is Action.COMMENT}
        self._index_variants()
        self.counts = Counts.of(state)
        self._cells.clear()
        self._search = None
        self.changed = None
        self.qa_needed, self.qa_dirty = True, None

    def _index_variants(self) -> None:
        self.variants = self._variants()
        self.unresolved_links: set[str] = set()
        self.variant_links: dict[str, list[str]] = {}
        for row in self.variants:
            span = (row.mark.start, row.mark.end) if row.mark else None
            witness = row.mark.witness if row.mark else row.witness
            for link_id in self.state.links_touching(witness, witness_note=row.witness_note, span=span):
                self.variant_links.setdefault(link_id, []).append(row.id)
                if row.status == "unresolved":
                    self.unresolved_links.add(link_id)
        self.counts_unresolved = sum(1 for row in self.variants if row.status == "unresolved")

    # -- recording (every act of the app goes through here) --

    def _record(self, decision: Decision) -> None:
        try:
            self.session.record(decision)
        except BaseException:
            self.reload()  # the session took in the disk's state before refusing
            raise
        self.reload(decision)

    def record(self, decision: Decision) -> None:
        """Record a decision durably and make it undoable; ``ConflictError`` leaves the disk state loaded.
        A control character typed or pasted into a dialog is refused (``InputError``) before anything."""
        self._record(check_entered(decision))
        self.undo_stack.append(decision)
        self.redo_stack.clear()

    def undo(self) -> Decision:
        """Revert the latest act of this session (a new decision); returns the act undone."""
        if not self.undo_stack:
            raise OperationError("nothing to undo in this session")
        original = self.undo_stack[-1]
        self._record(decide.revert(self.state, original.id, self.author))
        self.undo_stack.pop()
        self.redo_stack.append(original)
        return original

    def redo(self) -> Decision:
        """Do the latest undone act again (a fresh decision); returns it."""
        if not self.redo_stack:
            raise OperationError("nothing to redo")
        decision = decide.redo(self.redo_stack[-1], self.author)
        self._record(decision)
        self.redo_stack.pop()
        self.undo_stack.append(decision)
        return decision

    def align_fn(self) -> AlignFn:
        """The aligner for this document's languages (built once; loading resources is slow)."""
        if self._align_fn is None:
            state = self.state
            if state.source is None:
                raise OperationError("the source witness is pending; there is nothing to align with")
            self._align_fn = make_align_fn(state.source.language, state.target.language)
        return self._align_fn

    def take_changes(self) -> set[int] | None:
        """Rows changed since the last call (``None``: all of them), for the screen to repaint."""
        changed, self.changed = self.changed, set()
        return changed

    def save(self) -> None:
        """Fold the journal into the alignment file (atomic; revision + 1)."""
        self.session.save()

    @property
    def unsaved(self) -> int:
        """Changes not yet saved into the file, whoever made them (this screen, the collation view
        sharing the session, another editor): the journal's decisions, less each act undone before
        a save together with its undo, so an undo takes work back rather than adding to it. 0 after
        a save."""
        return self._unsaved.count()

    @property
    def unfolded(self) -> int:
        """Decisions waiting in the journal (undone acts and their undos included): what a save folds."""
        return unfolded_decisions(self.session.file)

    def refresh_from_disk(self) -> list[str]:
        """Take in changes made elsewhere; returns what happened, for the editor to read."""
        if not self.session.changed_on_disk():
            return []
        try:
            return self.session.refresh()
        finally:
            self.reload()

    def set_styles(self, styles: MarkStyles) -> None:
        """Use new styles (theme change); cached cells are dropped."""
        self.styles = styles
        self._cells.clear()

    # -- QA --

    def take_qa_work(self) -> tuple[bool, set[str] | None]:
        """(whether the checks must run again, the links to check: ``None`` for all) — and clear it."""
        needed, dirty = self.qa_needed, self.qa_dirty
        self.qa_needed, self.qa_dirty = False, set()
        return needed, dirty

    def run_qa(self, state: Alignment, links: set[str] | None) -> list[Finding]:
        """Run the checks (every link the first time, else ``links``): slow, so the screen calls it in a
        worker, one run at a time."""
        if self._live_qa is None:
            # imported here: the checks bring the aligner's romanisation and rapidfuzz, which opening the
            # app must not pay for (tests/reliability/test_startup_imports.py)
            from workbench.storage.qa_runs import LiveQA
            self._live_qa = LiveQA(self.corpus, self.ref, state)
            return self._live_qa.findings()
        return self._live_qa.update(state, links)

    def set_findings(self, state: Alignment, findings: list[Finding]) -> None:
        """Take in the findings of a run on ``state``; the rows whose mark changed are repainted."""
        by_target: dict[str, list[Finding]] = {}
        for finding in findings:
            by_target.setdefault(finding.target, []).append(finding)
        before = self.findings
        self.findings, self.findings_state = by_target, state
        changed = {self.index_of[t] for t in set(before) | set(by_target)
                   if t in self.index_of and before.get(t) != by_target.get(t)}
        for index in changed:
            self._cells.pop(self.links[index].id, None)
        if self.changed is not None:
            self.changed |= changed

    @property
    def qa_current(self) -> bool:
        """True when the findings were found in the current state (their spans fit its English)."""
        return self.findings_state is self.state

    def open_findings(self, target: str) -> list[Finding]:
        """The findings of a link (or metadata field) no waiver covers."""
        return [f for f in self.findings.get(target, ()) if f.unwaived]

    def qa_counts(self) -> dict[str, int]:
        """Open findings on the links by severity, and ``metadata``: those on the metadata fields (the title,
        the archival reference …), which have no row (``workbench qa`` lists them)."""
        on_links = counts([f for fs in self.findings.values() for f in fs if f.link is not None])
        on_links["metadata"] = sum(1 for fs in self.findings.values() for f in fs if f.link is None and f.unwaived)
        return on_links

    def add_glossary_term(self, term: Term) -> None:
        """Add a term to the collection's glossary file; the checks then run again on every link."""
        path = glossary_paths(self.corpus.root, self.ref.collection)[0]
        add_term(path, term, self.corpus.label(path))
        self._live_qa = None
        self.qa_needed, self.qa_dirty = True, None

    # -- variants --

    def _variants(self) -> list[VariantRow]:
        state = self.state
        resolved = resolved_variant_ids(state)
        marks = {m.variant: m for m in struck_marks(state)}
        rows: list[VariantRow] = []
        seen: set[str] = set()
        for info in self.meta.variants:
            seen.add(info.id)
            status = "resolved" if info.id in resolved or info.status != "unresolved" else "unresolved"
            rows.append(VariantRow(info.id, info.kind, status, info.witness, info.witness_note, info.description,
                                   policy_for(state, info.id), marks.get(info.id),
                                   tuple(d for d in state.decisions if d.target == info.id)))
        for d in state.decisions:  # variants known only from decisions (e.g. added by collation)
            if d.action.is_variant and d.target not in seen:
                seen.add(d.target)
                rows.append(VariantRow(d.target, "recorded", "resolved" if d.target in resolved else "open",
                                       d.data.witness or "", None, "", policy_for(state, d.target),
                                       marks.get(d.target), tuple(x for x in state.decisions if x.target == d.target)))
        return rows

    def variant(self, variant_id: str) -> VariantRow:
        """A variant by id; KeyError when absent."""
        for row in self.variants:
            if row.id == variant_id:
                return row
        raise KeyError(variant_id)

    def variant_context(self) -> decide.VariantContext:
        """The document and its witness texts, for variant decisions that record their basis."""
        return decide.VariantContext(self.meta, {w.siglum: self.witness_text(w.siglum) for w in self.meta.witnesses})

    def witness_text(self, siglum: str) -> str:
        """The text of one of the document's witnesses (read from disk)."""
        if self.state.source is not None and siglum == self.state.source.siglum and self.source_witness_text:
            return self.source_witness_text
        if siglum == self.state.target.siglum:
            return self.target_witness_text
        return self.corpus.read_witness(self.ref, siglum)

    # -- texts --

    def segment_text(self, side: Side, segment_id: str) -> Text:
        """A segment's text with its marks styled (plain when the witness changed)."""
        seg = self.segments.get(segment_id)
        if seg is None:
            return safe_text.text(f"⟨missing {segment_id}⟩", self.styles.low)
        index = self.source_runs if side is Side.SOURCE else self.target_runs
        if not index.runs:
            return safe_text.text(seg.text)
        return styled_runs(index.within(seg.start, seg.end), self.styles)

    def side_text(self, link: Link, side: Side) -> Text:
        """The styled text of one side of a link."""
        ids = link.source if side is Side.SOURCE else link.target
        return safe_text.join(self.segment_text(side, i) for i in ids)

    def mt(self, link: Link) -> str:
        """The English of a link as received, in transcription markup."""
        return self.state.mt(link)

    def english(self, link: Link) -> str:
        """The English the edition prints for a link (edits, else the MT), in transcription markup."""
        return self.state.english(link)

    def edited(self, link: Link) -> bool:
        """True when any English segment of the link has an edit."""
        return self.state.edited(link)

    def english_text(self, link: Link) -> Text:
        """The English cell: edits rendered from their markup in the edited colour (struck, italic,
        supplied … as in the witness; escapes shown as the characters they stand for), else the
        styled MT."""
        if not self.edited(link):
            return self.side_text(link, Side.TARGET)
        out = Text(end="")
        for seg_id in link.target:
            if seg_id in self.state.edits:
                piece = self.state.edits[seg_id]
                try:
                    part = styled_runs(runs(Transcription(parse_inline(piece), ())), self.styles)
                except MarkupError:  # written before edits were checked: show it as typed
                    part = safe_text.text(piece)
                part.stylize(self.styles.edited)
            elif seg_id in self.segments:
                seg = self.segments[seg_id]
                part = styled_runs(self.target_runs.within(seg.start, seg.end), self.styles)
            else:
                continue
            if part.plain:
                if out.plain:
                    out.append(" ")
                out.append_text(part)
        return out

    def diff_text(self, link: Link) -> Text:
        """Word diff MT → edited English: deletions struck, insertions underlined, a replaced word
        and its replacement apart (``display_pieces``)."""
        pieces = display_pieces(word_diff(self.mt(link), self.english(link)))
        out = Text(end="")
        for piece in pieces:
            style = {Op.DELETE: self.styles.deleted, Op.INSERT: self.styles.inserted}.get(piece.op, Style())
            out.append(safe_text.visible(piece.text), style)
        return out

    def readings(self, link: Link) -> list[tuple[str, Text]]:
        """Layers of a witness with struck text: the reading before and after the deletion."""
        out: list[tuple[str, Text]] = []
        for side, index, siglum in ((Side.SOURCE, self.source_runs, self.state.source.siglum if self.state.source
                                     else ""), (Side.TARGET, self.target_runs, self.state.target.siglum)):
            ids = link.source if side is Side.SOURCE else link.target
            segs = [self.segments[i] for i in ids if i in self.segments]
            seg_runs = [r for seg in segs for r in index.within(seg.start, seg.end)] if index else []
            if not any(Mark.STRUCK in r.marks for r in seg_runs):
                continue
            before = [r for r in seg_runs if Mark.NOTE_REF not in r.marks]
            after = [r for r in before if Mark.STRUCK not in r.marks]
            out.append((f"{siglum} before the deletion", safe_text.text("".join(r.text for r in before))))
            after_text = " ".join("".join(r.text for r in after).split())
            out.append((f"{siglum} after the deletion", safe_text.text(after_text)))
        return out

    def comments(self, link: Link) -> list[Decision]:
        """Comments on a link (reverted ones left out)."""
        return self.state.notes_for(link.id)

    def history(self, link: Link) -> list[Decision]:
        """Every decision that touched a link."""
        return self.state.history_for(link.id)

    # -- row cells (cached until the next reload) --

    def cells(self, index: int) -> tuple[Text, Text, Text, Text]:
        """Marks, Russian, English and status cells of a row."""
        link = self.links[index]
        cached = self._cells.get(link.id)
        if cached is None:
            cached = (self.marks_cell(link), self.side_text(link, Side.SOURCE), self.english_text(link),
                      self.status_cell(link))
            self._cells[link.id] = cached
        return cached

    def marks_cell(self, link: Link) -> Text:
        """▲ an open QA error (△ warning, ∙ info only), ◆ unresolved variant (◇ resolved), ✎ edited English,
        • note."""
        out = Text(end="")
        severities = {f.severity for f in self.open_findings(link.id)}
        if Severity.ERROR in severities:
            out.append("▲", self.styles.low)
        elif Severity.WARNING in severities:
            out.append("△", self.styles.flagged)
        elif severities:
            out.append("∙", self.styles.muted)
        else:
            out.append(" ")
        if link.id in self.unresolved_links:
            out.append("◆", self.styles.flagged)
        elif link.id in self.variant_links:
            out.append("◇", self.styles.muted)
        else:
            out.append(" ")
        out.append("✎" if self.edited(link) else " ", self.styles.edited)
        out.append("•" if link.id in self.notes_on else " ", self.styles.note_ref)
        return out

    def status_cell(self, link: Link) -> Text:
        """Status word and confidence, coloured."""
        symbol, style = {
            Status.AUTO: ("·", Style()),
            Status.CONFIRMED: ("✓", self.styles.confirmed),
            Status.REJECTED: ("✗", self.styles.rejected),
            Status.FLAGGED: ("⚑", self.styles.flagged),
        }[link.status]
        out = Text(f"{symbol} {link.status.value:<9}", style=style, end="")
        if link.confidence is None:
            out.append("  —  ", self.styles.muted)
        else:
            out.append(f" {link.confidence:.2f}", self.styles.low if link.low_confidence else Style())
        return out

    # -- predicates and jumps --

    def badness(self, link: Link) -> float:
        """How much a link needs attention (0 judged … 1 flagged or no confidence at all)."""
        if link.status is Status.FLAGGED:
            return 1.0
        if link.status is not Status.AUTO:
            return 0.0
        return 1.0 - (link.confidence if link.confidence is not None else 0.5)

    def next_index(self, start: int, predicate: Callable[[Link], bool]) -> int | None:
        """The next row after ``start`` (wrapping round) whose link satisfies ``predicate``."""
        count = len(self.links)
        for step in range(1, count + 1):
            index = (start + step) % count
            if predicate(self.links[index]):
                return index
        return None

    def search_texts(self) -> list[str]:
        """Per row: the Russian reading and the English (edited and as received), for search."""
        if self._search is None:
            out = []
            for link in self.links:
                src = "".join(r.text for i in link.source if i in self.segments
                              for r in self.source_runs.within(self.segments[i].start, self.segments[i].end)) \
                    if self.source_runs else \
                    " ".join(self.segments[i].text for i in link.source if i in self.segments)
                out.append(f"{src}\n{self.english(link)}\n{self.mt(link)}")
            self._search = out
        return self._search

    def search(self, pattern: str, regex: bool, start: int) -> int | None:
        """The next row after ``start`` whose text matches; ``re.error`` for a bad regex."""
        texts = self.search_texts()
        if regex:
            compiled = re.compile(pattern, re.IGNORECASE)
            test: Callable[[str], bool] = lambda s: compiled.search(s) is not None  # noqa: E731
        else:
            needle = pattern.casefold()
            test = lambda s: needle in s.casefold()  # noqa: E731
        count = len(texts)
        for step in range(1, count + 1):
            index = (start + step) % count
            if test(texts[index]):
                return index
        return None
