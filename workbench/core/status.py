"""Per-document counts: what ``workbench status`` and the collection browser show."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.documents import DocumentMeta
from workbench.core.models import Alignment, Status
from workbench.core.review import document_state, open_comments
from workbench.core.variant_decisions import resolved_variant_ids


@dataclass(frozen=True)
class DocumentStatus:
    """Counts for one document."""

    collection: str
    id: str
    title: str
    witnesses: tuple[str, ...]
    links: int
    confirmed: int
    rejected: int
    flagged: int
    low_confidence: int
    edited: int
    variants_unresolved: int
    source_pending: bool
    state: str = "in-progress"  # the review state (core/review.py)
    open_comments: int = 0  # comment threads nobody resolved

    def as_json(self) -> dict[str, object]:
        """The ``status --json`` object of a document."""
        return {
            "collection": self.collection,
            "id": self.id,
            "witnesses": list(self.witnesses),
            "links": self.links,
            "confirmed": self.confirmed,
            "rejected": self.rejected,
            "flagged": self.flagged,
            "edited": self.edited,
            "variants_unresolved": self.variants_unresolved,
            "source_pending": self.source_pending,
            "state": self.state,
            "open_comments": self.open_comments,
        }


def document_status(meta: DocumentMeta, state: Alignment | None,
                    variants_unresolved: int | None = None) -> DocumentStatus:
    """Counts of a document from its metadata and (if it exists) its alignment state.

    ``variants_unresolved`` is the count from collation when the caller computed it (it needs the
    witness texts); otherwise the variants recorded at import are counted.
    """
    links = state.links if state else ()
    resolved = resolved_variant_ids(state)
    return DocumentStatus(
        collection=meta.collection,
        id=meta.id,
        title=meta.title,
        witnesses=tuple(w.siglum for w in meta.witnesses),
        links=len(links),
        confirmed=sum(1 for lk in links if lk.status is Status.CONFIRMED),
        rejected=sum(1 for lk in links if lk.status is Status.REJECTED),
        flagged=sum(1 for lk in links if lk.status is Status.FLAGGED),
        low_confidence=sum(1 for lk in links if lk.low_confidence),
        edited=len(state.edits) if state else 0,
        variants_unresolved=(variants_unresolved if variants_unresolved is not None
                             else sum(1 for v in meta.unresolved_variants if v.id not in resolved)),
        source_pending=meta.source_pending,
        state=document_state(state),
        open_comments=open_comments(state),
    )
