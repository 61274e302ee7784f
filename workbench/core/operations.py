"""Structural editorial operations on links and segments, each producing one decision.

Every function here is pure: it reads an :class:`Alignment` and returns a :class:`Decision` built
with :func:`structural_decision` and :func:`format_patch`, which the caller records. Nothing is
applied here, so the same decision can be shown, recorded, refused as a conflict, or reverted.

Links an operation reshapes lose their aligner score and become ``auto`` links of origin
``editor``: the editor changed the grouping, the old confidence no longer describes it, and the
link still waits for confirmation. Segment operations (split/merge a segment at a sentence
boundary) are kept apart from grouping: the segments stay in the link they were in, and that
link keeps its status.

Ids that ever appeared in the log are never reused, so ``history_for`` of a new link cannot pick
up the history of a link that was merged away earlier.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from enum import StrEnum

from workbench.core.actions import Action, DecisionData
from workbench.core.decisions import DEFAULT_CLOCK, Clock, format_patch, structural
from workbench.core.errors import OperationError
from workbench.core.lines import one_line
from workbench.core.markup import runs_in, runs_of
from workbench.core.models import Alignment, Decision, Link, Segment, Side, Status, next_id, touched_ids

EDITOR_ORIGIN = "editor"


class Edge(StrEnum):
    """Which end of a link a shift takes a sentence from."""

    FIRST = "first"
    LAST = "last"


# ------------------------------------------------------------------------------------------ helpers


def _index(state: Alignment, link_id: str) -> int:
    try:
        return state.link_index(link_id)
    except KeyError:
        raise OperationError(f"no link {link_id!r} in {state.document}") from None


def used_ids(state: Alignment) -> set[str]:
    """Every id that exists now or was ever named by a decision (so none is handed out twice)."""
    ids = {lk.id for lk in state.links}
    ids.update(s.id for s in state.source_segments)
    ids.update(s.id for s in state.target_segments)
    for decision in state.decisions:
        ids |= touched_ids(decision)
    return ids


def fresh_link_id(state: Alignment) -> str:
    """A link id never used in this document."""
    return next_id("L", used_ids(state))


def _fresh_segment_id(state: Alignment, side: Side) -> str:
    prefix = "s" if side is Side.SOURCE else "t"
    return next_id(prefix, used_ids(state))


def _ordered(state: Alignment, side: Side, ids: Iterable[str]) -> tuple[str, ...]:
    """Segment ids in witness order (merging two cross-ordered links must not scramble a side)."""
    wanted = set(ids)
    return tuple(s.id for s in state.segments(side) if s.id in wanted)


def _reshaped(link: Link, source: Sequence[str], target: Sequence[str]) -> Link:
    return Link(link.id, tuple(source), tuple(target), Status.AUTO, None, EDITOR_ORIGIN)


def _decision(action: Action, before: Sequence[Link], after: Sequence[Link], author: str, clock: Clock,
              data: DecisionData | None = None) -> Decision:
    return structural(action, format_patch(links=before), format_patch(links=after), author, data=data, clock=clock)


def _side(side: Side | str) -> Side:
    try:
        return Side(side)
    except ValueError:
        raise OperationError(f"side must be 'source' or 'target', not {side!r}") from None


def _ids(link: Link, side: Side) -> tuple[str, ...]:
    return link.source if side is Side.SOURCE else link.target


def _with_ids(link: Link, side: Side, ids: tuple[str, ...]) -> Link:
    return replace(link, source=ids) if side is Side.SOURCE else replace(link, target=ids)


def _with_side(link: Link, side: Side, ids: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (tuple(ids), link.target) if side is Side.SOURCE else (link.source, tuple(ids))


# ------------------------------------------------------------------------------------------- links


def merge_next(state: Alignment, link_id: str, author: str, *, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Merge a link with the one after it; the merged link keeps the first id."""
    index = _index(state, link_id)
    if index + 1 >= len(state.links):
        raise OperationError(f"{link_id} is the last link; there is no next link to merge with")
    first, second = state.links[index], state.links[index + 1]
    merged = _reshaped(first, _ordered(state, Side.SOURCE, first.source + second.source),
                       _ordered(state, Side.TARGET, first.target + second.target))
    return _decision(Action.MERGE, [first, second], [merged], author, clock)


def merge_previous(state: Alignment, link_id: str, author: str, *, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Merge a link with the one before it; the merged link keeps the earlier id."""
    index = _index(state, link_id)
    if index == 0:
        raise OperationError(f"{link_id} is the first link; there is no previous link to merge with")
    return merge_next(state, state.links[index - 1].id, author, clock=clock)


def default_split(link: Link) -> tuple[int, int]:
    """Where :func:`split_link` cuts when not told: the first half of each side stays.

    A 1-1 link becomes 1-0 + 0-1 (unlinking), a 1-2 becomes 1-1 + 0-1, a 2-2 becomes 1-1 + 1-1.
    """
    source_at = (len(link.source) + 1) // 2
    target_at = (len(link.target) + 1) // 2
    if source_at == len(link.source) and target_at == len(link.target):  # only a 1-1 gets here
        target_at = 0
    return source_at, target_at


def split_link(state: Alignment, link_id: str, author: str, *, source_at: int | None = None,
               target_at: int | None = None, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Split a link in two: the first keeps ``source[:source_at]`` and ``target[:target_at]``.

    The first part keeps the link id, the second gets a new one. Both parts must hold a segment.
    """
    link = state.links[_index(state, link_id)]
    if len(link.source) + len(link.target) < 2:
        raise OperationError(f"{link_id} holds a single segment; split the segment instead (split-segment)")
    guess_s, guess_t = default_split(link)
    s_at = guess_s if source_at is None else source_at
    t_at = guess_t if target_at is None else target_at
    if not (0 <= s_at <= len(link.source) and 0 <= t_at <= len(link.target)):
        raise OperationError(f"{link_id}: split point {s_at}/{t_at} is outside the link ({link.kind})")
    first = _reshaped(link, link.source[:s_at], link.target[:t_at])
    second = Link(fresh_link_id(state), link.source[s_at:], link.target[t_at:], Status.AUTO, None, EDITOR_ORIGIN)
    if not (first.source or first.target) or not (second.source or second.target):
        raise OperationError(f"{link_id}: splitting at {s_at}/{t_at} would leave an empty link")
    return _decision(Action.SPLIT, [link], [first, second], author, clock)


def shift(state: Alignment, link_id: str, side: Side | str, edge: Edge | str, author: str, *,
          clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Move the first sentence of a side to the previous link, or the last one to the next link.

    A link left with no segment at all is removed in the same decision.
    """
    side = _side(side)
    try:
        edge = Edge(edge)
    except ValueError:
        raise OperationError(f"edge must be 'first' or 'last', not {edge!r}") from None
    index = _index(state, link_id)
    link = state.links[index]
    ids = _ids(link, side)
    label = "Russian" if side is Side.SOURCE else "English"
    if not ids:
        raise OperationError(f"{link_id} has no {side.value} segment to shift")
    if edge is Edge.FIRST:
        if index == 0:
            raise OperationError(f"{link_id} is the first link; there is no previous link to take its first "
                                 f"{label} sentence")
        other = state.links[index - 1]
        moved, kept = ids[0], ids[1:]
        other_new = _reshaped(other, *_with_side(other, side, _ids(other, side) + (moved,)))
        this_new = _reshaped(link, *_with_side(link, side, kept))
        before, after = [other, link], [other_new, this_new]
    else:
        if index + 1 >= len(state.links):
            raise OperationError(f"{link_id} is the last link; there is no next link to take its last "
                                 f"{label} sentence")
        other = state.links[index + 1]
        moved, kept = ids[-1], ids[:-1]
        other_new = _reshaped(other, *_with_side(other, side, (moved,) + _ids(other, side)))
        this_new = _reshaped(link, *_with_side(link, side, kept))
        before, after = [link, other], [this_new, other_new]
    after = [lk for lk in after if lk.source or lk.target]
    return _decision(Action.SHIFT, before, after, author, clock,
                     DecisionData(side=side.value, edge=edge.value, segment=moved))


def insert_empty(state: Alignment, link_id: str, author: str, *, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Insert an empty row (a 0-0 link) after a link, to shift sentences into."""
    link = state.links[_index(state, link_id)]
    empty = Link(fresh_link_id(state), (), (), Status.AUTO, None, EDITOR_ORIGIN)
    return _decision(Action.INSERT, [link], [link, empty], author, clock)


def delete_empty(state: Alignment, link_id: str, author: str, *, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Remove an empty row; links that still hold segments cannot be deleted.

    The patch names a neighbour too (unchanged), so that the revert knows where the row goes back.
    """
    index = _index(state, link_id)
    link = state.links[index]
    if link.source or link.target:
        raise OperationError(f"{link_id} still holds segments; only an empty row can be deleted")
    if len(state.links) == 1:
        raise OperationError(f"{link_id} is the only link; it stays")
    if index > 0:
        neighbour = state.links[index - 1]
        return _decision(Action.DELETE, [neighbour, link], [neighbour], author, clock)
    neighbour = state.links[index + 1]
    return _decision(Action.DELETE, [link, neighbour], [neighbour], author, clock)


def swap_previous(state: Alignment, link_id: str, author: str, *, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Cross the order: this link and the one before it exchange their English sides.

    For a translation that reversed two sentences: ``s5→t5, s6→t6`` becomes ``s5→t6, s6→t5``.
    """
    index = _index(state, link_id)
    if index == 0:
        raise OperationError(f"{link_id} is the first link; there is no previous link to swap with")
    prev, link = state.links[index - 1], state.links[index]
    if prev.target == link.target:
        raise OperationError(f"{prev.id} and {link_id} have the same English side; swapping changes nothing")
    after = [_reshaped(prev, prev.source, link.target), _reshaped(link, link.source, prev.target)]
    return _decision(Action.SWAP, [prev, link], after, author, clock)


# ---------------------------------------------------------------------------------------- segments


def _segment(state: Alignment, segment_id: str) -> tuple[Side, int, Segment]:
    for side in (Side.SOURCE, Side.TARGET):
        for index, seg in enumerate(state.segments(side)):
            if seg.id == segment_id:
                return side, index, seg
    raise OperationError(f"no segment {segment_id!r} in {state.document}")


def _owner(state: Alignment, segment_id: str) -> Link:
    link = state.owner(segment_id)
    if link is None:
        raise OperationError(f"segment {segment_id} is in no link")
    return link


def _check_span(witness_text: str, seg: Segment) -> None:
    if seg.end > len(witness_text) or one_line(witness_text[seg.start:seg.end]) != seg.text:
        raise OperationError(f"segment {seg.id} no longer matches its witness (the witness changed); "
                             "run 'workbench validate' first")


def _cut_points(witness_text: str, seg: Segment) -> set[int]:
    """Raw offsets inside a segment where a cut leaves the markup of both halves intact."""
    points: set[int] = set()
    for run in runs_in(runs_of(witness_text), seg.start, seg.end):
        points.update((run.start, run.end))
        if run.end - run.start == len(run.text):
            points.update(range(run.start, run.end))
    return points


def split_segment(state: Alignment, segment_id: str, offset: int, witness_text: str, author: str, *,
                  clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Split a segment at ``offset`` (a character position in its text) into two segments.

    The halves stay in the segment's link, which keeps its status (grouping is a separate act).
    ``witness_text`` is the text of the segment's witness. An edited English segment keeps its edit on
    the first half and the second half gets an empty edit, so the link's English is unchanged.
    """
    side, _, seg = _segment(state, segment_id)
    _check_span(witness_text, seg)
    if not 0 < offset < len(seg.text):
        raise OperationError(f"{segment_id}: split position {offset} is outside the segment (1–{len(seg.text) - 1})")
    cut = seg.start + offset
    if cut not in _cut_points(witness_text, seg):
        raise OperationError(f"{segment_id}: position {offset} falls inside a transcription mark; choose another")
    head_raw, tail_raw = witness_text[seg.start:cut], witness_text[cut:seg.end]
    head_end = seg.start + len(head_raw.rstrip())
    tail_start = cut + (len(tail_raw) - len(tail_raw.lstrip()))
    if head_end <= seg.start or tail_start >= seg.end:
        raise OperationError(f"{segment_id}: splitting at {offset} would leave an empty segment")
    new_id = _fresh_segment_id(state, side)
    first = Segment(seg.id, seg.start, head_end, one_line(witness_text[seg.start:head_end]), seg.paragraph,
                    seg.witness_note)
    second = Segment(new_id, tail_start, seg.end, one_line(witness_text[tail_start:seg.end]), seg.paragraph,
                     seg.witness_note)
    link = _owner(state, segment_id)
    ids = list(_ids(link, side))
    ids.insert(ids.index(segment_id) + 1, new_id)
    new_link = _with_ids(link, side, tuple(ids))
    before_edits: list[tuple[str, str | None]] = []
    after_edits: list[tuple[str, str | None]] = []
    if side is Side.TARGET and segment_id in state.edits:
        before_edits = [(segment_id, state.edits[segment_id])]
        after_edits = [(segment_id, state.edits[segment_id]), (new_id, "")]
    return structural(
        Action.SPLIT_SEGMENT,
        format_patch(links=[link], segments=[seg], edits=before_edits),
        format_patch(links=[new_link], segments=[first, second], edits=after_edits),
        author, clock=clock, data=DecisionData(segment=segment_id, offset=offset, new=new_id),
    )


def merge_segment(state: Alignment, segment_id: str, witness_text: str, author: str, *,
                  clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Merge a segment with the next segment of its witness (the sentence splitter cut too early).

    Both must sit in the same link (merge the links first otherwise) and in the same paragraph.
    Edited English is joined: the merged segment's edit is the two English texts in order.
    """
    side, index, seg = _segment(state, segment_id)
    segments = state.segments(side)
    if index + 1 >= len(segments):
        raise OperationError(f"{segment_id} is the last segment of its witness; nothing follows to merge with")
    nxt = segments[index + 1]
    if (seg.paragraph, seg.witness_note) != (nxt.paragraph, nxt.witness_note):
        raise OperationError(f"{segment_id} and {nxt.id} are in different paragraphs; a segment stays in one")
    link = _owner(state, segment_id)
    if nxt.id not in _ids(link, side):
        raise OperationError(f"{segment_id} and {nxt.id} are in different links; merge the links first")
    _check_span(witness_text, seg)
    _check_span(witness_text, nxt)
    merged = Segment(seg.id, seg.start, nxt.end, one_line(witness_text[seg.start:nxt.end]), seg.paragraph,
                     seg.witness_note)
    new_link = _with_ids(link, side, tuple(i for i in _ids(link, side) if i != nxt.id))
    before_edits: list[tuple[str, str | None]] = []
    after_edits: list[tuple[str, str | None]] = []
    if side is Side.TARGET and (seg.id in state.edits or nxt.id in state.edits):
        before_edits = [(seg.id, state.edits.get(seg.id)), (nxt.id, state.edits.get(nxt.id))]
        joined = " ".join(p for p in (state.edits.get(seg.id, seg.text), state.edits.get(nxt.id, nxt.text)) if p)
        after_edits = [(seg.id, joined)]
    return structural(
        Action.MERGE_SEGMENT,
        format_patch(links=[link], segments=[seg, nxt], edits=before_edits),
        format_patch(links=[new_link], segments=[merged], edits=after_edits),
        author, clock=clock, data=DecisionData(segment=segment_id, merged=nxt.id),
    )
