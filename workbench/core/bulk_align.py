"""Re-aligning a whole document without touching what editors did.

A link is *fixed* when an editor judged it (confirmed, rejected, flagged) or any decision names it
(a note, an edit, a structural act). Fixed links stay exactly as they are; every maximal run of
other links between them is re-aligned with the aligner. A new bead identical to an old link keeps
the old link (id, status, score) so that re-running the aligner on an unchanged document changes nothing;
other beads get ids never used in the document. The aligner's output is not an editorial act, so
no decision is recorded (the TUI's "re-align from here" records one: see ``realign.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.building import AlignFn, reading_texts
from workbench.core.decisions import touched_ids
from workbench.core.models import Alignment, Link, Segment, Side, Status, next_id
from workbench.core.operations import used_ids


@dataclass(frozen=True)
class BulkResult:
    """A re-aligned state and what changed."""

    state: Alignment
    stretches: int
    kept: int
    changed: int
    fixed: int


def fixed_link_ids(state: Alignment) -> set[str]:
    """Links an editor judged or any decision names."""
    named: set[str] = set()
    for decision in state.decisions:
        named |= touched_ids(decision)
    return {lk.id for lk in state.links if lk.status is not Status.AUTO or lk.id in named}


def _runs(state: Alignment, fixed: set[str]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    for index, link in enumerate(state.links):
        if link.id in fixed:
            if start is not None:
                runs.append((start, index))
                start = None
        elif start is None:
            start = index
    if start is not None:
        runs.append((start, len(state.links)))
    return runs


def _in_order(segments: tuple[Segment, ...], ids: set[str]) -> list[Segment]:
    return [s for s in segments if s.id in ids]


def realign_document(state: Alignment, align_fn: AlignFn, source_witness_text: str, target_witness_text: str
                     ) -> tuple[BulkResult, dict[str, str]]:
    """Re-align every stretch between fixed links; returns the result and the aligner's signature."""
    fixed = fixed_link_ids(state)
    taken = used_ids(state)
    links = list(state.links)
    signature: dict[str, str] = {}
    kept = changed = stretches = 0
    for start, end in reversed(_runs(state, fixed)):
        old = links[start:end]
        src = _in_order(state.segments(Side.SOURCE), {i for lk in old for i in lk.source})
        tgt = _in_order(state.segments(Side.TARGET), {i for lk in old for i in lk.target})
        if not src and not tgt:
            continue
        beads, signature = align_fn(reading_texts(source_witness_text, src), reading_texts(target_witness_text, tgt),
                                    [s.paragraph for s in src], [t.paragraph for t in tgt])
        by_shape = {(lk.source, lk.target): lk for lk in old}
        new: list[Link] = []
        for src_idx, tgt_idx, _score, confidence in beads:
            shape = (tuple(src[i].id for i in src_idx), tuple(tgt[j].id for j in tgt_idx))
            score = round(max(0.0, min(1.0, float(confidence))), 3)
            previous = by_shape.get(shape)
            if previous is not None:  # kept whole, score included: no churn in the file
                new.append(previous)
                kept += 1
            else:
                link_id = next_id("L", taken)
                taken.add(link_id)
                new.append(Link(link_id, shape[0], shape[1], Status.AUTO, score, "aligner"))
                changed += 1
        links[start:end] = new
        stretches += 1
    if not changed:  # nothing moved: the file (links, scores, signature) stays as it is
        return BulkResult(state, stretches, kept, changed, len(fixed)), signature
    new_state = state.with_changes(
        links=tuple(links),
        signature={**{k: v for k, v in state.signature.items() if not k.startswith("aligner.")},
                   **{f"aligner.{k}": v for k, v in signature.items()}} if signature else state.signature,
    )
    return BulkResult(new_state, stretches, kept, changed, len(fixed)), signature
