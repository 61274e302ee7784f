"""The edition model for publication: what every export format is built from.

An :class:`Edition` is one document's English as the decisions produce it, arranged for print:
a heading block (number, title, date, place, addressee), the body, the signature, the archival
reference, the notes and the apparatus. Text is held as :class:`Inline` runs that keep the
transcription marks (italic, struck, supplied, omission) and note references, so each format can
render them its own way. A :class:`WitnessLayout` holds one witness's segments in paragraphs (the TEI
export uses one for the Russian and one for the English).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.apparatus import ApparatusNote
from workbench.core.export.style import DEFAULT_STYLE, HouseStyle
from workbench.core.markup import Element, Mark

#: What a draft prints at its head (``export --draft``).
DRAFT_LINE = "DRAFT — not for publication"
#: Block roles, in the order a heading is printed.
HEADING_ROLES = ("author", "title", "addressee", "place")


@dataclass(frozen=True)
class Inline:
    """A stretch of text with its marks. A note reference has empty ``text`` and ``note`` set to the
    key of an :class:`EditionNote`; ``variant`` names the variant a struck stretch belongs to."""

    text: str
    marks: frozenset[Mark] = frozenset()
    note_ref: str | None = None
    variant: str | None = None
    #: the manuscript marks (``{add …}``, a printed gap …) the text lies in, outermost first; empty for
    #: text in the older marks only, so every format that ignores them prints what it printed before
    elements: tuple[Element, ...] = ()
    #: the words of a part that is not read (an expansion, a correction, an alternative reading)
    hidden: str = ""


@dataclass(frozen=True)
class SegmentPiece:
    """One segment's contribution to a block: its id, the link that owns it, its inline runs."""

    segment: str
    link: str | None
    inlines: tuple[Inline, ...]
    edited: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph of the edition. ``role`` is ``body``, ``heading`` (a section title inside the
    body), or one of :data:`HEADING_ROLES` / ``signature`` for the parts of the document's frame."""

    role: str
    paragraph: int
    pieces: tuple[SegmentPiece, ...]


@dataclass(frozen=True)
class EditionNote:
    """A note: ``kind`` is ``witness`` (a note of the printed edition, ``label`` as printed) or
    ``struck`` (made by the ``note`` struck-text policy) or ``apparatus`` (an apparatus note attached
    at its anchor) or ``editor`` (an editors' note, ``subtype`` its kind, ``author`` who wrote it).
    ``referenced`` is False when nothing in the text points at it (No. 92, note 1, before its variant
    is resolved): a draft lists it after the text, and the export gate refuses to publish it."""

    key: str
    label: str
    kind: str
    blocks: tuple[Block, ...]
    referenced: bool = True
    author: str = ""
    subtype: str = ""


@dataclass(frozen=True)
class WitnessLayout:
    """One witness laid out in blocks, with its notes: the English of the edition or the source."""

    siglum: str
    language: str
    blocks: tuple[Block, ...]
    notes: tuple[EditionNote, ...]


@dataclass(frozen=True)
class Edition:
    """One document ready for publication (see the module docstring).

    ``apparatus`` holds the English apparatus notes (empty when the document has no variant to speak
    of, or when the export was asked to leave them out). ``policy`` is the default struck-text policy the
    English was laid out with (``None`` before :func:`~workbench.core.export.policy.apply_policy`).
    ``findings`` are facts for the loss report (a note without reference, a mark not placed).
    ``apparatus_placed`` names the variants whose apparatus note sits in the text as a note (the
    others are listed in an apparatus section). ``problems`` are what stops publication in the text
    itself (a note without reference, an editors' note whose words are gone); ``draft`` marks an
    output written anyway (``export --draft``); ``style`` is the house style of the notes; ``editors``
    the authors of the document's decisions, in the order they first decided.
    """

    document: str
    number: str
    title: str
    date: str
    author: str
    archival_reference: str
    source_edition: str
    english: WitnessLayout
    source: WitnessLayout | None
    apparatus: tuple[ApparatusNote, ...]
    policy: str | None = None
    findings: tuple[str, ...] = field(default_factory=tuple)
    apparatus_placed: frozenset[str] = frozenset()
    date_when: str = ""
    source_page: str = ""
    problems: tuple[str, ...] = field(default_factory=tuple)
    draft: bool = False
    style: HouseStyle = DEFAULT_STYLE
    editors: tuple[str, ...] = ()

    def frame(self, role: str) -> tuple[Block, ...]:
        """The English blocks with one role (``addressee``, ``place``, ``signature`` …)."""
        return tuple(b for b in self.english.blocks if b.role == role)

    @property
    def body(self) -> tuple[Block, ...]:
        """The English blocks of the body proper (section headings included)."""
        return tuple(b for b in self.english.blocks if b.role in ("body", "heading"))

    @property
    def apparatus_listed(self) -> tuple[ApparatusNote, ...]:
        """Apparatus entries not attached to the text (no anchor): printed in an apparatus section."""
        return tuple(e for e in self.apparatus if e.variant not in self.apparatus_placed and e.text)

    @property
    def heading_title(self) -> str:
        """The title line a format prints: ``No. 92. Title`` when the document has a number."""
        return f"No. {self.number}. {self.title}" if self.number else self.title

    @property
    def source_line(self) -> str:
        """``Source: <edition>, p. 148`` (empty without a source edition)."""
        if not self.source_edition:
            return ""
        page = self.source_page.strip()
        if page and page[0].isdigit():
            page = f"p. {page}"
        if not page:
            return f"Source: {self.source_edition.strip()}"
        return f"Source: {self.source_edition.strip().rstrip('.')}, {page}."


def spaced(piece: SegmentPiece) -> bool:
    """Whether a segment is set off from the one before by a space: not when it is empty, nor when it
    opens with a note reference (the mark hangs on the word before it)."""
    return bool(piece.inlines) and piece.inlines[0].note_ref is None


def join_pieces(texts: list[tuple[SegmentPiece, str]]) -> str:
    """Rendered segments of a paragraph joined as :func:`spaced` says."""
    out = ""
    for piece, text in texts:
        if not text:
            continue
        out += (" " if out and spaced(piece) else "") + text
    return out


def plain_inlines(inlines: tuple[Inline, ...] | list[Inline]) -> str:
    """The text of some inlines, note references dropped."""
    return "".join(i.text for i in inlines)
