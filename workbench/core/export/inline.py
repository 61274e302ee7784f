"""From segments to inline runs: the witness's own marks for unedited segments, the markup of the
edit for edited ones, and the words an editor marked as struck (``variant-mark``) laid over both."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from workbench.core.errors import MarkupError
from workbench.core.export.model import Inline
from workbench.core.export.xmltree import clean
from workbench.core.markup import (
    ATOMS,
    MANUSCRIPT_MARKS,
    Element,
    Mark,
    Run,
    RunIndex,
    Transcription,
    parse_inline,
    runs,
)
from workbench.core.models import Segment

_SPACE = re.compile(r"[ \t\r\n]+")
StruckSpan = tuple[int, int, str]  # raw start, raw end, variant id
_OLDER = frozenset({"struck", "italic", "supplied"})


def squash(text: str) -> str:
    """Runs of spaces, tabs and newlines become one space (a no-break space is kept: it is meant);
    a control character, which no XML format can carry, becomes U+FFFD."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        text = _SPACE.sub(" ", text)
    return clean(text)


_Group = tuple[list[str], frozenset[Mark], str | None, str | None, tuple[Element, ...], list[str]]


def _finish(groups: list[_Group]) -> tuple[Inline, ...]:
    """Groups of (texts, marks, note, variant, elements, hidden) → inlines; outer whitespace trimmed,
    empties dropped (a hand shift, page break or unread part is kept: it is a mark without text)."""
    out = [Inline("", marks, note, variant) if note is not None else
           Inline(squash("".join(texts)), marks, None, variant, elements, squash("".join(hidden)))
           for texts, marks, note, variant, elements, hidden in groups]
    if out and out[0].note_ref is None:
        out[0] = replace(out[0], text=out[0].text.lstrip())
    if out and out[-1].note_ref is None:
        out[-1] = replace(out[-1], text=out[-1].text.rstrip())
    return tuple(i for i in out if i.note_ref is not None or i.text or i.elements)


def manuscript_elements(run: Run) -> tuple[Element, ...]:
    """The manuscript marks a run lies in (the older marks left out: their inlines stay as they were)."""
    if not run.elements or not run.marks & MANUSCRIPT_MARKS:
        return ()
    return tuple(e for e in run.elements if e.kind not in _OLDER)


def runs_to_inlines(items: Iterable[tuple[Run, str | None]]) -> tuple[Inline, ...]:
    """Runs (each with the variant that marks it struck, if any) → inlines; neighbours with the
    same marks are joined and whitespace runs become one space."""
    groups: list[_Group] = []
    for run, variant in items:
        if Mark.NOTE_REF in run.marks:
            groups.append(([], frozenset(run.marks - {Mark.NOTE_REF}), run.label, None, (), []))
            continue
        elements = manuscript_elements(run)
        if run.text or elements:
            last = groups[-1] if groups else None
            if (last is not None and last[2] is None and last[1] == run.marks and last[3] == variant
                    and last[4] == elements and not (elements and elements[-1].kind in ATOMS)):
                last[0].append(run.text)
                last[5].append(run.hidden)
            else:
                groups.append(([run.text], run.marks, None, variant, elements, [run.hidden]))
    return _finish(groups)


def overlay(items: list[Run], spans: list[StruckSpan]) -> list[tuple[Run, str | None]]:
    """Mark the parts of ``items`` inside each raw span as struck, naming the span's variant.

    Runs whose raw width differs from their text (escapes) are marked whole or not at all.
    """
    out: list[tuple[Run, str | None]] = [(run, None) for run in items]
    for lo, hi, variant in spans:
        next_out: list[tuple[Run, str | None]] = []
        for run, var in out:
            if run.end <= lo or run.start >= hi or Mark.NOTE_REF in run.marks:
                next_out.append((run, var))
                continue
            exact = run.end - run.start == len(run.text)
            cut_lo = max(lo, run.start) if exact else run.start
            cut_hi = min(hi, run.end) if exact else run.end
            parts = ((run.start, cut_lo, False), (cut_lo, cut_hi, True), (cut_hi, run.end, False))
            for a, b, inside in parts:
                if b <= a:
                    continue
                text = run.text[a - run.start:b - run.start] if exact else run.text
                marks = run.marks | {Mark.STRUCK} if inside else run.marks
                next_out.append((Run(a, b, text, marks, run.label, run.witness_note, run.elements, run.hidden),
                                 variant if inside else var))
        out = next_out
    return out


def markup_inlines(text: str) -> tuple[Inline, ...]:
    """Inlines of a text in transcription markup (an edit); unbalanced markup is kept literally."""
    try:
        nodes = parse_inline(text)
    except MarkupError:
        return _finish([([text], frozenset(), None, None, (), [])])
    return runs_to_inlines((run, None) for run in runs(Transcription(nodes, ())))


def mark_words(inlines: tuple[Inline, ...], words: str, variant: str) -> tuple[tuple[Inline, ...], bool]:
    """Mark the first occurrence of ``words`` in some inlines as struck (an edited segment, where the
    witness's offsets no longer apply). Returns the inlines and whether the words were found."""
    needle = squash(words).strip()
    flat = "".join(i.text for i in inlines)
    at = flat.find(needle) if needle else -1
    if at < 0:
        return inlines, False
    lo, hi = at, at + len(needle)
    out: list[Inline] = []
    pos = 0
    for item in inlines:
        size = len(item.text)
        a, b = max(lo - pos, 0), min(hi - pos, size)
        if item.note_ref is not None or b <= 0 or a >= size:
            out.append(item)
        else:
            for x, y, inside in ((0, a, False), (a, b, True), (b, size, False)):
                if y > x:
                    marks = item.marks | {Mark.STRUCK} if inside else item.marks
                    out.append(replace(item, text=item.text[x:y], marks=marks,
                                       variant=variant if inside else item.variant))
        pos += size
    return tuple(out), True


def segment_inlines(segment: Segment, index: RunIndex | None, spans: list[StruckSpan]) -> tuple[Inline, ...]:
    """An unedited segment's inlines: from the witness runs when they match the alignment, else
    from the segment's own text (which may cut a mark in two, hence the fallback)."""
    if index is None:
        return markup_inlines(segment.text)
    inside = [s for s in spans if s[0] < segment.end and s[1] > segment.start]
    return runs_to_inlines(overlay(index.within(segment.start, segment.end), inside))

