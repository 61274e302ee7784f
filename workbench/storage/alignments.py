"""Creating and checking a document's alignment file from its witnesses on disk."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workbench.core.building import AlignFn, build_alignment, check_segments
from workbench.core.documents import DocumentMeta
from workbench.core.errors import FormatError, Location
from workbench.core.models import Alignment, WitnessRef
from workbench.core.segments import MAX_PARAGRAPH_CHARS, size_problem
from workbench.storage.corpus import Corpus, DocRef, sha256_text


def witness_ref(corpus: Corpus, ref: DocRef, meta: DocumentMeta, siglum: str) -> tuple[WitnessRef, str]:
    """A witness's reference (with its current hash) and its text."""
    text = corpus.read_witness(ref, siglum)
    return WitnessRef(siglum, meta.witness(siglum).language, sha256_text(text)), text


def make_align_fn(source_lang: str, target_lang: str, backend: str = "auto") -> AlignFn:
    """An aligner call with the resources this machine has (dictionary, embeddings) for a pair."""
    # Imported when an aligner is built, not with this module: the app and `status` import this module
    # and must not pay for numpy and rapidfuzz (tests/reliability/test_startup_imports.py).
    from workbench.core.aligner.align import align
    from workbench.storage.align_resources import load_resources

    resources = load_resources(backend, source_lang, target_lang)

    def run(src: Sequence[str], tgt: Sequence[str], src_par: Sequence[int],
            tgt_par: Sequence[int]) -> tuple[list[tuple[Sequence[int], Sequence[int], float, float]], dict[str, str]]:
        result = align(src, tgt, source_lang=source_lang, target_lang=target_lang, source_paragraphs=src_par,
                       target_paragraphs=tgt_par, backend=backend, resources=resources)
        return [(b.source, b.target, b.score, b.confidence) for b in result.beads], dict(result.signature)

    return run


def fresh_alignment(corpus: Corpus, ref: DocRef, backend: str = "auto") -> Alignment:
    """A new alignment state for a document from its witnesses (aligned if it has a source)."""
    meta = corpus.read_meta(ref)
    sigla = [meta.target] if meta.source_pending else [meta.target, meta.source]
    texts = {s: refuse_oversized(corpus.read_witness(ref, s), corpus.label(corpus.witness_path(ref, s))) for s in sigla}
    return alignment_of(str(ref), meta, texts, backend)


def alignment_of(document: str, meta: DocumentMeta, texts: Mapping[str, str], backend: str = "auto",
                 align_fn: AlignFn | None = None) -> Alignment:
    """A new alignment state from a document's metadata and witness texts, before they are on disk
    (importers and add-witness stage the alignment file with the texts)."""
    target = WitnessRef(meta.target, meta.witness(meta.target).language, sha256_text(texts[meta.target]))
    if meta.source_pending:
        return build_alignment(document, target, texts[meta.target])
    source = WitnessRef(meta.source, meta.witness(meta.source).language, sha256_text(texts[meta.source]))
    return build_alignment(document, target, texts[meta.target], source, texts[meta.source],
                           align_fn or make_align_fn(source.language, target.language, backend))


def create_alignment_file(corpus: Corpus, ref: DocRef, backend: str = "auto") -> Alignment | None:
    """Create the alignment file if missing; returns the new state, or None if one already existed."""
    file = corpus.alignment_file(ref)
    if file.exists():
        return None
    state = fresh_alignment(corpus, ref, backend)
    with file.lock():
        if file.exists():
            return None
        return file.create(state)


@dataclass(frozen=True)
class WitnessCheck:
    """A witness whose text changed since the alignment file recorded it."""

    siglum: str
    message: str


def check_witnesses(corpus: Corpus, ref: DocRef, state: Alignment) -> list[WitnessCheck]:
    """Compare recorded witness hashes with the files; say what changed and which segments moved."""
    meta = corpus.read_meta(ref)
    problems: list[WitnessCheck] = []
    for side, recorded, segments in (("source", state.source, state.source_segments),
                                     ("target", state.target, state.target_segments)):
        expected = meta.source if side == "source" else meta.target
        if recorded is None:
            if side == "source" and not meta.source_pending:
                problems.append(WitnessCheck(expected, f"document has source witness {expected}, but the alignment "
                                             "file still has none: run 'workbench align' to align it"))
            continue
        if recorded.siglum != expected:
            problems.append(WitnessCheck(recorded.siglum, f"alignment file aligns {recorded.siglum} as {side}, "
                                         f"document.yaml says {expected}"))
            continue
        text = corpus.read_witness(ref, recorded.siglum)
        if sha256_text(text) != recorded.sha256:
            bad = check_segments(text, segments)
            detail = (f"{len(bad)} segment(s) no longer match their span ({', '.join(s.id for s, _ in bad[:8])}"
                      f"{'…' if len(bad) > 8 else ''})") if bad else "all segments still match their spans"
            problems.append(WitnessCheck(recorded.siglum, f"witness {recorded.siglum} changed since it was aligned "
                                         f"(hash mismatch); {detail}; 'workbench reanchor {ref}' maps the "
                                         "alignment onto the new text"))
    return problems


def refuse_oversized(witness_text: str, name: str, received: str | None = None) -> str:
    """``witness_text`` if segmentation and the aligner can hold it (``core.segments.size_problem``); else a
    ``FormatError`` naming the file and the line where the oversized paragraph starts (in ``received``,
    the file as it came, when the witness text was made from it)."""
    found = size_problem(witness_text)
    if found is None:
        return witness_text
    offset, message = found
    line = None if offset is None else witness_text.count("\n", 0, offset) + 1
    if offset is not None and received is not None and received is not witness_text:
        head = witness_text[offset:offset + 40]
        at = received.find(head)
        line = received.count("\n", 0, at) + 1 if at >= 0 else None
    raise FormatError(message, Location(name, line))


def refuse_long_lines(received: str, name: str) -> str:
    """``received`` (a file as it came, paragraph per line in every received shape) unless a line is
    longer than a paragraph may be; checked before parsing, which would cost ~50 bytes a character."""
    start = 0
    while start < len(received):
        end = received.find("\n", start)
        end = len(received) if end < 0 else end
        if end - start > MAX_PARAGRAPH_CHARS:
            raise FormatError(f"a line of {end - start:,} characters; a paragraph may have up to "
                              f"{MAX_PARAGRAPH_CHARS:,}: break it into several lines",
                              Location(name, received.count("\n", 0, start) + 1))
        start = end + 1
    return received
