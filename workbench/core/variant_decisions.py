"""Variant decisions in the decision log, and what they add up to.

Decision shapes (all with ``target`` = the variant id, e.g. ``V1``):

* ``variant-mark`` — the editor marks the words of a struck passage in a witness; ``data`` holds
  ``witness``, ``start``, ``end`` (raw character offsets in that witness), ``text`` (the words),
  ``certainty`` (0–1) and ``evidence`` (e.g. "1996 ed., p. 148"). It resolves the variant.
* ``variant-policy`` — how struck text is published: ``after`` is one of :data:`POLICIES`.
* ``variant-adopt`` — ``after`` is the siglum whose reading becomes the base of the edition.
* ``variant-resolve`` — resolves a variant without marking words (``note`` says why).
* ``note`` decisions may also target a variant id.

A later decision of the same kind supersedes an earlier one; a ``revert`` cancels the one it names.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.decisions import REVERT
from workbench.core.models import Alignment, Decision

POLICIES = ("omit", "strike", "bracket", "note")
DEFAULT_POLICY = "note"


@dataclass(frozen=True)
class StruckMark:
    """Words of a witness an editor marked as struck (from a ``variant-mark`` decision)."""

    variant: str
    witness: str
    start: int
    end: int
    text: str
    certainty: float | None
    evidence: str
    decision: str


def live_decisions(state: Alignment) -> list[Decision]:
    """Decisions not cancelled by a later revert."""
    reverted = {d.data.get("reverts") for d in state.decisions if d.action == REVERT}
    return [d for d in state.decisions if d.id not in reverted and d.action != REVERT]


def struck_marks(state: Alignment) -> list[StruckMark]:
    """The latest ``variant-mark`` of each variant."""
    latest: dict[str, Decision] = {}
    for d in live_decisions(state):
        if d.action == "variant-mark":
            latest[d.target] = d
    out = []
    for variant, d in latest.items():
        certainty = d.data.get("certainty")
        out.append(StruckMark(variant, d.data.get("witness", ""), int(d.data.get("start", "0")),
                              int(d.data.get("end", "0")), d.data.get("text", ""),
                              float(certainty) if certainty else None, d.data.get("evidence", ""), d.id))
    return sorted(out, key=lambda m: (m.witness, m.start))


def policy_for(state: Alignment, variant: str, default: str = DEFAULT_POLICY) -> str:
    """The publication policy chosen for a variant (the latest ``variant-policy``), else ``default``."""
    policy = default
    for d in live_decisions(state):
        if d.action == "variant-policy" and d.target == variant and d.after in POLICIES:
            policy = d.after
    return policy


def adopted_reading(state: Alignment, variant: str) -> str | None:
    """The siglum adopted as base at a variant, if any."""
    siglum = None
    for d in live_decisions(state):
        if d.action == "variant-adopt" and d.target == variant:
            siglum = d.after
    return siglum
