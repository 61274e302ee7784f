"""Sentence features that survive translation: numbers, names, cognates and the punctuation profile.

Every sentence gets a list of weighted *keys* (``#30`` a number, ``n:vronsk`` a name, ``c:berg`` a
cognate prefix); a key counts only if it occurs on both sides about equally often, and rarer keys
weigh more (inverse document frequency). Rare keys that occur once or twice per side also give the
search its first fixed points (``anchor_candidates``).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from workbench.core.aligner.romanise import name_key, name_stem
from workbench.core.language.en_numbers import en_number_values
from workbench.core.language.ru_numbers import ru_number_values

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_DIGITS = re.compile(r"\d+")
_NOTE_REF = re.compile(r"\[\^(\w+)\]")
# Minimum rapidfuzz ratio for two name stems from different scripts to count as the same name.
NAME_CUTOFF = 80.0
# Cognates in the sense of Simard et al. (1992): words of four or more letters sharing their first four.
COGNATE_PREFIX = 4

Keyed = list[list[tuple[str, float]]]


def numbers_in(text: str, lang: str) -> frozenset[int]:
    """Numbers a sentence mentions: digits always, number words for Russian and English."""
    if lang == "ru":
        return ru_number_values(text)
    if lang == "en":
        return en_number_values(text)
    return frozenset(int(d) for d in _DIGITS.findall(text) if len(d) < 10)


def _side_tokens(sentences: Sequence[str]) -> tuple[list[list[str]], set[str]]:
    tokens = [_WORD.findall(s) for s in sentences]
    lower_vocab = {t for toks in tokens for t in toks if t.islower()}
    return tokens, lower_vocab


def _names(tokens: list[str], lower_vocab: set[str]) -> set[str]:
    # A name: capitalised, three letters or more, and never seen in lower case on its side (which
    # keeps sentence-initial common words such as «The» or «Он» out).
    return {name_stem(t) for t in tokens
            if len(t) >= 3 and t[0].isupper() and t.lower() not in lower_vocab and not t.isupper()}


def _cognates(tokens: list[str]) -> set[str]:
    out = set()
    for t in tokens:
        if len(t) >= COGNATE_PREFIX + 1:
            key = name_key(t)
            if len(key) >= COGNATE_PREFIX:
                out.add(key[:COGNATE_PREFIX])
    return out


def _map_names(source: set[str], target: set[str]) -> dict[str, str]:
    """Map each target name stem to the most similar source name stem (rapidfuzz), if close enough."""
    mapping = {t: t for t in target if t in source}
    rest = sorted(target - source)
    pool = sorted(source)
    if not rest or not pool:
        return mapping
    matrix = process.cdist(rest, pool, scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF, dtype=np.uint8)
    best = matrix.argmax(axis=1)
    for row, column in enumerate(best):
        if matrix[row, column] >= NAME_CUTOFF:
            mapping[rest[row]] = pool[int(column)]
    return mapping


@dataclass(frozen=True)
class KeyStats:
    """What the key extraction found, for the signature and for tests."""

    kept: int
    names_mapped: int


def sentence_keys(source: Sequence[str], target: Sequence[str], source_lang: str,
                  target_lang: str) -> tuple[Keyed, Keyed, KeyStats]:
    """Weighted anchor keys for every sentence of both sides (numbers, names, cognates, note refs)."""
    s_tok, s_lower = _side_tokens(source)
    t_tok, t_lower = _side_tokens(target)
    s_names = [_names(t, s_lower) for t in s_tok]
    t_names = [_names(t, t_lower) for t in t_tok]
    mapping = _map_names(set().union(*s_names) if s_names else set(),
                         set().union(*t_names) if t_names else set())
    raw_s = [_raw(text, toks, names, source_lang, None)
             for text, toks, names in zip(source, s_tok, s_names, strict=True)]
    raw_t = [_raw(text, toks, names, target_lang, mapping)
             for text, toks, names in zip(target, t_tok, t_names, strict=True)]
    df_s = Counter(k for keys in raw_s for k in keys)
    df_t = Counter(k for keys in raw_t for k in keys)
    total = len(source) + len(target)
    weights: dict[str, float] = {}
    for key, cs in df_s.items():
        ct = df_t.get(key, 0)
        if not ct:
            continue
        # A key whose counts differ a lot between the sides is not a translation invariant.
        if max(cs, ct) > 2 and min(cs, ct) / max(cs, ct) < 0.5:
            continue
        boost = 1.5 if key[0] in "#n" else 1.0
        weights[key] = boost * math.log(1.0 + total / (cs + ct))
    keyed_s = [[(k, weights[k]) for k in sorted(keys) if k in weights] for keys in raw_s]
    keyed_t = [[(k, weights[k]) for k in sorted(keys) if k in weights] for keys in raw_t]
    mapped = sum(1 for a, b in mapping.items() if a != b)
    return keyed_s, keyed_t, KeyStats(len(weights), mapped)


def _raw(text: str, tokens: list[str], names: set[str], lang: str,
         mapping: dict[str, str] | None) -> set[str]:
    keys = {f"#{v}" for v in numbers_in(text, lang)}
    keys.update(f"^{n}" for n in _NOTE_REF.findall(text))
    for stem in names:
        keys.add("n:" + (mapping.get(stem, stem) if mapping is not None else stem))
    keys.update("c:" + c for c in _cognates(tokens))
    return keys


# Punctuation that translators keep: questions, exclamations, speech turns, colons, brackets.
_SPEECH = re.compile(r"(?:^|[\s(])(?:['\"“‘«„]|--|—|–)(?=\s*\w)")
_PROFILE = (re.compile(r"\?"), re.compile(r"!"), _SPEECH, re.compile(r":"), re.compile(r";"),
            re.compile(r"[(\[]"), re.compile(r"…|\.\.\."))


def punctuation_profile(sentences: Sequence[str]) -> np.ndarray:
    """(N, 7) counts per sentence of ? ! speech-turn openers (quotes or dialogue dashes) : ; brackets
    and ellipses — marks that survive translation more often than commas do."""
    out = np.zeros((len(sentences), len(_PROFILE)), dtype=np.float32)
    for row, text in enumerate(sentences):
        for col, pattern in enumerate(_PROFILE):
            out[row, col] = len(pattern.findall(text))
    return out


def anchor_candidates(keyed_s: Keyed, keyed_t: Keyed, max_df: int = 4) -> list[tuple[int, int, float]]:
    """Sentence pairs (i, j, weight) that share keys rare on both sides (at most ``max_df``
    sentences each, the same number on both): the raw material of the anchor chain."""
    post_s: dict[str, list[int]] = {}
    post_t: dict[str, list[int]] = {}
    for index, keys in enumerate(keyed_s):
        for key, _ in keys:
            post_s.setdefault(key, []).append(index)
    for index, keys in enumerate(keyed_t):
        for key, _ in keys:
            post_t.setdefault(key, []).append(index)
    pairs: dict[tuple[int, int], float] = defaultdict(float)
    for key, rows in post_s.items():
        cols = post_t.get(key)
        if cols is None or len(rows) > max_df or len(rows) != len(cols):
            continue
        weight = next(w for k, w in keyed_s[rows[0]] if k == key)
        for i, j in zip(rows, cols, strict=True):  # equal counts: pair the occurrences in order
            pairs[(i, j)] += weight
    return [(i, j, w) for (i, j), w in sorted(pairs.items())]
