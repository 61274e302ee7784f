"""The ``omission`` check: an English much shorter or much longer than its Russian, measured against the
document's own links, and Russian without English (1-0) or English without Russian (0-1) nobody confirmed.

The length measure is the log ratio of the two lengths; a link is flagged when its robust z-score
(median and median absolute deviation of the document's links, Iglewicz and Hoaglin's 0.6745 · (x −
median) / MAD) is beyond :data:`Z_LIMIT` and the texts differ by at least :data:`MIN_DIFFERENCE`
characters, so that short lines ("Hm!..") do not count. A document's translator has a habit (terse,
wordy); only a link far from that habit is a likely clause dropped or added.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.models import Link, Status
from workbench.core.qa.document import QADocument
from workbench.core.qa.model import Finding, Severity
from workbench.core.qa.text import plain_reading

CHECK = "omission"
Z_LIMIT = 3.5
MIN_DIFFERENCE = 40
MIN_LINKS = 8


@dataclass(frozen=True)
class LengthStats:
    """The document's median log length ratio and its median absolute deviation."""

    median: float
    mad: float


def _lengths(doc: QADocument, link: Link) -> tuple[int, int] | None:
    source = doc.source(link)
    if source is None or not link.target:
        return None
    english = " ".join(plain_reading(doc.english(link).markup).split())
    if not english or not source.plain:
        return None
    return len(source.plain), len(english)


def _ratio(lengths: tuple[int, int]) -> float:
    return math.log((lengths[1] + 1) / (lengths[0] + 1))


def length_stats(doc: QADocument, links: Sequence[Link]) -> LengthStats | None:
    """The statistics of a document (None when it has too few links with both sides)."""
    ratios = [_ratio(n) for n in (_lengths(doc, lk) for lk in links) if n is not None]
    if len(ratios) < MIN_LINKS:
        return None
    median = statistics.median(ratios)
    mad = statistics.median(abs(r - median) for r in ratios)
    return LengthStats(median, max(mad, 0.05))


def gap_findings(doc: QADocument, links: Sequence[Link]) -> list[Finding]:
    """Russian without English (1-0) and English without Russian (0-1) nobody confirmed: one finding per
    run of such links (a passage the translator left out is one question, not one per sentence)."""
    if doc.state.source_pending:
        return []  # every link is 0-1 until the Russian comes
    out: list[Finding] = []
    run: list[Link] = []
    kind = ""

    def close() -> None:
        if not run:
            return
        what = "Russian without English (1-0)" if kind == "1-0" else "English without Russian (0-1)"
        many = f"{len(run)} links, {run[0].id}–{run[-1].id}: " if len(run) > 1 else ""
        span = None if kind == "1-0" else (0, len(doc.english(run[0]).markup))
        out.append(Finding(doc.address, CHECK, Severity.WARNING, f"{many}{what}, not confirmed", link=run[0].id,
                           span=span))
        run.clear()

    for link in links:
        this = "1-0" if link.source and not link.target else "0-1" if link.target and not link.source else ""
        if not this or link.status is Status.CONFIRMED or this != kind:
            close()
        kind = this
        if this and link.status is not Status.CONFIRMED:
            run.append(link)
    close()
    return out


def link_findings(doc: QADocument, link: Link, stats: LengthStats | None) -> list[Finding]:
    """A link whose English is far shorter or longer than its Russian, for this document."""
    lengths = _lengths(doc, link)
    if stats is None or lengths is None or abs(lengths[1] - lengths[0]) < MIN_DIFFERENCE:
        return []
    z = 0.6745 * (_ratio(lengths) - stats.median) / stats.mad
    if abs(z) <= Z_LIMIT:
        return []
    what = "shorter" if z < 0 else "longer"
    return [Finding(doc.address, CHECK, Severity.WARNING,
                    f"the English is much {what} than the Russian ({lengths[1]} against {lengths[0]} characters; "
                    f"robust z {z:+.1f} against the document's links): a clause {'dropped' if z < 0 else 'added'}?",
                    link=link.id)]
