"""Re-anchoring an alignment on a corrected witness (``workbench reanchor``).

A corrected transcription changes a witness's text, so its segments' spans no longer fit. This
module maps the old segments onto the new text and keeps all it can:

1. The new text is segmented; old and new segments are matched by their text in order
   (``difflib.SequenceMatcher``, the standard library's longest-matching-block diff). A new segment
   whose text an old one had keeps that old id (stable ids); the others get fresh ids.
2. A link none of whose segments on that side changed is kept as it is: its status, its id and
   every decision on it.
3. The links that held a changed segment, run by run, are *changed stretches*: their other side's
   segments and the new segments in their place are aligned again with the aligner (ids kept by
   shared segments, as :func:`workbench.core.realign.matching_ids` does). Those links return to
   ``auto``; each decision that set their status, and each edit of a changed English segment, no
   longer applies and is reported (:class:`Lapsed`) — never dropped silently. The decision log itself
   is kept whole, and a ``reanchor`` record is added with the links before and after.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.actions import Action, DecisionData
from workbench.core.building import AlignFn, reading_texts
from workbench.core.decisions import DEFAULT_CLOCK, Clock, format_patch, make
from workbench.core.errors import OperationError
from workbench.core.models import Alignment, Link, Segment, Side, Status, WitnessRef, next_id
from workbench.core.realign import matching_ids


@dataclass(frozen=True)
class Lapsed:
    """A decision (or an edit) that no longer applies: ``what`` says which and why."""

    decision: str
    link: str
    what: str


@dataclass(frozen=True)
class Reanchored:
    """The new state and what re-anchoring did."""

    state: Alignment
    kept_segments: int
    new_segments: tuple[str, ...]
    removed_segments: tuple[str, ...]
    kept_links: int
    realigned: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (old link ids, new link ids) per stretch
    lapsed: tuple[Lapsed, ...]


def _matched(old: Sequence[Segment], new: Sequence[Segment], prefix: str, taken: set[str]) -> list[Segment]:
    """The new segments with ids: an old segment's id where the text is the same, else a fresh one."""
    ids: list[str | None] = [None] * len(new)
    matcher = difflib.SequenceMatcher(None, [s.text for s in old], [s.text for s in new], autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            ids[block.b + k] = old[block.a + k].id
    out = []
    for segment, given in zip(new, ids, strict=True):
        if given is None:
            given = next_id(prefix, taken)
            taken.add(given)
        out.append(Segment(given, segment.start, segment.end, segment.text, segment.paragraph,
                           segment.witness_note))
    return out


def _stretches(links: Sequence[Link], changed: set[str], side: Side) -> list[tuple[int, int]]:
    """Runs ``[start, end)`` of links that hold a changed segment on ``side``."""
    out: list[tuple[int, int]] = []
    for index, link in enumerate(links):
        if changed & set(link.source if side is Side.SOURCE else link.target):
            if out and out[-1][1] == index:
                out[-1] = (out[-1][0], index + 1)
            else:
                out.append((index, index + 1))
    return out


def reanchor(state: Alignment, side: Side, new_text: str, new_segments: Sequence[Segment], other_text: str,
             align_fn: AlignFn, author: str, sha256: str, *, clock: Clock = DEFAULT_CLOCK) -> Reanchored:
    """Re-anchor ``state`` on the corrected witness of ``side`` (see the module docstring).

    ``new_segments`` is ``segment_witness`` of ``new_text`` (ids are given here); ``other_text`` is the
    other side's witness, unchanged; ``sha256`` the new text's hash. ``OperationError`` when the
    witness's segments are all the same as before (nothing to re-anchor).
    """
    if side is Side.SOURCE and state.source is None:
        raise OperationError("the source witness is pending; there is nothing to re-anchor")
    old_segments = state.segments(side)
    prefix = "s" if side is Side.SOURCE else "t"
    segments = _matched(old_segments, new_segments, prefix, {s.id for s in old_segments})
    new_ids = {s.id for s in segments}
    removed = [s.id for s in old_segments if s.id not in new_ids]
    added = [s.id for s in segments if s.id not in {o.id for o in old_segments}]
    if not removed and not added and [(s.start, s.end) for s in segments] == [(s.start, s.end) for s in old_segments]:
        raise OperationError(f"the {side.value} witness gives the same segments as before; nothing to re-anchor")
    other = state.segments(Side.TARGET if side is Side.SOURCE else Side.SOURCE)
    links = list(state.links)
    runs = _stretches(links, set(removed), side)
    owner = {i: k for k, lk in enumerate(links) for i in (lk.source if side is Side.SOURCE else lk.target)}
    run_of_link = {k: (start, end) for start, end in runs for k in range(start, end)}
    homes: dict[tuple[int, int], list[Segment]] = {run: [] for run in runs}
    last_kept: int | None = None  # the link of the last kept segment met, in witness order
    for segment in segments:
        if segment.id not in added:
            last_kept = owner[segment.id]
            if last_kept in run_of_link:  # a kept segment of a changed link is aligned again with it
                homes[run_of_link[last_kept]].append(segment)
            continue
        if last_kept is not None and last_kept in run_of_link:
            home = run_of_link[last_kept]
        else:
            at = last_kept + 1 if last_kept is not None else 0
            home = next((run for run in runs if run[0] == at), (at, at))  # else an insertion of its own
            homes.setdefault(home, [])
        homes[home].append(segment)
    runs = sorted(homes)
    taken = {lk.id for lk in links}
    out: list[Link] = []
    realigned: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    lapsed: list[Lapsed] = []
    cursor = 0
    for start, end in runs:
        out.extend(links[cursor:start])
        old_run = links[start:end]
        mine = homes[(start, end)]
        others = [s for s in other if any(s.id in (lk.target if side is Side.SOURCE else lk.source) for lk in old_run)]
        new_links = _align(mine, others, side, new_text, other_text, align_fn, old_run, taken)
        out.extend(new_links)
        realigned.append((tuple(lk.id for lk in old_run), tuple(lk.id for lk in new_links)))
        lapsed.extend(_lapsed(state, old_run, side, set(removed)))
        cursor = end
    out.extend(links[cursor:])
    _check_cover(out, segments, other, side)
    edits = dict(state.edits)
    if side is Side.TARGET:
        for seg_id in removed:
            if seg_id in edits:
                del edits[seg_id]
                lapsed.append(Lapsed("", next((lk.id for lk in state.links if seg_id in lk.target), ""),
                                     f"the edit of English segment {seg_id}: that sentence of the witness changed"))
    kept_links = set(out) & set(state.links)
    before = [lk for lk in state.links if lk not in kept_links]
    after = [lk for lk in out if lk not in kept_links]
    recorded = state.source if side is Side.SOURCE else state.target
    assert recorded is not None
    witness = WitnessRef(recorded.siglum, recorded.language, sha256)
    record = make(Action.REANCHOR, recorded.siglum, author, before=format_patch(links=before),
                  after=format_patch(links=after), data=DecisionData(side=side.value, sha256=sha256,
                                                                     links=len(after)), clock=clock)
    changes: dict[str, object] = {"links": tuple(out), "edits": edits, "decisions": state.decisions + (record,)}
    if side is Side.SOURCE:
        changes.update(source=witness, source_segments=tuple(segments))
    else:
        changes.update(target=witness, target_segments=tuple(segments))
    new_state = state.with_changes(**changes)
    return Reanchored(new_state, len(segments) - len(added), tuple(added), tuple(removed), len(kept_links),
                      tuple(realigned), tuple(lapsed))


def _align(mine: list[Segment], others: list[Segment], side: Side, text: str, other_text: str, align_fn: AlignFn,
           old_run: Sequence[Link], taken: set[str]) -> list[Link]:
    """The links of one changed stretch: the aligner's, or one-sided links when a side is empty."""
    if side is Side.SOURCE:
        source, target, source_text, target_text = mine, others, text, other_text
    else:
        source, target, source_text, target_text = others, mine, other_text, text
    if source and target:
        beads, _signature = align_fn(reading_texts(source_text, source), reading_texts(target_text, target),
                                     [s.paragraph for s in source], [t.paragraph for t in target])
        sides = [(tuple(source[i].id for i in src), tuple(target[j].id for j in tgt)) for src, tgt, _s, _c in beads]
        scores: list[float | None] = [round(max(0.0, min(1.0, float(bead[3]))), 3) for bead in beads]
    else:
        sides = [((s.id,), ()) for s in source] + [((), (t.id,)) for t in target]
        scores = [None] * len(sides)
    ids = matching_ids(old_run, sides, taken)
    taken.update(ids)
    return [Link(new_id, src, tgt, Status.AUTO, score, "aligner" if src and tgt else "reanchor")
            for new_id, (src, tgt), score in zip(ids, sides, scores, strict=True)]


def _lapsed(state: Alignment, run: Sequence[Link], side: Side, removed: set[str]) -> list[Lapsed]:
    """The decisions that set the status of a link of a changed stretch (the latest of each link)."""
    out = []
    for link in run:
        if link.status is Status.AUTO:
            continue
        decision = next((d for d in reversed(state.decisions) if d.target == link.id and d.action.is_status), None)
        changed = ", ".join(i for i in (link.source if side is Side.SOURCE else link.target) if i in removed)
        out.append(Lapsed(decision.id if decision else "", link.id,
                          f"{link.id} was {link.status.value}"
                          + (f" ({decision.action} by {decision.author})" if decision else "")
                          + f"; its {side.value} segment(s) {changed} changed, so it is re-aligned and back to auto"))
    return out


def _check_cover(links: Sequence[Link], segments: Sequence[Segment], other: Sequence[Segment], side: Side) -> None:
    """Every segment of both sides is placed exactly once, in order."""
    mine = [i for lk in links for i in (lk.source if side is Side.SOURCE else lk.target)]
    theirs = [i for lk in links for i in (lk.target if side is Side.SOURCE else lk.source)]
    if sorted(mine) != sorted(s.id for s in segments) or sorted(theirs) != sorted(s.id for s in other):
        raise OperationError("re-anchoring could not place every segment exactly once; nothing was changed")
