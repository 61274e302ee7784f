"""Finding note markers that a web copy flattened into the text ("Kharkiv 24/7 1", "progress 2.",
"questions 1We") and numbering notes that lost their number.

Markers are searched in order (1, 2, 3 …), each after the previous one, and only for numbers that a
note can take, which keeps dates, quantities and reference numbers out. Each hit gets a certainty
from the shape of its context (see ``_SHAPES``); the figures are judgements, documented in
docs/transcription.md, not measurements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words after which a number is part of the text, not a note reference.
_NUMBER_WORDS = re.compile(
    r"(?:\bNo|\bp|\bpp|\bP|\bT|\bvol|\bVol|\bS|\bL|\bD|\bF|\bOp|\bOn|\bitem|\bart|\bArt|№|\bг|\bс|\bст)\.?\s*$"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|of|the|and|to|from|by|at|on|in|for|with|than|over|under|about|some|only)\s*$",
)


@dataclass(frozen=True)
class MarkerHit:
    """A flattened note marker: where it is in the paragraph and what replaced what."""

    label: str
    paragraph: int
    start: int
    end: int
    received: str
    markup: str  # the marker as the witness writes it: ``[^2]`` (and a space when the web copy glued it)
    certainty: float
    shape: str
    context: str


# (name, pattern around the digits, certainty, needs a space inserted after the marker)
_SHAPES: tuple[tuple[str, str, float], ...] = (
    ("before spaced punctuation", r"(?P<sp> )(?P<n>\d{1,2})(?= [.,;:!?)])", 0.95),
    ("glued to the next sentence", r"(?P<sp> )(?P<n>\d{1,2})(?=[A-ZА-ЯЁ][a-zа-яё])", 0.9),
    ("before punctuation", r"(?P<sp> )(?P<n>\d{1,2})(?=[.,;:](?:\s|$))", 0.85),
    ("at the end of a place/date line", r"(?P<sp> )(?P<n>\d{1,2})(?=\s*$)", 0.7),
    ("between words", r"(?P<sp> )(?P<n>\d{1,2})(?= [a-zа-яё])", 0.6),
)


def _context(text: str, start: int, end: int, width: int = 24) -> str:
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    snippet = text[lo:hi].replace("\n", " / ")
    return ("…" if lo else "") + snippet + ("…" if hi < len(text) else "")


def _candidates(text: str, label: str, after: int) -> list[tuple[int, int, str, float]]:
    out = []
    for name, pattern, certainty in _SHAPES:
        for match in re.finditer(pattern, text):
            if match.group("n") != label or match.start() < after:
                continue
            before = text[:match.start()]
            if not before or not re.search(r"[A-Za-zА-Яа-яЁё)\]»”]$|\d/[0-9IVX]+$", before):
                continue
            if _NUMBER_WORDS.search(before):
                continue
            out.append((match.start(), match.end(), name, certainty))
    out.sort()
    return out


def find_markers(paragraphs: list[str], labels: list[str]) -> list[MarkerHit]:
    """Find the markers of ``labels`` (in order) in body paragraphs; missing ones are skipped."""
    hits: list[MarkerHit] = []
    para, pos = 0, 0
    for label in labels:
        found = None
        for p in range(para, len(paragraphs)):
            cands = _candidates(paragraphs[p], label, pos if p == para else 0)
            if cands:
                start, end, shape, certainty = cands[0]
                found = (p, start, end, shape, certainty)
                break
        if found is None:
            continue
        p, start, end, shape, certainty = found
        text = paragraphs[p]
        glued = shape == "glued to the next sentence"
        hits.append(
            MarkerHit(
                label=label,
                paragraph=p,
                start=start,
                end=end,
                received=text[start:end],
                markup=f"[^{label}]" + (" " if glued else ""),
                certainty=certainty,
                shape=shape,
                context=_context(text, start, end),
            )
        )
        para, pos = p, end
    return hits


_NOTE_HEAD = re.compile(r"^(?P<n>\d{1,2})(?P<sep>\s*\.\s+|\s+|(?=[A-ZА-ЯЁ“\"«(\[]))")


def split_note_number(paragraph: str) -> tuple[str | None, str, str]:
    """``"2On July 25"`` → ``("2", "2", "On July 25")``: number, received prefix, text."""
    match = _NOTE_HEAD.match(paragraph)
    if not match:
        return None, "", paragraph
    return match.group("n"), match.group(), paragraph[match.end():]


_LOST_MARKER = re.compile(r"[^\s\d] \s*[.,;:)](?=\s|$)")


def lost_marker_places(text: str) -> list[str]:
    """Places where a space before punctuation suggests a marker (or italics) was lost in copying."""
    return [_context(text, m.start(), m.end(), 20) for m in _LOST_MARKER.finditer(text)]
