"""Document metadata: what ``texts/<collection>/<doc>/document.yaml`` holds, as frozen records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

SOURCE_PENDING = "pending"


@dataclass(frozen=True)
class WitnessInfo:
    """One text of a document: siglum, language, role (source/target/other), description, provenance."""

    siglum: str
    language: str
    role: str = "other"
    description: str = ""
    provenance: str = ""


@dataclass(frozen=True)
class WitnessNoteInfo:
    """What the importer learned about one note of the printed edition.

    ``number`` is ``present`` when the note carried its number, ``inferred`` when the importer gave
    it one; ``marker`` is ``found`` or ``missing`` (no reference in the body); ``certainty`` is how
    sure the importer is that the found marker really is this note's reference (0–1);
    ``context`` quotes the place as received.
    """

    label: str
    number: str = "present"
    marker: str = "found"
    certainty: float | None = None
    context: str = ""


@dataclass(frozen=True)
class VariantInfo:
    """A variant the importer knows of; ``unresolved`` until an editor decides it.

    No. 92 note 1 is the model: the note says a passage in italics was crossed out, the witness
    lost the italics, so the words are unknown and nothing may guess them.
    """

    id: str
    kind: str
    status: str
    witness: str
    witness_note: str | None = None
    description: str = ""


@dataclass(frozen=True)
class WitnessIssue:
    """A problem of a witness as received (a note without marker, a note without number …)."""

    kind: str
    message: str
    witness_note: str | None = None
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArchivalReference:
    """An archival reference as printed, and its parts where they could be parsed."""

    text: str
    repository: str = ""
    fond: str = ""
    inventory: str = ""
    file: str = ""
    folios: str = ""
    description: str = ""


@dataclass(frozen=True)
class DocumentMeta:
    """One document of a collection (one folder under ``texts/<collection>/``)."""

    collection: str
    id: str
    title: str = ""
    author: str = ""
    number: str = ""
    date: str = ""
    date_when: str = ""
    place_date: str = ""
    addressee: str = ""
    signature: str = ""
    archival_reference: ArchivalReference | None = None
    source_edition: str = ""
    source_page: str = ""
    source: str = SOURCE_PENDING
    target: str = ""
    witnesses: tuple[WitnessInfo, ...] = ()
    notes: tuple[WitnessNoteInfo, ...] = ()
    variants: tuple[VariantInfo, ...] = ()
    issues: tuple[WitnessIssue, ...] = ()
    received: Mapping[str, object] = field(default_factory=dict)

    @property
    def address(self) -> str:
        """``collection/doc`` as the CLI addresses it."""
        return f"{self.collection}/{self.id}"

    @property
    def source_pending(self) -> bool:
        """True while no source witness exists."""
        return self.source == SOURCE_PENDING

    def witness(self, siglum: str) -> WitnessInfo:
        """The witness with this siglum; KeyError when absent."""
        for item in self.witnesses:
            if item.siglum == siglum:
                return item
        raise KeyError(siglum)

    @property
    def unresolved_variants(self) -> tuple[VariantInfo, ...]:
        """Variants still waiting for an editor's decision (as imported)."""
        return tuple(v for v in self.variants if v.status == "unresolved")


def pending_source_message(meta: DocumentMeta) -> str:
    """The one line every view prints for a document without a source witness."""
    return (
        f"source witness pending: no Russian text of {meta.address} yet — add one with "
        f"workbench add-witness {meta.address} ru-1996 FILE --lang ru --description 'printed edition, 1996'"
    )
