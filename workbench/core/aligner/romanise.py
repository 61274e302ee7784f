"""Cyrillic → Latin romanisation and a spelling-blind key, so that names meet across scripts:
«Буденный» ~ Budyonny, «Львов» ~ Lvov, «Вронского» ~ Vronsky.

The table is a plain letter map (no library romanises Russian without a large dependency); the key
then folds the spellings that English, German and French transliterations disagree on (y/i/j, kh/h,
double letters, ks/x), and ``name_similarity`` compares keys with rapidfuzz.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian and pre-reform letters occur in archival texts.
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ѣ": "e", "ѳ": "f", "ѵ": "i",
}
_TABLE = str.maketrans({**_CYR, **{k.upper(): v.capitalize() for k, v in _CYR.items()}})

# Spelling variants folded by the key, applied in order to a lower-case Latin word.
_FOLDS = (
    ("shch", "sh"), ("tch", "ch"), ("kh", "h"), ("zh", "j"), ("ts", "c"), ("tz", "c"), ("ck", "k"),
    ("x", "ks"), ("ph", "f"), ("w", "v"), ("q", "k"), ("ye", "e"), ("yo", "e"), ("yu", "u"),
    ("ya", "a"), ("ie", "e"), ("y", "i"), ("j", "i"), ("ou", "u"), ("oe", "e"), ("ue", "u"),
)
_DOUBLE = re.compile(r"(.)\1+")
_NON_LETTER = re.compile(r"[^a-z]")
# Case endings of Russian nouns and adjectives (romanised, folded), longest first.
_RU_ENDINGS = ("ogo", "ego", "omu", "emu", "imi", "ami", "iami", "ah", "am", "om", "em", "oi", "ei",
               "ii", "im", "ui", "ai", "a", "e", "i", "u", "o")


def romanise(text: str) -> str:
    """Letter-by-letter Latin spelling of a Cyrillic text (other characters pass unchanged)."""
    return text.translate(_TABLE)


@lru_cache(maxsize=200_000)
def name_key(word: str) -> str:
    """A spelling-blind Latin key of one word: romanised, lower case, variants folded, doubles merged.

    >>> name_key("Буденный") == name_key("Budyonny")
    True
    """
    key = romanise(word).lower()
    key = key.replace("é", "e").replace("è", "e").replace("ü", "u").replace("ö", "o").replace("ä", "a")
    for old, new in _FOLDS:
        key = key.replace(old, new)
    key = _NON_LETTER.sub("", key)
    return _DOUBLE.sub(r"\1", key)


@lru_cache(maxsize=200_000)
def name_stem(word: str) -> str:
    """``name_key`` without a Russian case ending or an English possessive, for matching inflected
    names: «Вронского» and «Vronsky's» both give ``vronsk``."""
    key = name_key(word.removesuffix("'s").removesuffix("’s"))
    for ending in _RU_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            return key[: -len(ending)]
    return key


def name_similarity(a: str, b: str) -> float:
    """Similarity in [0, 100] of two names in any script (rapidfuzz ratio of their stems)."""
    return float(fuzz.ratio(name_stem(a), name_stem(b)))
