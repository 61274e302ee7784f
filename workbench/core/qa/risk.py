"""The review queue: each link's risk, from its open findings, the aligner's confidence, its review
status, an edit not yet confirmed, and the variants it touches. The weights (docs/qa.md gives the table)
put a link with an open error before any merely unreviewed one, and a confirmed link without findings
out of the queue.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from workbench.core.documents import DocumentMeta
from workbench.core.models import Alignment, Link, Status
from workbench.core.qa.model import Finding, Severity
from workbench.core.variant_decisions import resolved_variant_ids, struck_marks

#: Weight of one open finding of each severity.
FINDING_WEIGHT = {Severity.ERROR: 4.0, Severity.WARNING: 2.0, Severity.INFO: 0.5}
UNREVIEWED = 1.0          # status auto
LOW_CONFIDENCE = 2.0      # times (1 − confidence), for an unreviewed link; no confidence counts as 0.5
FLAGGED = 3.0
REJECTED = 1.0            # the alignment itself is wrong and waits for a fix
EDITED_UNCONFIRMED = 1.5
VARIANT_UNRESOLVED = 2.0
VARIANT_RESOLVED = 0.5


@dataclass(frozen=True)
class RiskItem:
    """One link's place in the queue: its risk and the reasons, strongest first."""

    link: str
    risk: float
    reasons: tuple[str, ...]
    findings: int

    def as_json(self) -> dict[str, object]:
        """The item as ``workbench queue --json`` prints it."""
        return {"link": self.link, "risk": round(self.risk, 3), "reasons": list(self.reasons),
                "findings": self.findings}


def variant_touches(meta: DocumentMeta, state: Alignment) -> dict[str, bool]:
    """Link id → True when it touches an unresolved variant, False when only resolved ones (links that
    touch none are absent). Variants are the document's (from import) and those decisions name."""
    resolved = resolved_variant_ids(state)
    marks = {m.variant: m for m in struck_marks(state)}
    out: dict[str, bool] = {}
    for info in meta.variants:
        mark = marks.get(info.id)
        unresolved = info.status == "unresolved" and info.id not in resolved
        span = (mark.start, mark.end) if mark else None
        witness = mark.witness if mark else info.witness
        for link_id in state.links_touching(witness, witness_note=info.witness_note, span=span):
            out[link_id] = out.get(link_id, False) or unresolved
    for mark in marks.values():
        if any(v.id == mark.variant for v in meta.variants):
            continue
        for link_id in state.links_touching(mark.witness, span=(mark.start, mark.end)):
            out.setdefault(link_id, False)
    return out


def link_risk(link: Link, state: Alignment, findings: Iterable[Finding], variant: bool | None) -> RiskItem:
    """The risk of one link (``variant``: None when it touches no variant, else whether one is unresolved)."""
    parts: list[tuple[float, str]] = []
    open_findings = [f for f in findings if f.unwaived]
    for severity in Severity:
        mine = [f for f in open_findings if f.severity is severity]
        if mine:
            checks = ", ".join(dict.fromkeys(f.check for f in mine))
            parts.append((FINDING_WEIGHT[severity] * len(mine), f"{len(mine)} {severity.value}(s): {checks}"))
    if link.status is Status.AUTO:
        confidence = link.confidence if link.confidence is not None else 0.5
        parts.append((UNREVIEWED + LOW_CONFIDENCE * (1 - confidence),
                      "unreviewed" + (f", confidence {link.confidence:.2f}" if link.confidence is not None else "")))
    elif link.status is Status.FLAGGED:
        parts.append((FLAGGED, "flagged"))
    elif link.status is Status.REJECTED:
        parts.append((REJECTED, "rejected"))
    if state.edited(link) and link.status is not Status.CONFIRMED:
        parts.append((EDITED_UNCONFIRMED, "edited, not confirmed"))
    if variant is not None:
        parts.append((VARIANT_UNRESOLVED, "touches an unresolved variant") if variant
                     else (VARIANT_RESOLVED, "touches a resolved variant"))
    parts.sort(key=lambda p: -p[0])
    return RiskItem(link.id, sum(p[0] for p in parts), tuple(p[1] for p in parts), len(open_findings))


def review_queue(state: Alignment, findings: Iterable[Finding], variants: Mapping[str, bool]) -> list[RiskItem]:
    """Every link with some risk, riskiest first (document order among equals)."""
    by_link: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.link is not None:
            by_link.setdefault(finding.link, []).append(finding)
    items = [link_risk(link, state, by_link.get(link.id, ()), variants.get(link.id)) for link in state.links]
    order = {link.id: i for i, link in enumerate(state.links)}
    return sorted((i for i in items if i.risk > 0), key=lambda i: (-round(i.risk, 6), order[i.link]))
