"""The print order of an edition and the numbering of its notes, shared by the publication formats.

Order: title (``No. 92. …``), author, date, addressee and place lines as the witness has them, the
body, the signature, the archival reference, the source edition, the notes, the apparatus.

Notes are printed in the order the text first refers to them, each under a label that no other
note of the page shares: a note of the witness keeps the label the witness prints (No. 92's note 2
stays 2, so "note 1" in the text and the "Note 1" listed after it are one note), and the editor's
notes — apparatus notes and notes made by the ``note`` struck-text policy — take letters a, b, c …
skipping any label the witness uses. A note nothing refers to is listed after the text under its
printed label. ``numbers`` counts the printed notes 1, 2, … in order, for formats that need a
number of their own (HTML anchors, DOCX footnote ids).
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.export.model import HEADING_ROLES, Block, Edition, EditionNote, Inline


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


EDITORIAL_KINDS = frozenset({"struck", "apparatus"})


def letter_labels(count: int, taken: set[str]) -> list[str]:
    """``count`` labels a, b, … z, aa, ab … that are not in ``taken`` (compared without case)."""
    used = {t.casefold() for t in taken}
    out: list[str] = []
    index = 0
    while len(out) < count:
        label, n = "", index
        while True:
            label = chr(ord("a") + n % 26) + label
            n = n // 26 - 1
            if n < 0:
                break
        index += 1
        if label not in used:
            out.append(label)
    return out


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
    notes = tuple(sorted(((numbers[k], n) for k, n in by_key.items() if k in numbers), key=lambda x: x[0]))
    loose = tuple(n for n in ed.english.notes if n.key not in numbers)
    own = {n.label for n in ed.english.notes if n.kind not in EDITORIAL_KINDS}
    editorial = [n for _, n in notes if n.kind in EDITORIAL_KINDS]
    labels = {n.key: n.label for _, n in notes if n.kind not in EDITORIAL_KINDS}
    labels.update(zip((n.key for n in editorial), letter_labels(len(editorial), own), strict=True))
    return PrintPlan(title, author, ed.date, frame, body, signature, numbers, notes, loose, labels)
