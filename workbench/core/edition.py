"""The edition: the English that the decisions produce, segment by segment.

A target segment's English is its edit if an editor made one, otherwise the witness text (the MT
as received). Texts are in transcription markup, so notes references and supplied words survive.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.models import Alignment, Link, Segment


@dataclass(frozen=True)
class EditionSegment:
    """One target segment of the edition."""

    segment: Segment
    mt: str
    text: str
    edited: bool
    link: Link | None


def segment_english(state: Alignment, segment: Segment) -> str:
    """The edited English of a segment, or its witness text when unedited."""
    return state.edits.get(segment.id, segment.text)


def link_english(state: Alignment, link: Link) -> str:
    """The English of a link: its target segments' edition texts joined by spaces (empty ones dropped)."""
    segs = state.segment_map()
    parts = [segment_english(state, segs[t]) for t in link.target if t in segs]
    return " ".join(p for p in parts if p)


def link_mt(state: Alignment, link: Link) -> str:
    """The English of a link as received (no edits)."""
    segs = state.segment_map()
    return " ".join(segs[t].text for t in link.target if t in segs)


def edition(state: Alignment) -> list[EditionSegment]:
    """Every target segment in witness order with its edition text and its link."""
    owner = {t: lk for lk in state.links for t in lk.target}
    return [
        EditionSegment(seg, seg.text, state.edits.get(seg.id, seg.text), seg.id in state.edits, owner.get(seg.id))
        for seg in state.target_segments
    ]
