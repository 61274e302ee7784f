"""The ``mixed-script`` check: a word that mixes Latin and Cyrillic letters ("30/VІІІ" of No. 100, with a
Cyrillic І among Latin ones). Where every Cyrillic letter has a Latin look-alike, the suggestion is the
word in Latin letters only; the reverse for a Cyrillic word with a Latin look-alike in it.
"""

from __future__ import annotations

import re

from workbench.core.qa.model import Finding, Severity
from workbench.core.qa.text import CYRILLIC, LATIN, EnglishText

CHECK = "mixed-script"

# Cyrillic letters that look like Latin ones, and the reverse.
_TO_LATIN = str.maketrans("АВЕКМНОРСТУХІЈЅаеорсухіјѕ", "ABEKMHOPCTYXIJSaeopcyxijs")
_TO_CYRILLIC = str.maketrans("ABEKMHOPCTXaeopcyx", "АВЕКМНОРСТХаеорсух")
_CHUNK = re.compile(r"[^\s()\[\]{}\"“”«»,;:!?]+")


def findings(document: str, english: EnglishText, *, link: str | None = None,
             field: str | None = None) -> list[Finding]:
    """A finding per stretch without spaces that holds both scripts."""
    out = []
    for match in _CHUNK.finditer(english.masked):
        chunk = match.group()
        if not (CYRILLIC.search(chunk) and LATIN.search(chunk)):
            continue
        cyrillic = [c for c in chunk if CYRILLIC.match(c)]
        latin = [c for c in chunk if LATIN.match(c)]
        start, end = match.span()
        raw = english.markup[start:end]
        suggestion = None
        if all(c.translate(_TO_LATIN) != c for c in cyrillic) and len(latin) >= 1:
            suggestion = raw.translate(_TO_LATIN)
            letters = "".join(dict.fromkeys(cyrillic))
            message = f"“{chunk}” mixes Latin and Cyrillic letters: {letters} is Cyrillic"
        elif all(c.translate(_TO_CYRILLIC) != c for c in latin) and len(cyrillic) > len(latin):
            suggestion = raw.translate(_TO_CYRILLIC)
            letters = "".join(dict.fromkeys(latin))
            message = f"“{chunk}” mixes Cyrillic and Latin letters: {letters} is Latin"
        else:
            message = f"“{chunk}” mixes Latin and Cyrillic letters"
        out.append(Finding(document, CHECK, Severity.ERROR, message, link=link, field=field, span=(start, end),
                           suggestion=suggestion if suggestion != raw else None))
    return out


def mixed_spans(english: EnglishText) -> list[tuple[int, int]]:
    """The spans this check reports (the ``untranslated`` check leaves them to it)."""
    return [f.span for f in findings("", english) if f.span is not None]
