"""The review workflow of a document: its state (in progress → reviewed → approved, each step a
``state`` decision), what blocks approval, roles, and threaded comments that can be resolved.

Roles come from the project's ``workbench.yaml`` (read by storage; see docs/collaboration.md)::

    roles:
      Anna Petrova: editor
      Boris Souvarine: reviewer

With no roles written, anyone may take any step. With roles, ``reviewed`` and ``approved`` are a
reviewer's steps, and only people named there may change the state at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workbench.core.actions import Action, DecisionData
from workbench.core.decisions import DEFAULT_CLOCK, Clock, make
from workbench.core.errors import OperationError
from workbench.core.models import Alignment, Decision, Status

IN_PROGRESS, REVIEWED, APPROVED = "in-progress", "reviewed", "approved"
STATES = (IN_PROGRESS, REVIEWED, APPROVED)
ROLES = ("editor", "reviewer")
#: The steps a document's state may take; going back to in progress is always possible.
STEPS = {IN_PROGRESS: (REVIEWED,), REVIEWED: (APPROVED, IN_PROGRESS), APPROVED: (IN_PROGRESS,)}
#: The steps only a reviewer may take (when roles are written down).
REVIEWER_STEPS = (REVIEWED, APPROVED)


def document_state(state: Alignment | None) -> str:
    """The document's review state: the last live ``state`` decision's, else in progress."""
    if state is None:
        return IN_PROGRESS
    current = IN_PROGRESS
    for d in state.live_decisions:
        if d.action is Action.STATE and d.after in STATES:
            current = d.after
    return current


def approval_blockers(state: Alignment, *, variants_unresolved: int = 0,
                      more: Sequence[str] = ()) -> list[str]:
    """What stops a document being approved, one line each: links neither confirmed nor rejected,
    variants unresolved, merge conflicts open. ``more`` adds the checks of other parts (the hook where
    QA errors go: the caller passes one line per open QA error)."""
    out = []
    waiting = [lk.id for lk in state.links if lk.status not in (Status.CONFIRMED, Status.REJECTED)]
    if waiting:
        shown = ", ".join(waiting[:8]) + (" …" if len(waiting) > 8 else "")
        out.append(f"{len(waiting)} link(s) not confirmed or rejected: {shown}")
    if variants_unresolved:
        out.append(f"{variants_unresolved} variant(s) unresolved")
    if state.open_conflicts:
        out.append(f"{len(state.open_conflicts)} merge conflict(s) open: "
                   + ", ".join(c.id for c in state.open_conflicts))
    out.extend(more)
    return out


def set_state(state: Alignment, new: str, author: str, *, roles: Mapping[str, str] | None = None,
              variants_unresolved: int = 0, more_blockers: Sequence[str] = (), note: str | None = None,
              clock: Clock = DEFAULT_CLOCK) -> Decision:
    """A ``state`` decision moving the document to ``new``; refused (``OperationError``) for a step
    that is not allowed, a role that may not take it, or an approval something blocks (listed)."""
    current = document_state(state)
    if new not in STATES:
        raise OperationError(f"unknown state {new!r}; one of {', '.join(STATES)}")
    if new == current:
        raise OperationError(f"{state.document} is already {new}; nothing to record")
    if new not in STEPS[current]:
        raise OperationError(f"{state.document} is {current}: it can go to {' or '.join(STEPS[current])}, "
                             f"not {new}")
    if roles:
        role = roles.get(author)
        if role is None:
            raise OperationError(f"{author!r} has no role in workbench.yaml; only people named under 'roles' "
                                 "may change a document's state")
        if new in REVIEWER_STEPS and role != "reviewer":
            raise OperationError(f"marking a document {new} is a reviewer's step; {author} is an {role}")
    if new == APPROVED:
        blockers = approval_blockers(state, variants_unresolved=variants_unresolved, more=more_blockers)
        if blockers:
            raise OperationError(f"{state.document} cannot be approved yet: " + "; ".join(blockers))
    return make(Action.STATE, state.document, author, before=current, after=new, note=note, clock=clock)


# ------------------------------------------------------------------------------------------ comments


@dataclass(frozen=True)
class Thread:
    """A comment and its replies, oldest first, and whether a decision resolved it."""

    first: Decision
    replies: tuple[Decision, ...]
    resolved_by: Decision | None

    @property
    def resolved(self) -> bool:
        """True once a ``comment-resolve`` decision closed the thread."""
        return self.resolved_by is not None


def threads(state: Alignment, target: str | None = None) -> list[Thread]:
    """The comment threads of a document (or of one link or variant), oldest first."""
    live = state.live_decisions
    comments = [d for d in live if d.action is Action.COMMENT and (target is None or d.target == target)]
    root_of: dict[str, str] = {}
    for d in comments:
        parent = d.data.replies_to
        root_of[d.id] = root_of.get(parent, parent) if parent else d.id
    closed = {d.data.thread: d for d in live if d.action is Action.COMMENT_RESOLVE}
    out = []
    for d in comments:
        if root_of[d.id] == d.id:
            replies = tuple(r for r in comments if r.id != d.id and root_of[r.id] == d.id)
            out.append(Thread(d, replies, closed.get(d.id)))
    return out


def open_comments(state: Alignment | None) -> int:
    """Comment threads nobody has resolved."""
    return 0 if state is None else sum(1 for t in threads(state) if not t.resolved)


def _comment(state: Alignment, comment_id: str) -> Decision:
    found = next((d for d in state.live_decisions if d.id == comment_id and d.action is Action.COMMENT), None)
    if found is None:
        raise OperationError(f"no comment {comment_id!r} in {state.document}; 'workbench comments' lists them")
    return found


def reply(state: Alignment, comment_id: str, text: str, author: str, *, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """A comment answering another (on the same link or variant)."""
    parent = _comment(state, comment_id)
    if not text.strip():
        raise OperationError("a reply needs some text")
    return make(Action.COMMENT, parent.target, author, note=text, data=DecisionData(replies_to=parent.id),
                clock=clock)


def resolve_comment(state: Alignment, comment_id: str, author: str, *, note: str | None = None,
                    clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Close the thread a comment belongs to (given by any of its comments)."""
    comment = _comment(state, comment_id)
    thread = next(t for t in threads(state) if comment in (t.first, *t.replies))
    if thread.resolved:
        raise OperationError(f"the thread of {thread.first.id} is already resolved")
    return make(Action.COMMENT_RESOLVE, comment.target, author, note=note,
                data=DecisionData(thread=thread.first.id), clock=clock)


# ------------------------------------------------------------------------------------------- editors


def document_editors(state: Alignment | None) -> list[str]:
    """The people whose decisions are in force in a document, in the order they first decided (for an
    export's author or responsibility statement; reverted acts and reverts themselves do not count)."""
    if state is None:
        return []
    seen: dict[str, None] = {}
    for d in state.live_decisions:
        seen.setdefault(d.author, None)
    return list(seen)
