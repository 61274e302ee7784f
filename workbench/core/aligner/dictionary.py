"""Dictionary keys: a source word and a target word meet when the bilingual dictionary links them.

Both sides are mapped to target-language lemmas (pymorphy3 for Russian when installed, otherwise a
lower-case form with common endings stripped), so the family works as well as the resources allow.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from workbench.core.language.morph import ru_lemma

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_EN_SUFFIXES = ("ing", "ed", "es", "s", "ly")
_RU_ENDINGS = ("ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ах", "ях", "ов", "ев", "ам",
               "ям", "ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее", "ую", "юю", "ом", "ем", "ы", "и",
               "а", "я", "у", "ю", "е", "о", "ь")


def target_lemma(word: str, lang: str) -> str:
    """A dictionary lookup form of a target word: pymorphy3's lemma for Russian when available,
    otherwise the lower-case word with the longest common ending removed (a crude stemmer; only a
    fallback)."""
    low = word.lower().replace("ё", "е")
    if lang == "ru":
        lemma = ru_lemma(low)
        if lemma is not None:
            return lemma.replace("ё", "е")
        for ending in _RU_ENDINGS:
            if low.endswith(ending) and len(low) - len(ending) >= 3:
                return low[: -len(ending)]
    return low


def _source_forms(word: str) -> list[str]:
    low = word.lower()
    forms = [low]
    for suffix in _EN_SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            forms.append(low[: -len(suffix)])
            forms.append(low[: -len(suffix)] + "e")
    return forms


def dictionary_keys(source: Sequence[str], target: Sequence[str], target_lang: str,
                    dictionary: Mapping[str, frozenset[str]]
                    ) -> tuple[list[list[tuple[str, float]]], list[list[tuple[str, float]]]]:
    """Weighted ``d:<target lemma>`` keys for both sides; a source word contributes the lemmas its
    dictionary entry lists, a target word its own lemma. Weights are inverse document frequencies."""
    norm_dict = {k: frozenset(target_lemma(w, target_lang) for w in v) for k, v in dictionary.items()}
    raw_s: list[set[str]] = []
    for text in source:
        keys: set[str] = set()
        for word in _WORD.findall(text):
            for form in _source_forms(word):
                if form in norm_dict:
                    keys.update(norm_dict[form])
                    break
        raw_s.append(keys)
    vocab = set().union(*raw_s) if raw_s else set()
    raw_t = [{lemma for w in _WORD.findall(text) if (lemma := target_lemma(w, target_lang)) in vocab}
             for text in target]
    df = Counter(k for keys in raw_s for k in keys) + Counter(k for keys in raw_t for k in keys)
    total = len(source) + len(target)
    weight = {k: math.log(1.0 + total / c) for k, c in df.items()}
    return ([[("d:" + k, weight[k]) for k in sorted(keys)] for keys in raw_s],
            [[("d:" + k, weight[k]) for k in sorted(keys)] for keys in raw_t])
