"""Markdown with pandoc footnotes (``[^1]`` … ``[^1]: text``) and ``~~strikeout~~``.

Every character pandoc's default reader could take for markup (emphasis, links, math, citations,
super/subscript, raw HTML) is backslash-escaped, so a text like ``Predrevsov[et]`` or ``$5`` prints
as written; marks at a paragraph's start that would begin a list or a heading are escaped too.
"""

from __future__ import annotations

import re

from workbench.core.export.model import DRAFT_LINE, Block, Edition, Inline, join_pieces
from workbench.core.export.plan import PrintPlan, plan
from workbench.core.markup import Mark

_SPECIAL = re.compile(r"([\\`*_\[\]~^$<>@#|{}])")
_LINE_START = re.compile(r"^(\s*)(?:([-+>=])|(\d+)([.)]))")


def escape_md(text: str) -> str:
    """Escape text for pandoc Markdown."""
    return _SPECIAL.sub(r"\\\1", text)


def _wrap(text: str, marker: str) -> str:
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{marker}{core}{marker}{trail}"


def _inline(item: Inline, labels: dict[str, str]) -> str:
    if item.note_ref is not None:
        return f"[^{labels[item.note_ref]}]" if item.note_ref in labels else ""
    text = escape_md(item.text)
    if Mark.ITALIC in item.marks:
        text = _wrap(text, "*")
    if Mark.STRUCK in item.marks:
        text = _wrap(text, "~~")
    return _manuscript_md(text, item)


def _manuscript_md(text: str, item: Inline) -> str:
    """Underlining and letter-spacing as pandoc bracketed spans (``[w]{.underline}``)."""
    classes = [cls for mark, cls in ((Mark.UNDERLINE, ".underline"), (Mark.DOUBLE_UNDERLINE, ".underline .double"),
                                     (Mark.SPACED, ".spaced")) if mark in item.marks]
    if not classes or not text.strip():
        return text
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}[{core}]{{{' '.join(classes)}}}{trail}"


def _safe_start(match: re.Match[str]) -> str:
    if match.group(2):
        return match.group(1) + "\\" + match.group(2)
    return match.group(1) + match.group(3) + "\\" + match.group(4)


def inlines_md(items: tuple[Inline, ...], labels: dict[str, str]) -> str:
    """Inline runs as Markdown (a paragraph's text, with its start made safe); ``labels``: note key →
    printed label."""
    text = "".join(_inline(i, labels) for i in items)
    return _LINE_START.sub(_safe_start, text, count=1)


def block_md(block: Block, labels: dict[str, str]) -> str:
    """One paragraph (segments joined by spaces)."""
    text = join_pieces([(p, inlines_md(p.inlines, labels)) for p in block.pieces])
    return f"## {text}" if block.role == "heading" else text


def render_markdown(ed: Edition) -> str:
    """The edition as one Markdown document."""
    p: PrintPlan = plan(ed)
    n = p.labels
    out = [f"**{DRAFT_LINE}**"] if ed.draft else []
    out.append(f"# {inlines_md(p.title, n)}")
    out += [f"*{block_md(b, n)}*" for b in p.author]
    if p.date:
        out.append(f"*{escape_md(p.date)}*")
    out += [block_md(b, n) for b in p.frame + p.body + p.signature]
    if ed.archival_reference:
        out.append(escape_md(ed.archival_reference))
    if ed.source_line:
        out.append(escape_md(ed.source_line))
    for note in p.loose:  # a draft only: the export gate refuses to publish a note without reference
        out.append(f"Note {escape_md(note.label)}. " + " ".join(block_md(b, n) for b in note.blocks))
    if ed.apparatus_listed:
        out.append("## Apparatus")
        for entry in ed.apparatus_listed:
            where = ", ".join(x for x in (entry.anchor, entry.status) if x)
            out.append(f"- **{escape_md(entry.variant)}**" + (f" ({escape_md(where)})" if where else "")
                       + f": {escape_md(entry.text)}")
    for _, note in p.notes:
        paras = [block_md(b, n) for b in note.blocks] or [""]
        out.append(f"[^{p.label(note.key)}]: {paras[0]}" + "".join(f"\n\n    {x}" for x in paras[1:]))
    return "\n\n".join(out) + "\n"
