"""Building a document's alignment state from its witnesses: segments, then links.

Links come from the aligner when a source witness exists; while the source is pending, each
English segment gets a 0-1 link of its own (origin ``pending-source``) so it can be reviewed and
edited now and re-aligned once a source arrives.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from workbench.core.lines import one_line
from workbench.core.markup import runs_of
from workbench.core.models import Alignment, Link, Segment, Status, WitnessRef
from workbench.core.segments import reading_text, segment_witness
from workbench.core.sentences import SEGMENTER_VERSION

PENDING_ORIGIN = "pending-source"

#: ``(source sentences, target sentences, source paragraphs, target paragraphs) -> (beads, signature)``
#: where a bead is ``(source indices, target indices, score, confidence)``.
AlignFn = Callable[
    [Sequence[str], Sequence[str], Sequence[int], Sequence[int]],
    tuple[Sequence[tuple[Sequence[int], Sequence[int], float, float]], dict[str, str]],
]


def reading_texts(witness: str, segments: Sequence[Segment]) -> list[str]:
    """The reading text (marks and note references removed) of each segment."""
    all_runs = runs_of(witness)
    return [reading_text(all_runs, seg) for seg in segments]


def links_from_beads(
    beads: Sequence[tuple[Sequence[int], Sequence[int], float, float]],
    source: Sequence[Segment],
    target: Sequence[Segment],
    first_number: int = 1,
) -> tuple[Link, ...]:
    """Links ``L<n>`` from aligner beads (indices into ``source``/``target``)."""
    out = []
    for k, (src, tgt, _score, confidence) in enumerate(beads):
        out.append(Link(
            id=f"L{first_number + k}",
            source=tuple(source[i].id for i in src),
            target=tuple(target[j].id for j in tgt),
            status=Status.AUTO,
            confidence=round(max(0.0, min(1.0, float(confidence))), 3),
            origin="aligner",
        ))
    return tuple(out)


def pending_links(target: Sequence[Segment]) -> tuple[Link, ...]:
    """One 0-1 link per target segment, for a document whose source is pending."""
    return tuple(Link(f"L{k + 1}", (), (seg.id,), Status.AUTO, None, PENDING_ORIGIN) for k, seg in enumerate(target))


def build_alignment(
    document: str,
    target_ref: WitnessRef,
    target_text: str,
    source_ref: WitnessRef | None = None,
    source_text: str | None = None,
    align_fn: AlignFn | None = None,
) -> Alignment:
    """A fresh alignment state (revision 0, no decisions) for a document."""
    target_segments = segment_witness(target_text, target_ref.language, "t")
    signature = {"segmenter": SEGMENTER_VERSION}
    if source_ref is None or source_text is None:
        source_segments: tuple[Segment, ...] = ()
        links = pending_links(target_segments)
    else:
        source_segments = segment_witness(source_text, source_ref.language, "s")
        if align_fn is None:
            raise ValueError("a source witness needs an aligner")
        beads, sig = align_fn(
            reading_texts(source_text, source_segments),
            reading_texts(target_text, target_segments),
            [s.paragraph for s in source_segments],
            [t.paragraph for t in target_segments],
        )
        signature.update({f"aligner.{k}": v for k, v in sig.items()})
        links = links_from_beads(beads, source_segments, target_segments)
    return Alignment(
        document=document,
        revision=0,
        source=source_ref,
        target=target_ref,
        source_segments=source_segments,
        target_segments=target_segments,
        links=links,
        edits={},
        decisions=(),
        signature=signature,
    )


def check_segments(witness: str, segments: Sequence[Segment]) -> list[tuple[Segment, str]]:
    """Segments whose recorded text no longer matches the witness at their span."""
    bad = []
    for seg in segments:
        if seg.end > len(witness) or one_line(witness[seg.start:seg.end]) != seg.text:
            bad.append((seg, "text at its span differs"))
    return bad
