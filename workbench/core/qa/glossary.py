"""The glossary (terms with accepted and forbidden English renderings, a transliteration policy, the
archives the collection cites) and the ``glossary`` check.

A term's Russian ``source`` is matched in any inflected form: both the term and the Russian of a link
are reduced to pymorphy3 lemmas (``Львова``, ``Львове`` → ``львов``). When the source occurs, the
English must hold one of the accepted ``target`` renderings; a ``forbidden`` rendering is flagged
wherever it appears, even in a document whose source witness is still pending. Reading the files is
storage's work (``workbench.storage.glossary_store``); here the glossary is plain data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from workbench.core.language.morph import ru_lemma, ru_lemmas
from workbench.core.models import Link
from workbench.core.qa.document import QADocument
from workbench.core.qa.model import Finding, Severity
from workbench.core.qa.text import WORD, EnglishText

CHECK = "glossary"

#: Transliteration schemes a glossary may name (docs/qa.md): how Cyrillic left in the English is
#: spelt in the ``untranslated`` check's suggestions.
SCHEMES = ("simplified", "scholarly")
#: What the policy allows of Russian inside quotation marks or italics in the English.
QUOTED_RUSSIAN = ("allowed", "flagged")
#: What a term names, for the volume's index of names and places (optional in the file).
TERM_KINDS = ("person", "place", "institution", "other")


@dataclass(frozen=True)
class Term:
    """One glossary term: Russian ``source`` (word or phrase), accepted ``target`` renderings,
    ``forbidden`` ones, the editors' ``note``, and what it names (``kind``, one of :data:`TERM_KINDS`,
    or empty)."""

    source: str
    target: tuple[str, ...]
    forbidden: tuple[str, ...] = ()
    note: str = ""
    kind: str = ""

    @cached_property
    def lemmas(self) -> tuple[str, ...]:
        """The source as a sequence of lemmas (each word read as the dictionary form it is written in)."""
        return tuple(headword(w) for w in WORD.findall(self.source))


@dataclass(frozen=True)
class Repository:
    """An archive the collection cites: its ``name`` as printed in the English, the Russian abbreviation,
    spellings that are wrong, and a note."""

    name: str
    source: str = ""
    forbidden: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Policy:
    """The transliteration policy: the ``scheme`` of suggestions, and whether Russian quoted in the English
    (inside quotation marks or italics) is allowed."""

    scheme: str = "simplified"
    quoted_russian: str = "allowed"


@dataclass(frozen=True)
class Glossary:
    """A collection's glossary (the project-wide one merged in: see :func:`merge`)."""

    terms: tuple[Term, ...] = ()
    repositories: tuple[Repository, ...] = ()
    policy: Policy = field(default_factory=Policy)

    @cached_property
    def by_first_lemma(self) -> dict[str, list[Term]]:
        """Terms indexed by the lemma of their first word."""
        out: dict[str, list[Term]] = {}
        for term in self.terms:
            if term.lemmas:
                out.setdefault(term.lemmas[0], []).append(term)
        return out

    @cached_property
    def names(self) -> frozenset[str]:
        """Every English word of the accepted renderings and repository names (lower case): words the
        ``glued-word`` check knows although no dictionary does (Budyonny, RTsKhIDNI, Yugozap)."""
        out: set[str] = set()
        for term in self.terms:
            for target in term.target:
                out.update(w.lower() for w in WORD.findall(target))
        for repo in self.repositories:
            out.update(w.lower() for w in WORD.findall(repo.name))
        return frozenset(out)

    def term_for_lemma(self, word: str) -> Term | None:
        """The one-word term whose source is this Russian word in any form, if any."""
        for candidate in lemmas(word):
            for term in self.by_first_lemma.get(candidate, []):
                if len(term.lemmas) == 1:
                    return term
        return None


def merge(collection: Glossary, project: Glossary) -> Glossary:
    """The collection's glossary with the project-wide one beneath it: a collection term replaces the
    project's term with the same source, and the collection's policy wins when it has one."""
    own = {t.lemmas for t in collection.terms}
    names = {r.name for r in collection.repositories}
    return Glossary(collection.terms + tuple(t for t in project.terms if t.lemmas not in own),
                    collection.repositories + tuple(r for r in project.repositories if r.name not in names),
                    collection.policy if collection.policy != Policy() else project.policy)


@lru_cache(maxsize=100_000)
def lemma(word: str) -> str:
    """The lemma of a Russian word (pymorphy3), else the word in lower case with ё as е."""
    low = word.lower().replace("ё", "е")
    found = ru_lemma(low)
    return (found or low).replace("ё", "е")


@lru_cache(maxsize=4096)
def rendering_pattern(rendering: str) -> re.Pattern[str]:
    """Where an English rendering occurs: whole words, any spacing, an optional possessive; case-blind
    unless the rendering has a capital letter."""
    words = [re.escape(w) for w in rendering.split()]
    body = r"\s+".join(words)
    flags = 0 if any(c.isupper() for c in rendering) else re.IGNORECASE
    return re.compile(r"(?<![^\W_])" + body + r"(?:['’]s)?(?![^\W_])", flags)


def find_rendering(english: EnglishText, rendering: str) -> Iterator[tuple[int, int]]:
    """Spans of a rendering in the masked English (the possessive left out of the span)."""
    first = rendering.split()[0] if rendering.strip() else rendering
    cased = any(c.isupper() for c in rendering)
    if (first not in english.masked) if cased else (first.lower() not in english.lowered):
        return  # most texts hold none of a glossary's renderings: a substring test spares the regex
    for match in rendering_pattern(rendering).finditer(english.masked):
        end = match.end()
        if english.masked[end - 2:end] in ("'s", "’s") and not rendering.endswith("s"):
            end -= 2
        yield match.start(), end


@lru_cache(maxsize=100_000)
def lemmas(word: str) -> frozenset[str]:
    """Every lemma a Russian word may have (pymorphy3 parses: «Львов» is both the city and «львов», of
    lions), else the word in lower case; ё read as е."""
    low = word.lower().replace("ё", "е")
    found = ru_lemmas(low) or (low,)
    return frozenset(f.replace("ё", "е") for f in found)


@lru_cache(maxsize=10_000)
def headword(word: str) -> str:
    """The lemma of a word a glossary gives in its dictionary form: the word itself when some parse has it
    as its own lemma (Львов, not лев), else the likeliest lemma."""
    low = word.lower().replace("ё", "е")
    return low if low in lemmas(word) else lemma(word)


def source_lemmas(text: str) -> list[frozenset[str]]:
    """The possible lemmas of each word of a Russian text, in order."""
    return [lemmas(w) for w in WORD.findall(text)]


def terms_in(glossary: Glossary, words: list[frozenset[str]]) -> list[Term]:
    """The terms whose source occurs in a text, each word in any of its readings (each term once)."""
    found: list[Term] = []
    index = glossary.by_first_lemma
    for i, first in enumerate(words):
        for candidate in first:
            for term in index.get(candidate, ()):
                size = len(term.lemmas)
                if term not in found and len(words) >= i + size and all(
                        want in words[i + k] for k, want in enumerate(term.lemmas)):
                    found.append(term)
    return found


def check_link(doc: QADocument, link: Link, glossary: Glossary) -> list[Finding]:
    """Forbidden renderings in the English of a link, and terms of its Russian the English does not render."""
    english = doc.english(link)
    out: list[Finding] = []
    flagged: list[tuple[int, int]] = []
    for term in glossary.terms:
        for bad in term.forbidden:
            for span in find_rendering(english, bad):
                flagged.append(span)
                why = f" ({term.note})" if term.note else ""
                out.append(Finding(doc.address, CHECK, Severity.ERROR,
                                   f"“{bad}” is a forbidden rendering of {term.source}{why}; the glossary has "
                                   f"{' or '.join(term.target)}", link=link.id, span=span,
                                   suggestion=term.target[0] if term.target else None))
    source = doc.source(link)
    if source is None or not glossary.terms:
        return out
    for term in terms_in(glossary, source_lemmas(source.plain)):
        if not term.target or any(True for t in term.target for _ in find_rendering(english, t)):
            continue
        if any(True for bad in term.forbidden for _ in find_rendering(english, bad)):
            continue  # already flagged where it stands
        out.append(Finding(doc.address, CHECK, Severity.WARNING,
                           f"the Russian has {term.source}; the glossary renders it {' or '.join(term.target)}, "
                           "which the English does not have", link=link.id))
    return out


def check_text(document: str, field_name: str, text: EnglishText, glossary: Glossary) -> list[Finding]:
    """Forbidden renderings in a metadata field."""
    out = []
    for term in glossary.terms:
        for bad in term.forbidden:
            for span in find_rendering(text, bad):
                out.append(Finding(document, CHECK, Severity.ERROR,
                                   f"“{bad}” is a forbidden rendering of {term.source}; the glossary has "
                                   f"{' or '.join(term.target)}", field=field_name, span=span,
                                   suggestion=term.target[0] if term.target else None))
    return out


def all_renderings(glossary: Glossary) -> Iterable[tuple[str, Term]]:
    """Every accepted rendering with its term."""
    for term in glossary.terms:
        for target in term.target:
            yield target, term
