"""The ``untranslated`` check: Russian words left in the English, and an English that is the source itself.

Cyrillic inside quotation marks or italics is quoted Russian, which the glossary's transliteration
policy may allow (``quoted-russian: allowed``, the default). Any other Cyrillic word is flagged, with
the glossary's rendering as the suggestion when the word is a glossary term in any form, else its
transliteration in the policy's scheme (``simplified``: the aligner's table in
:mod:`workbench.core.aligner.romanise`, «Харьков» → Khar'kov without the soft sign, «Львов» → Lvov;
``scholarly``: the scholarly system, «Харьков» → Char'kov → Xar'kov with ″ and ′ for the signs).
"""

from __future__ import annotations

import re

from workbench.core.aligner.romanise import romanise
from workbench.core.models import Link
from workbench.core.qa.document import QADocument
from workbench.core.qa.glossary import Glossary
from workbench.core.qa.mixed_script import mixed_spans
from workbench.core.qa.model import Finding, Severity
from workbench.core.qa.text import WORD, EnglishText, is_cyrillic, plain_reading

CHECK = "untranslated"

_QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"|„[^“”]*[“”]")
_SCHOLARLY = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "ž", "з": "z", "и": "i",
              "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
              "у": "u", "ф": "f", "х": "x", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ъ": "″", "ы": "y", "ь": "′",
              "э": "è", "ю": "ju", "я": "ja", "і": "i", "ѣ": "ě"}
_SCHOLARLY_TABLE = str.maketrans({**_SCHOLARLY, **{k.upper(): v.capitalize() for k, v in _SCHOLARLY.items()}})


def transliterate(word: str, scheme: str) -> str:
    """A Russian word in Latin letters under a scheme of :data:`workbench.core.qa.glossary.SCHEMES`."""
    if scheme == "scholarly":
        return word.translate(_SCHOLARLY_TABLE)
    return romanise(word)


def quoted_spans(english: EnglishText) -> list[tuple[int, int]]:
    """Stretches in quotation marks or italics."""
    return [m.span() for m in _QUOTED.finditer(english.masked)] + list(english.italic)


def findings(document: str, english: EnglishText, glossary: Glossary, *, link: str | None = None,
             field: str | None = None) -> list[Finding]:
    """Cyrillic words of one English text (outside quoted Russian, if the policy allows it)."""
    if not is_cyrillic(english.masked):
        return []
    allowed = quoted_spans(english) if glossary.policy.quoted_russian == "allowed" else []
    allowed += mixed_spans(english)
    out = []
    for match in WORD.finditer(english.masked):
        word = match.group()
        if not is_cyrillic(word) or any(a <= match.start() and match.end() <= b for a, b in allowed):
            continue
        term = glossary.term_for_lemma(word)
        if term is not None and term.target:
            suggestion = term.target[0]
            message = f"“{word}” is Russian left in the English; the glossary renders it {suggestion}"
        else:
            suggestion = transliterate(word, glossary.policy.scheme)
            message = f"“{word}” is Russian left in the English"
        out.append(Finding(document, CHECK, Severity.ERROR, message, link=link, field=field, span=match.span(),
                           suggestion=suggestion))
    return out


def same_as_source(doc: QADocument, link: Link) -> list[Finding]:
    """An English that is the Russian itself (copied, not translated)."""
    source = doc.source(link)
    if source is None or not link.target:
        return []
    english = doc.english(link)
    plain = " ".join(plain_reading(english.markup).split())
    if not plain or plain != source.plain or not any(c.isalpha() for c in plain):
        return []
    return [Finding(doc.address, CHECK, Severity.WARNING, "the English is the same as the Russian", link=link.id,
                    span=(0, len(english.markup)))]
