"""A whole volume: a collection's documents in order, with front and back matter.

``export --volume --collection C`` builds a :class:`Volume` from the published edition of each
document (the same edition the single-document formats print, metadata decisions and editors'
notes applied) and renders it as Markdown (one file), HTML (one page per document and an index
page, linked), a PDF (WeasyPrint, from the print HTML) and TEI (a ``teiCorpus``).

Front matter: the title page (the collection's title, description and credit, the editors — the
authors of the documents' decisions), a note on editorial conventions generated from the house
style and the struck-text policies actually used, and the abbreviations that occur in the
archival references. Back matter: an index of names and places with document numbers — from the
collection's glossary terms when it has a glossary (with what each names), the people the name check
finds named with initials, and the anchors of biographical editors' notes — and the list of archival
sources.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workbench.core.editors_notes import editors_notes
from workbench.core.export.build import ExportDocument
from workbench.core.export.model import Edition, plain_inlines
from workbench.core.export.style import HouseStyle
from workbench.core.qa.consistency import dotted, initialled_names
from workbench.core.variant_decisions import decided_policy, struck_marks

#: Abbreviations of Russian archival references, listed in a volume when its references use them.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("RTsKhIDNI", "Rossiiskii tsentr khraneniia i izucheniia dokumentov noveishei istorii (Russian Centre for the "
                  "Preservation and Study of Documents of Recent History), Moscow; now RGASPI"),
    ("RTSKHIDNI", "RTsKhIDNI as the source edition's translation prints it: the Russian Centre for the "
                  "Preservation and Study of Documents of Recent History, Moscow; now RGASPI"),
    ("RGASPI", "Rossiiskii gosudarstvennyi arkhiv sotsial'no-politicheskoi istorii (Russian State Archive of "
               "Socio-Political History), Moscow"),
    ("F.", "fond (collection)"),
    ("Op.", "opis' (inventory)"),
    ("On.", "opis' (inventory), as the source edition's translation prints it"),
    ("D.", "delo (file)"),
    ("L.", "list, listy (folio, folios)"),
)
POLICY_SENTENCES = {
    "omit": "Passages the author struck out are omitted.",
    "strike": "Passages the author struck out are printed struck through.",
    "bracket": "Passages the author struck out are printed between ⟦ ⟧.",
    "note": "Passages the author struck out are left out of the text and given in an editors' note.",
}


@dataclass(frozen=True)
class VolumeDocument:
    """One document of the volume: its address, number, heading, published edition and raw edition."""

    address: str
    number: str
    heading: str
    edition: Edition
    archival_reference: str


@dataclass(frozen=True)
class IndexEntry:
    """A name or place and the numbers of the documents it occurs in."""

    term: str
    kind: str
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Volume:
    """Everything a volume prints, in order."""

    collection: str
    title: str
    description: str
    credit: str
    editors: tuple[str, ...]
    conventions: tuple[str, ...]
    abbreviations: tuple[tuple[str, str], ...]
    documents: tuple[VolumeDocument, ...]
    index: tuple[IndexEntry, ...]
    sources: tuple[tuple[str, str], ...]
    draft: bool = False


@dataclass(frozen=True)
class GlossaryTerm:
    """A term of the collection's glossary as the index uses it: its English form and kind."""

    english: str
    kind: str


def _conventions(style: HouseStyle, docs: Sequence[tuple[ExportDocument, Edition]], policy: str) -> list[str]:
    used: set[str] = set()
    for doc, _ in docs:
        for mark in struck_marks(doc.state):
            used.add(decided_policy(doc.state, mark.variant) or policy)
        used |= {decided_policy(doc.state, v.id) or policy for v in doc.meta.variants if v.kind == "struck-passage"}
    out = ["The English is a translation of the Russian documents, corrected against the source edition; the "
           "notes of the source edition are translated with it."]
    out += style.describe()
    out += [POLICY_SENTENCES[p] for p in ("omit", "strike", "bracket", "note") if p in used]
    out.append("Words in square brackets [ ] were supplied by the editors of the source edition; […] marks an "
               "omission.")
    return out


def _abbreviations(references: Sequence[str]) -> list[tuple[str, str]]:
    text = " ".join(references)
    return [(abbr, meaning) for abbr, meaning in ABBREVIATIONS
            if re.search(r"(?<!\w)" + re.escape(abbr) + ("" if abbr.endswith(".") else r"\b"), text)]


def _index(docs: Sequence[tuple[ExportDocument, Edition]], glossary: Sequence[GlossaryTerm]) -> list[IndexEntry]:
    terms: dict[str, str] = {g.english: g.kind for g in glossary if g.english.strip()}
    for doc, _ in docs:
        for note in editors_notes(doc.state):
            if note.kind == "biographical":
                terms.setdefault(note.anchor, "name")
    texts = []
    for _, ed in docs:
        words = [plain_inlines(p.inlines) for b in ed.english.blocks for p in b.pieces]
        texts.append((ed.number or ed.document, " ".join(words)))
    out = []
    for term, kind in terms.items():
        pattern = re.compile(r"\b" + re.escape(term) + r"\b", re.IGNORECASE)
        found = tuple(number for number, text in texts if pattern.search(text))
        if found:
            out.append(IndexEntry(term, kind, found))
    return sorted(out + _people(texts, terms), key=lambda e: e.term.casefold())


def _people(texts: Sequence[tuple[str, str]], terms: Mapping[str, str]) -> list[IndexEntry]:
    """The people the documents name with initials (the name check's reading, ``qa.consistency``) whom
    the glossary does not list: "Stalin, I. V." with the initials the volume uses most."""
    initials: dict[str, Counter[str]] = {}
    where: dict[str, list[str]] = {}
    for number, text in texts:
        for surname, letters in initialled_names(text):
            if surname in terms:
                continue
            initials.setdefault(surname, Counter())[letters] += 1
            if number not in where.setdefault(surname, []):
                where[surname].append(number)
    return [IndexEntry(f"{surname}, {dotted(counts.most_common(1)[0][0])}", "person", tuple(where[surname]))
            for surname, counts in initials.items()]


def build_volume(collection: str, title: str, description: str, credit: str,
                 docs: Sequence[tuple[ExportDocument, Edition]], style: HouseStyle, policy: str, *,
                 glossary: Sequence[GlossaryTerm] = (), draft: bool = False) -> Volume:
    """The volume of a collection from its documents (in order) and their published editions."""
    editors: dict[str, None] = {}
    entries = []
    for _, ed in docs:
        editors.update(dict.fromkeys(ed.editors))
        entries.append(VolumeDocument(ed.document, ed.number, ed.heading_title, ed, ed.archival_reference))
    references = [e.archival_reference for e in entries if e.archival_reference]
    return Volume(collection, title or collection, description, credit, tuple(editors),
                  tuple(_conventions(style, docs, policy)), tuple(_abbreviations(references)), tuple(entries),
                  tuple(_index(docs, glossary)),
                  tuple((e.number or e.address, e.archival_reference) for e in entries if e.archival_reference),
                  draft)


def glossary_terms(data: object) -> list[GlossaryTerm]:
    """Index terms from plain data: a list of entries, or a mapping with ``terms``, each entry a mapping
    whose English form is under ``en``, ``english``, ``target`` or ``term`` and whose kind (person,
    place …), if any, under ``kind`` or ``type``. Anything else is ignored rather than guessed."""
    items = data.get("terms") if isinstance(data, Mapping) else data
    out = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        english = next((item[k] for k in ("en", "english", "target", "term") if isinstance(item.get(k), str)), "")
        kind = next((item[k] for k in ("kind", "type") if isinstance(item.get(k), str)), "")
        if english:
            out.append(GlossaryTerm(" ".join(english.split()), kind))
    return out
