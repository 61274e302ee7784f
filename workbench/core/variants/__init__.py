"""Witnesses and their variant readings: layers, normalisation, collation, variant listing.

* :mod:`.layers` — the text before and after an author's deletion; struck passages and their ids.
* :mod:`.tokens` — words located in the raw witness.
* :mod:`.normalise` — which differences do not count (case, punctuation, ё/е, pre-1918 letters,
  number forms), each switchable.
* :mod:`.collate` — token collation with diff-match-patch, variant locations, transpositions.
* :mod:`.readings` — a document's variants with readings, decisions, status and policy.

The English apparatus generated from the source-side variants lives in :mod:`workbench.core.apparatus`.
"""

from workbench.core.variants.collate import Collation, Reading, VariantLocation, collate
from workbench.core.variants.layers import AFTER, BEFORE, StruckPassage, has_layers, struck_passages
from workbench.core.variants.normalise import STRICT, Normalisation, parse_rules
from workbench.core.variants.readings import (
    IssueEntry,
    Variant,
    collate_witnesses,
    document_variants,
    language_groups,
    witness_issues,
)

__all__ = [
    "AFTER", "BEFORE", "STRICT", "Collation", "IssueEntry", "VariantLocation", "Normalisation", "Reading",
    "StruckPassage", "Variant", "collate", "collate_witnesses", "document_variants", "has_layers",
    "language_groups", "parse_rules", "struck_passages", "witness_issues",
]
