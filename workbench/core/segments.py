"""From a witness text to its segments: paragraphs, then sentences, located in the raw text.

Sentence splitting runs on the reading text of each paragraph (marks removed, note references
dropped) and the spans are mapped back to raw offsets, so a segment's span and text include the
marks around it. Paragraphs are separated by a blank line; each note starts a paragraph.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from workbench.core.lines import one_line
from workbench.core.markup import Mark, Run, runs_in, runs_of
from workbench.core.models import Segment
from workbench.core.sentences import split_sentences

_OLDER_MARKS = frozenset({"struck", "italic", "supplied"})
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n\s*")
# What segmentation and the aligner take per witness (docs/reliability.md): a paragraph is split into
# sentences in one piece, and the aligner holds every sentence of a side at once.
MAX_PARAGRAPH_CHARS = 100_000
MAX_WITNESS_CHARS = 3_000_000  # about War and Peace in Russian; at typical sentence lengths under the aligner's limit


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its raw range, reading text, and for each reading char its raw range (compact
    arrays: as tuples of ints the two maps cost ~70 bytes per character, 700 MB for a 10 MB text)."""

    start: int
    end: int
    text: str
    raw_start: Sequence[int]
    raw_end: Sequence[int]
    witness_note: str | None


def _paragraph_ranges(source: str, all_runs: list[Run]) -> list[tuple[int, int]]:
    cuts = [0]
    for match in _BLANK_LINE.finditer(source):
        cuts.extend((match.start(), match.end()))
    cuts.append(len(source))
    ranges = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    # a note head starts a paragraph even without a blank line before it
    note_starts = sorted({r.start for r in _first_runs_of_notes(all_runs)})
    out: list[tuple[int, int]] = []
    for lo, hi in ranges:
        inner = [s for s in note_starts if lo < s < hi]
        edges = [lo] + inner + [hi]
        out.extend((edges[i], edges[i + 1]) for i in range(len(edges) - 1))
    return out


def _first_runs_of_notes(all_runs: list[Run]) -> list[Run]:
    seen: set[str] = set()
    firsts = []
    for run in all_runs:
        if run.witness_note is not None and run.witness_note not in seen:
            seen.add(run.witness_note)
            firsts.append(run)
    return firsts


def paragraphs(source: str) -> list[Paragraph]:
    """The paragraphs of a witness (body and notes) with their reading text and offset maps."""
    return list(iter_paragraphs(source))


def iter_paragraphs(source: str) -> Iterator[Paragraph]:
    """:func:`paragraphs` one at a time, so that only one paragraph's offset maps are alive."""
    all_runs = runs_of(source)
    for lo, hi in _paragraph_ranges(source, all_runs):
        text: list[str] = []
        raw_start = array("q")
        raw_end = array("q")
        note: str | None = None
        for run in runs_in(all_runs, lo, hi):
            if Mark.NOTE_REF in run.marks:
                continue
            note = run.witness_note if note is None else note
            text.append(run.text)
            if run.end - run.start == len(run.text):  # one raw char per reading char
                raw_start.extend(range(run.start, run.end))
                raw_end.extend(range(run.start + 1, run.end + 1))
            else:  # an escape: its reading char stands for the whole raw run
                raw_start.extend([run.start] * len(run.text))
                raw_end.extend([run.end] * len(run.text))
        joined = "".join(text)
        if joined.strip():
            yield Paragraph(lo, hi, joined, raw_start, raw_end, note)


def _marks_at(all_runs: list[Run], raw: int) -> set[tuple[str, int]]:
    """The manuscript marks (``{add|…}`` …, not the older marks) the run at a raw offset lies in."""
    at = bisect.bisect_right(all_runs, raw, key=lambda r: r.end)
    if at >= len(all_runs) or all_runs[at].start > raw:
        return set()
    return {(e.kind, e.start) for e in all_runs[at].elements if e.kind not in _OLDER_MARKS}


def _whole_marks(spans: list[tuple[int, int]], para: Paragraph, all_runs: list[Run]) -> list[tuple[int, int]]:
    """Sentences joined where a boundary falls inside a manuscript mark (``{abbr|Com.|Comrade} Lenin``,
    a resolution of two sentences): a mark is never cut in two, so each segment keeps whole marks."""
    out: list[tuple[int, int]] = []
    for ps, pe in spans:
        before = _marks_at(all_runs, para.raw_end[out[-1][1] - 1] - 1) if out else set()
        # ... nor does a sentence end at an abbreviation's full stop ("to {abbr|Com.|Comrade} Lenin.")
        if out and (before & _marks_at(all_runs, para.raw_start[ps]) or any(k == "abbr" for k, _ in before)):
            out[-1] = (out[-1][0], pe)
        else:
            out.append((ps, pe))
    return out


def _reading_spaces(para: Paragraph, lo: int, hi: int) -> list[int]:
    """Raw offsets in ``[lo, hi)`` of the paragraph's reading characters that are whitespace."""
    first = bisect.bisect_left(para.raw_start, lo)
    out = []
    for i in range(first, len(para.raw_start)):
        at = para.raw_start[i]
        if at >= hi:
            break
        if para.text[i].isspace() and para.raw_end[i] - at == 1:
            out.append(at)
    return out


def segment_witness(source: str, language: str, prefix: str) -> tuple[Segment, ...]:
    """Segments ``<prefix>1 … <prefix>N`` of a witness, in reading order."""
    segs: list[Segment] = []
    all_runs = runs_of(source) if "{" in source else []
    for number, para in enumerate(iter_paragraphs(source)):
        spans = split_sentences(para.text, language)
        if all_runs:
            spans = _whole_marks(spans, para, all_runs)
        bounds: list[tuple[int, int]] = []
        for k, (ps, pe) in enumerate(spans):
            start = para.raw_start[ps]
            if k + 1 < len(spans):
                nxt = para.raw_start[spans[k + 1][0]]
                spaces = _reading_spaces(para, para.raw_end[pe - 1], nxt)
                end = spaces[0] if spaces else para.raw_end[pe - 1]
            else:
                end = para.end
            bounds.append((start, end))
        # the text between sentences (marks, references) belongs to the neighbours, never to nobody; only
        # spaces of the reading text part them (a mark's head, "{add above pencil|", has spaces of its own)
        for k, (start, end) in enumerate(bounds):
            if k + 1 < len(bounds):
                nxt_start = bounds[k + 1][0]
                spaces = _reading_spaces(para, end, nxt_start)
                bounds[k + 1] = ((spaces[-1] + 1) if spaces else end, bounds[k + 1][1])
            if k == 0:
                spaces = _reading_spaces(para, para.start, start)
                start = spaces[-1] + 1 if spaces else para.start
            raw = source[start:end]
            lead = len(raw) - len(raw.lstrip())
            trail = len(raw.rstrip())
            s, e = start + lead, start + trail
            segs.append(Segment(f"{prefix}{len(segs) + 1}", s, e, one_line(source[s:e]), number, para.witness_note))
    return tuple(segs)


def size_problem(source: str) -> tuple[int | None, str] | None:
    """Why a witness is more than segmentation and the aligner can hold, with the character offset of
    the paragraph (None for the whole text); None when it is within the limits."""
    if len(source) > MAX_WITNESS_CHARS:
        return None, (f"the text has {len(source):,} characters; a witness may have up to {MAX_WITNESS_CHARS:,} "
                   "to be aligned: split it into several documents")
    start = 0
    for match in [*_BLANK_LINE.finditer(source), None]:
        end = len(source) if match is None else match.start()
        if end - start > MAX_PARAGRAPH_CHARS:
            return start, (f"a paragraph of {end - start:,} characters; paragraphs may have up to "
                           f"{MAX_PARAGRAPH_CHARS:,}: break it into several (a blank line between them)")
        start = end if match is None else match.end()
    return None


def segment_runs(source_runs: list[Run], segment: Segment) -> list[Run]:
    """The styled runs of a segment (for display: struck, italic, supplied …)."""
    return runs_in(source_runs, segment.start, segment.end)


def reading_text(source_runs: list[Run], segment: Segment) -> str:
    """A segment's reading text: marks removed, note references dropped, whitespace collapsed."""
    return " ".join("".join(r.text for r in segment_runs(source_runs, segment)
                            if Mark.NOTE_REF not in r.marks).split())
