"""Transcription markup: parse a witness into spans, render it back byte for byte.

The marks (documented in ``docs/transcription.md``)::

    ~~text~~    crossed out in the witness          *text*    italic in the witness
    [text]      editorial supplement as printed     [...]     editorial omission ([…] and [... ] too)
    [^n]        note reference                      [^n]: …   a note (at line start; ends the body)
    {NAME HEAD|part|part}   a manuscript mark: add, subst, u, uu, sp, unclear, gap, margin, hand, pb,
                abbr, sic (see ``mark_attributes``)
    [неразб.], [2 слова неразб.], [текст поврежден]   a printed edition's gap
    [Резолюция на полях:] …   a printed edition's marginal note, to the end of its paragraph
    \\~ \\* \\[ \\] \\\\ \\^ \\{ \\} \\|   a literal character

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
from workbench.core.mark_attributes import (
    EMPTY,
    PARTS,
    PRINTED_DAMAGE,
    PRINTED_GAP,
    PRINTED_MARGIN,
    Attributes,
    HeadError,
    parse_head,
    printed_gap_attributes,
    printed_margin_attributes,
)


class Mark(StrEnum):
    """A transcription mark a run of text can carry."""

    STRUCK = "struck"
    ITALIC = "italic"
    SUPPLIED = "supplied"
    OMISSION = "omission"
    NOTE_REF = "note_ref"
    ADDITION = "addition"
    REPLACED = "replaced"  # the words a substitution crossed out
    REPLACEMENT = "replacement"  # the words a substitution put in their place
    UNDERLINE = "underline"
    DOUBLE_UNDERLINE = "double_underline"
    SPACED = "spaced"  # emphasis by letter-spacing (разрядка)
    UNCLEAR = "unclear"
    ALTERNATIVE = "alternative"  # another reading of unclear words (not read)
    GAP = "gap"
    MARGIN = "margin"
    EDITORIAL = "editorial"  # a printed edition's own words introducing a marginal note
    HAND_SHIFT = "hand_shift"
    PAGE_BREAK = "page_break"
    ABBREVIATION = "abbreviation"
    EXPANSION = "expansion"  # what an abbreviation stands for (not read)
    SIC = "sic"
    CORRECTION = "correction"  # the correction of words written wrongly (not read)


#: Marks whose words are crossed out in the witness: the ``@before`` layer has them, ``@after`` not.
DELETIONS = frozenset({Mark.STRUCK, Mark.REPLACED})
#: Marks of the manuscript marks (``{…}`` and the printed formulas), beside the older five.
MANUSCRIPT_MARKS = frozenset(Mark) - {Mark.STRUCK, Mark.ITALIC, Mark.SUPPLIED, Mark.OMISSION, Mark.NOTE_REF}


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


@dataclass(frozen=True)
class Tagged:
    """A manuscript mark ``{name head|part|part}``: ``head`` is the raw text between the name and the
    first ``|`` (or ``}``), ``parts`` the parts after each ``|``."""

    name: str
    head: str
    parts: tuple[tuple[Node, ...], ...]

    @property
    def attributes(self) -> Attributes:
        """What the head says (it parsed when the mark was read)."""
        return _head_attributes(self.name, self.head)


@dataclass(frozen=True)
class PrintedGap:
    """A printed edition's formula for text it could not read or that is lost (``[2 слова неразб.]``)."""

    raw: str

    @property
    def attributes(self) -> Attributes:
        """Reason and extent read from the formula."""
        return printed_gap_attributes(self.raw)


@dataclass(frozen=True)
class PrintedMargin:
    """A printed edition's marginal note: its formula (``[Резолюция на полях:]``, brackets included)
    and the text after it to the end of the paragraph."""

    label: str
    children: tuple[Node, ...]

    @property
    def attributes(self) -> Attributes:
        """Kind and place read from the formula."""
        return printed_margin_attributes(self.label[1:-2])


Node = Text | Escape | Struck | Italic | Supplied | Omission | NoteRef | Tagged | PrintedGap | PrintedMargin


@functools.lru_cache(maxsize=256)
def _head_attributes(name: str, head: str) -> Attributes:
    return parse_head(name, head)


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


ESCAPABLE = "~*[]\\^{}|"
_BASE = r"~~|\*|\\.|\[\^[^\]\s\[]+\]|\[\s*(?:\.\.\.|…)\s*\]|\[|\]|\{|\}"
_PARAGRAPH_BREAK = r"\n[ \t\u00a0]*\n"
# The separator '|' is a token only inside a {mark}, a paragraph break only inside a printed marginal
# note: elsewhere they are text, and tokenising them would cost a string copy per paragraph.
_TOKENS = {
    (False, False): re.compile(_BASE, re.DOTALL),
    (True, False): re.compile(_BASE + r"|\|", re.DOTALL),
    (False, True): re.compile(_BASE + "|" + _PARAGRAPH_BREAK, re.DOTALL),
    (True, True): re.compile(_BASE + r"|\||" + _PARAGRAPH_BREAK, re.DOTALL),
}
_NOTE_START = re.compile(r"^\[\^([^\]\s\[]+)\]:( ?)", re.MULTILINE)
_MARK_HEAD = re.compile(r"\{([A-Za-z]*)([^|{}\n\\\[\]*~^]*)")
_OPENERS: dict[str, type[Struck] | type[Italic] | type[Supplied]] = {"~~": Struck, "*": Italic, "[": Supplied}
_WHAT = {"~~": "struck passage '~~'", "*": "italic '*'", "[": "bracket '['"}


def _line_col(source: str, offset: int, base_line: int = 1) -> tuple[int, int]:
    line = source.count("\n", 0, offset)
    last_nl = source.rfind("\n", 0, offset)
    return base_line + line, offset - last_nl


class _Frame:
    """An open mark while parsing: ``opener`` is ``~~``, ``*``, ``[``, ``{`` (a named mark, whose name,
    head and finished parts are kept) or ``margin`` (a printed marginal note)."""

    __slots__ = ("opener", "offset", "children", "name", "head", "parts", "label", "bars")

    def __init__(self, opener: str, offset: int, name: str = "", head: str = "", label: str = "") -> None:
        self.opener = opener
        self.offset = offset
        self.children: list[Node] = []
        self.name = name
        self.head = head
        self.label = label
        self.parts: list[tuple[Node, ...]] = []
        self.bars = 0

    def describe(self) -> str:
        if self.opener == "{":
            return "{" + self.name
        if self.opener == "margin":
            return self.label
        return self.opener


def _parse_inline(source: str, start: int, end: int, full: str) -> tuple[Node, ...]:
    """Parse ``full[start:end]`` into nodes; positions in errors refer to ``full``."""
    stack: list[_Frame] = [_Frame("", start)]
    braces = margins = 0  # open {marks} and printed marginal notes
    pos = start

    def add_text(chunk: str) -> None:
        top = stack[-1].children
        if top and isinstance(top[-1], Text):
            top[-1] = Text(top[-1].text + chunk)
        else:
            top.append(Text(chunk))

    def flush(upto: int) -> None:
        if upto > pos:
            add_text(full[pos:upto])

    def fail(message: str, offset: int) -> MarkupError:
        line, col = _line_col(full, offset)
        return MarkupError(message, Location(line=line, column=col))

    def where(frame: _Frame) -> str:
        line, col = _line_col(full, frame.offset)
        return f"{line}:{col}"

    def close_margins(at: int) -> None:
        """A paragraph ends (or the text does): the printed marginal notes open on top of it end too."""
        nonlocal margins
        while stack[-1].opener == "margin":
            frame = stack.pop()
            margins -= 1
            stack[-1].children.append(PrintedMargin(frame.label, tuple(frame.children)))
        if margins:
            inner = stack[-1]
            raise fail(f"the marginal note {next(f.label for f in stack if f.opener == 'margin')} runs to the end "
                       f"of its paragraph, but '{inner.describe()}' opened at {where(inner)} is still open", at)

    while True:
        match = _TOKENS[(braces > 0, margins > 0)].search(full, pos, end)
        if match is None:
            break
        tok = match.group()
        flush(match.start())
        pos = match.end()
        top = stack[-1]
        if tok.startswith("\\"):
            char = tok[1]
            if char in ESCAPABLE:
                top.children.append(Escape(char))
            else:  # a lone backslash is ordinary text
                add_text(tok)
            continue
        if tok.startswith("[^"):
            top.children.append(NoteRef(tok[2:-1]))
            continue
        if tok.startswith("[") and len(tok) > 1:
            top.children.append(Omission(tok))
            continue
        if tok == "[":
            printed = PRINTED_MARGIN.match(full, match.start(), end)
            if printed is not None:
                stack.append(_Frame("margin", match.start(), label=printed.group()))
                margins += 1
                pos = printed.end()
                continue
            printed = PRINTED_GAP.match(full, match.start(), end) or PRINTED_DAMAGE.match(full, match.start(), end)
            if printed is not None:
                top.children.append(PrintedGap(printed.group()))
                pos = printed.end()
                continue
            stack.append(_Frame("[", match.start()))
            continue
        if tok == "]":
            if top.opener != "[":
                if top.opener:
                    raise fail(f"']' closes a bracket, but '{top.describe()}' opened at {where(top)} is still open",
                               match.start())
                raise fail("']' without an opening '['; write \\] for a literal bracket", match.start())
            frame = stack.pop()
            if "\n" in full[frame.offset:match.start()]:
                raise fail("'[' is not closed on its line; write \\[ for a literal bracket", frame.offset)
            stack[-1].children.append(Supplied(tuple(frame.children)))
            continue
        if tok == "{":
            head_match = _MARK_HEAD.match(full, match.start(), end)
            assert head_match is not None  # the pattern matches '{' alone
            name, head = head_match.group(1), head_match.group(2)
            after = head_match.end()
            if name not in PARTS or (head and not head[0].isspace()):
                # not a mark's name ("{x", "{address"): a literal brace, as texts written before the marks have
                add_text("{")
                continue
            if after >= end or full[after] not in "|}":
                raise fail(f"the head of {{{name} ends at '|' or '}}' (it may not hold marks, brackets or line "
                           "breaks)", after if after < end else match.start())
            try:
                _head_attributes(name, head)
            except HeadError as err:
                raise fail(str(err), match.start() + 1 + len(name)) from None
            stack.append(_Frame("{", match.start(), name=name, head=head))
            braces += 1
            pos = after
            continue
        if tok == "|":
            if top.opener != "{":
                brace = next(f for f in reversed(stack) if f.opener == "{")
                raise fail(f"'|' separates the parts of {brace.describe()} (opened at {where(brace)}), but "
                           f"'{top.describe()}' opened at {where(top)} is still open; write \\| for a literal bar",
                           match.start())
            if top.bars:  # the first '|' ends the head, each further one a part
                top.parts.append(tuple(top.children))
            top.bars += 1
            top.children = []
            continue
        if tok == "}":
            if top.opener != "{":
                if braces:
                    raise fail(f"'}}' closes a mark, but '{top.describe()}' opened at {where(top)} is still open",
                               match.start())
                add_text("}")  # outside a mark a brace is text
                continue
            frame = stack.pop()
            braces -= 1
            parts = [*frame.parts, tuple(frame.children)] if frame.bars else []
            low, high = PARTS[frame.name]
            if len(parts) < low or (high is not None and len(parts) > high):
                wanted = (f"{low}" if low == high else f"{low} or more" if high is None else f"{low} to {high}")
                example = {0: f"{{{frame.name} …}}", 1: f"{{{frame.name}|…}}", 2: f"{{{frame.name}|…|…}}"}[min(low, 2)]
                raise fail(f"{{{frame.name} takes {wanted} part(s) after '|', here {len(parts)}: write {example}",
                           frame.offset)
            for part in parts:
                if not part:
                    raise fail(f"an empty part in {{{frame.name}: each part after '|' needs its words", frame.offset)
            stack[-1].children.append(Tagged(frame.name, frame.head, tuple(parts)))
            continue
        if tok[0] == "\n":  # a paragraph break inside a printed marginal note
            close_margins(match.start())
            add_text(tok)
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
                raise fail(f"'{tok}' closes, but '{inner.describe()}' opened at {where(inner)} is still open",
                           match.start())
        stack.append(_Frame(tok, match.start()))
    flush(end)
    pos = end
    if margins:
        close_margins(end)
    if len(stack) > 1:
        frame = stack[-1]
        if frame.opener == "{":
            raise fail(f"mark {{{frame.name} is opened here and never closed with '}}'; escape it (\\{{) if it is "
                       "literal", frame.offset)
        raise fail(f"{_WHAT[frame.opener]} is opened here and never closed; escape it (\\{frame.opener[0]}) if it "
                   "is literal", frame.offset)
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
        elif isinstance(node, (Omission, PrintedGap)):
            out.append(node.raw)
        elif isinstance(node, NoteRef):
            out.append("[^" + node.label + "]")
        elif isinstance(node, Tagged):
            out.append("{" + node.name + node.head + "".join("|" + render_nodes(p) for p in node.parts) + "}")
        elif isinstance(node, PrintedMargin):
            out.append(node.label + render_nodes(node.children))
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
    return re.sub(r"([~*\[\]\\^{}|])", r"\\\1", text)


# --------------------------------------------------------------------------------------------- runs


@dataclass(frozen=True)
class Element:
    """A mark a run lies in (or, for a gap, hand shift or page break, the mark the run is).

    ``kind`` is ``struck``, ``italic``, ``supplied``, a named mark (``add``, ``subst`` … ``sic``) or
    ``margin`` for a printed marginal note; ``start`` is the raw offset where it opens (so two
    neighbouring additions are two elements); ``part`` the part of the mark the run is in (a
    substitution's 0 is what was crossed out, 1 what replaced it).
    """

    kind: str
    start: int
    part: int = 0
    attributes: Attributes = EMPTY


#: Element kinds that are a run of their own, not text inside a mark.
ATOMS = frozenset({"gap", "hand", "pb"})

_PART_MARKS: dict[str, tuple[frozenset[Mark], ...]] = {
    "add": (frozenset({Mark.ADDITION}),),
    "subst": (frozenset({Mark.REPLACED}), frozenset({Mark.REPLACEMENT})),
    "u": (frozenset({Mark.UNDERLINE}),),
    "uu": (frozenset({Mark.DOUBLE_UNDERLINE}),),
    "sp": (frozenset({Mark.SPACED}),),
    "unclear": (frozenset({Mark.UNCLEAR}), frozenset({Mark.UNCLEAR, Mark.ALTERNATIVE})),
    "margin": (frozenset({Mark.MARGIN}),),
    "abbr": (frozenset({Mark.ABBREVIATION}), frozenset({Mark.ABBREVIATION, Mark.EXPANSION})),
    "sic": (frozenset({Mark.SIC}), frozenset({Mark.SIC, Mark.CORRECTION})),
}
_ATOM_MARKS = {"gap": Mark.GAP, "hand": Mark.HAND_SHIFT, "pb": Mark.PAGE_BREAK}
#: Parts that are not read: their runs have empty ``text`` and their words in ``hidden``.
_UNREAD = frozenset({Mark.ALTERNATIVE, Mark.EXPANSION, Mark.CORRECTION})
#: How a gap reads in the text (the reading text needs a sign where words are missing).
GAP_TEXT = "[…]"


@dataclass(frozen=True)
class Run:
    """A stretch of text with one set of marks, located in the raw witness (``start``/``end``).

    ``text`` is what a reader sees (an escape's character, an omission's spelling; empty for a note
    reference, whose label is in ``label``, and for a hand shift or page break). ``note`` is the
    label of the note the run sits in. ``elements`` are the marks the run lies in, outermost first
    (see :class:`Element`). A run in a part that is not read (an abbreviation's expansion, a
    correction, an alternative reading) has empty ``text`` and its words in ``hidden``.
    """

    start: int
    end: int
    text: str
    marks: frozenset[Mark]
    label: str | None = None
    witness_note: str | None = None
    elements: tuple[Element, ...] = ()
    hidden: str = ""

    def cut(self, start: int, end: int) -> Run:
        """The part of a run whose text is its raw text (``end - start == len(text)``) in ``[start, end)``."""
        return Run(start, end, self.text[start - self.start:end - self.start], self.marks, self.label,
                   self.witness_note, self.elements, self.hidden)


_WIDTH = {Struck: (Mark.STRUCK, 2, "struck"), Italic: (Mark.ITALIC, 1, "italic"),
          Supplied: (Mark.SUPPLIED, 1, "supplied")}


def _walk(nodes: tuple[Node, ...], offset: int, marks: frozenset[Mark], note: str | None,
          chain: tuple[Element, ...] = (), unread: bool = False) -> Iterator[Run]:
    for node in nodes:
        if isinstance(node, Text):
            if unread:
                yield Run(offset, offset + len(node.text), "", marks, None, note, chain, node.text)
            else:
                yield Run(offset, offset + len(node.text), node.text, marks, None, note, chain)
            offset += len(node.text)
        elif isinstance(node, Escape):
            if unread:
                yield Run(offset, offset + 2, "", marks, None, note, chain, node.char)
            else:
                yield Run(offset, offset + 2, node.char, marks, None, note, chain)
            offset += 2
        elif isinstance(node, Omission):
            yield Run(offset, offset + len(node.raw), node.raw, marks | {Mark.OMISSION}, None, note, chain)
            offset += len(node.raw)
        elif isinstance(node, NoteRef):
            size = len(node.label) + 3
            yield Run(offset, offset + size, "", marks | {Mark.NOTE_REF}, node.label, note, chain)
            offset += size
        elif isinstance(node, PrintedGap):
            element = Element("gap", offset, 0, node.attributes)
            yield Run(offset, offset + len(node.raw), node.raw, marks | {Mark.GAP}, None, note, (*chain, element))
            offset += len(node.raw)
        elif isinstance(node, PrintedMargin):
            element = Element("margin", offset, 0, node.attributes)
            inner = (*chain, element)
            label_marks = marks | {Mark.MARGIN, Mark.EDITORIAL}
            yield Run(offset, offset + len(node.label), node.label, label_marks, None, note, inner)
            yield from _walk(node.children, offset + len(node.label), marks | {Mark.MARGIN}, note, inner, unread)
            offset += len(node.label) + len(render_nodes(node.children))
        elif isinstance(node, Tagged):
            node_start = offset
            attributes = node.attributes
            if node.name in ATOMS:
                element = Element(node.name, offset, 0, attributes)
                size = len(render_nodes((node,)))
                text = GAP_TEXT if node.name == "gap" else ""
                yield Run(offset, offset + size, text, marks | {_ATOM_MARKS[node.name]}, None, note,
                          (*chain, element))
                offset += size
                continue
            offset += 1 + len(node.name) + len(node.head)
            kinds = _PART_MARKS[node.name]
            for index, part in enumerate(node.parts):
                offset += 1  # the '|' before the part
                part_marks = kinds[min(index, len(kinds) - 1)]
                element = Element(node.name, node_start, index, attributes)
                yield from _walk(part, offset, marks | part_marks, note, (*chain, element),
                                 unread or bool(part_marks & _UNREAD))
                offset += len(render_nodes(part))
            offset += 1  # '}'
        else:
            mark, width, kind = _WIDTH[type(node)]
            inner_nodes = node.children
            node_start = offset
            inner = (*chain, Element(kind, node_start))
            if mark is Mark.SUPPLIED:  # the brackets stay in the text as printed
                yield Run(offset, offset + 1, "", marks | {mark}, None, note, inner, "[") if unread else \
                    Run(offset, offset + 1, "[", marks | {mark}, None, note, inner)
            offset += width
            yield from _walk(inner_nodes, offset, marks | {mark}, note, inner, unread)
            offset = node_start + len(render_nodes((node,)))
            if mark is Mark.SUPPLIED:
                yield Run(offset - 1, offset, "", marks | {mark}, None, note, inner, "]") if unread else \
                    Run(offset - 1, offset, "]", marks | {mark}, None, note, inner)


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
        out.append(run.cut(lo, hi))
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


def expanded(all_runs: list[Run]) -> frozenset[tuple[str, int]]:
    """The abbreviations and sics (``(kind, start)`` of their element) among some runs that give an
    expansion or a correction: in the reading text those replace the words as written."""
    return frozenset((e.kind, e.start) for r in all_runs if r.marks & _UNREAD for e in r.elements[-1:]
                     if e.kind in ("abbr", "sic") and e.part == 1)


def reading_run_text(run: Run, replaced: frozenset[tuple[str, int]]) -> str:
    """A run's text in the reading text (the text as published): crossed-out words and the
    alternatives of unclear words left out, abbreviations expanded and sics corrected when the
    transcription gives the expansion or correction (``replaced``, from :func:`expanded`)."""
    if run.marks & DELETIONS or Mark.NOTE_REF in run.marks or Mark.ALTERNATIVE in run.marks:
        return ""
    if run.marks & {Mark.EXPANSION, Mark.CORRECTION}:
        return run.hidden
    if run.marks & {Mark.ABBREVIATION, Mark.SIC}:
        element = next((e for e in reversed(run.elements) if e.kind in ("abbr", "sic")), None)
        if element is not None and (element.kind, element.start) in replaced:
            return ""
    return run.text


def reading_text(all_runs: list[Run]) -> str:
    """The reading text of some runs (:func:`reading_run_text`): what a published edition prints."""
    replaced = expanded(all_runs)
    return "".join(reading_run_text(run, replaced) for run in all_runs)


def diplomatic_text(all_runs: list[Run]) -> str:
    """The diplomatic text of some runs: every word the witness shows as written (crossed-out words,
    abbreviations and sics as written, gaps as their sign), marks and note references left out. The
    two parts of a substitution are written side by side, so a space parts them."""
    out: list[str] = []
    replaced = False
    for run in all_runs:
        if replaced and run.text and Mark.REPLACED not in run.marks and not run.text[0].isspace():
            out.append(" ")
        out.append(run.text)
        replaced = Mark.REPLACED in run.marks if run.text else replaced
    return "".join(out)


def has_manuscript_marks(text: str) -> bool:
    """True when a witness may carry manuscript marks (a cheap test before parsing: ``{`` or a
    printed formula's bracket)."""
    return "{" in text or (("[" in text) and bool(PRINTED_GAP.search(text) or PRINTED_DAMAGE.search(text)
                                                   or PRINTED_MARGIN.search(text)))
