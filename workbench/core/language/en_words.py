"""A real English word list with frequencies, for the QA checks that must know what is a word
(``glued-word``): the English list that ships inside the ``pyspellchecker`` package (MIT licence; about
160,000 lower-case words with their counts in a large corpus of subtitles and books). Loaded once, on
first use (about 0.15 s); without the package the checks that need it are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

#: The list's name as docs/qa.md and ``workbench qa`` report it.
WORD_LIST = "pyspellchecker English frequency list"


@lru_cache(maxsize=1)
def english_frequencies() -> Mapping[str, int] | None:
    """Word → count (lower case), or ``None`` when pyspellchecker is not installed."""
    try:
        from spellchecker import SpellChecker
    except ImportError:
        return None
    try:
        checker = SpellChecker(language="en", distance=1)
    except Exception:  # a damaged data file must not stop the other checks
        return None
    return dict(checker.word_frequency.dictionary)
