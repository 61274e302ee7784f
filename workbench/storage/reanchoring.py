"""``workbench reanchor``: re-anchor a document's alignment on its corrected witnesses.

For each witness (source, target) whose text no longer has the hash the alignment file recorded,
the new text is segmented and :func:`workbench.core.reanchor.reanchor` maps the old segments onto
it; the new state is written under the document's lock as the file's next revision (atomic). A
witness whose text is unchanged is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.building import AlignFn
from workbench.core.errors import InputError
from workbench.core.models import Side
from workbench.core.reanchor import Reanchored, reanchor
from workbench.core.segments import segment_witness
from workbench.storage.alignments import make_align_fn
from workbench.storage.corpus import Corpus, DocRef, sha256_text


@dataclass(frozen=True)
class SideReanchored:
    """What re-anchoring did on one side (the witness's siglum, and the result)."""

    side: Side
    siglum: str
    result: Reanchored


def changed_witnesses(corpus: Corpus, ref: DocRef) -> list[str]:
    """The sigla of the aligned witnesses whose text changed since the alignment file recorded it."""
    file = corpus.alignment_file(ref)
    if not file.exists():
        return []
    state = file.read().state
    out = []
    for recorded in (state.source, state.target):
        if recorded is not None and sha256_text(corpus.read_witness(ref, recorded.siglum)) != recorded.sha256:
            out.append(recorded.siglum)
    return out


def reanchor_document(corpus: Corpus, ref: DocRef, author: str, backend: str = "auto",
                      align_fn: AlignFn | None = None) -> list[SideReanchored]:
    """Re-anchor every changed witness of a document and write the alignment file; returns what was
    done (empty when no witness changed)."""
    file = corpus.alignment_file(ref)
    if not file.exists():
        raise InputError(f"{ref} has no alignment file yet; run 'workbench align {ref}'")
    done: list[SideReanchored] = []
    with file.lock():
        state = file.read().state
        for side in (Side.SOURCE, Side.TARGET):
            recorded = state.source if side is Side.SOURCE else state.target
            if recorded is None:
                continue
            text = corpus.read_witness(ref, recorded.siglum)
            sha = sha256_text(text)
            if sha == recorded.sha256:
                continue
            other = state.target if side is Side.SOURCE else state.source
            other_text = corpus.read_witness(ref, other.siglum) if other is not None else ""
            source_lang = state.source.language if state.source is not None else "ru"
            align = align_fn or make_align_fn(source_lang, state.target.language, backend)
            segments = segment_witness(text, recorded.language, "s" if side is Side.SOURCE else "t")
            result = reanchor(state, side, text, segments, other_text, align, author, sha)
            state = result.state
            done.append(SideReanchored(side, recorded.siglum, result))
        if done:
            file.write(state)
    return done
