"""The ``spacing`` check: a space before punctuation ("us ."), none after it ("us.Then"), two spaces, a
space after an opening bracket or inside a hyphenated word ("Commander- in-Chief").

It reads the masked English (:mod:`workbench.core.qa.text`), so a note reference between a word and a
full stop is no space. Spaced dashes ("Moscow - the Kremlin") and suspended hyphens ("pre- and
post-war") are English, not errors; so is a space before an ellipsis.
"""

from __future__ import annotations

import re

from workbench.core.qa.model import Finding, Severity
from workbench.core.qa.text import MASK, EnglishText

CHECK = "spacing"

_BEFORE = re.compile(r"(?<=[^\s" + MASK + r"])[ \t]+(?=[,.;:!?)](?!\.\.)(?![\w(]))")
_BEFORE_MARK = re.compile(r"(?<=" + MASK + r")[ \t]+(?=[,.;:!?)](?!\.\.))")
_AFTER_OPEN = re.compile(r"\((?=[ \t]+\S)")
_NO_SPACE = re.compile(r"(?<=[a-z]{2})[,;](?=[A-Za-z]{2})|(?<=[a-z]{3})[.!?](?=[A-Z][a-z])")
_DOUBLE = re.compile(r"(?<=\S) {2,}(?=\S)")
_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]+(?=[^\W\d_]+)|(?<=[^\W\d_])[ \t]+-(?=[^\W\d_])")
_SUSPENDED = re.compile(r"\s*(and|or|nor|to|und)\b", re.IGNORECASE)


def check_text(english: EnglishText) -> list[tuple[Severity, str, tuple[int, int], str]]:
    """(severity, message, span, suggestion) of each spacing fault in one text."""
    text = english.masked
    out: list[tuple[Severity, str, tuple[int, int], str]] = []
    for pattern in (_BEFORE, _BEFORE_MARK):
        for match in pattern.finditer(text):
            mark = text[match.end()]
            out.append((Severity.WARNING, f"a space before “{mark}”", (match.start(), match.end() + 1), mark))
    for match in _AFTER_OPEN.finditer(text):
        spaces = len(text[match.end():]) - len(text[match.end():].lstrip(" \t"))
        out.append((Severity.WARNING, "a space after “(”", (match.start(), match.end() + spaces), "("))
    for match in _NO_SPACE.finditer(text):
        mark = match.group()
        out.append((Severity.WARNING, f"no space after “{mark}”", match.span(), mark + " "))
    for match in _DOUBLE.finditer(text):
        out.append((Severity.INFO, "two spaces", match.span(), " "))
    for match in _HYPHEN.finditer(text):
        if text[match.start()] == "-" and _SUSPENDED.match(text, match.end() - 1):
            continue
        if text[match.start()] == "-" and re.match(r"-\s+(and|or|nor|to)\b", text[match.start():], re.IGNORECASE):
            continue
        out.append((Severity.WARNING, "a space inside a hyphenated word", match.span(), "-"))
    out.sort(key=lambda item: item[2])
    return out


def findings(document: str, english: EnglishText, *, link: str | None = None,
             field: str | None = None) -> list[Finding]:
    """The spacing findings of one link's English or one metadata field."""
    return [Finding(document, CHECK, severity, message, link=link, field=field, span=span, suggestion=suggestion)
            for severity, message, span, suggestion in check_text(english)]
