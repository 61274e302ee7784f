"""How much of a document's published English nobody has confirmed yet.

An export publishes the English of every link that has one, whatever its status: the edition is
what the decisions produce, and where there is no decision it is the witness as received. That is
right for a draft and wrong for a final edition, so the export says it once per document before
writing — "udhr/udhr: 101 of 103 links are not confirmed (1 flagged); their English is published as
it stands" — and the loss report JSON carries the same counts. Every link counts, as ``workbench
status`` counts them: a Russian sentence without English (1-0) that nobody confirmed may be a
translation missing from what is published.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.models import Alignment, Status

#: Formats that publish the English of the edition (TMX and PO carry links for translation tools).
PUBLISHING = frozenset({"md", "html", "docx", "txt", "tei"})


@dataclass(frozen=True)
class ReviewWarning:
    """The links of one document whose English is published without being confirmed."""

    document: str
    published: int  # links of the document
    auto: int
    flagged: int
    rejected: int

    @property
    def unconfirmed(self) -> int:
        """Links published that are not confirmed."""
        return self.auto + self.flagged + self.rejected

    @property
    def message(self) -> str:
        """The warning line."""
        kinds = [f"{n} {name}" for n, name in ((self.flagged, "flagged"), (self.rejected, "rejected")) if n]
        detail = f" ({', '.join(kinds)})" if kinds else ""
        verb = "is" if self.unconfirmed == 1 else "are"
        noun = "link" if self.published == 1 else "links"
        return (f"{self.document}: {self.unconfirmed} of {self.published} {noun} {verb} not confirmed{detail}; "
                "their English is published as it stands")

    def as_json(self) -> dict[str, object]:
        """The warning as a JSON object (``warnings`` in the loss report)."""
        return {"document": self.document, "what": self.message, "links": self.published,
                "not_confirmed": self.unconfirmed, "auto": self.auto, "flagged": self.flagged,
                "rejected": self.rejected}


def review_warning(document: str, state: Alignment) -> ReviewWarning | None:
    """The warning for one document, or None when every link is confirmed."""
    counts = {status: 0 for status in Status}
    for link in state.links:
        counts[link.status] += 1
    warning = ReviewWarning(document, len(state.links), counts[Status.AUTO], counts[Status.FLAGGED],
                            counts[Status.REJECTED])
    return warning if warning.unconfirmed else None
