"""Variant decisions in the decision log, and what they add up to.

Decision shapes (all with ``target`` = the variant id, e.g. ``V1``):

* ``variant-mark`` — the editor marks the words of a struck passage in a witness; ``data`` holds
  ``witness``, ``start``, ``end`` (raw character offsets in that witness), ``text`` (the words),
  ``certainty`` (0–1) and ``evidence`` (e.g. "1996 ed., p. 148"). It resolves the variant.
* ``variant-policy`` — how struck text is published: ``after`` is one of :data:`POLICIES`.
* ``variant-adopt`` — ``after`` is the siglum whose reading becomes the base of the edition.
* ``variant-resolve`` — resolves a variant without marking words (``note`` says why).
* ``variant-note`` — ``after`` is the editor's own wording of the variant's English apparatus note
  (it replaces the generated text).
* ``note`` decisions may also target a variant id.

Every variant decision may carry ``reason`` (a rationale code), ``note``, and in ``data``
``evidence`` and ``certainty``. ``variant-policy`` and ``variant-note`` also keep ``source_sha`` and
``english_sha``: short hashes of the struck passage and of its English when the decision was made,
so that the apparatus can flag the note as stale when either changes.

A later decision of the same kind supersedes an earlier one; a ``revert`` cancels the one it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from workbench.core.decisions import DEFAULT_CLOCK, REVERT, Clock, record_decision
from workbench.core.errors import OperationError
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


# ------------------------------------------------------------------------- making variant decisions

VARIANT_ACTIONS = ("variant-mark", "variant-policy", "variant-adopt", "variant-resolve", "variant-note")


def variant_decision(
    state: Alignment,
    action: str,
    variant: str,
    author: str,
    *,
    after: str | None = None,
    reason: str | None = None,
    note: str | None = None,
    evidence: str | None = None,
    certainty: float | None = None,
    data: Mapping[str, str] | None = None,
    clock: Clock = DEFAULT_CLOCK,
) -> Decision:
    """A variant decision (see the module docstring for the shapes), checked before it is made."""
    if action not in VARIANT_ACTIONS:
        raise OperationError(f"{action!r} is not a variant action ({', '.join(VARIANT_ACTIONS)})")
    if not variant or any(c.isspace() for c in variant):
        raise OperationError(f"{variant!r} is not a variant id")
    extra = dict(data or {})
    if action == "variant-policy" and after not in POLICIES:
        raise OperationError(f"policy must be one of {', '.join(POLICIES)}, got {after!r}")
    if action in ("variant-adopt", "variant-note") and not (after or "").strip():
        raise OperationError(f"{action} needs {'a siglum' if action == 'variant-adopt' else 'the wording'}")
    if action == "variant-mark":
        missing = [k for k in ("witness", "start", "end", "text") if not extra.get(k)]
        if missing:
            raise OperationError(f"variant-mark needs {', '.join(missing)} in its data")
    if evidence:
        extra["evidence"] = evidence
    if certainty is not None:
        if not 0.0 <= certainty <= 1.0:
            raise OperationError(f"certainty is between 0 and 1, got {certainty}")
        extra["certainty"] = f"{certainty:g}"
    before = policy_for(state, variant) if action == "variant-policy" else None
    return record_decision(state, action, variant, author, before=before, after=after, reason=reason, note=note,
                           data=extra, clock=clock)


def variant_comment(state: Alignment, variant: str, text: str, author: str, *, reason: str | None = None,
                    clock: Clock = DEFAULT_CLOCK) -> Decision:
    """A ``note`` decision about a variant (``record_decision`` accepts notes on links only)."""
    if not text.strip():
        raise OperationError("a note needs some text")
    return Decision(id=clock.new_id(), time=clock.now(), author=author, action="note", target=variant,
                    reason=reason, note=text)


def decisions_about(state: Alignment, variant: str) -> list[Decision]:
    """Live variant decisions and notes that target a variant, oldest first."""
    return [d for d in live_decisions(state) if d.target == variant
            and (d.action in VARIANT_ACTIONS or d.action == "note")]


def decided_policy(state: Alignment, variant: str) -> str | None:
    """The policy an editor chose for a variant, or None when none was chosen."""
    chosen = None
    for d in live_decisions(state):
        if d.action == "variant-policy" and d.target == variant and d.after in POLICIES:
            chosen = d.after
    return chosen


def latest(state: Alignment, variant: str, action: str) -> Decision | None:
    """The latest live decision of one action on a variant."""
    found = None
    for d in live_decisions(state):
        if d.action == action and d.target == variant:
            found = d
    return found
