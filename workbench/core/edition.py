"""The edition: the English that the decisions produce, segment by segment, in witness order.

A target segment's English is its edit if an editor made one, otherwise the witness text (the MT
as received) — :meth:`Alignment.segment_english` is the one definition. Texts are in transcription
markup, so note references and supplied words survive.
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


def edition(state: Alignment) -> list[EditionSegment]:
    """Every target segment in witness order with its edition text and its link."""
    return [EditionSegment(seg, seg.text, state.segment_english(seg.id), seg.id in state.edits, state.owner(seg.id))
            for seg in state.target_segments]
