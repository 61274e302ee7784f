"""The print order of an edition and the numbering of its notes, shared by the publication formats.

Order: title (``No. 92. …``), author, date, addressee and place lines as the witness has them, the
body, the signature, the archival reference, the source edition, the notes, the apparatus.

Notes are printed in the order the text first refers to them, each under a label that no other
note of the page shares, as the house style (:mod:`workbench.core.export.style`) says: by default a
note of the witness keeps the label the witness prints (No. 92's note 2 stays 2), and the editors'
notes — the notes editors write (``annotate``), apparatus notes and notes made by the ``note``
struck-text policy — take letters a, b, c … skipping any label the witness uses, and end with
"— Ed.". A note nothing refers to is listed after the text under its printed label, in a draft only
(the export gate refuses to publish it). ``numbers`` counts the printed notes 1, 2, … in order, for
formats that need a number of their own (HTML anchors, DOCX footnote ids).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from workbench.core.export.model import HEADING_ROLES, Block, Edition, EditionNote, Inline, SegmentPiece
from workbench.core.export.style import editor_labels


@dataclass(frozen=True)
class PrintPlan:
    """What a publication format prints, in order (see the module docstring)."""

    title: tuple[Inline, ...]
    author: tuple[Block, ...]
    date: str
    frame: tuple[Block, ...]
    body: tuple[Block, ...]
    signature: tuple[Block, ...]
    numbers: dict[str, int]
    notes: tuple[tuple[int, EditionNote], ...]
    loose: tuple[EditionNote, ...]
    labels: dict[str, str]

    def label(self, key: str) -> str:
        """The printed label of a referenced note (``2``, ``a``)."""
        return self.labels[key]

    @property
    def sequential(self) -> bool:
        """True when the labels are 1, 2, 3 … in print order (a word processor's own numbering)."""
        return all(self.labels[note.key] == str(number) for number, note in self.notes)


EDITORIAL_KINDS = frozenset({"struck", "apparatus", "editor"})


def letter_labels(count: int, taken: set[str]) -> list[str]:
    """``count`` labels a, b, … z, aa, ab … that are not in ``taken`` (compared without case)."""
    return editor_labels("letters", count, taken)


def _refs(blocks: tuple[Block, ...]) -> list[str]:
    return [i.note_ref for b in blocks for p in b.pieces for i in p.inlines if i.note_ref is not None]


def plan(ed: Edition) -> PrintPlan:
    """Lay out an edition for printing."""
    blocks = ed.english.blocks
    titles = [b for b in blocks if b.role == "title"]
    if titles:
        inlines = tuple(i for p in titles[0].pieces for i in p.inlines)
        title = ((Inline(f"No. {ed.number}. "),) if ed.number else ()) + inlines
    else:
        title = (Inline(ed.heading_title),)
    frame = tuple(b for b in blocks if b.role in HEADING_ROLES and b.role not in ("title", "author"))
    body = tuple(b for b in blocks if b.role in ("body", "heading"))
    signature = tuple(b for b in blocks if b.role == "signature")
    author = tuple(b for b in blocks if b.role == "author")
    by_key = {n.key: n for n in ed.english.notes}
    numbers: dict[str, int] = {}
    queue = _refs(frame + body + signature + author)
    while queue:
        key = queue.pop(0)
        if key in by_key and key not in numbers:
            numbers[key] = len(numbers) + 1
            queue.extend(_refs(by_key[key].blocks))
    style = ed.style
    notes = tuple(sorted(((numbers[k], _closed(n, style.editors_note_suffix)) for k, n in by_key.items()
                          if k in numbers), key=lambda x: x[0]))
    loose = tuple(n for n in ed.english.notes if n.key not in numbers)
    own_notes = [n for _, n in notes if n.kind not in EDITORIAL_KINDS]
    if style.source_notes == "renumbered":
        labels = {n.key: str(k) for k, n in enumerate(own_notes, start=1)}
    else:
        labels = {n.key: n.label for n in own_notes}
    own = set(labels.values()) | {n.label for n in loose if n.kind not in EDITORIAL_KINDS}
    editorial = [n for _, n in notes if n.kind in EDITORIAL_KINDS]
    labels.update(zip((n.key for n in editorial), editor_labels(style.editors_notes, len(editorial), own),
                      strict=True))
    return PrintPlan(title, author, ed.date, frame, body, signature, numbers, notes, loose, labels)


def _closed(note: EditionNote, suffix: str) -> EditionNote:
    """An editors' note with the house style's closing words ("— Ed.") after its last paragraph."""
    if note.kind not in EDITORIAL_KINDS or not suffix or not note.blocks:
        return note
    last = note.blocks[-1]
    tail = SegmentPiece("", None, (Inline(suffix),))
    return replace(note, blocks=note.blocks[:-1] + (Block(last.role, last.paragraph, last.pieces + (tail,)),))
