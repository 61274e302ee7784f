"""The domain's frozen records: segments, links, decisions and one document's alignment state.

Vocabulary (docs/architecture.md): a *segment* is a sentence-level unit of a witness; a *link* is an
alignment bead between source and target segment ids; a *decision* is one recorded editorial act; the
*revision* counts saves of an alignment file.

:class:`Alignment` is the aggregate every front-end and export asks: it answers "which link is this",
"what is the English of this link", "which decisions were reverted", "which links touch this variant"
from indexes built once per state, so no caller rebuilds them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType

from workbench.core.actions import Action, DecisionData

#: Confidence under which an unreviewed link counts as low confidence (status, browser, review jumps).
LOW_CONFIDENCE = 0.5


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


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence-level unit of a witness: stable id, raw character span ``[start, end)``, raw text.

    ``text`` is the witness slice with its transcription markup; ``witness_note`` is the label of the
    witness note the segment belongs to (``None`` for the body); ``paragraph`` counts paragraphs from 0.
    """

    id: str
    start: int
    end: int
    text: str
    paragraph: int = 0
    witness_note: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """An alignment bead: source ids ↔ target ids, with status, confidence (0–1 or None) and origin."""

    id: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    status: Status = Status.AUTO
    confidence: float | None = None
    origin: str = "aligner"

    @property
    def kind(self) -> str:
        """Bead shape such as ``1-1`` or ``0-1``."""
        return f"{len(self.source)}-{len(self.target)}"

    @property
    def low_confidence(self) -> bool:
        """Unreviewed, with a confidence under :data:`LOW_CONFIDENCE`."""
        return self.status is Status.AUTO and self.confidence is not None and self.confidence < LOW_CONFIDENCE

    def side(self, side: Side) -> tuple[str, ...]:
        """The segment ids of one side."""
        return self.source if side is Side.SOURCE else self.target


@dataclass(frozen=True)
class Decision:
    """One editorial act. ``before``/``after`` make it replayable and revertible.

    ``target`` names the link (or variant, or segment) acted on; structural acts list several ids
    separated by spaces. ``data`` holds the action's typed details (evidence, certainty, the words
    marked, what a revert undoes …); ``note`` is the editor's free-text remark on the act.
    """

    id: str
    time: str
    author: str
    action: Action
    target: str
    before: str | None = None
    after: str | None = None
    reason: str | None = None
    note: str | None = None
    data: DecisionData = field(default_factory=DecisionData)
    author_from: str | None = None
    """Where the author's name came from (:data:`AUTHOR_SOURCES`); ``None`` in files written before it was kept."""

    def __post_init__(self) -> None:
        given: object = self.action
        if not isinstance(given, Action):  # a name as files write it: one Action from here on
            object.__setattr__(self, "action", Action.parse(str(given)))

    def targets(self) -> tuple[str, ...]:
        """The ids this decision touches."""
        return tuple(self.target.split())

    @property
    def effective_action(self) -> Action:
        """The action whose semantics the decision follows (a revert follows the action it reverts)."""
        if self.action is Action.REVERT and self.data.of is not None:
            return self.data.of
        return self.action


#: Where the name of a decision's author came from, in the order the workbench looks: the ``--author``
#: option, ``$WORKBENCH_AUTHOR``, the user's workbench config (``workbench config user.name``), git's
#: ``user.name``, the login name.
AUTHOR_SOURCES = ("option", "environment", "config", "git", "login")


@dataclass(frozen=True)
class Conflict:
    """Two editors' decisions that cannot both hold, kept in the file until a decision resolves it.

    A merge (``workbench merge-driver``) replays both editors' decisions in time order; a decision
    whose ``before`` no longer holds (and whose ``after`` is not already the case) is *set aside*:
    kept here in full, never applied. ``kept`` names the decisions of the other editor, in force, that
    hold the place. ``links`` are the ids both touch; ``message`` says why they clash.
    """

    id: str
    links: tuple[str, ...]
    kept: tuple[str, ...]
    set_aside: tuple[Decision, ...]
    message: str


@dataclass(frozen=True)
class WitnessRef:
    """A witness as an alignment file records it: siglum, language and content hash (sha256)."""

    siglum: str
    language: str
    sha256: str


@dataclass(frozen=True)
class Alignment:
    """One document's alignment state: what an alignment file holds, and the questions asked of it.

    ``source`` is ``None`` while the source witness is pending; the target segments still exist and
    each sits in a 0-1 link so that it can be reviewed and edited. Lookups use indexes built on first
    use and kept for the life of this (immutable) state.
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
    conflicts: tuple[Conflict, ...] = ()

    # -- indexes (built lazily; cached_property writes the instance dict, so frozen still holds) --

    @cached_property
    def _link_positions(self) -> Mapping[str, int]:
        return {lk.id: i for i, lk in enumerate(self.links)}

    @cached_property
    def _segments(self) -> Mapping[str, Segment]:
        out = {seg.id: seg for seg in self.source_segments}
        out.update((seg.id, seg) for seg in self.target_segments)
        return MappingProxyType(out)

    @cached_property
    def _owners(self) -> Mapping[str, str]:
        return {seg_id: lk.id for lk in self.links for seg_id in (*lk.source, *lk.target)}

    @cached_property
    def reverted_ids(self) -> frozenset[str]:
        """Ids of decisions a later ``revert`` cancelled."""
        return frozenset(d.data.reverts for d in self.decisions
                         if d.action is Action.REVERT and d.data.reverts is not None)

    @cached_property
    def live_decisions(self) -> tuple[Decision, ...]:
        """Decisions not cancelled by a revert, reverts themselves left out, oldest first."""
        reverted = self.reverted_ids
        return tuple(d for d in self.decisions if d.id not in reverted and d.action is not Action.REVERT)

    @cached_property
    def decision_ids(self) -> frozenset[str]:
        """Ids of every recorded decision."""
        return frozenset(d.id for d in self.decisions)

    # -- links and segments --

    def link(self, link_id: str) -> Link:
        """The link with this id; KeyError when absent."""
        return self.links[self._link_positions[link_id]]

    def has_link(self, link_id: str) -> bool:
        """True when a link with this id exists."""
        return link_id in self._link_positions

    def link_index(self, link_id: str) -> int:
        """Position of a link in reading order; KeyError when absent."""
        return self._link_positions[link_id]

    def segments(self, side: Side) -> tuple[Segment, ...]:
        """The segments of one side."""
        return self.source_segments if side is Side.SOURCE else self.target_segments

    def segment(self, segment_id: str) -> Segment:
        """A segment of either side by id; KeyError when absent."""
        return self._segments[segment_id]

    def segment_map(self) -> Mapping[str, Segment]:
        """All segments by id (read-only)."""
        return self._segments

    def owner(self, segment_id: str) -> Link | None:
        """The link a segment sits in, or None."""
        link_id = self._owners.get(segment_id)
        return None if link_id is None else self.link(link_id)

    # -- the English --

    def segment_english(self, segment_id: str) -> str:
        """The English the edition prints for a target segment: its edit, else the witness text."""
        if segment_id in self.edits:
            return self.edits[segment_id]
        seg = self._segments.get(segment_id)
        return seg.text if seg is not None else ""

    def english(self, link: Link) -> str:
        """The English of a link in transcription markup: its segments' edition texts joined by spaces,
        empty ones dropped."""
        return " ".join(t for t in (self.segment_english(s) for s in link.target) if t)

    def mt(self, link: Link) -> str:
        """The English of a link as received (the target witness, no edits), in transcription markup."""
        segs = self._segments
        return " ".join(t for t in (segs[s].text for s in link.target if s in segs) if t)

    def source_text(self, link: Link) -> str:
        """The source side of a link as transcribed (markup kept)."""
        segs = self._segments
        return " ".join(t for t in (segs[s].text for s in link.source if s in segs) if t)

    def edited(self, link: Link) -> bool:
        """True when any English segment of the link has an edit."""
        return any(t in self.edits for t in link.target)

    # -- decisions --

    def notes_for(self, target: str) -> list[Decision]:
        """Live ``comment`` decisions about a link or variant, oldest first."""
        return [d for d in self.live_decisions if d.action is Action.COMMENT and d.target == target]

    def history_for(self, link_id: str) -> list[Decision]:
        """Every decision that touched a link (reverts included), oldest first."""
        return [d for d in self.decisions if link_id in touched_ids(d)]

    # -- conflicts --

    @cached_property
    def resolved_conflict_ids(self) -> frozenset[str]:
        """Conflicts a live ``conflict-resolve`` decision settled."""
        return frozenset(d.target for d in self.live_decisions if d.action is Action.CONFLICT_RESOLVE)

    @property
    def open_conflicts(self) -> tuple[Conflict, ...]:
        """Conflicts no decision has resolved yet, in the file's order."""
        done = self.resolved_conflict_ids
        return tuple(c for c in self.conflicts if c.id not in done)

    def conflict(self, conflict_id: str) -> Conflict:
        """The conflict with this id; KeyError when absent."""
        for item in self.conflicts:
            if item.id == conflict_id:
                return item
        raise KeyError(conflict_id)

    # -- variants --

    def links_touching(self, witness: str, *, witness_note: str | None = None,
                       span: tuple[int, int] | None = None) -> tuple[str, ...]:
        """Links holding the segments of ``witness`` (a siglum) that lie in witness note ``witness_note``
        or overlap the raw character ``span``: the links a variant at that place touches."""
        if witness == self.target.siglum:
            side = Side.TARGET
        elif self.source is not None and witness == self.source.siglum:
            side = Side.SOURCE
        else:
            return ()
        wanted: set[str] = set()
        for seg in self.segments(side):
            if witness_note is not None and seg.witness_note == witness_note:
                wanted.add(seg.id)
            if span is not None and seg.start < span[1] and span[0] < seg.end:
                wanted.add(seg.id)
        return tuple(lk.id for lk in self.links if wanted.intersection(lk.side(side)))

    # -- change --

    def with_changes(self, **changes: object) -> Alignment:
        """A copy with some fields replaced (indexes that still hold are kept)."""
        new = replace(self, **changes)  # type: ignore[arg-type]
        if "links" not in changes:
            _inherit(self, new, "_link_positions", "_owners")
        if "source_segments" not in changes and "target_segments" not in changes:
            _inherit(self, new, "_segments")
        return new

    def with_link_replaced(self, index: int, link: Link, decision: Decision) -> Alignment:
        """A copy with the link at ``index`` replaced by one with the same id and segments (a status
        change) and ``decision`` appended: every index stays valid."""
        links = list(self.links)
        links[index] = link
        new = replace(self, links=tuple(links), decisions=self.decisions + (decision,))
        _inherit(self, new, "_link_positions", "_owners", "_segments")
        return new

    @property
    def source_pending(self) -> bool:
        """True when no source witness is aligned yet."""
        return self.source is None


def _inherit(old: Alignment, new: Alignment, *names: str) -> None:
    for name in names:
        if name in old.__dict__:
            new.__dict__[name] = old.__dict__[name]


def touched_ids(decision: Decision) -> set[str]:
    """Link and segment ids a decision depends on; two decisions conflict when these overlap."""
    ids = set(decision.targets())
    if decision.effective_action.is_structural:
        for block in (decision.before or "", decision.after or ""):
            for line in block.split("\n"):
                parts = line.split(" ", 2)
                if len(parts) >= 2 and parts[0] in ("link", "segment", "edit"):
                    ids.add(parts[1])
    return ids


def next_id(prefix: str, existing: Iterable[str]) -> str:
    """The next free id ``<prefix><n>`` after the largest numeric one in ``existing``."""
    top = 0
    size = len(prefix)
    for item in existing:
        if item.startswith(prefix) and item[size:].isdigit():
            top = max(top, int(item[size:]))
    return f"{prefix}{top + 1}"
