"""Running the QA checks on documents of the project: the glossary, the word list and the collection's
other documents are read here (storage), the checks themselves are pure (``workbench.core.qa``).

The public entry points other features call: :func:`document_findings` (every finding of some documents,
waivers applied) and :func:`open_qa_errors` (the errors still open in one document: what ``export
--strict`` and a publication gate refuse on).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.core.language.en_words import WORD_LIST, english_frequencies
from workbench.core.markup import RunIndex
from workbench.core.metadata import effective_meta
from workbench.core.models import Alignment
from workbench.core.qa.consistency import NameIndex
from workbench.core.qa.document import QADocument
from workbench.core.qa.glued import WordList
from workbench.core.qa.model import CHECK_IDS, Finding, open_errors
from workbench.core.qa.run import (
    GLOSSARY_CHECKS,
    UNDER_GLOSSARY,
    DocumentQA,
    QAContext,
    check_document,
    index_names,
    waived,
)
from workbench.storage.corpus import Corpus, DocRef, sha256_text
from workbench.storage.glossary_store import glossary_paths, load_glossary


def word_list() -> WordList | None:
    """The English word list (``None`` when its package is missing: the glued-word check is skipped)."""
    frequencies = english_frequencies()
    if frequencies is None:
        return None
    return WordList(lambda word: frequencies.get(word, 0), WORD_LIST)


def qa_document(corpus: Corpus, ref: DocRef, state: Alignment | None = None) -> QADocument:
    """A document for the checks: its metadata, state, and the source witness's runs when the witness
    is unchanged since it was aligned."""
    state = state if state is not None else corpus.open_state(ref)
    # the metadata as the edition prints it: a metadata decision's correction is what the checks judge
    meta = effective_meta(corpus.read_meta(ref), state)
    runs = RunIndex()
    if state.source is not None and corpus.witness_path(ref, state.source.siglum).is_file():
        text = corpus.read_witness(ref, state.source.siglum)
        if sha256_text(text) == state.source.sha256:
            runs = RunIndex.of_text(text)
    return QADocument(meta, state, runs)


@dataclass
class CollectionQA:
    """What the checks of one collection share: its context (glossary, word list, names of every document)."""

    collection: str
    context: QAContext
    documents: dict[str, QADocument]


def collection_qa(corpus: Corpus, collection: str, checks: Iterable[str] = CHECK_IDS,
                  states: dict[str, Alignment] | None = None) -> CollectionQA:
    """Read a collection for the checks: every document with an alignment file (their names feed the
    ``consistency`` check), the glossary, the word list. ``states`` gives states already at hand."""
    glossary = load_glossary(corpus.root, collection, corpus.label)
    names = NameIndex()
    docs: dict[str, QADocument] = {}
    for ref in corpus.documents(collection):
        if not corpus.alignment_path(ref).exists():
            continue
        doc = qa_document(corpus, ref, (states or {}).get(str(ref)))
        docs[str(ref)] = doc
        if "consistency" in checks:
            index_names(names, doc)
    context = QAContext(glossary, word_list() if "glued-word" in checks else None, names, frozenset(checks))
    return CollectionQA(collection, context, docs)


def document_findings(corpus: Corpus, refs: Sequence[DocRef], checks: Iterable[str] = CHECK_IDS,
                      states: dict[str, Alignment] | None = None) -> dict[str, list[Finding]]:
    """Every finding of some documents (waivers applied), by address, in the order given.

    The checks that give way to the glossary (:data:`~workbench.core.qa.run.UNDER_GLOSSARY`) need the
    glossary's own checks to know where: those run too, and their findings are left out when not asked for."""
    wanted = frozenset(checks)
    checks = tuple(c for c in CHECK_IDS if c in wanted or (c in GLOSSARY_CHECKS and wanted & UNDER_GLOSSARY))
    by_collection: dict[str, CollectionQA] = {}
    out: dict[str, list[Finding]] = {}
    for ref in refs:
        if ref.collection not in by_collection:
            by_collection[ref.collection] = collection_qa(corpus, ref.collection, checks, states)
        shared = by_collection[ref.collection]
        doc = shared.documents.get(str(ref))
        if doc is None:
            doc = qa_document(corpus, ref, (states or {}).get(str(ref)))  # raises the "run align" message
        out[str(ref)] = [f for f in check_document(doc, shared.context) if f.check in wanted]
    return out


def open_qa_errors(corpus: Corpus, ref: DocRef, state: Alignment | None = None) -> list[Finding]:
    """The QA errors of a document that no waiver covers (every check, the collection's glossary)."""
    states = {str(ref): state} if state is not None else None
    return open_errors(document_findings(corpus, [ref], states=states)[str(ref)])


def open_errors_by_document(corpus: Corpus, refs: Sequence[DocRef],
                            states: dict[str, Alignment] | None = None) -> dict[str, list[Finding]]:
    """The open QA errors of some documents, by address (documents without any left out): what the
    export's warnings and loss report list, and what ``export --strict`` refuses on."""
    found = document_findings(corpus, refs, states=states)
    return {address: errors for address, findings in found.items() if (errors := open_errors(findings))}


class LiveQA:
    """The QA of one document open in the review app, in its collection's context (glossary, word list,
    the other documents' names), kept up to date decision by decision: :meth:`update` re-runs the checks
    of the links a decision touched (all of them after a structural act). Not thread-safe by itself:
    the app runs one update at a time, in a worker."""

    def __init__(self, corpus: Corpus, ref: DocRef, state: Alignment) -> None:
        shared = collection_qa(corpus, ref.collection, CHECK_IDS, {str(ref): state})
        doc = shared.documents.get(str(ref)) or qa_document(corpus, ref, state)
        self.corpus, self.ref, self.context = corpus, ref, shared.context
        self.glossary_path = glossary_paths(corpus.root, ref.collection)[0]
        self.doc = doc
        self.qa = DocumentQA(doc, shared.context)

    def update(self, state: Alignment, links: Iterable[str] | None) -> list[Finding]:
        """The findings (waivers applied) after the state changed: ``links`` the ids to check again,
        ``None`` for every link."""
        doc = QADocument(self.doc.meta, state, self.doc.source_runs)
        if links is None:
            self.qa.run(doc)
        else:
            self.qa.refresh(doc, links)
        self.doc = doc
        return waived(state, doc.meta, self.qa.findings())

    def findings(self) -> list[Finding]:
        """The current findings, waivers applied."""
        return waived(self.doc.state, self.doc.meta, self.qa.findings())
