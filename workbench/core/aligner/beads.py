"""The records the aligner hands back: beads, the result with its signature, and optional resources."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

# Bead shapes the search may produce, as (source count, target count).
BEAD_TYPES: tuple[tuple[int, int], ...] = ((0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1))

Embedder = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Bead:
    """One alignment link: 0-based sentence indices on each side (either may be empty), the model's
    score for the bead (higher is better; a log-odds-like number, comparable only within one run) and a
    calibrated confidence in [0, 1] (see ``confidence.py`` for what it means)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float = 0.0
    confidence: float = 0.0

    @property
    def shape(self) -> tuple[int, int]:
        """(number of source sentences, number of target sentences)."""
        return (len(self.source), len(self.target))


@dataclass(frozen=True)
class AlignResult:
    """The beads, covering every index of both sides exactly once and in order, and the signature:
    the parameters and backends used, as strings, to be stored with the links (like sacrebleu's)."""

    beads: tuple[Bead, ...]
    signature: dict[str, str] = field(default_factory=dict)

    def signature_line(self) -> str:
        """The signature as one ``key:value|key:value`` line."""
        return "|".join(f"{k}:{v}" for k, v in self.signature.items())


@dataclass(frozen=True)
class AlignResources:
    """Optional knowledge the caller loaded (storage does the file work; core only receives objects).

    ``dictionary`` maps a lower-case source-language word to the target-language lemmas it may
    translate to (e.g. ``{"house": frozenset({"дом"})}``) and is used when ``dictionary_pair`` names the
    language pair it covers, e.g. ``("en", "ru")``. ``embed`` turns sentences into an (N, dim) array of
    sentence vectors from a multilingual model."""

    dictionary: Mapping[str, frozenset[str]] | None = None
    dictionary_pair: tuple[str, str] | None = None
    embed: Embedder | None = None
    embed_name: str = ""
