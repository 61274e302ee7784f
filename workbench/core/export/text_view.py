"""The reading or the diplomatic text of an edition, chosen at export (``export --text``) for md, html,
docx and txt; TEI encodes every mark whatever the choice.

* ``reading`` — the text as published: a substitution's old words, the alternatives of unclear words,
  hand shifts and page breaks left out; abbreviations expanded and sics corrected where the
  transcription gives the expansion or correction. Underlining and letter-spacing stay (the formats
  that can show them do).
* ``diplomatic`` — every mark shown, with the signs of a diplomatic transcription: an addition
  ``⟨words⟩``, a substitution ``⟦old⟧⟨new⟩``, unclear words ``words(?)``, a gap ``[…]``, a marginal
  note ``[margin: words]``, a hand shift ``[hand: Lenin, pencil]``, a page or folio break ``‖ f. 2 ‖``,
  abbreviations as written, a sic ``words [sic]``.

Struck text (``~~ ~~``) is left to the struck-text policy (``export --policy``) in both views.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.core.export.model import Block, Edition, EditionNote, Inline, SegmentPiece, WitnessLayout
from workbench.core.markup import Element, Mark

READING = "reading"
DIPLOMATIC = "diplomatic"
VIEWS = (READING, DIPLOMATIC)


def check_view(view: str) -> str:
    """A valid view name, or ``ValueError`` naming the choices."""
    if view not in VIEWS:
        raise ValueError(f"the text is {' or '.join(VIEWS)}, not {view!r}")
    return view


def _key(e: Element) -> tuple[str, int]:
    return (e.kind, e.start)


def _reading(items: tuple[Inline, ...]) -> list[Inline]:
    expanded = {_key(e) for i in items for e in i.elements[-1:] if e.kind in ("abbr", "sic") and e.part == 1}
    out = []
    for item in items:
        if not item.elements:
            out.append(item)
            continue
        inner = item.elements[-1]
        if item.marks & {Mark.REPLACED, Mark.ALTERNATIVE, Mark.HAND_SHIFT, Mark.PAGE_BREAK}:
            continue
        if item.marks & {Mark.EXPANSION, Mark.CORRECTION}:
            out.append(replace(item, text=item.hidden, hidden="", elements=()))
            continue
        if inner.kind in ("abbr", "sic") and _key(inner) in expanded:
            continue
        out.append(replace(item, elements=(), hidden=""))
    return out


def opening_sign(e: Element) -> str:
    """The diplomatic sign before the words of a mark (``⟨`` for an addition); empty for most marks."""
    a = e.attributes
    if e.kind == "add" or (e.kind == "subst" and e.part == 1):
        return "⟨"
    if e.kind == "subst":
        return "⟦"
    if e.kind == "margin":
        return "[margin: " if not a.printed else ""
    return ""


def closing_sign(e: Element) -> str:
    """The diplomatic sign after the words of a mark (``⟩``, ``(?)`` for unclear words, `` [sic]``)."""
    if e.kind == "add" or (e.kind == "subst" and e.part == 1):
        return "⟩"
    if e.kind == "subst":
        return "⟧"
    if e.kind == "unclear" and e.part == 0:
        return "(?)"
    if e.kind == "sic" and e.part == 0:
        return " [sic]"
    if e.kind == "margin":
        return "]" if not e.attributes.printed else ""
    return ""


def atom_sign(e: Element) -> str:
    """The diplomatic sign of a hand shift (``[hand: Lenin, pencil] ``) or a page break (``‖ f. 2 ‖ ``)."""
    a = e.attributes
    if e.kind == "hand":
        return "[hand: " + ", ".join(x for x in (a.hand, a.medium) if x) + "] "
    if e.kind == "pb":
        return f"‖ {'f.' if a.kind == 'folio' else 'p.'} {a.n} ‖ "
    return ""


def _diplomatic(items: tuple[Inline, ...]) -> list[Inline]:
    out: list[Inline] = []
    open_: list[tuple[str, int, int]] = []
    open_elements: list[Element] = []

    def close_to(depth: int) -> None:
        while len(open_) > depth:
            open_.pop()
            sign = closing_sign(open_elements.pop())
            if sign:
                out.append(Inline(sign))

    for item in items:
        chain = [e for e in item.elements if e.kind not in ("hand", "pb", "gap")]
        keys = [(e.kind, e.start, e.part) for e in chain]
        common = 0
        while common < min(len(open_), len(keys)) and open_[common] == keys[common]:
            common += 1
        close_to(common)
        for e, key in zip(chain[common:], keys[common:], strict=True):
            sign = opening_sign(e)
            if sign:
                out.append(Inline(sign))
            open_.append(key)
            open_elements.append(e)
        if item.elements and item.elements[-1].kind in ("hand", "pb"):
            out.append(Inline(atom_sign(item.elements[-1])))
            continue
        if item.marks & {Mark.EXPANSION, Mark.CORRECTION, Mark.ALTERNATIVE}:
            continue
        out.append(replace(item, elements=(), hidden=""))
    close_to(0)
    return out


def view_inlines(items: tuple[Inline, ...], view: str) -> tuple[Inline, ...]:
    """Some inlines in one view (see the module docstring); inlines without manuscript marks as they are."""
    if not any(i.elements for i in items):
        return items
    return tuple(_reading(items) if view == READING else _diplomatic(items))


def apply_view(ed: Edition, view: str) -> Edition:
    """An edition with every text in one view (the English, its notes, and the source when present)."""
    check_view(view)

    def piece(p: SegmentPiece) -> SegmentPiece:
        return replace(p, inlines=view_inlines(p.inlines, view))

    def block(b: Block) -> Block:
        return replace(b, pieces=tuple(piece(p) for p in b.pieces))

    def note(n: EditionNote) -> EditionNote:
        return replace(n, blocks=tuple(block(b) for b in n.blocks))

    def side(s: WitnessLayout) -> WitnessLayout:
        return replace(s, blocks=tuple(block(b) for b in s.blocks), notes=tuple(note(n) for n in s.notes))

    return replace(ed, english=side(ed.english), source=side(ed.source) if ed.source is not None else None)
