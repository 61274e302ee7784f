"""The layers of one witness: the text before an author's deletion and the text after it.

A witness whose transcription has struck passages (``~~…~~``) yields two readings that can be
collated and cited on their own: ``<siglum>@before`` keeps the struck words (the text as first
written) and ``<siglum>@after`` leaves them out (the text as it stood once the author had crossed
them out). A witness without struck text has one layer, cited by its bare siglum.

Each struck passage is a variant of its own, named after where it is in the witness, so that its
name does not depend on which other witnesses it is collated with (see :func:`variant_id`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from workbench.core.errors import InputError
from workbench.core.markup import (
    Italic,
    Mark,
    Node,
    PrintedMargin,
    Struck,
    Supplied,
    Tagged,
    parse_cached,
    render_nodes,
    runs_in,
    runs_of,
)
from workbench.core.segments import Paragraph, paragraphs

BEFORE = "before"
AFTER = "after"
LAYERS = (BEFORE, AFTER)
LAYER_SEPARATOR = "@"


@dataclass(frozen=True)
class StruckPassage:
    """A ``~~…~~`` passage of a witness: raw span (marks included) and its reading text."""

    id: str
    witness: str
    start: int
    end: int
    text: str
    paragraph: int


def layer_name(siglum: str, layer: str | None) -> str:
    """How a layer is cited: ``ru-autograph@before``; the bare siglum when ``layer`` is None."""
    return siglum if layer is None else f"{siglum}{LAYER_SEPARATOR}{layer}"


def split_name(name: str) -> tuple[str, str | None]:
    """``ru-autograph@before`` → (``ru-autograph``, ``before``); a bare siglum → (siglum, None)."""
    siglum, sep, layer = name.partition(LAYER_SEPARATOR)
    if not sep:
        return name, None
    if layer not in LAYERS:
        raise InputError(f"{name!r}: a layer is '@{BEFORE}' (with the struck text) or '@{AFTER}' (without it)")
    return siglum, layer


def _struck_spans(nodes: tuple[Node, ...], offset: int, out: list[tuple[int, int]]) -> int:
    for node in nodes:
        size = len(render_nodes((node,)))
        if isinstance(node, Struck):
            out.append((offset, offset + size))
        elif isinstance(node, (Italic, Supplied)):
            # children start after the one-character opening mark
            _struck_spans(node.children, offset + 1, out)
        elif isinstance(node, Tagged) and node.parts:
            # a substitution's first part is crossed out: a deletion is a layer, an addition is text
            at = offset + 1 + len(node.name) + len(node.head)
            for index, part in enumerate(node.parts):
                at += 1
                if node.name == "subst" and index == 0:
                    out.append((at, at + len(render_nodes(part))))
                else:
                    _struck_spans(part, at, out)
                at += len(render_nodes(part))
        elif isinstance(node, PrintedMargin):
            _struck_spans(node.children, offset + len(node.label), out)
        offset += size
    return offset


def struck_spans(text: str) -> list[tuple[int, int]]:
    """Raw spans ``[start, end)`` of the struck passages in a witness's body, marks included."""
    out: list[tuple[int, int]] = []
    _struck_spans(parse_cached(text).body, 0, out)
    return out


def has_layers(text: str) -> bool:
    """True when the witness's body has struck text, so it has a before and an after layer."""
    return bool(struck_spans(text))


def paragraph_of(paras: list[Paragraph], offset: int) -> tuple[int, int]:
    """(paragraph number, its raw start) of the paragraph holding a raw offset.

    Offsets between paragraphs belong to the paragraph before them; offsets before the first one
    to the first. Numbers count the non-empty paragraphs from 0, as segment lines do (``p3``).
    """
    return paragraph_at([p.start for p in paras], offset)


def paragraph_at(starts: list[int], offset: int) -> tuple[int, int]:
    """:func:`paragraph_of` given the paragraphs' raw starts (sorted), for callers asking often."""
    index = bisect_right(starts, offset) - 1
    return (0, 0) if index < 0 else (index, starts[index])


def variant_id(siglum: str, paras: list[Paragraph], offset: int, suffix: str = "") -> str:
    """A variant's name: witness, paragraph and raw offset inside it: ``ru-autograph.p1.93``.

    Derived only from the witness text, so it is the same on every run and with any set of
    collated witnesses; it changes only when that paragraph of that witness is edited before
    the place. ``suffix`` ``+`` names an insertion before the offset.
    """
    number, start = paragraph_of(paras, offset)
    return f"{siglum}.p{number}.{offset - start}{suffix}"


def struck_passages(siglum: str, text: str) -> tuple[StruckPassage, ...]:
    """The struck passages of a witness, each with its stable variant id and reading text."""
    # a substitution's crossed-out part is a layer too, but not a passage of its own: its mark says it
    spans = [s for s in struck_spans(text) if text.startswith("~~", s[0])]
    if not spans:
        return ()
    paras = paragraphs(text)
    out = []
    for start, end in spans:
        reading = " ".join(text_of(text, start + 2, end - 2).split())
        number, _ = paragraph_of(paras, start)
        out.append(StruckPassage(variant_id(siglum, paras, start), siglum, start, end, reading, number))
    return tuple(out)


def text_of(text: str, start: int, end: int) -> str:
    """The reading text of a raw span: marks removed, note references dropped, struck text kept."""
    return "".join(r.text for r in runs_in(runs_of(text), start, end) if Mark.NOTE_REF not in r.marks)
