"""``document.yaml`` and ``collection.yaml``: reading (validated, located errors) and writing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.core.documents import (
    SOURCE_PENDING,
    ArchivalReference,
    DocumentMeta,
    VariantInfo,
    WitnessInfo,
    WitnessIssue,
    WitnessNoteInfo,
)
from workbench.core.errors import FormatError, Location
from workbench.core.safe_values import is_plain_file_name, language_problem
from workbench.storage.atomic import atomic_write_text
from workbench.storage.schema import Checker
from workbench.storage.textfile import read_text
from workbench.storage.yamlio import dump, load

DOCUMENT_SCHEMA = "workbench-document"
COLLECTION_SCHEMA = "workbench-collection"
VERSION = 1
MAX_META_BYTES = 4 * 1024 * 1024

_DOC_KEYS = {"schema", "version", "collection", "id", "title", "number", "date", "date_when", "place_date",
             "addressee", "signature", "archival_reference", "source_edition", "source_page", "source", "target",
             "witnesses", "notes", "variants", "issues", "received", "author"}
_TEXT_FIELDS = ("title", "number", "date", "date_when", "place_date", "addressee", "signature", "source_edition",
                "source_page")


@dataclass(frozen=True)
class CollectionMeta:
    """A collection's metadata: title, description, credit line, and the received layout if any."""

    id: str
    title: str = ""
    description: str = ""
    credit: str = ""
    documents: tuple[str, ...] = ()
    received: dict[str, Any] = field(default_factory=dict)


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in ("", None, [], {}, ())}


def document_to_dict(meta: DocumentMeta) -> dict[str, Any]:
    """The YAML mapping of a document's metadata (stable key order)."""
    ref = meta.archival_reference
    data: dict[str, Any] = {
        "schema": DOCUMENT_SCHEMA,
        "version": VERSION,
        "collection": meta.collection,
        "id": meta.id,
        "number": meta.number,
        "title": meta.title,
        "author": meta.author,
        "date": meta.date,
        "date_when": meta.date_when,
        "place_date": meta.place_date,
        "addressee": meta.addressee,
        "signature": meta.signature,
        "archival_reference": None if ref is None else _drop_empty({
            "text": ref.text, "repository": ref.repository, "fond": ref.fond, "inventory": ref.inventory,
            "file": ref.file, "folios": ref.folios, "description": ref.description}),
        "source_edition": meta.source_edition,
        "source_page": meta.source_page,
        "source": meta.source,
        "target": meta.target,
        "witnesses": [_drop_empty({"siglum": w.siglum, "language": w.language, "role": w.role,
                                   "description": w.description, "provenance": w.provenance})
                      for w in meta.witnesses],
        "notes": [_drop_empty({"label": n.label, "number": n.number, "marker": n.marker,
                               "certainty": n.certainty, "context": n.context}) for n in meta.notes],
        "variants": [_drop_empty({"id": v.id, "kind": v.kind, "status": v.status, "witness": v.witness,
                                  "note": v.witness_note, "description": v.description}) for v in meta.variants],
        "issues": [_drop_empty({"kind": i.kind, "note": i.witness_note, "message": i.message,
                                "candidates": list(i.candidates)}) for i in meta.issues],
        "received": dict(meta.received),
    }
    keep = {"schema", "version", "collection", "id", "source", "target", "witnesses"}
    return {k: v for k, v in data.items() if k in keep or v not in ("", None, [], {})}


def _load_checked(path: Path, label: str | None, schema: str, what: str,
                  top_keys: tuple[str, ...]) -> tuple[Checker, dict[str, Any]]:
    """Read a metadata file, parse it, and check that it is a mapping of the expected schema."""
    name = label or str(path)
    text = read_text(path, max_bytes=MAX_META_BYTES, label=name)
    raw = load(text, name, top_keys)
    check = Checker(text, name)
    if raw is None:
        raise FormatError(f"the file is empty; {what} starts with 'schema: {schema}'", Location(name, 1, 1))
    data = check.mapping(raw, (), what)
    if data.get("schema") != schema:
        check.fail(f"'schema' must be '{schema}', found {data.get('schema')!r}", ("schema",))
    return check, data


_META_TOP_KEYS = ("schema", "version", "id", "title", "collection", "witnesses", "received", "documents")


def _check_received_files(check: Checker, received: dict[str, Any]) -> dict[str, Any]:
    """The file names ``export-received`` will write must be plain names: a hand-edited (or hostile)
    ``../../x`` or absolute path would otherwise write outside ``--out``."""
    places: list[tuple[Any, tuple[Any, ...]]] = []
    if "file" in received:
        places.append((received["file"], ("received", "file")))
    witnesses = received.get("witnesses")
    if isinstance(witnesses, dict):
        places += [(info["file"], ("received", "witnesses", siglum, "file"))
                   for siglum, info in witnesses.items() if isinstance(info, dict) and "file" in info]
    for name, keys in places:
        if not is_plain_file_name(name):
            check.fail(f"received file name {name!r} must be a plain file name (no folder, no '..', not "
                       "hidden)", keys)
    return received


def write_document(path: Path, meta: DocumentMeta) -> None:
    """Write ``document.yaml`` atomically."""
    atomic_write_text(path, dump(document_to_dict(meta)))


def read_document(path: Path, label: str | None = None) -> DocumentMeta:
    """Read and validate ``document.yaml``."""
    check, data = _load_checked(path, label, DOCUMENT_SCHEMA, "document.yaml", _META_TOP_KEYS)
    version = check.integer(data, "version", ())
    if version != VERSION:
        check.fail(f"document schema version {version} is not supported (expected {VERSION})", ("version",))
    check.only_keys(data, _DOC_KEYS, (), "document.yaml")
    texts = {key: check.string(data, key, (), required=False) for key in _TEXT_FIELDS}
    ref_data = data.get("archival_reference")
    ref = None
    if ref_data is not None:
        ref_map = check.mapping(ref_data, ("archival_reference",), "'archival_reference'")
        keys: tuple[Any, ...] = ("archival_reference",)
        ref = ArchivalReference(**{k: check.string(ref_map, k, keys, required=(k == "text"))
                                   for k in ("text", "repository", "fond", "inventory", "file", "folios",
                                             "description")})
    witnesses = []
    for i, item in enumerate(check.sequence(data.get("witnesses"), ("witnesses",), "'witnesses'")):
        keys = ("witnesses", i)
        item = check.mapping(item, keys, "a witness")
        check.only_keys(item, {"siglum", "language", "role", "description", "provenance"}, keys, "witness")
        language = check.string(item, "language", keys)
        problem = language_problem(language)
        if problem is not None:
            check.fail(problem, keys + ("language",))
        witnesses.append(WitnessInfo(check.string(item, "siglum", keys), language,
                                     check.string(item, "role", keys, required=False, default="other"),
                                     check.string(item, "description", keys, required=False),
                                     check.string(item, "provenance", keys, required=False)))
    sigla = [w.siglum for w in witnesses]
    if len(set(sigla)) != len(sigla):
        check.fail("two witnesses have the same siglum", ("witnesses",))
    notes = []
    for i, item in enumerate(check.sequence(data.get("notes"), ("notes",), "'notes'")):
        keys = ("notes", i)
        item = check.mapping(item, keys, "a note")
        check.only_keys(item, {"label", "number", "marker", "certainty", "context"}, keys, "note")
        notes.append(WitnessNoteInfo(check.string(item, "label", keys),
                              check.string(item, "number", keys, required=False, default="present"),
                              check.string(item, "marker", keys, required=False, default="found"),
                              check.number(item, "certainty", keys),
                              check.string(item, "context", keys, required=False)))
    variants = []
    for i, item in enumerate(check.sequence(data.get("variants"), ("variants",), "'variants'")):
        keys = ("variants", i)
        item = check.mapping(item, keys, "a variant")
        check.only_keys(item, {"id", "kind", "status", "witness", "note", "description"}, keys, "variant")
        status = check.string(item, "status", keys)
        if status not in ("unresolved", "resolved"):
            check.fail(f"variant status must be 'unresolved' or 'resolved', found {status!r}", keys + ("status",))
        variants.append(VariantInfo(check.string(item, "id", keys), check.string(item, "kind", keys), status,
                                    check.string(item, "witness", keys),
                                    check.optional_string(item, "note", keys),
                                    check.string(item, "description", keys, required=False)))
    issues = []
    for i, item in enumerate(check.sequence(data.get("issues"), ("issues",), "'issues'")):
        keys = ("issues", i)
        item = check.mapping(item, keys, "an issue")
        check.only_keys(item, {"kind", "note", "message", "candidates"}, keys, "issue")
        cands = check.sequence(item.get("candidates"), keys + ("candidates",), "'candidates'")
        issues.append(WitnessIssue(check.string(item, "kind", keys), check.string(item, "message", keys),
                                   check.optional_string(item, "note", keys),
                                   tuple(str(c) for c in cands)))
    source = check.string(data, "source", (), required=False, default=SOURCE_PENDING)
    target = check.string(data, "target", ())
    for role, siglum in (("source", source), ("target", target)):
        if siglum != SOURCE_PENDING and siglum not in sigla:
            check.fail(f"'{role}' names witness {siglum!r}, which is not listed under 'witnesses'", (role,))
    received = check.mapping(data.get("received") or {}, ("received",), "'received'")
    _check_received_files(check, received)
    return DocumentMeta(
        collection=check.string(data, "collection", ()),
        id=check.string(data, "id", ()),
        archival_reference=ref,
        source=source,
        target=target,
        witnesses=tuple(witnesses),
        notes=tuple(notes),
        variants=tuple(variants),
        issues=tuple(issues),
        received=received,
        author=check.string(data, "author", (), required=False),
        **texts,
    )


def collection_text(meta: CollectionMeta) -> str:
    """The YAML text of ``collection.yaml``."""
    data = {"schema": COLLECTION_SCHEMA, "version": VERSION, "id": meta.id, "title": meta.title,
            "description": meta.description, "credit": meta.credit, "documents": list(meta.documents),
            "received": meta.received}
    return dump({k: v for k, v in data.items() if v not in ("", None, [], {})})


def write_collection(path: Path, meta: CollectionMeta) -> None:
    """Write ``collection.yaml`` atomically."""
    atomic_write_text(path, collection_text(meta))


def read_collection(path: Path, label: str | None = None) -> CollectionMeta:
    """Read and validate ``collection.yaml``."""
    check, data = _load_checked(path, label, COLLECTION_SCHEMA, "collection.yaml", _META_TOP_KEYS)
    check.integer(data, "version", ())
    check.only_keys(data, {"schema", "version", "id", "title", "description", "credit", "documents", "received"},
                    (), "collection.yaml")
    docs = check.sequence(data.get("documents"), ("documents",), "'documents'")
    return CollectionMeta(
        id=check.string(data, "id", ()),
        title=check.string(data, "title", (), required=False),
        description=check.string(data, "description", (), required=False),
        credit=check.string(data, "credit", (), required=False),
        documents=tuple(str(d) for d in docs),
        received=_check_received_files(check, check.mapping(data.get("received") or {}, ("received",),
                                                            "'received'")),
    )
