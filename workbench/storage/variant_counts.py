"""Counting a document's unresolved variants: those recorded at import and those its witnesses'
collation finds (which needs the witness texts, hence storage)."""

from __future__ import annotations

from workbench.core.documents import DocumentMeta
from workbench.core.models import Alignment
from workbench.core.status import DocumentStatus, document_status
from workbench.core.variants.readings import UNRESOLVED, document_variants
from workbench.storage.corpus import Corpus, DocRef


def unresolved_variants(corpus: Corpus, ref: DocRef, meta: DocumentMeta, state: Alignment | None) -> int:
    """Unresolved variants of a document, collated ones included."""
    witnesses = {w.siglum: corpus.read_witness(ref, w.siglum) for w in meta.witnesses}
    return sum(1 for v in document_variants(meta, state, witnesses) if v.status == UNRESOLVED)


def full_status(corpus: Corpus, ref: DocRef, meta: DocumentMeta, state: Alignment | None) -> DocumentStatus:
    """A document's counts with collated variants counted."""
    return document_status(meta, state, unresolved_variants(corpus, ref, meta, state))
