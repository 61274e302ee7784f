"""Three-way merge of one document's alignment state, as two editors' clones made it.

Decisions are the file's history, so a merge is a replay: the union of both sides' decisions (by id)
that the common base lacks, applied in time order to the base. A decision that applies is in force. A
decision whose ``after`` already holds (both editors did the same) is kept in the log and changes
nothing. A decision whose ``before`` no longer holds is a *true conflict*: it is set aside into a
:class:`~workbench.core.models.Conflict` record, in full, together with later decisions of the same
side on the same links, and the editor resolves it with a ``conflict-resolve`` decision
(:func:`resolve`). Nothing is lost: every decision of both sides is in the result's log or in a
conflict record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from workbench.core.actions import Action, DecisionData
from workbench.core.decisions import DEFAULT_CLOCK, Clock, apply, edit_lines, id_key, make
from workbench.core.errors import ConflictError, OperationError
from workbench.core.models import Alignment, Conflict, Decision, touched_ids


class MergeRefused(Exception):
    """The two sides changed the file in a way decisions do not describe (a new alignment, another
    witness); the merge must be done by hand. The message says what differs."""


@dataclass(frozen=True)
class MergeResult:
    """The merged state and what the merge found."""

    state: Alignment
    new_conflicts: tuple[Conflict, ...]
    redundant: tuple[str, ...]  # decisions both sides made alike: in the log, changing nothing


def content(state: Alignment) -> tuple[object, ...]:
    """What decisions change: segments, links and edits."""
    return (state.source_segments, state.target_segments, state.links, dict(state.edits))


def _pick(base: object, ours: object, theirs: object) -> object:
    return theirs if ours == base else ours


def _already_holds(state: Alignment, decision: Decision) -> bool:
    """True when the decision's ``after`` is the state already (both editors made the same change)."""
    if decision.after is None or not (decision.effective_action.is_status or decision.effective_action is Action.EDIT
                                      or decision.effective_action.is_structural):
        return False
    try:
        probe = apply(state, replace(decision, before=decision.after))
    except (ConflictError, OperationError):
        return False
    return content(probe) == content(state)


def _set_aside_ids(state: Alignment) -> set[str]:
    return {d.id for c in state.conflicts for d in c.set_aside}


def merge(base: Alignment, ours: Alignment, theirs: Alignment) -> MergeResult:
    """Merge ``ours`` and ``theirs``, both descended from ``base`` (see the module docstring).

    When one side is itself a merge that set aside decisions the base has in force (an editor committed
    again after the other had merged and set aside their decision), replaying on the base would bring the
    set-aside decision back; the other side's new decisions are then replayed, in time order, on that
    side's version instead, which is what both clones compute, so they converge.

    Raises :class:`MergeRefused` when a side changed the file other than by decisions, and the other
    side changed it too."""
    known = set(base.decision_ids)
    revision = max(ours.revision, theirs.revision) + 1
    aside_ours, aside_theirs = known & _set_aside_ids(ours), known & _set_aside_ids(theirs)
    if aside_ours or aside_theirs:
        onto, other = (ours, theirs) if aside_ours else (theirs, ours)
        skip = set(onto.decision_ids) | _set_aside_ids(onto)
        new = [d for d in other.decisions if d.id not in skip]
        state, redundant, groups = _replay(onto, new, lambda _: "other")
        conflicts = _conflicts(state, groups, {"other": set(onto.decision_ids)})
        merged = state.with_changes(revision=revision)
        return MergeResult(_with_conflicts(merged, base, ours, theirs, conflicts), tuple(conflicts), tuple(redundant))
    ours_new = [d for d in ours.decisions if d.id not in known]
    theirs_new = [d for d in theirs.decisions if d.id not in known]
    for version, new, name in ((ours, ours_new, "ours"), (theirs, theirs_new, "theirs")):
        replayed = _replay_plain(base, new)
        if replayed is None or content(replayed) != content(version):
            other_version = theirs if name == "ours" else ours
            other_new = theirs_new if name == "ours" else ours_new
            if not other_new and content(other_version) == content(base):
                taken = version.with_changes(revision=revision)
                return MergeResult(_with_conflicts(taken, base, ours, theirs, ()), (), ())
            raise MergeRefused(f"{name} changed the alignment other than by decisions (a new alignment, another "
                               "witness) and the other side changed it too; merge this file by hand")
    ours_ids = {d.id for d in ours_new}
    theirs_ids = {d.id for d in theirs_new}
    union: dict[str, Decision] = {}
    for decision in ours_new + theirs_new:
        union.setdefault(decision.id, decision)
    state, redundant, groups = _replay(base, list(union.values()),
                                       lambda d: "ours" if d.id in ours_ids else "theirs")
    conflicts = _conflicts(state, groups, {"ours": theirs_ids, "theirs": ours_ids})
    merged = state.with_changes(
        revision=revision,
        source=_pick(base.source, ours.source, theirs.source),
        target=_pick(base.target, ours.target, theirs.target),
        signature=_pick(base.signature, ours.signature, theirs.signature),
    )
    return MergeResult(_with_conflicts(merged, base, ours, theirs, conflicts), tuple(conflicts), tuple(redundant))


_Group = tuple[str, list[Decision], set[str], str]  # side, the decisions set aside, their links, why


def _replay(start: Alignment, decisions: list[Decision], side_of: Callable[[Decision], str],
            ) -> tuple[Alignment, list[str], list[_Group]]:
    """Apply ``decisions`` in time order (then id) to ``start``; returns the state, the redundant
    decisions and the groups set aside."""
    state = start
    redundant: list[str] = []
    groups: list[_Group] = []
    for decision in sorted(decisions, key=lambda d: (d.time, d.id)):
        side = side_of(decision)
        touched = touched_ids(decision)
        group = next((g for g in groups if g[0] == side and g[2] & touched), None)
        if group is not None:  # a later act of the same side on links already in conflict waits with them
            group[1].append(decision)
            group[2].update(touched)
            continue
        try:
            state = apply(state, decision)
        except ConflictError as err:
            if _already_holds(state, decision):
                state = state.with_changes(decisions=state.decisions + (decision,))
                redundant.append(decision.id)
            else:
                groups.append((side, [decision], set(touched) | set(err.links), err.message))
    return state, redundant, groups


def _conflicts(state: Alignment, groups: list[_Group], in_force: dict[str, set[str]]) -> list[Conflict]:
    """Conflict records of the groups set aside; ``in_force`` gives, per side, the ids of the other side's
    decisions that may hold the place."""
    out = []
    for side, decisions, links, message in groups:
        kept = tuple(d.id for d in state.decisions if d.id in in_force[side] and touched_ids(d) & links)
        out.append(Conflict(id="C-" + decisions[0].id.removeprefix("D-"), links=tuple(sorted(links, key=id_key)),
                            kept=kept, set_aside=tuple(decisions), message=message))
    return out


def _replay_plain(base: Alignment, decisions: Iterable[Decision]) -> Alignment | None:
    try:
        state = base
        for decision in decisions:
            state = apply(state, decision)
        return state
    except (ConflictError, OperationError):
        return None


def _with_conflicts(state: Alignment, base: Alignment, ours: Alignment, theirs: Alignment,
                    new: Iterable[Conflict]) -> Alignment:
    """Conflict records of every side (by id, first seen kept) and the new ones."""
    out: dict[str, Conflict] = {}
    for item in (*base.conflicts, *ours.conflicts, *theirs.conflicts, *new):
        out.setdefault(item.id, item)
    return state.with_changes(conflicts=tuple(out.values()))


# ----------------------------------------------------------------------------------------- resolving


def resolve(state: Alignment, conflict_id: str, choice: str, author: str, *, note: str | None = None,
            clock: Clock = DEFAULT_CLOCK) -> list[Decision]:
    """The decisions that resolve a conflict: with ``kept`` one ``conflict-resolve`` (the decisions in
    force stay); with ``set-aside`` the set-aside changes made anew on the current state (a status or an
    English edit; structural acts must be redone by hand), then the ``conflict-resolve``. Refused
    (``OperationError``) for an unknown or already resolved conflict."""
    try:
        conflict = state.conflict(conflict_id)
    except KeyError:
        raise OperationError(f"no conflict {conflict_id!r} in {state.document}; 'workbench conflicts' lists them"
                             ) from None
    if conflict.id in state.resolved_conflict_ids:
        raise OperationError(f"conflict {conflict_id} is already resolved")
    if choice not in ("kept", "set-aside"):
        raise OperationError(f"resolve a conflict with 'kept' or 'set-aside', not {choice!r}")
    out: list[Decision] = []
    if choice == "set-aside":
        probe = state
        for old in conflict.set_aside:
            action = old.effective_action
            if action.is_status:
                try:
                    link = probe.link(old.target)
                except KeyError:
                    raise OperationError(f"link {old.target} no longer exists; keep the decisions in force") from None
                if link.status.value == old.after:
                    continue
                new = make(action, old.target, author, before=link.status.value, after=old.after, reason=old.reason,
                           note=old.note, clock=clock)
            elif action is Action.EDIT:
                ids = [line.split(" ", 1)[0].rstrip("|") for line in (old.after or "").split("\n") if line.strip()]
                before = edit_lines(probe, ids)
                if before == old.after:
                    continue
                new = make(Action.EDIT, old.target, author, before=before, after=old.after, reason=old.reason,
                           clock=clock)
            elif action.is_record:
                new = replace(old, id=clock.new_id(), time=clock.now(), author=author)
            else:
                raise OperationError(f"the set-aside {action} of {old.target} reshapes links: revert the decisions "
                                     "in force and redo it, then resolve the conflict with 'kept'")
            probe = apply(probe, new)
            out.append(new)
    out.append(make(Action.CONFLICT_RESOLVE, conflict.id, author, note=note, data=DecisionData(choice=choice),
                    clock=clock))
    return out
