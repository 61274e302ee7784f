"""Adding a witness to a document: validate its markup, write ``<siglum>.txt``, record it in
``document.yaml``, and — when it becomes the source of a document whose source was pending —
align it with the English.

The command is a transaction (``storage/transaction.py``): the new witness, the new
``document.yaml`` and the new alignment file are computed and staged first, under the document's
lock, and then moved into place (the alignment file first: the commit point). Bad input or a
failed step leaves the document as it was; a kill -9 is rolled back or finished by the next
import or add-witness, and ``workbench validate`` reports what it left meanwhile.

Re-creating the alignment keeps everything editors did while the source was pending: the target
segments (edits are keyed by them), the edits, and the whole decision log; the 0-1 links give way
to the aligner's links, and an ``add-witness`` decision records the links before and after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.core import decide
from workbench.core.building import AlignFn, links_from_beads, reading_texts
from workbench.core.decisions import apply, format_patch
from workbench.core.documents import DocumentMeta, WitnessInfo
from workbench.core.errors import ConflictError, FormatError, InputError, Location, MarkupError
from workbench.core.markup import parse
from workbench.core.models import Alignment, WitnessRef
from workbench.core.received.tei import TeiText, read_tei
from workbench.core.safe_values import check_language
from workbench.core.segments import segment_witness
from workbench.core.sentences import SEGMENTER_VERSION
from workbench.core.variants.readings import collate_witnesses, ordered_sigla
from workbench.storage.alignment_store import JournalRepair
from workbench.storage.alignments import alignment_of, make_align_fn, refuse_oversized
from workbench.storage.corpus import MAX_WITNESS_BYTES, Corpus, DocRef, check_siglum, sha256_text
from workbench.storage.document_store import document_to_dict
from workbench.storage.textfile import read_bytes, read_text, refuse_controls
from workbench.storage.transaction import transaction
from workbench.storage.yamlio import dump

ROLES = ("source", "target", "other")


@dataclass(frozen=True)
class AddedWitness:
    """What adding a witness did."""

    ref: DocRef
    siglum: str
    role: str
    became_source: bool
    links: int | None = None
    kept_decisions: int = 0
    kept_edits: int = 0
    collated_with: str | None = None
    variants: int = 0


def read_new_witness(path: str) -> str:
    """A witness file from anywhere, read strictly (UTF-8, LF) and checked as transcription markup."""
    text = refuse_oversized(refuse_controls(read_text(Path(path), max_bytes=MAX_WITNESS_BYTES, label=path), path),
                            path)
    try:
        parse(text)
    except MarkupError as err:
        raise err.with_path(path) from None
    if not text.strip():
        raise InputError("the witness file is empty", Location(path))
    return text


def read_tei_witness(path: str, lenient: bool = False) -> TeiText:
    """A TEI P5 file read as a witness (``core/received/tei.py``), its markup checked like a witness
    file's; ``FormatError`` with the line of an element it does not support (unless ``lenient``)."""
    data = read_bytes(Path(path), max_bytes=MAX_WITNESS_BYTES * 4, label=path)
    found = read_tei(data, path, lenient)
    text = refuse_oversized(refuse_controls(found.witness_text, path), path)
    try:
        parse(text)
    except MarkupError as err:  # an attribute value the markup cannot hold; read_tei refuses those it knows
        raise FormatError(f"the TEI does not give valid transcription markup: {err.message}",
                          Location(path)) from None
    return replace(found, witness_text=text)


def _role(meta: DocumentMeta, language: str, role: str | None) -> str:
    target_lang = meta.witness(meta.target).language if meta.target else ""
    if role is None:
        return "source" if meta.source_pending and language != target_lang else "other"
    if role not in ROLES:
        raise InputError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    if role == "target":
        raise InputError(f"{meta.address} already has its target {meta.target}; add another translation "
                         "with --role other")
    if role == "source":
        if not meta.source_pending:
            raise InputError(f"{meta.address} already has the source {meta.source}; add this witness with "
                             "--role other (it is collated with the witnesses of its language)")
        if language == target_lang:
            raise InputError(f"a source in {language} cannot be aligned with a target in {target_lang}")
    return role


def _realigned(state: Alignment, siglum: str, language: str, text: str, target_text: str, align_fn: AlignFn,
               author: str) -> Alignment:
    """The pending alignment with a source: new source segments and links; the rest kept."""
    if state.source is not None or any(lk.source for lk in state.links):
        raise ConflictError(f"{state.document} already has source links; its alignment was not pending")
    if sha256_text(target_text) != state.target.sha256:
        raise InputError(f"the target witness {state.target.siglum} changed since it was aligned; run "
                         "'workbench validate' and settle that first")
    source_segments = segment_witness(text, language, "s")
    target_segments = state.target_segments
    beads, signature = align_fn(reading_texts(text, source_segments), reading_texts(target_text, target_segments),
                                [s.paragraph for s in source_segments], [t.paragraph for t in target_segments])
    links = links_from_beads(beads, source_segments, target_segments)
    record = decide.add_witness(state, siglum, author, role="source", language=language, sha256=sha256_text(text),
                                before=format_patch(links=state.links), after=format_patch(links=links))
    sig = {"segmenter": SEGMENTER_VERSION, **{f"aligner.{k}": v for k, v in signature.items()}}
    return state.with_changes(source=WitnessRef(siglum, language, sha256_text(text)),
                              source_segments=source_segments, links=links, signature=sig,
                              decisions=state.decisions + (record,))


def add_witness(corpus: Corpus, ref: DocRef, siglum: str, path: str, *, language: str, description: str,
                provenance: str = "", role: str | None = None, author: str = "unknown", backend: str = "auto",
                align_fn: AlignFn | None = None, on_message: Callable[[str], None] | None = None,
                text: str | None = None) -> AddedWitness:
    """Add a witness to a document (see the module docstring); returns what was done. ``text``, when
    given, is the witness already read and checked (``import-tei``); ``path`` then only names it."""
    check_siglum(siglum)
    check_language(language)
    if not description.strip():
        raise InputError("give the witness a --description (what it is: autograph, printed edition …)")
    if text is None:
        text = read_new_witness(path)
    with transaction(corpus.root, "add-witness", on_message) as tx:
        meta = corpus.read_meta(ref)  # read after recovery, under the lock: the current document
        if siglum in {w.siglum for w in meta.witnesses}:
            raise InputError(f"{ref} already has a witness {siglum}")
        out_path = corpus.witness_path(ref, siglum)
        if out_path.exists():
            raise InputError(f"{corpus.label(out_path)} exists but is not listed in document.yaml; move it away "
                             "first")
        role = _role(meta, language, role)
        info = WitnessInfo(siglum, language, role, " ".join(description.split()), " ".join(provenance.split()))
        new_meta = replace(meta, witnesses=meta.witnesses + (info,),
                           source=siglum if role == "source" else meta.source)
        file = corpus.alignment_file(ref)
        with file.lock():
            old = file.read().state if file.exists() else None
            new = _new_alignment(corpus, ref, old, new_meta, info, text, author, backend, align_fn)
            written = None
            if new is not None:
                written, yaml_text = file.next_revision(new)
                tx.add(file.path, yaml_text)  # first: the commit point (see storage/transaction.py)
            tx.add(out_path, text)
            tx.add(corpus.doc_dir(ref) / "document.yaml", dump(document_to_dict(new_meta)))
            tx.commit(after_moves=(lambda: _say_repair(file.journal_folded(), on_message)) if old else None)
    added = AddedWitness(ref, siglum, role, role == "source")
    if role == "source" and written is not None:
        added = replace(added, links=len(written.links), kept_decisions=len(old.decisions) if old else 0,
                        kept_edits=len(old.edits) if old else 0)
    return _collated(corpus, ref, new_meta, added)


def _say_repair(repair: JournalRepair | None, on_message: Callable[[str], None] | None) -> None:
    if repair is not None and on_message is not None:
        on_message(repair.message())


def _new_alignment(corpus: Corpus, ref: DocRef, old: Alignment | None, meta: DocumentMeta, info: WitnessInfo,
                   text: str, author: str, backend: str, align_fn: AlignFn | None) -> Alignment | None:
    """The alignment state after adding the witness (None: the document has no alignment file and
    the witness does not create one). ``old`` includes the journal's decisions."""
    if info.role != "source":
        if old is None:
            return None
        return apply(old, decide.add_witness(old, info.siglum, author, role=info.role, language=info.language,
                                             sha256=sha256_text(text)))
    target_text = corpus.read_witness(ref, meta.target)
    align = align_fn or make_align_fn(info.language, meta.witness(meta.target).language, backend)
    if old is None:
        return alignment_of(str(ref), meta, {meta.target: target_text, info.siglum: text}, align_fn=align)
    return _realigned(old, info.siglum, info.language, text, target_text, align, author)


def _collated(corpus: Corpus, ref: DocRef, meta: DocumentMeta, added: AddedWitness) -> AddedWitness:
    """Collate the new witness with the first other witness of its language, to report on it."""
    language = meta.witness(added.siglum).language
    same = [s for s in ordered_sigla(meta) if s != added.siglum and meta.witness(s).language == language]
    if not same:
        return added
    texts = {s: corpus.read_witness(ref, s) for s in (same[0], added.siglum)}
    collation = collate_witnesses(meta, texts, [same[0], added.siglum])
    return replace(added, collated_with=same[0], variants=len(collation.locations))
