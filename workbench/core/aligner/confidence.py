"""Calibrated confidence of a bead: the probability that the gold alignment holds the same bead.

A logistic function of a few features of the bead; the constants were fitted on the gold sets by
``benchmarks/align_bench.py --calibrate`` (see ``CALIBRATION`` for the run they came from).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class BeadEvidence:
    """What the search knows about one bead when it is done."""

    shape: tuple[int, int]
    cost: float           # the bead's share of the path cost (lower is better)
    length_cost: float    # the length term alone
    bonus: float          # similarity bonus (numbers, names, dictionary, embeddings, punctuation)
    stable: bool          # the first pass produced the same bead
    margin: float         # cost of the best local alternative minus this bead's cost


def features(e: BeadEvidence) -> tuple[float, ...]:
    """The feature vector the calibration was fitted on (the order matters)."""
    a, b = e.shape
    return (1.0, float(a == 1 and b == 1), float(a == 0 or b == 0), min(e.length_cost, 10.0) / 10.0,
            min(e.bonus, 10.0) / 10.0, float(e.stable), max(min(e.margin, 10.0), -10.0) / 10.0)


# Fitted by logistic regression (numpy IRLS) on the 11,145 beads that the plain and embeddings backends
# produced for all three gold sets (Text+Berg test, ParIce, the EN–RU book), 2026-11-27, with
# `benchmarks/align_bench.py --backends plain,embeddings --no-nltk --no-scaling --calibrate`.
# Order: bias, 1-1, insertion/deletion, length cost, bonus, same bead in the first pass, margin.
CALIBRATION: tuple[float, ...] = (-0.569, 1.750, -1.292, -3.367, 0.573, 2.026, 0.063)


def confidence(e: BeadEvidence, weights: tuple[float, ...] = CALIBRATION) -> float:
    """Probability in [0, 1] that the bead is exactly right."""
    z = sum(w * x for w, x in zip(weights, features(e), strict=True))
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
