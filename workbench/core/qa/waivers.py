"""Waivers: ``qa-waive`` decisions that set a finding aside for the English they judged.

A waiver names the check id, the link (or metadata field) and the fingerprint of the English of that link
(or the field's text) as it stood when the editor judged it. It holds while that text is unchanged: an
edit changes the fingerprint, the waiver goes stale and the finding comes back. A waiver undone (a
revert) no longer holds either.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from workbench.core.actions import Action
from workbench.core.apparatus import fingerprint
from workbench.core.models import Alignment, Decision
from workbench.core.qa.model import Finding

__all__ = ["apply_waivers", "fingerprint", "judged_text", "live_waivers", "stale_waivers"]


def live_waivers(state: Alignment) -> dict[tuple[str, str], set[str]]:
    """(target, check) → the fingerprints waived, from the live ``qa-waive`` decisions."""
    out: dict[tuple[str, str], set[str]] = {}
    for decision in state.live_decisions:
        if decision.action is Action.QA_WAIVE and decision.data.check and decision.data.english_sha:
            out.setdefault((decision.target, decision.data.check), set()).add(decision.data.english_sha)
    return out


def judged_text(state: Alignment, target: str, fields: Mapping[str, str]) -> str | None:
    """The text a waiver on ``target`` judges: the English of a link, or a metadata field's text."""
    if state.has_link(target):
        return state.english(state.link(target))
    return fields.get(target)


def apply_waivers(state: Alignment, findings: Iterable[Finding], fields: Mapping[str, str]) -> list[Finding]:
    """The findings with ``waived`` set where a live waiver holds for the text as it now reads."""
    waivers = live_waivers(state)
    if not waivers:
        return [f.with_waived(False) for f in findings]
    prints: dict[str, str | None] = {}
    out = []
    for finding in findings:
        shas = waivers.get((finding.target, finding.check))
        if not shas:
            out.append(finding.with_waived(False))
            continue
        if finding.target not in prints:
            text = judged_text(state, finding.target, fields)
            prints[finding.target] = None if text is None else fingerprint(text)
        out.append(finding.with_waived(prints[finding.target] in shas))
    return out


def stale_waivers(state: Alignment, fields: Mapping[str, str]) -> list[Decision]:
    """Live waivers whose text changed since (their finding, if still there, is open again)."""
    out = []
    for decision in state.live_decisions:
        if decision.action is not Action.QA_WAIVE:
            continue
        text = judged_text(state, decision.target, fields)
        if text is None or fingerprint(text) != decision.data.english_sha:
            out.append(decision)
    return out
