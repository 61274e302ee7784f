"""The ``repeated-word`` check: a word written twice in a row ("the the").

Doubles English allows ("that that", "had had") and reduplicated words of speech ("very, very" has a
comma and is not a double) are left alone.
"""

from __future__ import annotations

import re

from workbench.core.qa.model import Finding, Severity
from workbench.core.qa.text import MASK, EnglishText

CHECK = "repeated-word"

_DOUBLE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)([ \t" + MASK + r"]+)(\1)(?![^\W\d_])", re.IGNORECASE)
#: Doubles that are good English.
ALLOWED = frozenset({"that", "had", "is", "do", "did", "was", "very", "no", "bye", "so", "far", "ha", "ho", "la",
                     "hush", "there", "come", "well", "now", "again", "more", "long", "round", "on", "over", "knock",
                     "tut", "ah", "oh", "eh", "yes", "never", "many", "away", "ay", "boo", "cha", "tse", "o"})


def findings(document: str, english: EnglishText, *, link: str | None = None,
             field: str | None = None) -> list[Finding]:
    """A finding per doubled word, suggesting the word once."""
    out = []
    for match in _DOUBLE.finditer(english.masked):
        word = match.group(1)
        if word.lower() in ALLOWED or len(word) == 1 and not word.isalpha():
            continue
        out.append(Finding(document, CHECK, Severity.WARNING, f"“{word}” twice in a row", link=link, field=field,
                           span=(match.start(), match.end()), suggestion=word))
    return out
