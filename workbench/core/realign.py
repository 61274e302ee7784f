"""Re-aligning a stretch of unreviewed links with the aligner, as one ``realign`` decision.

The stretch starts at a given link and runs over the ``auto`` links that follow it, up to (not
including) the next link an editor has judged — confirmed, rejected or flagged — or the end of
the document. Judged links are never touched, and edits stay with their target segments, so a
re-alignment changes grouping only. The aligner is passed in (:data:`AlignFn`), which keeps this
module pure and lets the TUI run it in a worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.actions import Action, DecisionData
from workbench.core.building import AlignFn, reading_texts
from workbench.core.decisions import DEFAULT_CLOCK, Clock, format_patch, structural
from workbench.core.errors import OperationError
from workbench.core.models import Alignment, Decision, Link, Segment, Side, Status, next_id
from workbench.core.operations import used_ids


@dataclass(frozen=True)
class Stretch:
    """The links a re-alignment may change, with their segments in witness order."""

    links: tuple[Link, ...]
    source: tuple[Segment, ...]
    target: tuple[Segment, ...]


def stretch_from(state: Alignment, link_id: str) -> Stretch:
    """The run of ``auto`` links from ``link_id`` to the next judged link (exclusive)."""
    try:
        start = state.link_index(link_id)
    except KeyError:
        raise OperationError(f"no link {link_id!r} in {state.document}") from None
    if state.links[start].status is not Status.AUTO:
        raise OperationError(f"{link_id} is {state.links[start].status.value}; re-align starts at an "
                             "unreviewed (auto) link")
    end = start
    while end < len(state.links) and state.links[end].status is Status.AUTO:
        end += 1
    links = state.links[start:end]
    src_ids = {i for lk in links for i in lk.source}
    tgt_ids = {i for lk in links for i in lk.target}
    return Stretch(
        links,
        tuple(s for s in state.segments(Side.SOURCE) if s.id in src_ids),
        tuple(s for s in state.segments(Side.TARGET) if s.id in tgt_ids),
    )


def realign(state: Alignment, link_id: str, align_fn: AlignFn, source_witness_text: str, target_witness_text: str,
            author: str, *, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """A ``realign`` decision replacing the stretch from ``link_id`` with the aligner's links.

    Each new link keeps the id of the old link it shares the most segments with (see
    :func:`matching_ids`), so a link the aligner finds again keeps its id — and with it its notes
    and history — and a link split off earlier goes again; a new link with no old one left gets a
    fresh id. Their score is the aligner's confidence and their origin ``aligner``.
    ``OperationError`` when the source is pending, the stretch is empty, or the aligner returns the
    links already there.
    """
    if state.source_pending:
        raise OperationError("the source witness is pending; there is nothing to align the English with")
    stretch = stretch_from(state, link_id)
    if not stretch.source or not stretch.target:
        raise OperationError(f"the stretch from {link_id} has no segment on one side; nothing to re-align")
    beads, signature = align_fn(
        reading_texts(source_witness_text, stretch.source),
        reading_texts(target_witness_text, stretch.target),
        [s.paragraph for s in stretch.source],
        [t.paragraph for t in stretch.target],
    )
    sides = [(tuple(stretch.source[i].id for i in src), tuple(stretch.target[j].id for j in tgt))
             for src, tgt, _score, _confidence in beads]
    ids = matching_ids(stretch.links, sides, used_ids(state))
    new_links = [Link(new_id, source, target, Status.AUTO, round(max(0.0, min(1.0, float(bead[3]))), 3), "aligner")
                 for new_id, (source, target), bead in zip(ids, sides, beads, strict=True)]
    _check_cover(stretch, new_links)
    if tuple(new_links) == stretch.links:
        first, last = stretch.links[0].id, stretch.links[-1].id
        raise OperationError(f"the aligner gives the same links for {first}–{last}; nothing changed")
    data = DecisionData(links=len(stretch.links),
                        aligner=tuple(sorted((str(key), str(value)) for key, value in signature.items())))
    return structural(Action.REALIGN, format_patch(links=stretch.links), format_patch(links=new_links), author,
                      data=data, clock=clock)


def matching_ids(old: Sequence[Link], new: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
                 taken: set[str]) -> list[str]:
    """Ids for ``new`` links (source and target segment ids) replacing the ``old`` ones.

    Pairs of an old and a new link that share segments are taken most shared segments first (the
    earlier old link, then the earlier new one, on a tie), each old id going to one new link at
    most; a new link left without one gets a fresh id, never one in ``taken`` (which grows).
    Re-aligning a 1-0 and a 0-1 link (a split) back into one 1-1 link gives it the first id, and
    a link the aligner finds unchanged keeps its own, whatever was split or merged before it.
    """
    owner: dict[str, int] = {}
    for index, link in enumerate(old):
        for segment in (*link.source, *link.target):
            owner[segment] = index
    pairs: list[tuple[int, int, int]] = []  # (-shared segments, old index, new index)
    for k, (source, target) in enumerate(new):
        shared: dict[int, int] = {}
        for segment in (*source, *target):
            if segment in owner:
                shared[owner[segment]] = shared.get(owner[segment], 0) + 1
        pairs += [(-count, index, k) for index, count in shared.items()]
    ids: list[str | None] = [None] * len(new)
    given: set[int] = set()
    for _, index, k in sorted(pairs):
        if ids[k] is None and index not in given:
            ids[k] = old[index].id
            given.add(index)
    out: list[str] = []
    for item in ids:
        if item is None:
            item = next_id("L", taken)
            taken.add(item)
        out.append(item)
    return out


def _check_cover(stretch: Stretch, links: list[Link]) -> None:
    """The aligner must place every segment of the stretch exactly once."""
    for side, segments in ((Side.SOURCE, stretch.source), (Side.TARGET, stretch.target)):
        placed = [i for lk in links for i in (lk.source if side is Side.SOURCE else lk.target)]
        if sorted(placed) != sorted(s.id for s in segments):
            raise OperationError(f"the aligner's result does not place every {side.value} segment of the "
                                 "stretch exactly once; nothing was changed")
