"""Re-aligning a stretch of unreviewed links with the aligner, as one ``realign`` decision.

The stretch starts at a given link and runs over the ``auto`` links that follow it, up to (not
including) the next link an editor has judged — confirmed, rejected or flagged — or the end of
the document. Judged links are never touched, and edits stay with their target segments, so a
re-alignment changes grouping only. The aligner is passed in (:data:`AlignFn`), which keeps this
module pure and lets the TUI run it in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.building import AlignFn, reading_texts
from workbench.core.actions import Action, DecisionData
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


def realign(state: Alignment, link_id: str, align_fn: AlignFn, source_witness: str, target_witness: str,
            author: str, *, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """A ``realign`` decision replacing the stretch from ``link_id`` with the aligner's links.

    The new links reuse the stretch's ids in order (fresh ids for any extra); their score is the
    aligner's confidence and their origin ``aligner``. ``OperationError`` when the source is
    pending, the stretch is empty, or the aligner returns the links already there.
    """
    if state.source_pending:
        raise OperationError("the source witness is pending; there is nothing to align the English with")
    stretch = stretch_from(state, link_id)
    if not stretch.source or not stretch.target:
        raise OperationError(f"the stretch from {link_id} has no segment on one side; nothing to re-align")
    beads, signature = align_fn(
        reading_texts(source_witness, stretch.source),
        reading_texts(target_witness, stretch.target),
        [s.paragraph for s in stretch.source],
        [t.paragraph for t in stretch.target],
    )
    ids = [lk.id for lk in stretch.links]
    taken = used_ids(state)
    new_links: list[Link] = []
    for k, (src, tgt, _score, confidence) in enumerate(beads):
        if k < len(ids):
            new_id = ids[k]
        else:
            new_id = next_id("L", taken)
            taken.add(new_id)
        new_links.append(Link(
            new_id,
            tuple(stretch.source[i].id for i in src),
            tuple(stretch.target[j].id for j in tgt),
            Status.AUTO,
            round(max(0.0, min(1.0, float(confidence))), 3),
            "aligner",
        ))
    _check_cover(stretch, new_links)
    if tuple(new_links) == stretch.links:
        raise OperationError(f"the aligner gives the same links for {ids[0]}–{ids[-1]}; nothing changed")
    data = DecisionData(links=len(stretch.links),
                        aligner=tuple(sorted((str(key), str(value)) for key, value in signature.items())))
    return structural(Action.REALIGN, format_patch(links=stretch.links), format_patch(links=new_links), author,
                      data=data, clock=clock)


def _check_cover(stretch: Stretch, links: list[Link]) -> None:
    """The aligner must place every segment of the stretch exactly once."""
    for side, segments in ((Side.SOURCE, stretch.source), (Side.TARGET, stretch.target)):
        placed = [i for lk in links for i in (lk.source if side is Side.SOURCE else lk.target)]
        if sorted(placed) != sorted(s.id for s in segments):
            raise OperationError(f"the aligner's result does not place every {side.value} segment of the "
                                 "stretch exactly once; nothing was changed")
