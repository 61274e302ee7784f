"""The review screen: one document's links, the detail of the current one, and every editorial act.

Each act becomes one decision recorded through :meth:`DocumentView.record` (durable when it
returns) and can be undone and redone. Errors from acts are reported in one place,
:meth:`ReviewScreen.attempt`; errors from the aligner worker in :meth:`on_worker_state_changed`.
The screen polls the alignment file every second and takes in changes made elsewhere, saying so.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from workbench.core import decide
from workbench.core.actions import STATUS_AFTER, Action
from workbench.core.editors_notes import NOTE_KINDS, notes_on, plain_text
from workbench.core.edits import distribute
from workbench.core.errors import ConflictError, WorkbenchError
from workbench.core.models import Alignment, Decision, Link, Status, touched_ids
from workbench.core.operations import (
    delete_empty,
    insert_empty,
    merge_next,
    merge_previous,
    merge_segment,
    shift,
    split_link,
    split_segment,
    swap_previous,
)
from workbench.core.qa.glossary import Term
from workbench.core.qa.model import Finding
from workbench.core.qa.risk import review_queue
from workbench.core.realign import realign
from workbench.core.sentences import split_sentences
from workbench.storage.config import write_user_setting
from workbench.storage.reanchoring import reanchor_document
from workbench.ui import safe_text
from workbench.ui.document_view import DocumentView, MarkStyles
from workbench.ui.keymap import bindings
from workbench.ui.screens.collation import CollationScreen
from workbench.ui.screens.dialogs import (
    ChooseSegmentDialog,
    CommentAnswer,
    CommentDialog,
    EditorsNoteAnswer,
    EditorsNoteDialog,
    EditorsNoteDraft,
    GotoDialog,
    NameDialog,
    SearchAnswer,
    SearchDialog,
    SegmentChoice,
    SplitSegmentDialog,
)
from workbench.ui.screens.metadata import MetadataScreen
from workbench.ui.screens.metrics import MetricsScreen
from workbench.ui.screens.qa_dialogs import TermDialog, WaiveAnswer, WaiveDialog
from workbench.ui.screens.variants import VariantScreen
from workbench.ui.widgets.confidence_strip import ConfidenceStrip
from workbench.ui.widgets.detail_pane import DetailPane
from workbench.ui.widgets.english_editor import EnglishEditor
from workbench.ui.widgets.key_bar import KeyBar
from workbench.ui.widgets.link_grid import LinkGrid, header_text

Make = Callable[[Alignment], Decision]
DETAIL_PAUSE = 0.06


class RealignReady(Message):
    """The aligner worker produced a re-alignment decision."""

    def __init__(self, decision: Decision) -> None:
        super().__init__()
        self.decision = decision


class QAReady(Message):
    """The QA worker checked a state: its findings, or why the checks could not run."""

    def __init__(self, state: Alignment, findings: list[Finding], error: str | None = None) -> None:
        super().__init__()
        self.state = state
        self.findings = findings
        self.error = error


def error_text(error: BaseException) -> str:
    """One readable line for any failure (never a traceback)."""
    if isinstance(error, WorkbenchError):
        return str(error)
    return f"{type(error).__name__}: {error}"


class ReviewScreen(Screen[None]):
    """Review one document."""

    BINDINGS = bindings("review", "structure", "jump")
    BINDING_GROUP_TITLE = "Review"

    def __init__(self, view: DocumentView, *, poll_interval: float = 1.0, save_interval: float = 30.0) -> None:
        super().__init__()
        self.view = view
        self.poll_interval = poll_interval
        self.save_interval = save_interval
        self.grid = LinkGrid(view, id="grid")
        self.detail = DetailPane(view, id="detail")
        self.strip = ConfidenceStrip(view, id="strip")
        self.editor = EnglishEditor(id="editor")
        self.title_bar = Static(safe_text.text(""), id="title-bar")
        self.grid_header = Static(safe_text.text(""), id="grid-header")
        self.last_search: SearchAnswer | None = None
        self._detail_timer: Timer | None = None
        self._detail_pending = False
        self._shown_repairs = 0  # how many of the session's repair messages were shown
        self._qa_running = False  # one QA run at a time: the next one takes in what changed meanwhile
        self._queue_last: str | None = None  # where the walk of the review queue stopped

    # ---------------------------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield self.title_bar
        yield self.strip
        if self.view.pending:
            yield Static(safe_text.text(self.view.pending_line()), id="pending-banner")
        with Horizontal(id="main"):
            with Vertical(id="grid-pane"):
                yield self.grid_header
                yield self.grid
            yield self.detail
        yield self.editor
        yield KeyBar()

    def on_mount(self) -> None:
        self.grid.focus()
        self._show_title()
        self.detail.show(self.grid.cursor)
        self.set_interval(self.poll_interval, self.poll_disk, name="poll-disk")
        self.set_interval(self.save_interval, self.autosave, name="autosave")
        self.watch(self.app, "theme", self._theme_changed, init=True)
        for line in self.view.warnings:
            safe_text.notify(self.app, line, severity="warning", timeout=10)
        if self.view.state.open_conflicts:
            safe_text.notify(self.app, f"{len(self.view.state.open_conflicts)} merge conflict(s) open: press K to "
                             "see both sides and resolve them", severity="warning", timeout=10)
        if self.view.session.recovered:
            safe_text.notify(self.app, f"recovered {len(self.view.session.recovered)} decision(s) from the "
                             "journal of an unfinished session", timeout=8)
        self._show_repairs()
        self.run_qa()

    def _show_repairs(self) -> None:
        """Say what opening or recording cut out of a torn journal (see Session.messages)."""
        messages = self.view.session.messages
        for line in messages[self._shown_repairs:]:
            safe_text.notify(self.app, line, title="journal repaired", severity="warning", timeout=15)
        self._shown_repairs = len(messages)

    @on(LinkGrid.ColumnsChanged)
    def _show_header(self, message: LinkGrid.ColumnsChanged) -> None:
        self.grid_header.update(header_text(message.columns, self.view.pending), layout=False)

    def _theme_changed(self) -> None:
        self.view.set_styles(MarkStyles.from_theme(self.app.get_css_variables()))
        self.grid.restyle()
        self.strip.refresh()
        self.detail.show(self.grid.cursor)

    def _show_title(self) -> None:
        meta, state, counts = self.view.meta, self.view.state, self.view.counts
        line = safe_text.text(f"{meta.address}", "bold")
        unsaved = self.view.unsaved
        # the counts come before the title, so a long title is what the width cuts
        line.append(f"  rev {state.revision} · {counts.links} links · {counts.confirmed} confirmed · "
                    f"{counts.flagged} flagged · {counts.low} low · {counts.edited} edited · "
                    f"{self.view.counts_unresolved} unresolved variant(s)"
                    + (f" · {unsaved} unsaved" if unsaved else ""), "dim")
        qa = self.view.qa_counts()
        if qa["error"] or qa["warning"] or qa["metadata"]:  # short: the title is what the width cuts
            line.append(f" · QA {qa['error']} err {qa['warning']} warn"
                        + (f" +{qa['metadata']} metadata" if qa["metadata"] else ""),
                        self.view.styles.low if qa["error"] else "dim")
        if meta.title:
            line.append(safe_text.visible(f"  — {meta.title}"))
        self.title_bar.update(line, layout=False)  # one line, always: no layout needed

    # ---------------------------------------------------------------------------------- state

    @property
    def current(self) -> Link | None:
        """The link under the cursor."""
        links = self.view.links
        return links[self.grid.cursor] if links else None

    def refresh_view(self, index: int | None = None) -> None:
        """Redraw what the last change touched; put the cursor on ``index``."""
        rows = self.view.take_changes()
        self.grid.reload(rows)
        self.strip.reload(rows)
        if index is not None:
            self.grid.set_cursor(index, notify=False)
        self.strip.set_current(self.grid.cursor)
        self._detail_pending = False
        self.detail.show(self.grid.cursor)
        self._show_title()
        self.run_qa()

    def attempt(self, act: Callable[[], object], *, index: Callable[[], int | None] | None = None) -> bool:
        """Run an act; report any failure in one readable line. Returns True when it succeeded."""
        try:
            act()
        except ConflictError as err:
            links = ", ".join(err.links) or "some links"
            safe_text.notify(self.app, f"Not applied: {links} changed elsewhere meanwhile. The document was "
                             f"reloaded with those changes; nothing was lost. ({err.message})",
                             title="conflict", severity="error", timeout=12)
            self.refresh_view()
            return False
        except WorkbenchError as err:
            safe_text.notify(self.app, err.message, severity="warning")
            return False
        self.refresh_view(index() if index else None)
        return True

    def act(self, make: Make, *, index: Callable[[], int | None] | None = None) -> bool:
        """Make a decision from the current state and record it (after asking the editor's name, the
        first time, when none is configured: the act then happens once the name is given)."""
        if self._ask_name_first(lambda: self.act(make, index=index)):
            return False
        return self.attempt(lambda: self.view.record(make(self.view.state)), index=index)

    def _ask_name_first(self, then: Callable[[], object]) -> bool:
        app = self.app
        if not getattr(app, "ask_name", False) or getattr(app, "author_from", None) not in ("git", "login"):
            return False
        app.ask_name = False  # type: ignore[attr-defined]  # once per run, even if cancelled

        def answered(answer: object) -> None:
            if isinstance(answer, tuple):
                name, initials = answer
                try:
                    write_user_setting("user.name", name)
                    if initials:
                        write_user_setting("user.initials", initials)
                except WorkbenchError as err:
                    safe_text.notify(self.app, f"your name was not saved: {err}", severity="error")
                app.use_author(name, "config")  # type: ignore[attr-defined]
            then()

        self.app.push_screen(NameDialog(self.view.author), answered)
        return True

    def _with_link(self) -> Link | None:
        link = self.current
        if link is None:
            safe_text.notify(self.app, "this document has no links", severity="warning")
        return link

    # ---------------------------------------------------------------------------------- status

    def _status(self, action: Action) -> None:
        link = self._with_link()
        if link is None:
            return
        here = self.grid.cursor
        if link.status.value == STATUS_AFTER[action]:
            self.grid.set_cursor(here + 1)
            return
        # judging a link moves on to the next one, so a run of links can be confirmed key by key
        self.act(lambda s: decide.set_status(s, link.id, action, self.view.author),
                 index=lambda: min(here + 1, len(self.view.links) - 1))

    def action_confirm(self) -> None:
        """Confirm the link and move on."""
        self._status(Action.CONFIRM)

    def action_reject(self) -> None:
        """Reject the link and move on."""
        self._status(Action.REJECT)

    def action_flag(self) -> None:
        """Flag the link for another look and move on."""
        self._status(Action.FLAG)

    def action_unconfirm(self) -> None:
        """Put the link back to auto."""
        self._status(Action.UNCONFIRM)

    # ---------------------------------------------------------------------------------- structure

    def _structural(self, make: Callable[[Alignment, Link], Decision], index: Callable[[int], int]) -> None:
        link = self._with_link()
        if link is None:
            return
        here = self.grid.cursor
        self.act(lambda s: make(s, link), index=lambda: max(0, min(index(here), len(self.view.links) - 1)))

    def action_merge_next(self) -> None:
        """Merge with the next link."""
        self._structural(lambda s, lk: merge_next(s, lk.id, self.view.author), lambda i: i)

    def action_merge_previous(self) -> None:
        """Merge with the previous link."""
        self._structural(lambda s, lk: merge_previous(s, lk.id, self.view.author), lambda i: i - 1)

    def action_split(self) -> None:
        """Split the link in two."""
        self._structural(lambda s, lk: split_link(s, lk.id, self.view.author), lambda i: i)

    def action_shift(self, side: str, edge: str) -> None:
        """Move the first sentence of a side to the previous link, or the last to the next."""
        self._structural(lambda s, lk: shift(s, lk.id, side, edge, self.view.author), lambda i: i)

    def action_insert_row(self) -> None:
        """Insert an empty row below."""
        self._structural(lambda s, lk: insert_empty(s, lk.id, self.view.author), lambda i: i + 1)

    def action_delete_row(self) -> None:
        """Delete an empty row."""
        self._structural(lambda s, lk: delete_empty(s, lk.id, self.view.author), lambda i: i)

    def action_swap(self) -> None:
        """Cross the order with the previous link."""
        self._structural(lambda s, lk: swap_previous(s, lk.id, self.view.author), lambda i: i)

    def _segments_of(self, link: Link) -> list[tuple[str, str]]:
        segs = self.view.segments
        return [(i, segs[i].text) for i in (*link.source, *link.target) if i in segs]

    def _witness_of(self, segment_id: str) -> str:
        return self.view.source_witness_text or "" if segment_id.startswith("s") else self.view.target_witness_text

    def action_split_segment(self) -> None:
        """Split one segment of the link at a sentence boundary (the link keeps both halves)."""
        link = self._with_link()
        if link is None:
            return
        segments = self._segments_of(link)
        if not segments:
            safe_text.notify(self.app, f"{link.id} is an empty row; it has no segment to split", severity="warning")
            return
        guesses: dict[str, int] = {}
        for sid, text in segments:
            spans = split_sentences(text, "ru" if sid.startswith("s") else "en")
            guesses[sid] = spans[1][0] if len(spans) > 1 else _middle_boundary(text)

        def done(choice: object) -> None:
            if isinstance(choice, SegmentChoice):
                here = self.grid.cursor
                self.act(lambda s: split_segment(s, choice.segment, choice.offset, self._witness_of(choice.segment),
                                                 self.view.author), index=lambda: here)

        self.app.push_screen(SplitSegmentDialog(segments, guesses), done)

    def action_merge_segment(self) -> None:
        """Join a segment with the next one in the same link."""
        link = self._with_link()
        if link is None:
            return
        pairs = [(a, self.view.segments[a].text) for ids in (link.source, link.target)
                 for a, b in zip(ids, ids[1:], strict=False) if a in self.view.segments]
        if not pairs:
            safe_text.notify(self.app, f"{link.id} has no two segments on one side to join; merge links first",
                             severity="warning")
            return
        here = self.grid.cursor

        def done(choice: object) -> None:
            if isinstance(choice, SegmentChoice):
                self.act(lambda s: merge_segment(s, choice.segment, self._witness_of(choice.segment),
                                                 self.view.author), index=lambda: here)

        if len(pairs) == 1:
            done(SegmentChoice(pairs[0][0]))
        else:
            self.app.push_screen(ChooseSegmentDialog("Join which segment with the next?", pairs), done)

    # ---------------------------------------------------------------------------------- realign

    def action_realign(self) -> None:
        """Re-align from here to the next judged link, in a worker thread."""
        link = self._with_link()
        if link is None:
            return
        if self.view.pending:
            safe_text.notify(self.app, self.view.pending_line(), severity="warning")
            return
        safe_text.notify(self.app, f"re-aligning from {link.id} …", timeout=3)
        self.realign_worker(self.view.state, link.id)

    @work(thread=True, exclusive=True, group="realign", exit_on_error=False, description="re-align")
    def realign_worker(self, state: Alignment, link_id: str) -> None:
        """Run the aligner on the stretch (slow: loads resources); posts :class:`RealignReady`."""
        align_fn = self.view.align_fn()
        decision = realign(state, link_id, align_fn, self.view.source_witness_text or "", self.view.target_witness_text,
                           self.view.author)
        self.post_message(RealignReady(decision))

    def on_realign_ready(self, message: RealignReady) -> None:
        here = self.grid.cursor
        if self.attempt(lambda: self.view.record(message.decision), index=lambda: here):
            count = message.decision.data.links if message.decision.data.links is not None else "?"
            safe_text.notify(self.app, f"re-aligned {count} link(s) from {message.decision.targets()[0]}")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Failures of background work, all reported here."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            safe_text.notify(self.app, f"{event.worker.description or event.worker.name} failed: "
                             f"{error_text(event.worker.error)}", severity="error", timeout=10)

    # ---------------------------------------------------------------------------------- English

    def action_edit(self) -> None:
        """Edit the English of the link (Tab saves and moves on)."""
        link = self._with_link()
        if link is not None:
            self._open_editor(link)

    def _open_editor(self, link: Link) -> None:
        if not link.target:
            safe_text.notify(self.app, f"{link.id} has no English segment to edit", severity="warning")
            self.editor.close()
            self.grid.focus()
            return
        self.editor.open(link.id, self.view.english(link),
                         f"Editing the English of {link.id} — Tab saves and goes on · Ctrl+S saves and closes · "
                         "Esc closes without saving")

    @on(EnglishEditor.Saved)
    def save_english(self, message: EnglishEditor.Saved) -> None:
        """Record the edit, then move on if asked."""
        link = self.view.state.link(message.link_id) if message.link_id in self.view.index_of else None
        if link is None:
            safe_text.notify(self.app, f"{message.link_id} no longer exists; the edit was not saved",
                             severity="error")
            return
        index = self.view.index_of[link.id]
        new = " ".join(message.text.split())
        if new != " ".join(self.view.english(link).split()):
            texts = distribute(new, len(link.target))
            if not self.act(lambda s: decide.edit(s, link.id, texts, self.view.author), index=lambda: index):
                return  # the editor stays open with the text, so nothing typed is lost
        if message.advance and index + 1 < len(self.view.links):
            self.grid.set_cursor(index + 1)
            self._open_editor(self.view.links[index + 1])
        else:
            self.editor.close()
            self.grid.focus()
            if not message.advance:  # Ctrl+S in the editor is a save: fold the journal, as Ctrl+S does here
                self.attempt(self.view.save)

    @on(EnglishEditor.Closed)
    def _editor_closed(self) -> None:
        self.grid.focus()

    def action_comment(self) -> None:
        """Add a comment with a reason code."""
        link = self._with_link()
        if link is None:
            return

        def done(answer: object) -> None:
            if isinstance(answer, CommentAnswer):
                here = self.grid.cursor
                self.act(lambda s: decide.comment(s, link.id, answer.text, self.view.author, reason=answer.reason),
                         index=lambda: here)

        self.app.push_screen(CommentDialog(link.id), done)

    def action_editors_note(self) -> None:
        """Make an editors' note on the link, or rewrite one it has (a decision either way)."""
        link = self._with_link()
        if link is None:
            return
        if not link.target:
            safe_text.notify(self.app, f"{link.id} has no English to hang a note on", severity="warning")
            return
        state = self.view.state
        drafts = [EditorsNoteDraft(n.id, n.kind, n.anchor, n.text) for n in notes_on(state, link.id)]
        english = plain_text(state.english(link))

        def done(answer: object) -> None:
            if isinstance(answer, EditorsNoteAnswer):
                here = self.grid.cursor
                self.act(lambda s: decide.annotate(s, link.id, answer.text, answer.anchor, self.view.author,
                                                   kind=answer.kind, note_id=answer.note_id), index=lambda: here)

        self.app.push_screen(EditorsNoteDialog(link.id, english, drafts, NOTE_KINDS), done)

    # ---------------------------------------------------------------------------------- QA

    def run_qa(self) -> None:
        """Run the checks in a worker on what changed since the last run (every link the first time)."""
        if self._qa_running or self.view.qa_error:
            return
        needed, links = self.view.take_qa_work()
        if not needed and self.view.findings_state is not None and not self.view.qa_current:
            needed, links = True, set()  # a new state without an act (a save): the same findings, re-keyed
        if not needed:
            return
        self._qa_running = True
        self.qa_worker(self.view.state, links)

    @work(thread=True, group="qa", exit_on_error=False, description="QA checks")
    def qa_worker(self, state: Alignment, links: set[str] | None) -> None:
        """Check the English (the whole document the first time, then the links an act touched)."""
        try:
            findings = self.view.run_qa(state, links)
        except Exception as err:  # a bad glossary must not stop the review; the pane says why
            self.post_message(QAReady(state, [], error_text(err)))
            return
        self.post_message(QAReady(state, findings))

    @on(QAReady)
    def _qa_ready(self, message: QAReady) -> None:
        self._qa_running = False
        if message.error is not None:
            self.view.qa_error = message.error
            safe_text.notify(self.app, f"QA checks could not run: {message.error}", severity="error", timeout=10)
            self.detail.show(self.grid.cursor)
            return
        if message.state is self.view.state:
            self.view.set_findings(message.state, message.findings)
            self.refresh_view()
        else:  # the state moved on meanwhile (an act, a save, a change on disk): run on the new one
            self.view.qa_needed = True
        self.run_qa()

    def _current_findings(self) -> tuple[Link, list[Finding]] | None:
        link = self._with_link()
        if link is None:
            return None
        if self.view.findings_state is None:
            safe_text.notify(self.app, "the QA checks are still running", severity="warning", timeout=3)
            return None
        found = self.view.open_findings(link.id)
        if not found:
            safe_text.notify(self.app, f"{link.id} has no open finding", timeout=3)
            return None
        return link, found

    def action_next_finding(self) -> None:
        """Next link with an open QA finding."""
        if self.view.findings_state is None:
            safe_text.notify(self.app, "the QA checks are still running", severity="warning", timeout=3)
            return
        self._jump(lambda lk: bool(self.view.open_findings(lk.id)), "QA finding on a")

    def action_next_risk(self) -> None:
        """The next link of the review queue (riskiest first) after the current one."""
        if self.view.findings_state is None:
            safe_text.notify(self.app, "the QA checks are still running", severity="warning", timeout=3)
            return
        variants = {link_id: link_id in self.view.unresolved_links for link_id in self.view.variant_links}
        findings = [f for fs in self.view.findings.values() for f in fs]
        queue = review_queue(self.view.state, findings, variants)
        if not queue:
            safe_text.notify(self.app, "the review queue is empty", timeout=3)
            return
        # the walk goes on from the link it last stopped at; elsewhere it starts again from the riskiest
        current = self.current.id if self.current is not None else None
        order = [item.link for item in queue]
        place = order.index(current) + 1 if current == self._queue_last and current in order else 0
        self._queue_last = queue[place % len(queue)].link
        item = queue[place % len(queue)]
        self.go_to(item.link)
        safe_text.notify(self.app, f"{item.link}: risk {item.risk:.1f} ({place % len(queue) + 1} of "
                         f"{len(queue)}) — {'; '.join(item.reasons)}", timeout=5)

    def action_waive(self) -> None:
        """Waive a finding of the link, with a reason (it returns when the English changes)."""
        current = self._current_findings()
        if current is None:
            return
        link, found = current

        def done(answer: object) -> None:
            if isinstance(answer, WaiveAnswer):
                here = self.grid.cursor
                checks = {f.check for f in self.view.open_findings(link.id)}
                if self.act(lambda s: decide.waive(s, link.id, answer.check, answer.reason, self.view.author,
                                                   judged=s.english(s.link(link.id)), open_checks=checks),
                            index=lambda: here):
                    safe_text.notify(self.app, f"waived {answer.check} on {link.id}", timeout=3)

        self.app.push_screen(WaiveDialog(link.id, found), done)

    def action_apply_suggestion(self) -> None:
        """Put the suggestion of the link's first open finding that has one in place (an edit)."""
        current = self._current_findings()
        if current is None:
            return
        link, found = current
        if not self.view.qa_current:
            safe_text.notify(self.app, "the QA checks are catching up with the last change; try again",
                             severity="warning", timeout=3)
            return
        usable = sorted((f for f in found if f.suggestion is not None and f.span is not None),
                        key=lambda f: f.severity.rank)  # errors first, then in reading order
        if not usable:
            safe_text.notify(self.app, f"the findings on {link.id} have no suggestion to apply", severity="warning")
            return
        finding = usable[0]
        here = self.grid.cursor
        if self.act(lambda s: decide.apply_suggestion(s, finding, self.view.author), index=lambda: here):
            safe_text.notify(self.app, f"{finding.check}: applied “{finding.suggestion}” in {link.id}", timeout=3)

    def action_add_term(self) -> None:
        """Add a glossary term from the current link (the checks then run again)."""
        link = self._with_link()
        if link is None:
            return
        russian = " ".join(self.view.segments[i].text for i in link.source if i in self.view.segments)
        suggestion = next((f.suggestion for f in self.view.open_findings(link.id)
                           if f.check in ("consistency", "untranslated") and f.suggestion), "")

        def done(answer: object) -> None:
            if isinstance(answer, Term) and self.attempt(lambda: self.view.add_glossary_term(answer)):
                safe_text.notify(self.app, f"added {answer.source} → {', '.join(answer.target)} to the glossary",
                                 timeout=4)

        self.app.push_screen(TermDialog(link.id, russian, target=suggestion or ""), done)

    # ---------------------------------------------------------------------------------- undo

    def _index_for(self, decision: Decision) -> int | None:
        """The first row a decision touches, in document order (ids sorted as text would put L104
        before L4, and the cursor on the wrong half of a split)."""
        rows = [self.view.index_of[item] for item in touched_ids(decision) if item in self.view.index_of]
        return min(rows, default=None)

    def action_undo(self) -> None:
        """Undo the latest act of this session."""
        undone: list[Decision] = []
        if self.attempt(lambda: undone.append(self.view.undo()), index=lambda: self._index_for(undone[0])):
            safe_text.notify(self.app, f"undid {undone[0].action} {undone[0].target}", timeout=3)

    def action_redo(self) -> None:
        """Redo the latest undone act."""
        done: list[Decision] = []
        if self.attempt(lambda: done.append(self.view.redo()), index=lambda: self._index_for(done[0])):
            safe_text.notify(self.app, f"redid {done[0].action} {done[0].target}", timeout=3)

    # ---------------------------------------------------------------------------------- saving

    def action_save(self) -> None:
        """Fold the journal into the alignment file now."""
        if self.attempt(self.view.save):
            safe_text.notify(self.app, f"saved {self.view.meta.address} (revision {self.view.state.revision})",
                             timeout=3)

    def autosave(self) -> None:
        """Periodic fold, only when something was recorded since the last one."""
        if self.view.unfolded:
            self.attempt(self.view.save)

    def poll_disk(self) -> None:
        """Take in changes another editor (or git) made to the file, and say what happened."""
        self._show_repairs()
        try:
            messages = self.view.refresh_from_disk()
        except WorkbenchError as err:
            safe_text.notify(self.app, f"could not read the changed file: {err}", severity="error")
            return
        if messages:
            self.refresh_view()
            for line in messages:
                safe_text.notify(self.app, line, title="changed on disk", severity="warning", timeout=8)

    def action_back(self) -> None:
        """Save and go back to the collection browser."""
        if self.editor.is_open:
            self.editor.close()
            self.grid.focus()
            return
        if self.attempt(self.view.save):
            self.dismiss(None)

    # ---------------------------------------------------------------------------------- jumps

    def _jump(self, predicate: Callable[[Link], bool], what: str) -> None:
        found = self.view.next_index(self.grid.cursor, predicate) if self.view.links else None
        if found is None:
            safe_text.notify(self.app, f"no {what} link", timeout=3)
            return
        self.grid.set_cursor(found)

    def action_next_unconfirmed(self) -> None:
        """Next link still waiting for review."""
        self._jump(lambda lk: lk.status is Status.AUTO, "unconfirmed")

    def action_next_flagged(self) -> None:
        """Next flagged link."""
        self._jump(lambda lk: lk.status is Status.FLAGGED, "flagged")

    def action_next_low(self) -> None:
        """Next unreviewed link with low confidence."""
        self._jump(lambda link: link.low_confidence, "low-confidence")

    def action_next_variant(self) -> None:
        """Next link touching an unresolved variant."""
        self._jump(lambda lk: lk.id in self.view.unresolved_links, "unresolved-variant")

    def action_goto(self) -> None:
        """Go to a link by id."""
        def done(link_id: object) -> None:
            if isinstance(link_id, str):
                self.go_to(link_id)

        self.app.push_screen(GotoDialog(), done)

    def go_to(self, link_id: str) -> bool:
        """Put the cursor on a link; says so when there is no such link."""
        index = self.view.index_of.get(link_id)
        if index is None:
            safe_text.notify(self.app, f"no link {link_id} in {self.view.meta.address}", severity="warning")
            return False
        self.grid.set_cursor(index)
        self.grid.focus()
        return True

    def action_search(self) -> None:
        """Search the Russian and the English."""
        def done(answer: object) -> None:
            if isinstance(answer, SearchAnswer):
                self.last_search = answer
                self.find(answer)

        self.app.push_screen(SearchDialog(self.last_search), done)

    def action_search_next(self) -> None:
        """The next match of the last search."""
        if self.last_search is None:
            self.action_search()
        else:
            self.find(self.last_search)

    def find(self, answer: SearchAnswer) -> None:
        """Move to the next row matching a search."""
        try:
            found = self.view.search(answer.pattern, answer.regex, self.grid.cursor)
        except re.error as err:
            safe_text.notify(self.app, f"not a valid regular expression: {answer.pattern} ({err})",
                             severity="error")
            return
        if found is None:
            safe_text.notify(self.app, f"no match for {answer.pattern}", severity="warning")
            return
        self.grid.set_cursor(found)
        self.grid.focus()

    # ---------------------------------------------------------------------------------- strip, panels

    def action_focus_strip(self) -> None:
        """Move along the confidence strip with ←/→, Enter jumps."""
        self.strip.focus()

    @on(ConfidenceStrip.Jump)
    def _strip_jump(self, message: ConfidenceStrip.Jump) -> None:
        self.grid.set_cursor(message.index)
        self.grid.focus()

    @on(ConfidenceStrip.Leave)
    def _strip_leave(self) -> None:
        self.grid.focus()

    @on(LinkGrid.CursorMoved)
    def _cursor_moved(self, message: LinkGrid.CursorMoved) -> None:
        self.strip.set_current(message.index)
        # A single move shows its link at once. While moves keep coming faster than DETAIL_PAUSE
        # (an arrow key held down) the pane waits, and catches up DETAIL_PAUSE after the last one,
        # so the cursor never waits for the pane.
        if self._detail_timer is None:
            self.detail.show(message.index)
        else:
            self._detail_timer.stop()
            self._detail_pending = True
        self._detail_timer = self.set_timer(DETAIL_PAUSE, self._detail_caught_up)

    def _detail_caught_up(self) -> None:
        self._detail_timer = None
        if self._detail_pending:
            self._detail_pending = False
            self.detail.show(self.grid.cursor)

    def action_conflicts(self) -> None:
        """Open the merge conflicts of the document."""
        from workbench.ui.screens.conflicts import ConflictScreen

        self.app.push_screen(ConflictScreen(self.view), lambda _: self.refresh_view())

    def action_variants(self) -> None:
        """Open the variant panel."""
        self.app.push_screen(VariantScreen(self.view), self._variants_closed)

    def action_metadata(self) -> None:
        """Open the metadata panel."""
        self.app.push_screen(MetadataScreen(self.view), lambda _: self.refresh_view())

    def action_collation(self) -> None:
        """Open the collation view: the witnesses of a segment side by side, with their variants."""
        self.app.push_screen(CollationScreen(self.view.corpus, self.view.ref, session=self.view.session,
                                             author=self.view.author), lambda _: self.refresh_view())

    def action_toggle_text_view(self) -> None:
        """Show the diplomatic text (every manuscript mark) or the reading text (as published)."""
        view = self.view.toggle_text_view()
        self.refresh_view()
        safe_text.notify(self.app, "Diplomatic view: every mark shown" if view == "diplomatic" else
                         "Reading view: the text as published")

    def action_reanchor(self) -> None:
        """Re-anchor the alignment on a corrected witness (offered when one changed): save, re-anchor
        (workbench reanchor), open the document again and say what was kept and what no longer applies."""
        if not self.view.changed_witnesses:
            safe_text.notify(self.app, "no witness changed since it was aligned; nothing to re-anchor", timeout=4)
            return
        if not self.attempt(self.view.save):
            return
        try:
            done = reanchor_document(self.view.corpus, self.view.ref, self.view.author,
                                     align_fn=self.view.align_fn())
        except WorkbenchError as err:
            safe_text.notify(self.app, err.message, severity="error", timeout=10)
            return
        lines = []
        for item in done:
            r = item.result
            lines.append(f"{item.siglum} re-anchored: {r.kept_links} link(s) kept, "
                         f"{sum(len(new) for _, new in r.realigned)} re-aligned")
            lines += [lapsed.what for lapsed in r.lapsed] or ["every decision still applies"]
        app, ref = self.app, self.view.ref
        self.dismiss(None)
        app.open_document(ref)  # type: ignore[attr-defined]
        safe_text.notify(app, "\n".join(lines), title="re-anchored", timeout=20)

    def action_metrics(self) -> None:
        """Show the post-editing metrics of this document (scored in a worker)."""
        self.app.push_screen(MetricsScreen(str(self.view.ref), self.view.state))

    def _variants_closed(self, link_id: object) -> None:
        self.refresh_view()
        if isinstance(link_id, str):
            self.go_to(link_id)


def _middle_boundary(text: str) -> int:
    """A split guess for a segment the splitter left whole: the word boundary nearest the middle."""
    middle = len(text) // 2
    spaces = [m.end() for m in re.finditer(r"[.;:!?]\s+|\s+", text)]
    return min(spaces, key=lambda at: abs(at - middle)) if spaces else middle


