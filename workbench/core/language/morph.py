"""Optional Russian morphology through pymorphy3; every function degrades to ``None`` without it."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    try:
        import pymorphy3
    except ImportError:
        return None
    try:
        return pymorphy3.MorphAnalyzer()
    except Exception:  # a broken dictionary package must not break alignment
        return None


def morphology_available() -> bool:
    """True when pymorphy3 and its Russian dictionary load."""
    return _analyzer() is not None


@lru_cache(maxsize=200_000)
def ru_lemma(word: str) -> str | None:
    """The most likely lemma of a lower-case Russian word, or ``None`` without pymorphy3."""
    analyzer = _analyzer()
    if analyzer is None:
        return None
    return str(analyzer.parse(word)[0].normal_form)


@lru_cache(maxsize=50_000)
def ru_lemmas(word: str) -> tuple[str, ...] | None:
    """Every lemma a lower-case Russian word may have, likeliest first («львов» → лев, львов: the
    genitive plural of «lion» and the city), or ``None`` without pymorphy3."""
    analyzer = _analyzer()
    if analyzer is None:
        return None
    return tuple(dict.fromkeys(str(p.normal_form) for p in analyzer.parse(word)))


@lru_cache(maxsize=50_000)
def ru_lemma_tagged(word: str) -> tuple[str, str] | None:
    """(lemma, kind) where kind is ``"NUMR"`` for a cardinal, ``"Anum"`` for an ordinal, else the
    part of speech; ``None`` without pymorphy3."""
    analyzer = _analyzer()
    if analyzer is None:
        return None
    parse = analyzer.parse(word)[0]
    tag = parse.tag
    kind = "Anum" if "Anum" in tag else str(tag.POS)
    return str(parse.normal_form), kind
