"""Plain UTF-8 text: one paragraph per line, notes as ``[1]`` with a list after the text.

Plain text has no italics and no strikethrough: italics are dropped, and struck text kept by the
``strike`` policy is printed between ⟦ ⟧ (the loss report says both).
"""

from __future__ import annotations

from workbench.core.export.model import DRAFT_LINE, Block, Edition, Inline, join_pieces
from workbench.core.export.plan import plan
from workbench.core.export.policy import CLOSE_BRACKET, OPEN_BRACKET
from workbench.core.markup import Mark


def _inline(item: Inline, labels: dict[str, str]) -> str:
    if item.note_ref is not None:
        return f"[{labels[item.note_ref]}]" if item.note_ref in labels else ""
    if Mark.STRUCK in item.marks:
        return OPEN_BRACKET + item.text + CLOSE_BRACKET
    return item.text


def block_txt(block: Block, labels: dict[str, str]) -> str:
    """One paragraph as a line (``labels``: note key → printed label)."""
    return join_pieces([(p, "".join(_inline(i, labels) for i in p.inlines)) for p in block.pieces])


def render_text(ed: Edition) -> str:
    """The edition as plain text."""
    p = plan(ed)
    n = p.labels
    head = ["".join(_inline(i, n) for i in p.title)]
    head += [block_txt(b, n) for b in p.author]
    if p.date:
        head.append(p.date)
    sections = ([DRAFT_LINE] if ed.draft else []) + ["\n".join(head)]
    if p.frame:
        sections.append("\n".join(block_txt(b, n) for b in p.frame))
    sections += [block_txt(b, n) for b in p.body + p.signature]
    tail = [x for x in (ed.archival_reference, ed.source_line) if x]
    if tail:
        sections.append("\n".join(tail))
    if p.notes:
        lines = ["Notes"]
        for _, note in p.notes:
            lines.append(f"[{p.label(note.key)}] " + " ".join(block_txt(b, n) for b in note.blocks))
        sections.append("\n".join(lines))
    if p.loose:  # a draft only: the export gate refuses to publish a note without reference
        sections.append("\n".join(f"Note {note.label}. " + " ".join(block_txt(b, n) for b in note.blocks)
                                  for note in p.loose))
    if ed.apparatus_listed:
        lines = ["Apparatus"]
        for entry in ed.apparatus_listed:
            where = ", ".join(x for x in (entry.anchor, entry.status) if x)
            lines.append(entry.variant + (f" ({where})" if where else "") + f": {entry.text}")
        sections.append("\n".join(lines))
    return "\n\n".join(s for s in sections if s) + "\n"
