"""The collation table: the base witness segment by segment, each with its variant locations and
the text of every collated witness that corresponds to it (what the CLI prints and the collation
view shows side by side)."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.markup import DELETIONS, Mark, diplomatic_text, runs_in, runs_of
from workbench.core.models import Segment
from workbench.core.segments import segment_witness
from workbench.core.variants.collate import Collation, VariantLocation
from workbench.core.variants.layers import AFTER


@dataclass(frozen=True)
class Cell:
    """One witness's text for a base segment: raw span, text as read, and the spans (raw offsets)
    of its words that take part in a variant location, with that location's id."""

    witness: str
    start: int
    end: int
    text: str
    marked: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class Row:
    """A base segment with its variant locations and one cell per collated witness."""

    segment: Segment
    locations: tuple[VariantLocation, ...]
    cells: tuple[Cell, ...]


def base_segments(collation: Collation, base_text: str) -> tuple[Segment, ...]:
    """The base witness's body segments (``s1…``, as the segmenter cuts it)."""
    base = collation.layers[0]
    return tuple(s for s in segment_witness(base_text, base.language, "s") if s.witness_note is None)


def _owner(segments: tuple[Segment, ...], position: int) -> int:
    """Index of the segment that holds a raw position (the one before it, between segments)."""
    owner = 0
    for k, seg in enumerate(segments):
        if seg.start <= position:
            owner = k
    return owner


def shown_text(text: str, start: int, end: int, layer: str | None) -> str:
    """A raw span as read in a layer: marks removed, note references dropped, struck text left out
    of the ``after`` layer."""
    keep = [r for r in runs_in(runs_of(text), start, end) if Mark.NOTE_REF not in r.marks
            and not (layer == AFTER and r.marks & DELETIONS)]
    return " ".join(diplomatic_text(keep).split())


def rows(collation: Collation, texts: dict[str, str], only_variants: bool = False) -> list[Row]:
    """The table: one row per base segment (only those with variants when asked)."""
    base = collation.layers[0]
    segments = base_segments(collation, texts[base.siglum])
    located: dict[int, list[VariantLocation]] = {}
    for loc in collation.locations:
        located.setdefault(_owner(segments, loc.readings[0].start), []).append(loc)
    out = []
    for k, seg in enumerate(segments):
        locs = tuple(located.get(k, ()))
        if only_variants and not locs:
            continue
        cells = []
        for layer in collation.layers:
            lo, hi = collation.span_in(layer.name, seg.start, seg.end)
            marked = tuple((r.start, r.end, loc.id) for loc in locs for r in loc.readings
                           if r.witness == layer.name and not r.empty)
            cells.append(Cell(layer.name, lo, hi, shown_text(texts[layer.siglum], lo, hi, layer.layer), marked))
        out.append(Row(seg, locs, tuple(cells)))
    return out


@dataclass(frozen=True)
class CellPiece:
    """A stretch of a cell as shown: its text, whether it is struck, and the variant it belongs to."""

    text: str
    struck: bool = False
    variant: str | None = None


def pieces(text: str, cell: Cell, layer: str | None) -> tuple[CellPiece, ...]:
    """A cell's text in styled stretches (struck words, words at a variant location), for display."""
    out: list[CellPiece] = []
    replaced = False  # the last run shown was a substitution's old words: a space parts them from the new
    for run in runs_in(runs_of(text), cell.start, cell.end):
        struck = bool(run.marks & DELETIONS)
        if Mark.NOTE_REF in run.marks or (layer == AFTER and struck):
            continue
        if replaced and Mark.REPLACEMENT in run.marks and run.text[:1] not in ("", " "):
            out.append(CellPiece(" "))
        replaced = Mark.REPLACED in run.marks if run.text else replaced
        exact = run.end - run.start == len(run.text)
        for i, char in enumerate(run.text):
            at = run.start + i if exact else run.start
            variant = next((v for lo, hi, v in cell.marked if lo <= at < hi), None)
            char = " " if char in "\n\t" else char
            if out and out[-1].struck == struck and out[-1].variant == variant:
                out[-1] = CellPiece(out[-1].text + char, struck, variant)
            else:
                out.append(CellPiece(char, struck, variant))
    return tuple(out)
