"""The domain's frozen records: segments, links, decisions and one document's alignment state.

Vocabulary (docs/architecture.md): a *segment* is a sentence-level unit of a witness; a *link* is an
alignment bead between source and target segment ids; a *decision* is one recorded editorial act; the
*revision* counts saves of an alignment file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Iterable, Mapping


class Status(StrEnum):
    """A link's review status."""

    AUTO = "auto"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    FLAGGED = "flagged"


class Side(StrEnum):
    """Which witness of an alignment a segment belongs to."""

    SOURCE = "source"
    TARGET = "target"


SIDE_PREFIX = {Side.SOURCE: "s", Side.TARGET: "t"}


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence-level unit of a witness: stable id, raw character span ``[start, end)``, raw text.

    ``text`` is the witness slice with its transcription markup; ``note`` is the label of the note
    the segment belongs to (``None`` for the body); ``paragraph`` counts paragraphs from 0.
    """

    id: str
    start: int
    end: int
    text: str
    paragraph: int = 0
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """An alignment bead: source ids ↔ target ids, with status, score (0–1 or None) and origin."""

    id: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    status: Status = Status.AUTO
    score: float | None = None
    origin: str = "aligner"

    @property
    def kind(self) -> str:
        """Bead shape such as ``1-1`` or ``0-1``."""
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class Decision:
    """One editorial act. ``before``/``after`` make it replayable and revertible.

    ``target`` names the link (or variant, or segment) acted on; structural acts list several ids
    separated by spaces. ``data`` holds action-specific extras (evidence, certainty, policy…).
    """

    id: str
    time: str
    author: str
    action: str
    target: str
    before: str | None = None
    after: str | None = None
    reason: str | None = None
    note: str | None = None
    data: Mapping[str, str] = field(default_factory=dict)

    def targets(self) -> tuple[str, ...]:
        """The ids this decision touches."""
        return tuple(self.target.split())


@dataclass(frozen=True)
class WitnessRef:
    """A witness as an alignment file records it: siglum, language and content hash (sha256)."""

    siglum: str
    language: str
    sha256: str


@dataclass(frozen=True)
class Alignment:
    """One document's alignment state: what an alignment file holds.

    ``source`` is ``None`` while the source witness is pending; the target segments still exist and
    each sits in a 0-1 link so that it can be reviewed and edited.
    """

    document: str
    revision: int
    source: WitnessRef | None
    target: WitnessRef
    source_segments: tuple[Segment, ...]
    target_segments: tuple[Segment, ...]
    links: tuple[Link, ...]
    edits: Mapping[str, str]
    decisions: tuple[Decision, ...]
    signature: Mapping[str, str] = field(default_factory=dict)

    # -- lookups (linear scans are fine for single edits; bulk users build their own maps) --

    def link(self, link_id: str) -> Link:
        """The link with this id; KeyError when absent."""
        for item in self.links:
            if item.id == link_id:
                return item
        raise KeyError(link_id)

    def link_index(self, link_id: str) -> int:
        """Position of a link in reading order; KeyError when absent."""
        for index, item in enumerate(self.links):
            if item.id == link_id:
                return index
        raise KeyError(link_id)

    def segments(self, side: Side) -> tuple[Segment, ...]:
        """The segments of one side."""
        return self.source_segments if side is Side.SOURCE else self.target_segments

    def segment_map(self) -> dict[str, Segment]:
        """All segments by id."""
        out = {seg.id: seg for seg in self.source_segments}
        out.update((seg.id, seg) for seg in self.target_segments)
        return out

    def decision_ids(self) -> set[str]:
        """Ids of every recorded decision."""
        return {d.id for d in self.decisions}

    def with_changes(self, **changes: object) -> "Alignment":
        """A copy with some fields replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def source_pending(self) -> bool:
        """True when no source witness is aligned yet."""
        return self.source is None


def next_id(prefix: str, existing: Iterable[str]) -> str:
    """The next free id ``<prefix><n>`` after the largest numeric one in ``existing``."""
    top = 0
    size = len(prefix)
    for item in existing:
        if item.startswith(prefix) and item[size:].isdigit():
            top = max(top, int(item[size:]))
    return f"{prefix}{top + 1}"
