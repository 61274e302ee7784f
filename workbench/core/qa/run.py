"""Running the checks on a document, and again on the links an edit changed.

:class:`DocumentQA` runs every check once and keeps the findings link by link, so that after an edit
:meth:`DocumentQA.refresh` runs the checks of that link again (and the few that look wider: its
paragraph's brackets, the document's note markers, the collection's names) without redoing the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from workbench.core.documents import DocumentMeta
from workbench.core.models import Alignment, Link
from workbench.core.qa import (
    archival,
    brackets,
    consistency,
    glossary,
    glued,
    mixed_script,
    note_markers,
    numbers,
    omission,
    repeated,
    spacing,
    untranslated,
)
from workbench.core.qa.consistency import NameIndex
from workbench.core.qa.document import QADocument
from workbench.core.qa.glossary import Glossary
from workbench.core.qa.glued import WordList
from workbench.core.qa.model import CHECK_IDS, META_FIELDS, Finding
from workbench.core.qa.text import EnglishText, prepare
from workbench.core.qa.waivers import apply_waivers


@dataclass(frozen=True)
class QAContext:
    """What the checks need beside the document: the glossary, the English word list (``None``: the
    ``glued-word`` check is skipped), the collection's names (``None``: the document's own only), and
    which checks run."""

    glossary: Glossary = field(default_factory=Glossary)
    words: WordList | None = None
    names: NameIndex | None = None
    checks: frozenset[str] = frozenset(CHECK_IDS)

    def on(self, check: str) -> bool:
        """True when ``check`` runs."""
        return check in self.checks


def meta_fields(meta: DocumentMeta) -> dict[str, str]:
    """The metadata fields the checks read, by name (empty ones left out)."""
    values = {"title": meta.title, "date": meta.date, "place_date": meta.place_date, "addressee": meta.addressee,
              "signature": meta.signature,
              "archival_reference": meta.archival_reference.text if meta.archival_reference else ""}
    return {name: values[name] for name in META_FIELDS if values.get(name)}


def _field_text(value: str) -> EnglishText:
    # metadata is plain text, not transcription markup: mask nothing
    return EnglishText(value, value, (), (), True)


def text_findings(document: str, english: EnglishText, context: QAContext, *, link: str | None = None,
                  field_name: str | None = None) -> list[Finding]:
    """The checks that read one English text alone."""
    out: list[Finding] = []
    where = {"link": link, "field": field_name}
    if context.on("spacing"):
        out += spacing.findings(document, english, **where)
    if context.on("repeated-word"):
        out += repeated.findings(document, english, **where)
    if context.on("mixed-script"):
        out += mixed_script.findings(document, english, **where)
    if context.on("untranslated"):
        out += untranslated.findings(document, english, context.glossary, **where)
    if context.on("glued-word") and context.words is not None:
        out += glued.findings(document, english, context.words, context.glossary, **where)
    if context.on("archival-reference"):
        out += archival.findings(document, english, context.glossary, **where)
    return out


def link_findings(doc: QADocument, link: Link, context: QAContext,
                  stats: omission.LengthStats | None = None) -> list[Finding]:
    """Every check of one link that needs no other link."""
    out: list[Finding] = []
    if link.target:
        out += text_findings(doc.address, doc.english(link), context, link=link.id)
    if context.on("glossary"):
        out += glossary.check_link(doc, link, context.glossary)
    if context.on("number"):
        out += numbers.check_link(doc, link)
    if context.on("untranslated"):
        out += untranslated.same_as_source(doc, link)
    if context.on("note-marker"):
        out += note_markers.link_findings(doc, link)
    if context.on("bracket"):
        out += brackets.lost_in_edit(doc, link)
    if context.on("omission"):
        out += omission.link_findings(doc, link, stats)
    return out


def field_findings(doc: QADocument, context: QAContext) -> list[Finding]:
    """The checks of the metadata fields."""
    out: list[Finding] = []
    for name, value in meta_fields(doc.meta).items():
        text = _field_text(value)
        out += text_findings(doc.address, text, context, field_name=name)
        if context.on("glossary"):
            out += glossary.check_text(doc.address, name, text, context.glossary)
    return out


def index_names(index: NameIndex, doc: QADocument, links: Iterable[Link] | None = None) -> None:
    """Put the names of a document's texts (or of some links only) into a collection index."""
    if links is None:
        index.drop_document(doc.address)
        for name, value in meta_fields(doc.meta).items():
            index.put(doc.address, None, name, consistency.extract(_field_text(value)))
        links = doc.state.links
    for link in links:
        source = doc.source(link)
        index.put(doc.address, link.id, None,
                  consistency.extract(doc.english(link), source.plain if source else None))


class DocumentQA:
    """The findings of one document, kept per link so an edit re-runs only what it touched."""

    def __init__(self, doc: QADocument, context: QAContext) -> None:
        self.context = context
        self.names = context.names if context.names is not None else NameIndex()
        self.run(doc)

    def run(self, doc: QADocument) -> None:
        """Run every check on the whole document."""
        self.doc = doc
        links = doc.state.links
        self.stats = omission.length_stats(doc, links) if self.context.on("omission") else None
        self.per_link: dict[str, list[Finding]] = {lk.id: link_findings(doc, lk, self.context, self.stats)
                                                   for lk in links}
        self.fields = field_findings(doc, self.context)
        if self.context.on("consistency"):
            index_names(self.names, doc)
        self._wide()

    def _wide(self) -> None:
        doc, links = self.doc, self.doc.state.links
        self.paragraphs = brackets.paragraph_findings(doc, links) if self.context.on("bracket") else []
        self.markers = note_markers.document_findings(doc, links) if self.context.on("note-marker") else []
        self.gaps = omission.gap_findings(doc, links) if self.context.on("omission") else []
        self.consistency = self.names.findings(self.context.glossary, lambda d: d == doc.address,
                                               self.context.words.frequency if self.context.words else None) \
            if self.context.on("consistency") else []

    def refresh(self, doc: QADocument, link_ids: Iterable[str]) -> None:
        """The state changed the English of some links (an edit, its undo): run their checks again."""
        self.doc = doc
        changed = [doc.state.link(i) for i in link_ids if doc.state.has_link(i)]
        for link in changed:
            self.per_link[link.id] = link_findings(doc, link, self.context, self.stats)
        if self.context.on("consistency"):
            index_names(self.names, doc, changed)
        self._wide()

    def findings(self) -> list[Finding]:
        """Every finding (waivers not applied), in document order, one per check, place and span."""
        positions = {lk.id: i for i, lk in enumerate(self.doc.state.links)}
        items = [f for fs in self.per_link.values() for f in fs] + self.fields + self.paragraphs + self.markers
        items += self.gaps
        items += self.consistency
        return sorted(_dedupe(items), key=lambda f: f.sort_key(positions))

    def for_link(self, link_id: str) -> list[Finding]:
        """The findings of one link (waivers not applied)."""
        return [f for f in self.findings() if f.link == link_id]


#: Checks whose finding is left out where the glossary (or its list of repositories) flags the same words:
#: the glossary says which form is right ("comfront" is a forbidden rendering of Комфронт, not two words
#: run together; RTSHIDNI is a wrong spelling of the repository RTsKhIDNI).
UNDER_GLOSSARY = frozenset({"consistency", "glued-word"})
#: The checks that say where the glossary flags words.
GLOSSARY_CHECKS = frozenset({"glossary", "archival-reference"})


def _dedupe(items: Sequence[Finding]) -> list[Finding]:
    """One finding per (check, place, span, message), and none of :data:`UNDER_GLOSSARY` inside a span
    the glossary flags."""
    glossary_spans: dict[str, list[tuple[int, int]]] = {}
    for f in items:
        if f.check in GLOSSARY_CHECKS and f.span is not None:
            glossary_spans.setdefault(f.target, []).append(f.span)
    seen: set[tuple[str, str, tuple[int, int] | None, str]] = set()
    out = []
    for item in items:
        if item.check in UNDER_GLOSSARY and item.span is not None and any(
                a <= item.span[0] and item.span[1] <= b for a, b in glossary_spans.get(item.target, ())):
            continue
        key = (item.check, item.target, item.span, item.message)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def check_document(doc: QADocument, context: QAContext, *, waivers: bool = True) -> list[Finding]:
    """Every finding of a document, with ``waived`` set from its live waivers (unless ``waivers`` is False)."""
    found = DocumentQA(doc, context).findings()
    return apply_waivers(doc.state, found, meta_fields(doc.meta)) if waivers else found


def waived(state: Alignment, meta: DocumentMeta, findings: Iterable[Finding]) -> list[Finding]:
    """:func:`apply_waivers` with the document's metadata fields."""
    return apply_waivers(state, findings, meta_fields(meta))


def fields_of(meta: DocumentMeta) -> Mapping[str, str]:
    """The metadata fields a waiver may name (alias of :func:`meta_fields`)."""
    return meta_fields(meta)


__all__ = ["DocumentQA", "QAContext", "check_document", "field_findings", "index_names", "link_findings",
           "meta_fields", "prepare", "text_findings", "waived"]
