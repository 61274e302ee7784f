"""Sentence alignment: anchors (numbers, names, cognates, punctuation, optional dictionary and
embeddings) first, then a banded dynamic programme between them; and the strict/lax scorer.

Public entry points: ``align``, ``Bead``, ``AlignResult``, ``AlignResources``, ``evaluate``,
``parse_beads``, ``format_bead``.
"""

from workbench.core.aligner.align import BACKENDS, align
from workbench.core.aligner.beads import BEAD_TYPES, AlignResources, AlignResult, Bead
from workbench.core.aligner.score import Scores, evaluate, format_bead, parse_beads

__all__ = ["BACKENDS", "BEAD_TYPES", "AlignResources", "AlignResult", "Bead", "Scores", "align", "evaluate",
           "format_bead", "parse_beads"]
