"""The print order of an edition and the numbering of its notes, shared by the publication formats.

Order: title (``No. 92. …``), author, date, addressee and place lines as the witness has them, the
body, the signature, the archival reference, the source edition, the notes, the apparatus. Notes
are numbered 1, 2, … in the order the text first refers to them, whatever the witness called them
(a struck-text note may come between two of them); a note nothing refers to is listed after the
text under its printed label.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.export.model import HEADING_ROLES, Block, EditionNote, Edition, Inline


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


def _refs(blocks: tuple[Block, ...]) -> list[str]:
    return [i.note for b in blocks for p in b.pieces for i in p.inlines if i.note is not None]


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
    return PrintPlan(title, author, ed.date, frame, body, signature, numbers, notes, loose)
