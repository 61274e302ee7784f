"""Writing exports: load the documents, prepare every file in memory, then write them atomically.

Nothing is written until every document has been read and rendered, so bad input stops the run
with one message and no partial output. Files go to ``OUT/<collection>/<doc><ext>``.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.core.export.build import ExportDocument
from workbench.core.export.docx import render_docx
from workbench.core.export.formats import EXTENSIONS, EditionCache, Prepared, prepare
from workbench.core.export.gate import Blocker, blockers
from workbench.core.export.loss import LossItem, format_losses, report_json
from workbench.core.export.review import PUBLISHING, ReviewWarning, review_warning
from workbench.core.export.style import DEFAULT_STYLE, HouseStyle
from workbench.core.export.text_view import READING
from workbench.core.qa.model import Finding
from workbench.storage.atomic import atomic_write_bytes, atomic_write_text
from workbench.storage.corpus import Corpus, DocRef


def load_document(corpus: Corpus, ref: DocRef) -> ExportDocument:
    """A document's metadata, alignment state and witness texts (the ones that exist)."""
    meta = corpus.read_meta(ref)
    state = corpus.open_state(ref)
    witnesses = {}
    for info in meta.witnesses:
        if corpus.witness_path(ref, info.siglum).is_file():
            witnesses[info.siglum] = corpus.read_witness(ref, info.siglum)
    return ExportDocument(meta, state, witnesses)


#: Open QA errors of a document, as messages (the publication gate's hook for the QA checks).
QaErrors = Callable[[ExportDocument], Sequence[str]]


@dataclass(frozen=True)
class ExportPlan:
    """Everything an export run will write, what it loses, and the documents whose published English
    is not all confirmed, before anything is written."""

    prepared: tuple[Prepared, ...]
    losses: tuple[LossItem, ...]
    outputs: tuple[tuple[Path, Prepared], ...]
    warnings: tuple[ReviewWarning, ...] = ()
    blockers: tuple[Blocker, ...] = ()


def plan_export(docs: Sequence[ExportDocument], formats: Sequence[str], out: Path, policy: str, now: str,
                on_progress: Callable[[str], None] | None = None,
                caches: Sequence[EditionCache] | None = None, view: str = READING, *, draft: bool = False,
                style: HouseStyle = DEFAULT_STYLE, qa: QaErrors | None = None) -> ExportPlan:
    """Render every document in every format in memory and collect the loss report (each document's
    edition is built once, in ``caches`` when given, and shared by the formats); ``view`` is the
    reading or the diplomatic text (``core/export/text_view.py``). For a publishing
    format the plan lists the publication gate's blockers (:mod:`workbench.core.export.gate`); the
    caller refuses to write them unless ``draft``, which marks every output as a draft. ``qa`` gives
    a document's open QA errors as lines (``export`` passes ``storage.qa_runs``'s; none by default)."""
    prepared: list[Prepared] = []
    losses: list[LossItem] = []
    outputs: list[tuple[Path, Prepared]] = []
    caches = list(caches) if caches is not None else [EditionCache(doc, policy, view, draft=draft, style=style)
                                                      for doc in docs]
    for fmt in formats:
        losses += format_losses(fmt)
        for doc, cache in zip(docs, caches, strict=True):
            item = prepare(fmt, doc, policy, now, cache=cache, view=cache.view)
            prepared.append(item)
            losses += item.losses
            if item.skipped is None:
                collection, doc_id = item.document.split("/", 1)
                outputs.append((out / collection / f"{doc_id}{EXTENSIONS[fmt]}", item))
            if on_progress:
                on_progress(f"  {fmt} {item.document}: " + (item.skipped or "ready"))
    warnings = []
    found_blockers: list[Blocker] = []
    if PUBLISHING & set(formats):
        found = (review_warning(doc.address, doc.state) for doc in docs)
        warnings = [w for w in found if w is not None]
        for doc, cache in zip(docs, caches, strict=True):
            found_blockers += blockers(doc, cache.raw(), qa(doc) if qa is not None else ())
    return ExportPlan(tuple(prepared), tuple(losses), tuple(outputs), tuple(warnings), tuple(found_blockers))



def file_bytes(item: Prepared) -> bytes:
    """The bytes of one prepared file (DOCX is rendered here, from the edition)."""
    if item.format == "docx":
        assert item.edition is not None
        data = render_docx(item.edition)
        gc.collect(1)  # python-docx's package objects refer to each other: free them per file
        return data
    assert item.text is not None
    return item.text.encode("utf-8")


def write_export(plan: ExportPlan) -> list[Path]:
    """Render the binary files, then write every file atomically; returns the paths written."""
    blobs = [(path, file_bytes(item)) for path, item in plan.outputs]
    for path, data in blobs:
        atomic_write_bytes(path, data)
    return [path for path, _ in blobs]


def write_loss_report(path: Path, losses: Iterable[LossItem], policy: str,
                      warnings: Iterable[ReviewWarning] = (), qa_errors: Iterable[Finding] = ()) -> None:
    """``--loss-report FILE``: the loss report as JSON, with the unconfirmed-text warnings and the open QA
    errors (``qa_errors``: findings as ``workbench qa --json`` gives them)."""
    data = report_json(losses, policy)
    data["warnings"] = [w.as_json() for w in warnings]
    data["qa_errors"] = [f.as_json() for f in qa_errors]
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
