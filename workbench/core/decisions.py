"""Decisions → state: making decisions, applying them, reverting them, detecting conflicts.

Every editorial act is a :class:`Decision` whose ``before``/``after`` describe the change exactly,
so that it can be re-applied to a state that moved on (a merge after a concurrent save), checked
for conflicts (``before`` no longer matches), and reverted (a new decision with the two swapped).

Three shapes of change:

* **status** (confirm, reject, flag, unconfirm): ``before``/``after`` are status words.
* **edit**: ``before``/``after`` are edit lines, one per target segment (``t5 | text``; a bare ``t5``
  means "not edited").
* **structural** (merge, split, shift, insert, swap, segment split/merge, realign): ``before`` and
  ``after`` are blocks of ``link …``, ``segment …`` and ``edit …`` lines; the ``before`` links (and
  segments) must be a contiguous run of the current state, and are replaced by the ``after`` run.

Notes and variant decisions change no links; they are history that views and exports read.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Iterable, Mapping

from workbench.core.errors import ConflictError, MarkupError, OperationError
from workbench.core.markup import parse_inline
from workbench.core.lines import format_edit, format_link, format_segment, parse_edit, parse_link, parse_segment
from workbench.core.models import Alignment, Decision, Link, Segment, Status

STATUS_ACTIONS: dict[str, Status] = {
    "confirm": Status.CONFIRMED,
    "reject": Status.REJECTED,
    "flag": Status.FLAGGED,
    "unconfirm": Status.AUTO,
}
EDIT_ACTIONS = frozenset({"edit"})
STRUCTURAL_ACTIONS = frozenset(
    {"merge", "split", "shift", "insert", "delete", "swap", "split-segment", "merge-segment", "realign"}
)
#: Actions that record history without changing links, segments or edits.
RECORD_ACTIONS = frozenset({"note", "variant", "variant-mark", "variant-policy", "variant-adopt", "variant-note",
                            "variant-resolve", "add-witness"})
REVERT = "revert"
ACTIONS = frozenset(STATUS_ACTIONS) | EDIT_ACTIONS | STRUCTURAL_ACTIONS | RECORD_ACTIONS | {REVERT}


def new_decision_id() -> str:
    """A short id that two editors working at once will not both pick."""
    return "D-" + uuid.uuid4().hex[:10]


def now_utc() -> str:
    """The current time as ISO 8601 UTC with milliseconds."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Clock:
    """Where new decisions get their id and time; tests inject fixed ones."""

    new_id: Callable[[], str] = new_decision_id
    now: Callable[[], str] = now_utc


DEFAULT_CLOCK = Clock()


def _make(
    state: Alignment,
    action: str,
    target: str,
    author: str,
    before: str | None,
    after: str | None,
    reason: str | None,
    note: str | None,
    data: Mapping[str, str] | None,
    clock: Clock,
) -> Decision:
    return Decision(
        id=clock.new_id(),
        time=clock.now(),
        author=author,
        action=action,
        target=target,
        before=before,
        after=after,
        reason=reason,
        note=note,
        data=dict(data or {}),
    )


def _require_link(state: Alignment, link_id: str) -> Link:
    try:
        return state.link(link_id)
    except KeyError:
        raise OperationError(f"no link {link_id!r} in {state.document}") from None


def status_decision(
    state: Alignment,
    link_id: str,
    action: str,
    author: str,
    *,
    reason: str | None = None,
    note: str | None = None,
    clock: Clock = DEFAULT_CLOCK,
) -> Decision:
    """A confirm / reject / flag / unconfirm decision for one link."""
    if action not in STATUS_ACTIONS:
        raise OperationError(f"unknown status action {action!r}")
    link = _require_link(state, link_id)
    return _make(state, action, link_id, author, link.status.value, STATUS_ACTIONS[action].value,
                 reason, note, None, clock)


def current_english(state: Alignment, link: Link) -> list[str]:
    """The English of each target segment of a link: the edit if there is one, else the witness text."""
    segs = state.segment_map()
    return [state.edits.get(t, segs[t].text) if t in segs else state.edits.get(t, "") for t in link.target]


def edit_lines(state: Alignment, segment_ids: Iterable[str]) -> str:
    """Edit lines describing the current edits of some target segments (bare id = not edited)."""
    out = []
    for sid in segment_ids:
        out.append(format_edit(sid, state.edits[sid]) if sid in state.edits else sid)
    return "\n".join(out)


def edit_decision(
    state: Alignment,
    link_id: str,
    texts: list[str],
    author: str,
    *,
    reason: str | None = None,
    note: str | None = None,
    clock: Clock = DEFAULT_CLOCK,
) -> Decision:
    """An edit of the English of a link: ``texts`` gives the new text of each target segment."""
    link = _require_link(state, link_id)
    if not link.target:
        raise OperationError(f"link {link_id} has no English segment to edit")
    if len(texts) != len(link.target):
        raise OperationError(f"link {link_id} has {len(link.target)} English segments, got {len(texts)} texts")
    for text in texts:
        try:
            parse_inline(text)
        except MarkupError as err:
            raise OperationError(f"the English for {link_id} is not valid transcription markup: {err.message} "
                                 f"(column {err.location.column}); escape a literal ~ * [ ] with a backslash") from None
    before = edit_lines(state, link.target)
    after = "\n".join(format_edit(sid, " ".join(text.split())) for sid, text in zip(link.target, texts))
    return _make(state, "edit", link_id, author, before, after, reason, note, None, clock)


def record_decision(
    state: Alignment,
    action: str,
    target: str,
    author: str,
    *,
    before: str | None = None,
    after: str | None = None,
    reason: str | None = None,
    note: str | None = None,
    data: Mapping[str, str] | None = None,
    clock: Clock = DEFAULT_CLOCK,
) -> Decision:
    """A decision that changes no links (notes, variant decisions)."""
    if action not in RECORD_ACTIONS:
        raise OperationError(f"{action!r} is not a record-only action")
    if action == "note":
        _require_link(state, target)
    return _make(state, action, target, author, before, after, reason, note, data, clock)


def structural_decision(
    state: Alignment,
    action: str,
    before: str,
    after: str,
    author: str,
    *,
    reason: str | None = None,
    note: str | None = None,
    data: Mapping[str, str] | None = None,
    clock: Clock = DEFAULT_CLOCK,
) -> Decision:
    """A structural decision from before/after patch blocks (see module docstring)."""
    if action not in STRUCTURAL_ACTIONS:
        raise OperationError(f"{action!r} is not a structural action")
    ids = sorted({line.split()[1] for line in (before + "\n" + after).splitlines()
                  if line.startswith("link ")}, key=_id_key)
    return _make(state, action, " ".join(ids), author, before, after, reason, note, data, clock)


def revert_decision(state: Alignment, decision_id: str, author: str, *, reason: str | None = None,
                    note: str | None = None, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """A new decision that undoes an earlier one (history stays append-only)."""
    original = next((d for d in state.decisions if d.id == decision_id), None)
    if original is None:
        raise OperationError(f"no decision {decision_id!r} in {state.document}")
    return _make(state, REVERT, original.target, author, original.after, original.before, reason, note,
                 {"reverts": original.id, "of": original.action}, clock)


def _id_key(item: str) -> tuple[str, int, str]:
    head = item.rstrip("0123456789")
    tail = item[len(head):]
    return (head, int(tail) if tail else -1, item)


# ------------------------------------------------------------------------------------------- apply


def effective_action(decision: Decision) -> str:
    """The action whose semantics a decision follows (a revert follows the action it reverts)."""
    if decision.action == REVERT:
        return decision.data.get("of", REVERT)
    return decision.action


def touched_ids(decision: Decision) -> set[str]:
    """Link and segment ids a decision depends on; two decisions conflict when these overlap."""
    ids = set(decision.targets())
    if effective_action(decision) in STRUCTURAL_ACTIONS:
        for block in (decision.before or "", decision.after or ""):
            for line in block.splitlines():
                parts = line.split()
                if len(parts) >= 2 and parts[0] in ("link", "segment", "edit"):
                    ids.add(parts[1])
    return ids


def apply(state: Alignment, decision: Decision) -> Alignment:
    """Apply one decision to a state; ``ConflictError`` when its ``before`` no longer holds."""
    action = effective_action(decision)
    if action in STATUS_ACTIONS or action == "status":
        return _apply_status(state, decision)
    if action in EDIT_ACTIONS:
        return _apply_edit(state, decision)
    if action in STRUCTURAL_ACTIONS:
        return _apply_patch(state, decision)
    if action in RECORD_ACTIONS:
        return state.with_changes(decisions=state.decisions + (decision,))
    raise OperationError(f"unknown action {decision.action!r} in decision {decision.id}")


def _conflict(decision: Decision, ids: Iterable[str], why: str) -> ConflictError:
    names = tuple(sorted(set(ids), key=_id_key))
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
        new_status = Status(decision.after)
    except ValueError:
        raise OperationError(f"decision {decision.id}: unknown status {decision.after!r}") from None
    links = list(state.links)
    links[index] = Link(link.id, link.source, link.target, new_status, link.score, link.origin)
    return state.with_changes(links=tuple(links), decisions=state.decisions + (decision,))


def _parse_edit_block(block: str | None) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for line in (block or "").splitlines():
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
            owners = [lk.id for lk in state.links if sid in lk.target] or [sid]
            raise _conflict(decision, owners, f"the English of {sid} was changed meanwhile")
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
    for line in (block or "").splitlines():
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


def _replace_run(items: tuple, old: tuple, new: tuple, decision: Decision, what: str) -> tuple:
    """Replace the contiguous run ``old`` (matched by equality) with ``new``."""
    if not old:
        if new:
            raise OperationError(f"decision {decision.id}: {what} inserted without a neighbour to anchor them")
        return items
    first = old[0].id
    index = next((i for i, item in enumerate(items) if item.id == first), None)
    if index is None or tuple(items[index:index + len(old)]) != old:
        raise _conflict(decision, [o.id for o in old], f"these {what} changed meanwhile")
    return items[:index] + new + items[index + len(old):]


def _apply_patch(state: Alignment, decision: Decision) -> Alignment:
    before = parse_patch(decision.before)
    after = parse_patch(decision.after)
    links = _replace_run(state.links, before.links, after.links, decision, "links")
    src_old = tuple(s for s in before.segments if not s.id.startswith("t"))
    tgt_old = tuple(s for s in before.segments if s.id.startswith("t"))
    src_new = tuple(s for s in after.segments if not s.id.startswith("t"))
    tgt_new = tuple(s for s in after.segments if s.id.startswith("t"))
    source_segments = _replace_run(state.source_segments, src_old, src_new, decision, "segments")
    target_segments = _replace_run(state.target_segments, tgt_old, tgt_new, decision, "segments")
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


def apply_all(state: Alignment, decisions: Iterable[Decision]) -> Alignment:
    """Apply decisions in order."""
    for decision in decisions:
        state = apply(state, decision)
    return state


def merge_concurrent(base_ids: set[str], disk: Alignment, ours: Iterable[Decision]) -> Alignment:
    """Re-apply our new decisions on top of a state that moved on since we loaded it.

    ``base_ids`` are the decision ids we had when we loaded. Decisions recorded elsewhere in the
    meantime conflict with ours when they touch the same links or segments; then nothing is merged
    and ``ConflictError`` names the links. Decisions already on disk (same id) are skipped.
    """
    ours = [d for d in ours if d.id not in disk.decision_ids()]
    theirs = [d for d in disk.decisions if d.id not in base_ids]
    theirs_touched: set[str] = set()
    for d in theirs:
        theirs_touched |= touched_ids(d)
    clashes: set[str] = set()
    for d in ours:
        clashes |= touched_ids(d) & theirs_touched
    if clashes:
        names = tuple(sorted(clashes, key=_id_key))
        raise ConflictError(
            f"the file was changed elsewhere and both sides changed {', '.join(names)}; "
            "nothing was written — reload to see the other changes, then redo yours",
            links=names,
        )
    return apply_all(disk, ours)


def notes_for(state: Alignment, target: str) -> list[Decision]:
    """Note decisions about a link or variant, oldest first, leaving out reverted ones."""
    reverted = {d.data.get("reverts") for d in state.decisions if d.action == REVERT}
    return [d for d in state.decisions if d.action == "note" and d.target == target and d.id not in reverted]


def history_for(state: Alignment, link_id: str) -> list[Decision]:
    """Every decision that touched a link, oldest first."""
    return [d for d in state.decisions if link_id in touched_ids(d)]


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
        undone = decision.data.get("reverts") if decision.action == REVERT else None
        if undone is not None and undone in live:
            live.discard(undone)
        else:
            live.add(decision.id)
    return live


def net_changes(decisions: Iterable[Decision]) -> int:
    """How many of ``decisions`` still change something when taken together (:func:`live_changes`)."""
    return len(live_changes(decisions))
