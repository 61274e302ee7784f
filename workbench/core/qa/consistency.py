"""The ``consistency`` check: one name spelt two ways across the collection (Kharkiv / Kharkov; RTSHIDNI /
RTSKHIDNI / RTsKhIDNI; "I. V." / "J. V." Stalin), and one Russian name rendered two ways.

Names are found in every link's English and in the metadata fields (title, place and date …) of every
document of the collection, and grouped by a spelling-blind key (the aligner's romanisation key:
transliteration variants such as kh/h, y/i/j, double letters fold together) or by keys of the same
length that differ in one vowel inside the word (Kharkiv / Kharkov, Lviv / Lvov; a vowel at the end is an
ending, not a spelling). A group with two spellings or more is reported at each occurrence of a spelling
that is not the preferred one — the glossary's rendering when the glossary has it, else the commonest
— with every spelling, its count and where it occurs. Initials are compared per surname the same way.
With a Russian source, each Russian name's renderings (matched by romanisation and rapidfuzz) are
compared across the collection too.

The work is split so that an edit costs one link: :func:`extract` reads one text, :class:`NameIndex`
holds what every text of the collection holds, and :meth:`NameIndex.findings` groups them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from workbench.core.aligner.romanise import name_key, name_stem, romanise
from workbench.core.qa.glossary import Glossary, lemma
from workbench.core.qa.model import Finding, Severity
from workbench.core.qa.text import WORD, EnglishText, is_cyrillic, is_latin

CHECK = "consistency"

_VOWELS = frozenset("aeiou")
_INITIALS_BEFORE = re.compile(r"(?<![A-Za-z.])((?:[A-Z]\.[ \t]?){1,3})[ \t]?([A-Z][a-z]{2,})")
_INITIALS_AFTER = re.compile(r"(?<![A-Za-z])([A-Z][a-z]{2,}),?[ \t]((?:[A-Z]\.[ \t]?){1,3})(?![A-Za-z])")
#: A name's rendering and its Russian must be this similar (rapidfuzz ratio of their stems, 0–100).
RENDERING_CUTOFF = 80.0
#: Words at least this common are ordinary words, not names, when capitalised ("First", "Now").
COMMON = 20000


@dataclass(frozen=True)
class Place:
    """Where an occurrence stands: document, link or metadata field, span."""

    document: str
    link: str | None
    field: str | None
    span: tuple[int, int]

    def label(self) -> str:
        """``091 L3`` or ``091 title``: short, for messages."""
        doc = self.document.rsplit("/", 1)[-1]
        return f"{doc} {self.link or self.field}"


@dataclass
class TextNames:
    """What one text holds: name tokens, initials of surnames, renderings of Russian names, lower-case
    words (a capitalised word also seen in lower case is no name)."""

    names: list[tuple[str, tuple[int, int]]] = field(default_factory=list)
    initials: list[tuple[str, str, tuple[int, int]]] = field(default_factory=list)
    renderings: list[tuple[str, str, tuple[int, int]]] = field(default_factory=list)
    lower: set[str] = field(default_factory=set)


def _spelling(token: str) -> str:
    for tail in ("'s", "’s"):
        if token.endswith(tail):
            return token[: -len(tail)]
    return token


def extract(english: EnglishText, source: str | None = None) -> TextNames:
    """The names, initials and renderings of one text (``source``: the Russian of the link, if any)."""
    out = TextNames()
    text = english.masked
    for token, start, _end in english.words():
        if not is_latin(token) or is_cyrillic(token):
            continue
        if token[0].islower():
            out.lower.add(token.lower())
            continue
        word = _spelling(token)
        if len(word) >= 4:
            out.names.append((word, (start, start + len(word))))
    for pattern, surname_group, initials_group in ((_INITIALS_BEFORE, 2, 1), (_INITIALS_AFTER, 1, 2)):
        for match in pattern.finditer(text):
            letters = "".join(c for c in match.group(initials_group) if c.isalpha())
            shown = match.group(initials_group).rstrip()
            out.initials.append((match.group(surname_group), letters,
                                 (match.start(initials_group), match.start(initials_group) + len(shown))))
    if source:
        out.renderings.extend(_renderings(source, out.names))
    return out


def _renderings(source: str, names: list[tuple[str, tuple[int, int]]]) -> Iterable[tuple[str, str, tuple[int, int]]]:
    words = WORD.findall(source)
    for index, word in enumerate(words):
        if index == 0 or not word[0].isupper() or not is_cyrillic(word) or len(word) < 3 or word.isupper():
            continue
        stem = name_stem(romanise(lemma(word)).capitalize())
        best: tuple[float, str, tuple[int, int]] | None = None
        for name, span in names:
            score = fuzz.ratio(stem, name_stem(name))
            if score >= RENDERING_CUTOFF and (best is None or score > best[0]):
                best = (score, name, span)
        if best is not None:
            yield lemma(word), best[1], best[2]


class NameIndex:
    """The names of every text of a collection, by (document, link or field)."""

    def __init__(self) -> None:
        self.texts: dict[tuple[str, str | None, str | None], TextNames] = {}

    def put(self, document: str, link: str | None, field_name: str | None, names: TextNames) -> None:
        """Record (or replace) what one text holds."""
        self.texts[(document, link, field_name)] = names

    def drop_document(self, document: str) -> None:
        """Forget every text of a document (before it is read again)."""
        for key in [k for k in self.texts if k[0] == document]:
            del self.texts[key]

    def findings(self, glossary: Glossary, wanted: Callable[[str], bool] = lambda _: True,
                 common: Callable[[str], int] | None = None) -> list[Finding]:
        """The findings of the documents ``wanted`` says yes to (the groups span the whole collection)."""
        lower: set[str] = set()
        for names in self.texts.values():
            lower |= names.lower
        preferred = {w for target, _ in _targets(glossary) for w in WORD.findall(target)}
        out: list[Finding] = []
        occurrences: dict[str, list[Place]] = {}
        for (document, link, field_name), names in self.texts.items():
            for word, span in names.names:
                occurrences.setdefault(word, []).append(Place(document, link, field_name, span))
        spellings = _name_spellings(occurrences, lower, common)
        for group in _groups(spellings):
            out.extend(_report(group, occurrences, preferred, wanted, "name"))
        out.extend(self._initials(_preferred_initials(glossary), wanted))
        out.extend(self._renderings(preferred, wanted))
        return out

    def _initials(self, preferred: dict[str, str], wanted: Callable[[str], bool]) -> list[Finding]:
        by_surname: dict[str, dict[str, list[Place]]] = {}
        for (document, link, field_name), names in self.texts.items():
            for surname, letters, span in names.initials:
                by_surname.setdefault(surname, {}).setdefault(letters, []).append(
                    Place(document, link, field_name, span))
        out: list[Finding] = []
        for surname, variants in by_surname.items():
            keys: dict[str, list[str]] = {}
            for letters in variants:
                keys.setdefault(name_key(letters) or letters.lower(), []).append(letters)
            for group in keys.values():
                if len(group) < 2:
                    continue
                shown = {letters: list(variants[letters]) for letters in group}
                out.extend(_report_initials(surname, shown, wanted, preferred.get(surname)))
        return out

    def _renderings(self, preferred: set[str], wanted: Callable[[str], bool]) -> list[Finding]:
        by_lemma: dict[str, dict[str, list[Place]]] = {}
        for (document, link, field_name), names in self.texts.items():
            for word_lemma, spelling, span in names.renderings:
                by_lemma.setdefault(word_lemma, {}).setdefault(spelling, []).append(
                    Place(document, link, field_name, span))
        out: list[Finding] = []
        for word_lemma, variants in by_lemma.items():
            if len(variants) < 2 or len({name_key(v) for v in variants}) == 1:
                continue  # one key: the name groups report it already
            out.extend(_report(list(variants), variants, preferred, wanted, f"Russian «{word_lemma}»"))
        return out


def _targets(glossary: Glossary) -> Iterable[tuple[str, object]]:
    for term in glossary.terms:
        for target in term.target:
            yield target, term
    for repo in glossary.repositories:
        yield repo.name, repo


def _name_spellings(occurrences: dict[str, list[Place]], lower: set[str],
                    common: Callable[[str], int] | None) -> list[str]:
    out = []
    for word in occurrences:
        low = word.lower()
        if low in lower or (common is not None and common(low) >= COMMON):
            continue
        out.append(word)
    return out


def _groups(spellings: list[str]) -> list[list[str]]:
    """Spellings grouped by key, and keys joined when they differ in one inner vowel."""
    by_key: dict[str, set[str]] = {}
    for word in spellings:
        # an all-capitals heading spells the name as the text does elsewhere: fold it to title case
        shown = word.title() if word.isupper() and word.title() in spellings else word
        key = name_key(word)
        if len(key) >= 3:
            by_key.setdefault(key, set()).add(shown)
    parent = {key: key for key in by_key}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    buckets: dict[str, str] = {}
    for key in by_key:
        if len(key) < 4:
            continue
        for i in range(1, len(key) - 1):
            if key[i] in _VOWELS:
                pattern = key[:i] + "*" + key[i + 1:]
                other = buckets.setdefault(pattern, key)
                if other != key:
                    parent[find(key)] = find(other)
    joined: dict[str, set[str]] = {}
    for key, words in by_key.items():
        joined.setdefault(find(key), set()).update(words)
    return [sorted(words) for words in joined.values() if len(words) >= 2]


def _report(group: list[str], occurrences: dict[str, list[Place]], preferred: set[str],
            wanted: Callable[[str], bool], what: str) -> list[Finding]:
    places = {word: [p for w in occurrences if w == word or (w.isupper() and w.title() == word)
                     for p in occurrences[w]] for word in group}
    counts = {word: len(places[word]) for word in group}
    chosen = [w for w in group if w in preferred]
    if len(chosen) == 1:
        best: str | None = chosen[0]
    else:
        top = max(counts.values())
        leaders = [w for w in group if counts[w] == top]
        best = leaders[0] if len(leaders) == 1 else None
    summary = "; ".join(f"{word} ×{counts[word]} ({_where(places[word])})"
                        for word in sorted(group, key=lambda w: (-counts[w], w)))
    out = []
    for word in group:
        if word == best:
            continue
        for place in places[word]:
            if not wanted(place.document):
                continue
            prefer = f"; the collection's form is {best}" if best else ""
            out.append(Finding(place.document, CHECK, Severity.WARNING,
                               f"{what} spelt {len(group)} ways: {summary}{prefer}", link=place.link,
                               field=place.field, span=place.span, suggestion=best))
    return out


def _preferred_initials(glossary: Glossary) -> dict[str, str]:
    """Surname → initials, from the glossary's renderings ("J. V. Stalin")."""
    out: dict[str, str] = {}
    for target, _ in _targets(glossary):
        for match in _INITIALS_BEFORE.finditer(target):
            out[match.group(2)] = "".join(c for c in match.group(1) if c.isalpha())
    return out


def _report_initials(surname: str, variants: dict[str, list[Place]], wanted: Callable[[str], bool],
                     preferred: str | None = None) -> list[Finding]:
    counts = {letters: len(places) for letters, places in variants.items()}
    top = max(counts.values())
    leaders = [w for w in variants if counts[w] == top]
    best = preferred if preferred in variants else leaders[0] if len(leaders) == 1 else None
    summary = "; ".join(f"{_dotted(letters)} {surname} ×{counts[letters]} ({_where(variants[letters])})"
                        for letters in sorted(variants, key=lambda w: (-counts[w], w)))
    out = []
    for letters, places in variants.items():
        if letters == best:
            continue
        for place in places:
            if wanted(place.document):
                prefer = f"; the collection's form is {_dotted(best)}" if best else ""
                out.append(Finding(place.document, CHECK, Severity.WARNING,
                                   f"the initials of {surname} spelt {len(variants)} ways: {summary}{prefer}",
                                   link=place.link, field=place.field, span=place.span,
                                   suggestion=_dotted(best) if best else None))
    return out


def initialled_names(text: str) -> list[tuple[str, str]]:
    """The people a text names with initials, as the name check reads them: (surname, initials'
    letters) for "I. V. Stalin" and "Stalin, I. V." alike."""
    out = []
    for pattern, surname_group, initials_group in ((_INITIALS_BEFORE, 2, 1), (_INITIALS_AFTER, 1, 2)):
        for match in pattern.finditer(text):
            out.append((match.group(surname_group), "".join(c for c in match.group(initials_group) if c.isalpha())))
    return out


def dotted(letters: str) -> str:
    """Initials as printed: ``IV`` → ``I. V.``."""
    return _dotted(letters)


def _dotted(letters: str) -> str:
    return " ".join(f"{c}." for c in letters)


def _where(places: list[Place], limit: int = 4) -> str:
    labels = list(dict.fromkeys(p.label() for p in places))
    more = f" and {len(labels) - limit} more" if len(labels) > limit else ""
    return ", ".join(labels[:limit]) + more


def spellings_of(names: Iterable[str]) -> Counter[str]:
    """How often each spelling occurs (tests and the benchmark read it)."""
    return Counter(names)
