"""Decisions → state: building a decision, applying it, and the patch blocks structural acts carry.

Every editorial act is a :class:`Decision` whose ``before``/``after`` describe the change exactly,
so that it can be re-applied to a state that moved on (a merge after a concurrent save), checked
for conflicts (``before`` no longer matches), and reverted (a new decision with the two swapped).
How each kind of action is applied is described in :mod:`workbench.core.actions`.

The constructors editors' acts go through live in :mod:`workbench.core.decide` (links, the English,
comments, variants, revert/redo) and :mod:`workbench.core.operations` (structural acts); all of them
end in :func:`make`, which checks that the action has the details it needs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from workbench.core.actions import STATUS_AFTER, Action, DecisionData
from workbench.core.errors import ConflictError, OperationError
from workbench.core.lines import format_edit, format_link, format_segment, parse_edit, parse_link, parse_segment
from workbench.core.models import Alignment, Decision, Link, Segment, Status, touched_ids

T = TypeVar("T", Link, Segment)


def new_decision_id() -> str:
    """A short id that two editors working at once will not both pick."""
    return "D-" + uuid.uuid4().hex[:10]


def now_utc() -> str:
    """The current time as ISO 8601 UTC with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Clock:
    """Where new decisions get their id and time; tests inject fixed ones."""

    new_id: Callable[[], str] = new_decision_id
    now: Callable[[], str] = now_utc


DEFAULT_CLOCK = Clock()


def make(action: Action, target: str, author: str, *, before: str | None = None, after: str | None = None,
         reason: str | None = None, note: str | None = None, data: DecisionData | None = None,
         clock: Clock = DEFAULT_CLOCK) -> Decision:
    """A new decision, refused (``OperationError``) when ``action`` lacks a detail it needs."""
    details = data or DecisionData()
    missing = details.missing_for(action)
    if missing:
        raise OperationError(f"a {action} decision needs {', '.join(missing)}")
    return Decision(id=clock.new_id(), time=clock.now(), author=author, action=action, target=target,
                    before=before, after=after, reason=reason, note=note, data=details)


def structural(action: Action, before: str, after: str, author: str, *, reason: str | None = None,
               note: str | None = None, data: DecisionData | None = None, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """A structural decision from its before/after patch blocks; its target lists the links named."""
    if not action.is_structural:
        raise OperationError(f"{action!r} is not a structural action")
    if before == after:
        raise OperationError(f"this {action} changes nothing; nothing to record")
    ids = sorted({line.split(" ", 2)[1] for line in (before + "\n" + after).split("\n")
                  if line.startswith("link ")}, key=id_key)
    return make(action, " ".join(ids), author, before=before, after=after, reason=reason, note=note, data=data,
                clock=clock)


def edit_lines(state: Alignment, segment_ids: Iterable[str]) -> str:
    """Edit lines describing the current edits of some target segments (bare id = not edited)."""
    return "\n".join(format_edit(sid, state.edits[sid]) if sid in state.edits else sid for sid in segment_ids)


def id_key(item: str) -> tuple[str, int, str]:
    """Sort key putting ``L2`` before ``L10``."""
    head = item.rstrip("0123456789")
    tail = item[len(head):]
    return (head, int(tail) if tail else -1, item)


# ------------------------------------------------------------------------------------------- apply


def apply(state: Alignment, decision: Decision) -> Alignment:
    """Apply one decision to a state; ``ConflictError`` when its ``before`` no longer holds."""
    action = decision.effective_action
    if action.is_status:
        return _apply_status(state, decision)
    if action is Action.EDIT:
        return _apply_edit(state, decision)
    if action.is_structural:
        return _apply_patch(state, decision)
    if action.is_record or action is Action.REVERT:
        return state.with_changes(decisions=state.decisions + (decision,))
    raise OperationError(f"unknown action {decision.action!r} in decision {decision.id}")  # pragma: no cover


def apply_all(state: Alignment, decisions: Iterable[Decision]) -> Alignment:
    """Apply decisions in order."""
    for decision in decisions:
        state = apply(state, decision)
    return state


def _conflict(decision: Decision, ids: Iterable[str], why: str) -> ConflictError:
    names = tuple(sorted(set(ids), key=id_key))
    return ConflictError(
        f"decision {decision.id} ({decision.action} {decision.target}) conflicts with changes made "
        f"elsewhere to {', '.join(names)}: {why}",
        links=names,
    )


def _apply_status(state: Alignment, decision: Decision) -> Alignment:
    link_id = decision.target
    try:
        index = state.link_index(link_id)
    except KeyError:
        raise _conflict(decision, [link_id], "the link no longer exists") from None
    link = state.links[index]
    if decision.before is not None and link.status.value != decision.before:
        raise _conflict(decision, [link_id], f"its status is now {link.status.value}, not {decision.before}")
    try:
        new_status = Status(decision.after or "")
    except ValueError:
        raise OperationError(f"decision {decision.id}: unknown status {decision.after!r}") from None
    new_link = Link(link.id, link.source, link.target, new_status, link.confidence, link.origin)
    return state.with_link_replaced(index, new_link, decision)


def _parse_edit_block(block: str | None) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for line in (block or "").split("\n"):
        if not line.strip():
            continue
        if " " not in line and not line.endswith("|"):
            out.append((line, None))
        else:
            out.append(parse_edit(line))
    return out


def _apply_edit(state: Alignment, decision: Decision) -> Alignment:
    before = _parse_edit_block(decision.before)
    after = _parse_edit_block(decision.after)
    edits = dict(state.edits)
    for sid, text in before:
        if edits.get(sid) != text:
            owner = state.owner(sid)
            raise _conflict(decision, [owner.id if owner else sid], f"the English of {sid} was changed meanwhile")
    for sid, text in after:
        if text is None:
            edits.pop(sid, None)
        else:
            edits[sid] = text
    return state.with_changes(edits=edits, decisions=state.decisions + (decision,))


@dataclass(frozen=True)
class Patch:
    """A parsed structural before/after block."""

    links: tuple[Link, ...]
    segments: tuple[Segment, ...]
    edits: tuple[tuple[str, str | None], ...]


def format_patch(links: Iterable[Link] = (), segments: Iterable[Segment] = (),
                 edits: Iterable[tuple[str, str | None]] = ()) -> str:
    """The text block of a structural decision's ``before`` or ``after``."""
    lines = [f"segment {format_segment(s)}" for s in segments]
    lines += [f"link {format_link(lk)}" for lk in links]
    lines += [f"edit {format_edit(sid, text)}" if text is not None else f"edit {sid}" for sid, text in edits]
    return "\n".join(lines)


def parse_patch(block: str | None) -> Patch:
    """Parse a structural block back into links, segments and edits."""
    links: list[Link] = []
    segments: list[Segment] = []
    edits: list[tuple[str, str | None]] = []
    for line in (block or "").split("\n"):
        kind, _, rest = line.partition(" ")
        if kind == "link":
            links.append(parse_link(rest))
        elif kind == "segment":
            segments.append(parse_segment(rest))
        elif kind == "edit":
            edits.extend(_parse_edit_block(rest))
        elif line.strip():
            raise OperationError(f"bad patch line {line[:60]!r}")
    return Patch(tuple(links), tuple(segments), tuple(edits))


def _replace_run(items: tuple[T, ...], old: Sequence[T], new: Sequence[T], decision: Decision, what: str,
                 positions: Callable[[str], int | None]) -> tuple[T, ...]:
    """Replace the contiguous run ``old`` (matched by equality) with ``new``."""
    if not old:
        if new:
            raise OperationError(f"decision {decision.id}: {what} inserted without a neighbour to anchor them")
        return items
    index = positions(old[0].id)
    if index is None or tuple(items[index:index + len(old)]) != tuple(old):
        raise _conflict(decision, [o.id for o in old], f"these {what} changed meanwhile")
    return items[:index] + tuple(new) + items[index + len(old):]


def _apply_patch(state: Alignment, decision: Decision) -> Alignment:
    before = parse_patch(decision.before)
    after = parse_patch(decision.after)
    links = _replace_run(state.links, before.links, after.links, decision, "links",
                         lambda i: state.link_index(i) if state.has_link(i) else None)

    def segment_position(side: tuple[Segment, ...]) -> Callable[[str], int | None]:
        return lambda sid: next((k for k, s in enumerate(side) if s.id == sid), None)

    src_old = tuple(s for s in before.segments if not s.id.startswith("t"))
    tgt_old = tuple(s for s in before.segments if s.id.startswith("t"))
    src_new = tuple(s for s in after.segments if not s.id.startswith("t"))
    tgt_new = tuple(s for s in after.segments if s.id.startswith("t"))
    source_segments = _replace_run(state.source_segments, src_old, src_new, decision, "segments",
                                   segment_position(state.source_segments))
    target_segments = _replace_run(state.target_segments, tgt_old, tgt_new, decision, "segments",
                                   segment_position(state.target_segments))
    edits = dict(state.edits)
    for sid, text in before.edits:
        if edits.get(sid) != text:
            raise _conflict(decision, [sid], f"the English of {sid} was changed meanwhile")
    for sid, _ in before.edits:
        edits.pop(sid, None)
    for sid, text in after.edits:
        if text is not None:
            edits[sid] = text
    return state.with_changes(
        links=links,
        source_segments=source_segments,
        target_segments=target_segments,
        edits=edits,
        decisions=state.decisions + (decision,),
    )


def changes_nothing(state: Alignment, decision: Decision) -> bool:
    """True for a decision that would leave the state as it is (a flagged link flagged again, an edit
    to the text it already has): constructors refuse such acts, and ``validate`` reports them."""
    action = decision.effective_action
    if action.is_status or action is Action.EDIT:
        return decision.before is not None and decision.before == decision.after
    if action.is_structural:
        return (decision.before or "") == (decision.after or "")
    return False


def status_word(action: Action) -> str:
    """The status a status action sets (``confirm`` → ``confirmed``)."""
    return STATUS_AFTER[action]


def live_changes(decisions: Iterable[Decision], live: set[str] | None = None) -> set[str]:
    """The ids of ``decisions`` (in order) that still change something when taken together.

    A decision and a later revert of it in the same run cancel out: an act undone before it was
    saved leaves nothing to save. A revert of a decision outside the run (one saved earlier) is a
    change of its own, and so is a redo (a fresh copy of the act). This is what an editor reads as
    "unsaved": undo takes work back, it does not add to it. Pass the set an earlier call returned
    as ``live`` to go on from there with decisions recorded since (it is updated in place).
    """
    live = set() if live is None else live
    for decision in decisions:
        undone = decision.data.reverts if decision.action is Action.REVERT else None
        if undone is not None and undone in live:
            live.discard(undone)
        else:
            live.add(decision.id)
    return live


def net_changes(decisions: Iterable[Decision]) -> int:
    """How many of ``decisions`` still change something when taken together (:func:`live_changes`)."""
    return len(live_changes(decisions))


__all__ = ["DEFAULT_CLOCK", "Clock", "Patch", "apply", "apply_all", "changes_nothing", "edit_lines", "format_patch",
           "id_key", "live_changes", "make", "net_changes", "new_decision_id", "now_utc", "parse_patch", "status_word",
           "structural", "touched_ids"]
