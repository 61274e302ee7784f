"""Strict and lax precision/recall/F1 of sentence alignments, pooled over documents.

The rule is the one of Sennrich & Volk (2011) as described in ``../shared/eval/README.md``: precision
judges every system bead (insertions and deletions included), recall judges every gold bead after beads
with an empty side were removed from both sides; a *strict* hit is an identical bead, a *lax* hit shares
at least one source-to-target sentence link with a bead of the other alignment. Counts are summed over
documents before dividing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.core.errors import FormatError, Location
from workbench.core.lines import split_lines

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]

_LINE = re.compile(r"^\s*\[([0-9,\s]*)\]\s*:\s*\[([0-9,\s]*)\]\s*$")


def parse_beads(text: str) -> list[BeadPair]:
    """Parse the gold format, one bead per line: ``[0, 1]:[2]`` (``[]`` for an empty side).

    Blank lines are skipped; anything else raises ``FormatError`` with the line number."""
    beads: list[BeadPair] = []
    for number, line in enumerate(split_lines(text, crlf=True), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            raise FormatError(f"not a bead line (expected e.g. '[0, 1]:[2]'): {line.strip()[:60]!r}",
                              Location(line=number))
        beads.append((_indices(match.group(1)), _indices(match.group(2))))
    return beads


def _indices(body: str) -> tuple[int, ...]:
    return tuple(int(part) for part in body.split(",") if part.strip())


def format_bead(source: Sequence[int], target: Sequence[int]) -> str:
    """One bead in the gold format: ``[0, 1]:[2]``."""
    return f"[{', '.join(map(str, source))}]:[{', '.join(map(str, target))}]"


@dataclass(frozen=True)
class Counts:
    """Hit counts of one or more documents; add them to pool documents."""

    strict_p_hits: int = 0
    lax_p_hits: int = 0
    predicted: int = 0
    strict_r_hits: int = 0
    lax_r_hits: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self._tuple(), other._tuple(), strict=True)))

    def _tuple(self) -> tuple[int, ...]:
        return (self.strict_p_hits, self.lax_p_hits, self.predicted,
                self.strict_r_hits, self.lax_r_hits, self.gold)


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of one mode."""

    p: float
    r: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        """``{"p": …, "r": …, "f1": …}`` rounded to 4 decimals."""
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True)
class Scores:
    """Strict and lax figures of an evaluation, with the counts behind them."""

    strict: PRF
    lax: PRF
    counts: Counts

    def as_dict(self) -> dict[str, dict[str, float]]:
        """``{"strict": {"p", "r", "f1"}, "lax": {"p", "r", "f1"}}``."""
        return {"strict": self.strict.as_dict(), "lax": self.lax.as_dict()}


def _clean(beads: Iterable[BeadPair]) -> list[BeadPair]:
    # Beads empty on both sides carry no claim; the scoring rule ignores them.
    return [(tuple(s), tuple(t)) for s, t in beads if s or t]


def _links(beads: Iterable[BeadPair]) -> set[tuple[int, int]]:
    return {(i, j) for s, t in beads for i in s for j in t}


def _hits(judged: list[BeadPair], reference: list[BeadPair]) -> tuple[int, int]:
    exact = {(frozenset(s), frozenset(t)) for s, t in reference}
    links = _links(reference)
    strict = lax = 0
    for s, t in judged:
        if (frozenset(s), frozenset(t)) in exact:
            strict += 1
            lax += 1
        elif any((i, j) in links for i in s for j in t):
            lax += 1
    return strict, lax


def count(gold: Iterable[BeadPair], predicted: Iterable[BeadPair]) -> Counts:
    """The hit counts of one document."""
    gold_l, pred_l = _clean(gold), _clean(predicted)
    sp, lp = _hits(pred_l, gold_l)
    gold_r = [b for b in gold_l if b[0] and b[1]]
    pred_r = [b for b in pred_l if b[0] and b[1]]
    sr, lr = _hits(gold_r, pred_r)
    return Counts(sp, lp, len(pred_l), sr, lr, len(gold_r))


def _prf(hits_p: int, n_p: int, hits_r: int, n_r: int) -> PRF:
    p = hits_p / n_p if n_p else 0.0
    r = hits_r / n_r if n_r else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f1)


def scores_from_counts(counts: Counts) -> Scores:
    """Turn pooled counts into strict and lax P/R/F1."""
    c = counts
    return Scores(_prf(c.strict_p_hits, c.predicted, c.strict_r_hits, c.gold),
                  _prf(c.lax_p_hits, c.predicted, c.lax_r_hits, c.gold), c)


def evaluate(documents: Iterable[tuple[Sequence[BeadPair], Sequence[BeadPair]]]) -> Scores:
    """Score ``(gold, predicted)`` bead lists of one or more documents, counts pooled (micro-average)."""
    total = Counts()
    for gold, predicted in documents:
        total = total + count(gold, predicted)
    return scores_from_counts(total)
