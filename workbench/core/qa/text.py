"""The English of a link as the checks read it: its transcription markup, a *masked* copy of the same
length, and the editorial marks it holds.

Spans index the markup string itself (what ``Alignment.english`` returns and the editor edits). The
masked copy keeps every character a reader sees at its offset and puts :data:`MASK` where there is
only markup (``*`` of italics, ``~~`` of struck text, a note reference ``[^1]``, the backslash of an
escape), so that regular expressions see "Lvov's" in ``*Lvov*'s`` and a space before the full stop in
``CC[^1] .`` without the offsets moving.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from workbench.core.errors import MarkupError
from workbench.core.markup import Mark, Transcription, parse_inline, runs

#: Stands for a markup-only character in the masked text: not a letter, digit, space or punctuation.
MASK = "\u2063"

#: A word: letters (any script), with inner apostrophes ("People’s", "don't").
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


@dataclass(frozen=True)
class EditorialMark:
    """An editorial mark in a text: a note reference, a supplement ``[et]`` or an omission ``[...]``."""

    kind: str  # "note" | "supplied" | "omission"
    text: str  # the label of a note, the bracketed text of the others (brackets included)
    start: int
    end: int


@dataclass(frozen=True)
class EnglishText:
    """One English text prepared for the checks."""

    markup: str
    masked: str
    marks: tuple[EditorialMark, ...]
    italic: tuple[tuple[int, int], ...]
    parsed: bool

    def notes(self) -> list[str]:
        """Labels of the note references, in order."""
        return [m.text for m in self.marks if m.kind == "note"]

    def brackets(self) -> list[str]:
        """The editorial brackets (supplements and omissions) as written, in order."""
        return [m.text for m in self.marks if m.kind != "note"]

    def words(self) -> list[tuple[str, int, int]]:
        """Every word with its span (found once: several checks read them)."""
        return list(self._words)

    @cached_property
    def lowered(self) -> str:
        """The masked text in lower case (for case-blind substring tests)."""
        return self.masked.lower()

    @cached_property
    def _words(self) -> tuple[tuple[str, int, int], ...]:
        return tuple((m.group(), m.start(), m.end()) for m in WORD.finditer(self.masked))


@lru_cache(maxsize=4096)
def prepare(markup: str) -> EnglishText:
    """Mask and index one text (cached: the same English is read by every check)."""
    try:
        nodes = parse_inline(markup)
    except MarkupError:  # an edit written before edits were checked: read it as typed
        return EnglishText(markup, markup, (), (), False)
    chars = [MASK] * len(markup)
    marks: list[EditorialMark] = []
    italic: list[tuple[int, int]] = []
    supplied_start: int | None = None
    for run in runs(Transcription(nodes, ())):
        if Mark.NOTE_REF in run.marks:
            marks.append(EditorialMark("note", run.label or "", run.start, run.end))
            continue
        if Mark.ITALIC in run.marks:
            italic.append((run.start, run.end))
        if run.end - run.start == len(run.text):
            chars[run.start:run.end] = run.text
        elif len(run.text) == 1:  # an escape: the backslash is markup, the character is text
            chars[run.end - 1] = run.text
        if Mark.OMISSION in run.marks and Mark.SUPPLIED not in run.marks:
            marks.append(EditorialMark("omission", run.text, run.start, run.end))
        elif Mark.SUPPLIED in run.marks and run.text == "[" and supplied_start is None:
            supplied_start = run.start
        elif Mark.SUPPLIED in run.marks and run.text == "]" and supplied_start is not None:
            marks.append(EditorialMark("supplied", markup[supplied_start:run.end], supplied_start, run.end))
            supplied_start = None
    return EnglishText(markup, "".join(chars), tuple(marks), tuple(italic), True)


def plain_reading(markup: str) -> str:
    """What a reader sees of a text: the masked text without the mask characters."""
    return prepare(markup).masked.replace(MASK, "")


def is_cyrillic(word: str) -> bool:
    """True when a word has a Cyrillic letter."""
    return CYRILLIC.search(word) is not None


def is_latin(word: str) -> bool:
    """True when a word has a Latin letter."""
    return LATIN.search(word) is not None
