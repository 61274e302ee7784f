"""Transcription markup: parse a witness into spans, render it back byte for byte.

The marks (documented in ``docs/transcription.md``)::

    ~~text~~    crossed out in the witness          *text*    italic in the witness
    [text]      editorial supplement as printed     [...]     editorial omission ([…] and [... ] too)
    [^n]        note reference                      [^n]: …   a note (at line start; ends the body)
    \\~ \\* \\[ \\] \\\\ \\^   a literal character

``render(parse(s)) == s`` holds for every ``s`` that ``parse`` accepts. Written here rather than with a
Markdown library because no library round-trips byte for byte or knows these editorial marks.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from workbench.core.errors import Location, MarkupError


class Mark(StrEnum):
    """A transcription mark a run of text can carry."""

    STRUCK = "struck"
    ITALIC = "italic"
    SUPPLIED = "supplied"
    OMISSION = "omission"
    NOTE_REF = "note_ref"


@dataclass(frozen=True)
class Text:
    """Plain text, possibly with newlines."""

    text: str


@dataclass(frozen=True)
class Escape:
    """A backslash-escaped literal character."""

    char: str


@dataclass(frozen=True)
class Struck:
    """A passage crossed out in the witness."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Italic:
    """A passage in italics in the witness."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Supplied:
    """An editorial supplement in square brackets, as printed (``Predrevsov[et]``)."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Omission:
    """An editorial omission mark; ``raw`` keeps its exact spelling (``[...]``, ``[…]``, ``[... ]``)."""

    raw: str


@dataclass(frozen=True)
class NoteRef:
    """A note reference ``[^label]``."""

    label: str


Node = Text | Escape | Struck | Italic | Supplied | Omission | NoteRef


@dataclass(frozen=True)
class WitnessNote:
    """A note: ``[^label]:`` + separator (usually one space) + its text up to the next note."""

    label: str
    separator: str
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Transcription:
    """A parsed witness: the body, then the notes."""

    body: tuple[Node, ...]
    notes: tuple[WitnessNote, ...]


ESCAPABLE = "~*[]\\^"
_TOKEN = re.compile(
    r"~~|\*|\\.|\[\^[^\]\s\[]+\]|\[\s*(?:\.\.\.|…)\s*\]|\[|\]",
    re.DOTALL,
)
_NOTE_START = re.compile(r"^\[\^([^\]\s\[]+)\]:( ?)", re.MULTILINE)
_OPENERS: dict[str, type[Struck] | type[Italic] | type[Supplied]] = {"~~": Struck, "*": Italic, "[": Supplied}
_CLOSER_OF = {"~~": "~~", "*": "*", "[": "]"}


def _line_col(source: str, offset: int, base_line: int = 1) -> tuple[int, int]:
    line = source.count("\n", 0, offset)
    last_nl = source.rfind("\n", 0, offset)
    return base_line + line, offset - last_nl


class _Frame:
    __slots__ = ("opener", "offset", "children", "text_start")

    def __init__(self, opener: str, offset: int) -> None:
        self.opener = opener
        self.offset = offset
        self.children: list[Node] = []


def _parse_inline(source: str, start: int, end: int, full: str) -> tuple[Node, ...]:
    """Parse ``full[start:end]`` into nodes; positions in errors refer to ``full``."""
    stack: list[_Frame] = [_Frame("", start)]
    pos = start

    def flush(upto: int) -> None:
        if upto > pos:
            chunk = full[pos:upto]
            top = stack[-1].children
            if top and isinstance(top[-1], Text):
                top[-1] = Text(top[-1].text + chunk)
            else:
                top.append(Text(chunk))

    def fail(message: str, offset: int) -> MarkupError:
        line, col = _line_col(full, offset)
        return MarkupError(message, Location(line=line, column=col))

    for match in _TOKEN.finditer(full, start, end):
        tok = match.group()
        flush(match.start())
        pos = match.end()
        top = stack[-1]
        if tok.startswith("\\"):
            char = tok[1]
            if char in ESCAPABLE:
                top.children.append(Escape(char))
            else:  # a lone backslash is ordinary text
                flush_text = tok
                if top.children and isinstance(top.children[-1], Text):
                    top.children[-1] = Text(top.children[-1].text + flush_text)
                else:
                    top.children.append(Text(flush_text))
            continue
        if tok.startswith("[^"):
            top.children.append(NoteRef(tok[2:-1]))
            continue
        if tok.startswith("[") and len(tok) > 1:
            top.children.append(Omission(tok))
            continue
        if tok == "[":
            stack.append(_Frame("[", match.start()))
            continue
        if tok == "]":
            if top.opener != "[":
                if top.opener:
                    line, col = _line_col(full, top.offset)
                    raise fail(f"']' closes a bracket, but '{top.opener}' opened at {line}:{col} is still open",
                               match.start())
                raise fail("']' without an opening '['; write \\] for a literal bracket", match.start())
            frame = stack.pop()
            if "\n" in full[frame.offset:match.start()]:
                raise fail("'[' is not closed on its line; write \\[ for a literal bracket", frame.offset)
            stack[-1].children.append(Supplied(tuple(frame.children)))
            continue
        # ~~ or *: close when the innermost open mark matches, else open
        if top.opener == tok:
            frame = stack.pop()
            if not frame.children:
                raise fail(f"empty '{tok}{tok}' span; write \\{tok[0]} for a literal character", frame.offset)
            stack[-1].children.append(_OPENERS[tok](tuple(frame.children)))
            continue
        for frame in stack[1:]:
            if frame.opener == tok:
                inner = stack[-1]
                line, col = _line_col(full, inner.offset)
                raise fail(f"'{tok}' closes, but '{inner.opener}' opened at {line}:{col} is still open",
                           match.start())
        stack.append(_Frame(tok, match.start()))
    flush(end)
    if len(stack) > 1:
        frame = stack[-1]
        what = {"~~": "struck passage '~~'", "*": "italic '*'", "[": "bracket '['"}[frame.opener]
        raise fail(f"{what} is opened here and never closed; escape it (\\{frame.opener[0]}) if it is literal",
                   frame.offset)
    return tuple(stack[0].children)


def parse_inline(text: str) -> tuple[Node, ...]:
    """Parse a fragment with no notes (one paragraph, a title) into inline nodes."""
    return _parse_inline(text, 0, len(text), text)


def parse(source: str) -> Transcription:
    """Parse a witness text. Raises ``MarkupError`` (with line and column) on unbalanced marks."""
    first = _NOTE_START.search(source)
    body_end = first.start() if first else len(source)
    body = _parse_inline(source, 0, body_end, source)
    notes: list[WitnessNote] = []
    starts = list(_NOTE_START.finditer(source, body_end))
    for index, match in enumerate(starts):
        content_end = starts[index + 1].start() if index + 1 < len(starts) else len(source)
        children = _parse_inline(source, match.end(), content_end, source)
        notes.append(WitnessNote(match.group(1), match.group(2), children))
    return Transcription(body, tuple(notes))


def render_nodes(nodes: tuple[Node, ...] | list[Node]) -> str:
    """Render inline nodes back to markup."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Escape):
            out.append("\\" + node.char)
        elif isinstance(node, Struck):
            out.append("~~" + render_nodes(node.children) + "~~")
        elif isinstance(node, Italic):
            out.append("*" + render_nodes(node.children) + "*")
        elif isinstance(node, Supplied):
            out.append("[" + render_nodes(node.children) + "]")
        elif isinstance(node, Omission):
            out.append(node.raw)
        elif isinstance(node, NoteRef):
            out.append("[^" + node.label + "]")
        else:  # pragma: no cover - exhaustive
            raise TypeError(node)
    return "".join(out)


def render(doc: Transcription) -> str:
    """Render a parsed witness back to its exact text."""
    parts = [render_nodes(doc.body)]
    for note in doc.notes:
        parts.append(f"[^{note.label}]:{note.separator}" + render_nodes(note.children))
    return "".join(parts)


def escape(text: str) -> str:
    """Escape plain text so that it parses back as the same literal characters."""
    return re.sub(r"([~*\[\]\\^])", r"\\\1", text)


# --------------------------------------------------------------------------------------------- runs


@dataclass(frozen=True)
class Run:
    """A stretch of text with one set of marks, located in the raw witness (``start``/``end``).

    ``text`` is what a reader sees (an escape's character, an omission's spelling; empty for a note
    reference, whose label is in ``label``). ``note`` is the label of the note the run sits in.
    """

    start: int
    end: int
    text: str
    marks: frozenset[Mark]
    label: str | None = None
    witness_note: str | None = None


def _walk(nodes: tuple[Node, ...], offset: int, marks: frozenset[Mark], note: str | None) -> Iterator[Run]:
    for node in nodes:
        if isinstance(node, Text):
            yield Run(offset, offset + len(node.text), node.text, marks, None, note)
            offset += len(node.text)
        elif isinstance(node, Escape):
            yield Run(offset, offset + 2, node.char, marks, None, note)
            offset += 2
        elif isinstance(node, Omission):
            yield Run(offset, offset + len(node.raw), node.raw, marks | {Mark.OMISSION}, None, note)
            offset += len(node.raw)
        elif isinstance(node, NoteRef):
            size = len(node.label) + 3
            yield Run(offset, offset + size, "", marks | {Mark.NOTE_REF}, node.label, note)
            offset += size
        else:
            mark, width = {Struck: (Mark.STRUCK, 2), Italic: (Mark.ITALIC, 1), Supplied: (Mark.SUPPLIED, 1)}[
                type(node)
            ]
            inner = node.children
            node_start = offset
            if mark is Mark.SUPPLIED:  # the brackets stay in the text as printed
                yield Run(offset, offset + 1, "[", marks | {mark}, None, note)
            offset += width
            yield from _walk(inner, offset, marks | {mark}, note)
            offset = node_start + len(render_nodes((node,)))
            if mark is Mark.SUPPLIED:
                yield Run(offset - 1, offset, "]", marks | {mark}, None, note)


def runs(doc: Transcription) -> list[Run]:
    """Flatten a parsed witness into runs that carry raw offsets and marks, body then notes."""
    out = list(_walk(doc.body, 0, frozenset(), None))
    offset = len(render_nodes(doc.body))
    for note in doc.notes:
        head = len(note.label) + 4 + len(note.separator)
        offset += head
        out.extend(_walk(note.children, offset, frozenset(), note.label))
        offset += len(render_nodes(note.children))
    return out


@functools.lru_cache(maxsize=32)
def _parsed(text: str) -> tuple[Transcription, tuple[Run, ...]]:
    doc = parse(text)
    return doc, tuple(runs(doc))


def parse_cached(text: str) -> Transcription:
    """:func:`parse`, remembered for the last few texts: exports, collation and the apparatus ask
    for the same witnesses many times (the result is immutable, so sharing it is safe)."""
    return _parsed(text)[0]


def runs_of(text: str) -> list[Run]:
    """``runs(parse(text))``, remembered like :func:`parse_cached` (a fresh list each call)."""
    return list(_parsed(text)[1])


def runs_in(all_runs: list[Run], start: int, end: int) -> list[Run]:
    """The runs (cut to size) that fall within raw offsets ``[start, end)``.

    ``all_runs`` is in witness order (as :func:`runs` gives it), so the first run is found by
    bisection: asking for every paragraph of a long witness stays linear overall.
    """
    out: list[Run] = []
    first = bisect.bisect_right(all_runs, start, key=lambda r: r.end)
    for run in all_runs[first:]:
        if run.start >= end:
            break
        if run.start >= start and run.end <= end:
            out.append(run)
            continue
        if run.end - run.start != len(run.text):  # escapes, refs: keep whole or drop
            continue
        lo, hi = max(run.start, start), min(run.end, end)
        out.append(Run(lo, hi, run.text[lo - run.start:hi - run.start], run.marks, run.label, run.witness_note))
    return out


class RunIndex:
    """The runs of one witness in witness order, asked for the runs of a raw span (a segment, a
    passage). Empty when the witness is unknown or no longer matches its alignment."""

    __slots__ = ("runs",)

    def __init__(self, all_runs: list[Run] | None = None) -> None:
        self.runs: list[Run] = all_runs or []

    @classmethod
    def of_text(cls, text: str | None) -> RunIndex:
        """The index of a witness text (``None``: an empty index)."""
        return cls(runs_of(text) if text else [])

    def __bool__(self) -> bool:
        return bool(self.runs)

    def within(self, start: int, end: int) -> list[Run]:
        """The runs of raw span ``[start, end)``, cut to size (:func:`runs_in`)."""
        return runs_in(self.runs, start, end)


def plain(all_runs: list[Run]) -> str:
    """The reading text of some runs: marks removed, struck text kept, note references dropped."""
    return "".join(run.text for run in all_runs)
