"""Importers' writing side: received files in, ``texts/`` folders and alignment files out; and the
way back to the received shape (``export-received``), which the round-trip tests use.

Nothing is written until every input has been read and parsed, so bad input leaves no trace. Then
the import is one transaction (``storage/transaction.py``): every witness, ``document.yaml``, new
alignment file and ``collection.yaml`` is staged, then moved into place, so an error or a kill
leaves either nothing or everything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from workbench.core.documents import DocumentMeta, WitnessInfo
from workbench.core.errors import FormatError, InputError, Location, MarkupError
from workbench.core.markup import parse
from workbench.core.metadata import snapshot
from workbench.core.received import bilinguator, seed, udhr
from workbench.storage.alignments import alignment_of, refuse_long_lines, refuse_oversized
from workbench.storage.corpus import Corpus, DocRef, check_name, check_siglum
from workbench.storage.document_store import CollectionMeta, collection_text, document_to_dict
from workbench.storage.textfile import read_text, refuse_controls
from workbench.storage.transaction import transaction
from workbench.storage.yamlio import dump

MAX_RECEIVED_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ImportedDocument:
    """A document ready to be written: metadata and witness texts by siglum."""

    meta: DocumentMeta
    witnesses: dict[str, str]


def _read_received(path: str) -> tuple[Path, str]:
    file = Path(path)
    text = refuse_controls(read_text(file, max_bytes=MAX_RECEIVED_BYTES, label=path), path)
    return file, refuse_long_lines(text, path)


def _refuse_existing(corpus: Corpus, ref: DocRef, force: bool) -> None:
    if (corpus.doc_dir(ref) / "document.yaml").exists() and not force:
        raise InputError(f"{ref} already exists; pass --force to replace its texts "
                         "(alignment files and their decisions are never replaced)")


@dataclass(frozen=True)
class Imported:
    """One imported document: its address, and the links of its new alignment file (None when the
    document already had one, which is kept)."""

    ref: DocRef
    links: int | None


Progress = Callable[[DocRef, int | None], None]


def with_received_record(meta: DocumentMeta) -> DocumentMeta:
    """The metadata with what was received recorded under ``received.metadata``: later hand edits of
    ``document.yaml`` are then told from corrections made by decisions (``validate``, the export gate)."""
    return replace(meta, received={**meta.received, "metadata": snapshot(meta)})


def write_documents(corpus: Corpus, docs: list[ImportedDocument], *, force: bool, command: str,
                    backend: str = "auto", collection: Callable[[list[DocRef]], tuple[Path, CollectionMeta]] | None
                    = None, on_progress: Progress | None = None,
                    on_message: Callable[[str], None] | None = None) -> list[Imported]:
    """Write texts and new alignment files as one transaction: all of them or none."""
    refs = [DocRef(d.meta.collection, d.meta.id) for d in docs]
    done: list[Imported] = []
    with transaction(corpus.root, command, on_message) as tx:
        for ref in refs:
            _refuse_existing(corpus, ref, force)
        for doc, ref in zip(docs, refs, strict=True):
            for siglum, text in doc.witnesses.items():
                _check_markup(text, corpus.label(corpus.witness_path(ref, siglum)))
            file = corpus.alignment_file(ref)
            links = None
            if not file.exists():
                state, yaml_text = file.next_revision(alignment_of(str(ref), doc.meta, doc.witnesses, backend))
                links = len(state.links)
            for siglum, text in doc.witnesses.items():
                tx.add(corpus.witness_path(ref, siglum), text)
            if links is not None:
                tx.add(file.path, yaml_text, create=True)  # before document.yaml, which makes the document visible
            tx.add(corpus.doc_dir(ref) / "document.yaml", dump(document_to_dict(with_received_record(doc.meta))))
            done.append(Imported(ref, links))
            if on_progress:
                on_progress(ref, links)
        if collection is not None:
            path, meta = collection(refs)
            tx.add(path, collection_text(meta))
        tx.commit()
    kept = set(tx.kept)  # a session created the alignment file meanwhile: that one is kept
    return [Imported(i.ref, None) if str(corpus.alignment_path(i.ref).relative_to(corpus.root)) in kept else i
            for i in done]


def _check_markup(text: str, label: str) -> None:
    try:
        parse(text)
    except MarkupError as err:
        raise err.with_path(label) from None


# ---------------------------------------------------------------------------------- the seed shape


def import_collection(corpus: Corpus, file: str, collection: str, *, force: bool = False, backend: str = "auto",
                      on_progress: Progress | None = None,
                      on_message: Callable[[str], None] | None = None) -> list[Imported]:
    """Import a file of numbered documents (the founding sample's shape) as a collection."""
    check_name(collection, "collection")
    path, text = _read_received(file)
    parsed = seed.parse_collection(text, collection, file)
    docs = []
    for item in parsed.documents:
        refuse_oversized(item.witness_text, file, text)
        meta = replace(item.meta, received={**item.meta.received, "file": path.name})
        docs.append(ImportedDocument(meta, {seed.TARGET_SIGLUM: item.witness_text}))
    # check the way back before writing anything
    rebuilt = seed.render_collection(parsed.fields, parsed.layout,
                                     [seed.render_document(d.meta, d.witnesses[seed.TARGET_SIGLUM]) for d in docs])
    if rebuilt != text:
        raise FormatError("the file could not be split so that it rebuilds byte for byte; not imported",
                          Location(file))

    def collection_meta(refs: list[DocRef]) -> tuple[Path, CollectionMeta]:
        existing = corpus.read_collection(collection)  # read under the transaction's lock
        return corpus.texts / collection / "collection.yaml", CollectionMeta(
            id=collection,
            title=parsed.fields.get("title", collection),
            description=existing.description if existing else "",
            credit=existing.credit if existing else "",
            documents=tuple(r.id for r in refs),
            received={"format": seed.FORMAT, "file": path.name, "fields": parsed.fields, "layout": parsed.layout},
        )

    return write_documents(corpus, docs, force=force, command="import-collection", backend=backend,
                           collection=collection_meta, on_progress=on_progress, on_message=on_message)


def export_collection_received(corpus: Corpus, collection: str) -> tuple[str, str]:
    """The received file of a collection imported from the seed shape: (file name, text)."""
    meta = corpus.read_collection(collection)
    if meta is None or meta.received.get("format") != seed.FORMAT:
        raise InputError(f"collection {collection!r} was not imported with import-collection")
    texts = []
    for doc_id in meta.documents:
        ref = DocRef(collection, doc_id)
        doc_meta = corpus.read_meta(ref)
        texts.append(seed.render_document(doc_meta, corpus.read_witness(ref, doc_meta.target)))
    fields = {str(k): str(v) for k, v in dict(meta.received.get("fields", {})).items()}
    layout = [str(x) for x in meta.received.get("layout", [])]
    return str(meta.received.get("file", f"{collection}.txt")), seed.render_collection(fields, layout, texts)


# ----------------------------------------------------------------------------------- paired files


@dataclass(frozen=True)
class PairSide:
    """One side of a pair import."""

    file: str
    siglum: str
    language: str
    description: str = ""


def _pair_meta(collection: str, doc_id: str, src: PairSide, tgt: PairSide, title: str, author: str,
               fmt: str) -> DocumentMeta:
    return DocumentMeta(
        collection=collection,
        id=doc_id,
        title=title,
        author=author,
        source=src.siglum,
        target=tgt.siglum,
        witnesses=(
            WitnessInfo(src.siglum, src.language, "source", src.description, f"imported from {Path(src.file).name}"),
            WitnessInfo(tgt.siglum, tgt.language, "target", tgt.description, f"imported from {Path(tgt.file).name}"),
        ),
        received={"format": fmt},
    )


def _check_pair(collection: str, doc_id: str, src: PairSide, tgt: PairSide) -> None:
    check_name(collection, "collection")
    check_name(doc_id, "document")
    check_siglum(src.siglum)
    check_siglum(tgt.siglum)
    if src.siglum == tgt.siglum:
        raise InputError("the two witnesses need different sigla")


def _read_pair(src: PairSide, tgt: PairSide, parse: Callable[[str, str], Any],
               render: Callable[[str, list[str]], str]) -> dict[str, tuple[Path, Any]]:
    """Read and parse both files; each must rebuild byte for byte from what is parsed."""
    sides: dict[str, tuple[Path, Any]] = {}
    for side in (src, tgt):
        path, text = _read_received(side.file)
        parsed = parse(text, side.file)
        refuse_oversized(parsed.witness_text, side.file, text)
        if render(parsed.witness_text, parsed.layout) != text:
            raise FormatError("the file would not rebuild byte for byte; not imported", Location(side.file))
        sides[side.siglum] = (path, parsed)
    return sides


def _write_pair(corpus: Corpus, meta: DocumentMeta, sides: dict[str, tuple[Path, Any]], force: bool, command: str,
                backend: str, on_message: Callable[[str], None] | None) -> Imported:
    meta = replace(meta, received={**meta.received,
                                   "witnesses": {s: {"file": p.name, "layout": parsed.layout}
                                                 for s, (p, parsed) in sides.items()}})
    doc = ImportedDocument(meta, {s: parsed.witness_text for s, (_, parsed) in sides.items()})
    return write_documents(corpus, [doc], force=force, command=command, backend=backend, on_message=on_message)[0]


def import_pair(corpus: Corpus, collection: str, doc_id: str, src: PairSide, tgt: PairSide, *,
                title: str = "", force: bool = False, backend: str = "auto",
                on_message: Callable[[str], None] | None = None) -> Imported:
    """Import two paragraph-per-line files (plain or bilinguator markup) as one document."""
    _check_pair(collection, doc_id, src, tgt)
    sides = _read_pair(src, tgt, bilinguator.parse_paragraph_file, bilinguator.render_paragraph_file)
    tgt_parsed = sides[tgt.siglum][1]
    meta = _pair_meta(collection, doc_id, src, tgt, title=title or tgt_parsed.title,
                      author=tgt_parsed.first_line if tgt_parsed.title else "", fmt=bilinguator.FORMAT)
    return _write_pair(corpus, meta, sides, force, "import-pair", backend, on_message)


def import_udhr(corpus: Corpus, collection: str, doc_id: str, src: PairSide, tgt: PairSide, *,
                force: bool = False, backend: str = "auto",
                on_message: Callable[[str], None] | None = None) -> Imported:
    """Import the Russian and English UDHR XML files as one document."""
    _check_pair(collection, doc_id, src, tgt)
    sides = _read_pair(src, tgt, udhr.parse_udhr, udhr.render_udhr)
    for side, flag in ((src, "--src-lang"), (tgt, "--tgt-lang")):
        language = sides[side.siglum][1].language
        if language and language != side.language:
            raise InputError(f"{side.file} is xml:lang={language!r}, but {flag} says {side.language!r}")
    meta = _pair_meta(collection, doc_id, src, tgt, title=sides[tgt.siglum][1].title,
                      author="United Nations General Assembly", fmt=udhr.FORMAT)
    return _write_pair(corpus, meta, sides, force, "import-udhr", backend, on_message)


def export_document_received(corpus: Corpus, ref: DocRef) -> list[tuple[str, str]]:
    """The received files of a paired document: [(file name, text)] per witness."""
    meta = corpus.read_meta(ref)
    fmt = meta.received.get("format")
    if fmt == seed.FORMAT:
        text = seed.render_document(meta, corpus.read_witness(ref, meta.target))
        return [(f"{ref.id}.txt", text)]
    renderers = {bilinguator.FORMAT: bilinguator.render_paragraph_file, udhr.FORMAT: udhr.render_udhr}
    if fmt not in renderers:
        raise InputError(f"{ref} has no recorded received shape")
    render: Callable[[str, list[str]], str] = renderers[fmt]
    out = []
    recorded = meta.received.get("witnesses")
    for siglum, info in (recorded.items() if isinstance(recorded, Mapping) else ()):
        info = dict(info) if isinstance(info, Mapping) else {}
        layout = [str(x) for x in info.get("layout", [])]
        out.append((str(info.get("file", f"{siglum}.txt")), render(corpus.read_witness(ref, str(siglum)), layout)))
    return out
