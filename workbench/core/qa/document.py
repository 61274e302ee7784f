"""One document as the checks read it: its metadata, alignment state, and the source witness's runs.

The English of a link is read from the state (``Alignment.english``: edits, else the witness);
the Russian from the source witness's runs when the witness is at hand and unchanged (struck text
and note references known), else from the segment text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from workbench.core.documents import DocumentMeta
from workbench.core.errors import MarkupError
from workbench.core.markup import Mark, Run, RunIndex, Transcription, parse_inline, runs
from workbench.core.models import Alignment, Link
from workbench.core.qa.text import EnglishText, prepare


@dataclass(frozen=True)
class SourceText:
    """The Russian of a link: what a reader sees (``plain``: struck text left out), the struck words
    apart, and the editorial marks (note labels, brackets as written)."""

    plain: str
    struck: str
    notes: tuple[str, ...]
    brackets: tuple[str, ...]


@dataclass(frozen=True)
class QADocument:
    """A document for the checks. ``source_runs`` is empty when the source witness is not at hand."""

    meta: DocumentMeta
    state: Alignment
    source_runs: RunIndex = field(default_factory=RunIndex)

    @property
    def address(self) -> str:
        """``COLLECTION/DOC``."""
        return self.meta.address

    def english(self, link: Link) -> EnglishText:
        """The current English of a link, prepared (once per link: every check reads it)."""
        cache = self._englishes
        found = cache.get(link.id)
        if found is None:
            found = cache[link.id] = prepare(self.state.english(link))
        return found

    @cached_property
    def _englishes(self) -> dict[str, EnglishText]:
        return {}

    def received(self, link: Link) -> EnglishText:
        """The English of a link as received (the target witness), prepared."""
        return prepare(self.state.mt(link))

    def source(self, link: Link) -> SourceText | None:
        """The Russian of a link (``None`` when it has none)."""
        if not link.source:
            return None
        cache = self._sources
        found = cache.get(link.id)
        if found is None:
            found = cache[link.id] = self._source(link)
        return found

    @cached_property
    def _sources(self) -> dict[str, SourceText]:
        return {}

    def _source(self, link: Link) -> SourceText:
        pieces: list[list[Run]] = []
        for seg_id in link.source:
            try:
                seg = self.state.segment(seg_id)
            except KeyError:
                continue
            if self.source_runs:
                pieces.append(self.source_runs.within(seg.start, seg.end))
                continue
            try:
                pieces.append(runs(Transcription(parse_inline(seg.text), ())))
            except MarkupError:  # a mark crossing the segment's edge: read the text as it is
                pieces.append([Run(0, len(seg.text), seg.text, frozenset())])
        plain: list[str] = []
        struck: list[str] = []
        notes: list[str] = []
        brackets: list[str] = []
        for piece in pieces:
            open_bracket: list[str] | None = None
            for run in piece:
                if Mark.NOTE_REF in run.marks:
                    notes.append(run.label or "")
                    continue
                (struck if Mark.STRUCK in run.marks else plain).append(run.text)
                if Mark.OMISSION in run.marks and Mark.SUPPLIED not in run.marks:
                    brackets.append(run.text)
                elif Mark.SUPPLIED in run.marks:
                    if run.text == "[" and open_bracket is None:
                        open_bracket = ["["]
                    elif open_bracket is not None:
                        open_bracket.append(run.text)
                        if run.text == "]":
                            brackets.append("".join(open_bracket))
                            open_bracket = None
            plain.append(" ")
        return SourceText(" ".join("".join(plain).split()), " ".join("".join(struck).split()), tuple(notes),
                          tuple(brackets))
