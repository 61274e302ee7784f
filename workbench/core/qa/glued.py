"""The ``glued-word`` check: a token that is no word but two words run together ("Georgiaalready").

Words are known from a real English word list — the frequency list of the ``pyspellchecker`` package
(about 160,000 words; docs/qa.md says why this one) — and from the glossary's renderings, which hold the
names no dictionary knows. A token is flagged when it is not known, splits into two known words, and
both halves are common enough that the split is the likely reading (rare words split too easily).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.core.qa.glossary import Glossary
from workbench.core.qa.model import Finding, Severity
from workbench.core.qa.text import EnglishText, is_latin

CHECK = "glued-word"

#: How often (a count in the list, whose commonest words count tens of millions) the rarer half of a
#: split must occur, and the commoner half: words run together in a machine translation are ordinary
#: words, one of them very common ("Georgia" + "already"); "wood" + "stack" and "rub" + "rum" are an
#: author's compound or a Latin word, not a space lost.
MIN_FREQUENCY = 2000
MIN_COMMON = 200_000
#: Shortest half of a split; a half of two letters must be one of these.
MIN_PART = 2
SHORT_WORDS = frozenset({"of", "to", "in", "on", "at", "by", "an", "as", "is", "it", "he", "we", "me", "my", "no",
                         "so", "up", "us", "or", "be", "do", "go", "if", "am"})
MIN_TOKEN = 6
# British spellings the (American) list lacks: offence → offense, colour → color, centre → center …
_BRITISH = (("ence", "ense"), ("our", "or"), ("isation", "ization"), ("ise", "ize"), ("ised", "ized"),
            ("ising", "izing"), ("yse", "yze"), ("tre", "ter"), ("ogue", "og"), ("lled", "led"),
            ("lling", "ling"), ("ae", "e"), ("oe", "e"))


@dataclass(frozen=True)
class WordList:
    """An English word list: ``frequency(word)`` gives a lower-case word's count, 0 for an unknown one."""

    frequency: Callable[[str], int]
    name: str = ""

    def known(self, word: str) -> bool:
        """True when the list has the word (lower case)."""
        return self.frequency(word) > 0


def is_word(low: str, words: WordList, names: frozenset[str]) -> bool:
    """True when a lower-case token is a word: in the list (British spellings too) or a glossary name."""
    if words.known(low) or low in names:
        return True
    return any(old in low and words.known(low.replace(old, new)) for old, new in _BRITISH)


def split(token: str, words: WordList, names: frozenset[str]) -> tuple[str, str] | None:
    """The best split of an unknown token into two words, or None."""
    low = token.lower()
    if is_word(low, words, names):
        return None
    best: tuple[int, tuple[str, str]] | None = None
    for cut in range(MIN_PART, len(token) - MIN_PART + 1):
        head, tail = token[:cut], token[cut:]
        if tail[:1].isupper() and not tail.isupper():
            continue  # "CamelCase" names are not a space lost
        if any(len(part) < 3 and part.lower() not in SHORT_WORDS for part in (head, tail)):
            continue
        scores = []
        for part in (head, tail):
            p = part.lower()
            score = words.frequency(p)
            if p in names or (part is head and part[:1].isupper() and score > 0):
                score = max(score, MIN_FREQUENCY)  # a name, capitalised where it starts the token
            scores.append(score)
        rarer = min(scores)
        if rarer >= MIN_FREQUENCY and max(scores) >= MIN_COMMON and (best is None or rarer > best[0]):
            best = (rarer, (head, tail))
    return best[1] if best else None


def findings(document: str, english: EnglishText, words: WordList, glossary: Glossary, *,
             link: str | None = None, field: str | None = None) -> list[Finding]:
    """A finding per glued token, suggesting the two words with a space."""
    out = []
    names = glossary.names
    for token, start, end in english.words():
        if len(token) < MIN_TOKEN or not is_latin(token) or token.isupper() or "'" in token or "’" in token:
            continue
        if any(c.isupper() for c in token[1:]):
            continue  # RTsKhIDNI, McDonald: capitals inside are deliberate
        found = split(token, words, names)
        if found is None:
            continue
        head, tail = found
        out.append(Finding(document, CHECK, Severity.WARNING, f"“{token}” looks like two words run together: "
                           f"{head} {tail}", link=link, field=field, span=(start, end), suggestion=f"{head} {tail}"))
    return out
