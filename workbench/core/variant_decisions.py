"""What the variant decisions in the log add up to: the marked words, the chosen policy, the adopted
reading. The decisions themselves are made by :mod:`workbench.core.decide`.

Decision shapes (all with ``target`` = the variant id, e.g. ``V1``; details in
:class:`~workbench.core.actions.DecisionData`):

* ``variant-mark`` — the editor marks the words of a struck passage in a witness (``witness``,
  ``start``, ``end``, ``text``, with ``certainty`` and ``evidence``). It resolves the variant.
* ``variant-policy`` — how struck text is published: ``after`` is one of :data:`POLICIES`.
* ``variant-adopt`` — ``after`` is the siglum whose reading becomes the base of the edition.
* ``variant-resolve`` — resolves a variant without marking words (``note`` says why).
* ``variant-wording`` — ``after`` is the editor's own wording of the variant's English apparatus
  note (it replaces the generated text).
* ``comment`` decisions may also target a variant id.

``variant-policy`` and ``variant-wording`` keep ``source_sha`` and ``english_sha``: short hashes of
the struck passage and of its English when the decision was made, so that the apparatus can flag the
note as stale when either changes. A later decision of the same kind supersedes an earlier one; a
``revert`` cancels the one it names.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.actions import Action
from workbench.core.models import Alignment, Decision

POLICIES = ("omit", "strike", "bracket", "note")
DEFAULT_POLICY = "note"
#: Decisions that resolve a variant.
RESOLVING_ACTIONS = frozenset({Action.VARIANT_MARK, Action.VARIANT_RESOLVE})


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


def struck_marks(state: Alignment) -> list[StruckMark]:
    """The latest ``variant-mark`` of each variant."""
    latest_mark: dict[str, Decision] = {}
    for d in state.live_decisions:
        if d.action is Action.VARIANT_MARK:
            latest_mark[d.target] = d
    out = [StruckMark(variant, d.data.witness or "", d.data.start or 0, d.data.end or 0, d.data.text or "",
                      d.data.certainty, d.data.evidence or "", d.id)
           for variant, d in latest_mark.items()]
    return sorted(out, key=lambda m: (m.witness, m.start))


def decided_policy(state: Alignment, variant: str) -> str | None:
    """The policy an editor chose for a variant, or None when none was chosen."""
    chosen = latest(state, variant, Action.VARIANT_POLICY)
    return chosen.after if chosen is not None and chosen.after in POLICIES else None


def policy_for(state: Alignment, variant: str, default: str = DEFAULT_POLICY) -> str:
    """The publication policy chosen for a variant (the latest ``variant-policy``), else ``default``."""
    return decided_policy(state, variant) or default


def adopted_reading(state: Alignment, variant: str) -> str | None:
    """The siglum adopted as base at a variant, if any."""
    chosen = latest(state, variant, Action.VARIANT_ADOPT)
    return chosen.after if chosen is not None else None


def resolved_variant_ids(state: Alignment | None) -> set[str]:
    """Variants an editor resolved (by marking the words or deciding them), not later reverted."""
    if state is None:
        return set()
    return {d.target for d in state.live_decisions if d.action in RESOLVING_ACTIONS}


def decisions_about(state: Alignment, variant: str) -> list[Decision]:
    """Live variant decisions and comments that target a variant, oldest first."""
    return [d for d in state.live_decisions if d.target == variant
            and (d.action.is_variant or d.action is Action.COMMENT)]


def latest(state: Alignment, variant: str, action: Action) -> Decision | None:
    """The latest live decision of one action on a variant."""
    found = None
    for d in state.live_decisions:
        if d.action is action and d.target == variant:
            found = d
    return found
