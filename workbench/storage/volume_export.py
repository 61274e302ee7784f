"""Writing a whole volume (``export --volume --collection C``): load the collection's documents in the
order ``collection.yaml`` gives, build the volume (:mod:`workbench.core.export.volume`), render every
requested format in memory, then write the files atomically.

Files: ``OUT/<collection>/volume.md``, ``volume.docx``, ``volume.xml`` (teiCorpus), ``volume.pdf`` and the HTML pages
in ``OUT/<collection>/volume/`` (``index.html`` and one page per document). The PDF is made by
WeasyPrint from the print HTML (a library that lays out pages, running heads and page counters from
CSS; writing our own page layout would be far more code and worse type).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.core.errors import InputError
from workbench.core.export.docx import render_volume_docx
from workbench.core.export.formats import EditionCache
from workbench.core.export.gate import Blocker, blockers
from workbench.core.export.style import HouseStyle
from workbench.core.export.tei import render_tei
from workbench.core.export.volume import GlossaryTerm, Volume, build_volume, glossary_terms
from workbench.core.export.volume_render import (
    render_tei_corpus,
    render_volume_html,
    render_volume_md,
    render_volume_print_html,
)
from workbench.core.metadata import effective_meta
from workbench.storage.atomic import atomic_write_bytes
from workbench.storage.corpus import Corpus, DocRef
from workbench.storage.exporters import QaErrors, load_document
from workbench.storage.glossary_store import load_glossary

VOLUME_FORMATS = ("md", "html", "docx", "tei", "pdf")


@dataclass(frozen=True)
class VolumePlan:
    """A volume ready to write: the files (path → bytes) and the blockers of its documents."""

    volume: Volume
    files: tuple[tuple[Path, bytes], ...]
    blockers: tuple[Blocker, ...]


def check_volume_formats(value: str) -> list[str]:
    """``md,html`` or ``all`` → the volume's formats; ``InputError`` names one it cannot write."""
    names = list(VOLUME_FORMATS) if value.strip() == "all" else [v.strip() for v in value.split(",") if v.strip()]
    for name in names:
        if name not in VOLUME_FORMATS:
            raise InputError(f"--volume --format: {name!r} is not a volume format; use {', '.join(VOLUME_FORMATS)}")
    return list(dict.fromkeys(names))


def _ordered(corpus: Corpus, collection: str) -> list[DocRef]:
    refs = corpus.documents(collection)
    meta = corpus.read_collection(collection)
    if meta is None or not meta.documents:
        return refs
    rank = {doc: k for k, doc in enumerate(meta.documents)}
    return sorted(refs, key=lambda r: (rank.get(r.id, len(rank)), r.id))


def read_glossary(corpus: Corpus, collection: str) -> list[GlossaryTerm]:
    """The index terms of the collection's glossary (``glossary.yaml``, docs/qa.md): each term's first
    accepted English rendering and what it names (none without a glossary)."""
    glossary = load_glossary(corpus.root, collection, corpus.label)
    return glossary_terms([{"en": t.target[0], "kind": t.kind} for t in glossary.terms if t.target])


def plan_volume(corpus: Corpus, collection: str, formats: Sequence[str], out: Path, policy: str, *,
                draft: bool, style: HouseStyle, qa: QaErrors | None = None) -> VolumePlan:
    """Build and render a collection's volume in memory (nothing written)."""
    refs = _ordered(corpus, collection)
    if not refs:
        raise InputError(f"collection {collection!r} has no documents")
    docs = [load_document(corpus, ref) for ref in refs]
    caches = [EditionCache(doc, policy, draft=draft, style=style) for doc in docs]
    found: list[Blocker] = []
    for doc, cache in zip(docs, caches, strict=True):
        found += blockers(doc, cache.raw(), qa(doc) if qa is not None else ())
    info = corpus.read_collection(collection)
    volume = build_volume(collection, info.title if info else "", info.description if info else "",
                          info.credit if info else "", [(d, c.published()) for d, c in zip(docs, caches, strict=True)],
                          style, policy, glossary=read_glossary(corpus, collection), draft=draft)
    folder = out / collection
    files: list[tuple[Path, bytes]] = []
    if "md" in formats:
        files.append((folder / "volume.md", render_volume_md(volume).encode("utf-8")))
    if "html" in formats:
        for name, page in render_volume_html(volume).items():
            files.append((folder / "volume" / name, page.encode("utf-8")))
    if "docx" in formats:
        files.append((folder / "volume.docx", render_volume_docx(volume)))
    if "tei" in formats:
        texts = {d.address: render_tei(c.raw(), effective_meta(d.meta, d.state), d.state, policy)
                 for d, c in zip(docs, caches, strict=True)}
        files.append((folder / "volume.xml", render_tei_corpus(volume, texts).encode("utf-8")))
    if "pdf" in formats:
        files.append((folder / "volume.pdf", render_pdf(render_volume_print_html(volume))))
    return VolumePlan(volume, tuple(files), tuple(found))


def render_pdf(html: str) -> bytes:
    """The PDF WeasyPrint lays out from a print HTML document."""
    try:
        from weasyprint import HTML  # optional (pip install 'workbench[pdf]'); heavy, so imported here
    except ImportError:
        raise InputError("a PDF needs WeasyPrint: pip install 'workbench[pdf]' (and the Pango library)") from None
    data: bytes = HTML(string=html).write_pdf()
    return data


def write_volume(plan: VolumePlan) -> list[Path]:
    """Write every file of the volume atomically; returns the paths."""
    for path, data in plan.files:
        atomic_write_bytes(path, data)
    return [path for path, _ in plan.files]
