"""The project on disk: ``texts/<collection>/<doc>/`` and ``alignments/<collection>/<doc>.yaml``.

Documents are addressed as ``COLLECTION/DOC``. Names are checked before any path is built, and
every path a user gives must stay inside the project folder.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, overload

from workbench.core.documents import DocumentMeta
from workbench.core.errors import InputError, Location, MarkupError
from workbench.core.markup import parse
from workbench.core.models import Alignment
from workbench.storage.alignment_store import AlignmentFile
from workbench.storage.document_store import CollectionMeta, read_collection, read_document
from workbench.storage.schema import Checker
from workbench.storage.textfile import read_text

NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}\Z")  # \Z: "$" would let a trailing newline through
SIGLUM = re.compile(r"^[a-z][a-z0-9-]{0,31}\Z")
MAX_WITNESS_BYTES = 20 * 1024 * 1024


def check_name(name: str, what: str) -> str:
    """A collection or document id: lower-case letters, digits, '.', '_' and '-' (no '..')."""
    if not NAME.match(name) or ".." in name:
        raise InputError(f"{what} {name!r} is not a valid name: use lower-case letters, digits, '.', '_' "
                         "and '-', starting with a letter or digit")
    return name


def check_siglum(siglum: str) -> str:
    """A witness siglum such as ``ru-1996`` or ``en-mt``."""
    if not SIGLUM.match(siglum):
        raise InputError(f"siglum {siglum!r} is not valid: use lower-case letters, digits and '-', "
                         "starting with a letter (e.g. ru-1996, en-mt)")
    return siglum


def sha256_text(text: str) -> str:
    """The content hash recorded for a witness."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DocRef:
    """A document's address."""

    collection: str
    id: str

    def __str__(self) -> str:
        return f"{self.collection}/{self.id}"


class Corpus:
    """The project folder holding ``texts/`` and ``alignments/``."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.texts = self.root / "texts"
        self.alignments = self.root / "alignments"

    @classmethod
    def find(cls, explicit: str | None = None, start: Path | None = None) -> Corpus:
        """The project given by ``--root``, else the nearest folder upwards that holds ``texts/``."""
        if explicit:
            root = Path(explicit)
            if not root.is_dir():
                raise InputError("--root is not a folder", Location(explicit))
            return cls(root)
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "texts").is_dir():
                return cls(folder)
        raise InputError("no project here: no texts/ folder in this folder or its parents "
                         "(run from the project folder, or pass --root)")

    # -- names and paths --

    def label(self, path: Path) -> str:
        """A path as messages show it: relative to the project when inside it."""
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)

    def inside(self, user_path: str) -> Path:
        """Resolve a user-given path; it must stay inside the project folder."""
        path = Path(user_path)
        if not path.is_absolute():
            path = Path.cwd() / path
        resolved = path.resolve()
        if resolved != self.root and self.root not in resolved.parents:
            raise InputError("path escapes the project folder; give a path inside it", Location(user_path))
        return resolved

    def output_path(self, user_path: str, option: str = "--out", *, folder: bool = True) -> Path:
        """Where an export writes (a folder, or a file with ``folder=False``): outside ``texts/`` and
        ``alignments/`` (an export must never overwrite a witness or an alignment file), not the project
        folder itself, and for a folder not an existing file."""
        path = Path(user_path)
        resolved = (path if path.is_absolute() else Path.cwd() / path).resolve()
        for keep in (self.texts, self.alignments):
            if resolved == keep or keep in resolved.parents:
                example = "--out /tmp/edition" if folder else f"{option} /tmp/{resolved.name}"
                raise InputError(f"{option} points into the project's {keep.name}/ folder; exports go elsewhere "
                                 f"(e.g. {example})", Location(user_path))
        if resolved == self.root:
            raise InputError(f"{option} is the project folder itself; give a folder for the exported files "
                             f"(e.g. {option} exports)", Location(user_path))
        if not folder and resolved.is_dir():
            raise InputError(f"{option} is a folder; give a file name", Location(user_path))
        existing = next(p for p in (resolved, *resolved.parents) if p.exists())
        if not existing.is_dir() and (folder or existing != resolved):
            what = "" if existing == resolved else f" ({existing} is a file)"
            raise InputError(f"{option} is not a folder{what}: it cannot hold the exported files", Location(user_path))
        return path

    def parse_address(self, address: str) -> DocRef:
        """``COLLECTION/DOC`` → :class:`DocRef`; unknown documents are a clear error."""
        parts = address.strip("/").split("/")
        if len(parts) != 2:
            raise InputError(f"document {address!r}: address documents as COLLECTION/DOC, "
                             "e.g. bolshevik-correspondence/092")
        try:
            ref = DocRef(check_name(parts[0], "collection"), check_name(parts[1], "document"))
        except InputError as err:
            raise InputError(f"document {address!r}: {err.message}") from None
        if not (self.doc_dir(ref) / "document.yaml").is_file():
            raise InputError(f"unknown document {address!r}; 'workbench status' lists the documents")
        return ref

    def doc_dir(self, ref: DocRef) -> Path:
        """``texts/<collection>/<doc>/``."""
        return self.texts / ref.collection / ref.id

    def witness_path(self, ref: DocRef, siglum: str) -> Path:
        """``texts/<collection>/<doc>/<siglum>.txt``."""
        return self.doc_dir(ref) / f"{check_siglum(siglum)}.txt"

    def alignment_path(self, ref: DocRef) -> Path:
        """``alignments/<collection>/<doc>.yaml``."""
        return self.alignments / ref.collection / f"{ref.id}.yaml"

    # -- listing --

    def collections(self) -> list[str]:
        """Collection ids, sorted."""
        if not self.texts.is_dir():
            return []
        return sorted(p.name for p in self.texts.iterdir() if p.is_dir() and NAME.match(p.name))

    def documents(self, collection: str | None = None) -> list[DocRef]:
        """Documents of one collection or of all, in collection order then id order."""
        names = [check_name(collection, "collection")] if collection else self.collections()
        out: list[DocRef] = []
        for name in names:
            folder = self.texts / name
            if not folder.is_dir():
                raise InputError(f"unknown collection {name!r}; 'workbench status' lists the collections")
            out.extend(DocRef(name, p.name) for p in sorted(folder.iterdir())
                       if p.is_dir() and (p / "document.yaml").is_file())
        return out

    # -- reading --

    def read_meta(self, ref: DocRef) -> DocumentMeta:
        """A document's validated metadata."""
        path = self.doc_dir(ref) / "document.yaml"
        meta = read_document(path, self.label(path))
        if (meta.collection, meta.id) != (ref.collection, ref.id):
            # exports and PO contexts are addressed by what the file says: it must be this document
            key = "id" if meta.collection == ref.collection else "collection"
            Checker(path.read_text(encoding="utf-8"), self.label(path)).fail(
                f"says it is document {meta.collection}/{meta.id}, but it is the document.yaml of {ref}", (key,))
        return meta

    def read_collection(self, collection: str) -> CollectionMeta | None:
        """``collection.yaml`` if the collection has one."""
        path = self.texts / check_name(collection, "collection") / "collection.yaml"
        return read_collection(path, self.label(path)) if path.is_file() else None

    def read_witness(self, ref: DocRef, siglum: str) -> str:
        """A witness text, checked as UTF-8 and as transcription markup."""
        path = self.witness_path(ref, siglum)
        label = self.label(path)
        text = read_text(path, max_bytes=MAX_WITNESS_BYTES, label=label)
        try:
            parse(text)
        except MarkupError as err:
            raise err.with_path(label) from None
        return text

    def alignment_file(self, ref: DocRef) -> AlignmentFile:
        """The alignment file of a document (which may not exist yet)."""
        path = self.alignment_path(ref)
        return AlignmentFile(path, self.label(path), self.root, str(ref))

    @overload
    def open_state(self, ref: DocRef, *, missing_ok: Literal[False] = False) -> Alignment: ...

    @overload
    def open_state(self, ref: DocRef, *, missing_ok: Literal[True]) -> Alignment | None: ...

    def open_state(self, ref: DocRef, *, missing_ok: bool = False) -> Alignment | None:
        """A document's current alignment state, read-only (the file with its journal replayed).

        A document with no alignment file yet is an ``InputError`` saying how to make one, or
        ``None`` with ``missing_ok``.
        """
        file = self.alignment_file(ref)
        if not file.exists():
            if missing_ok:
                return None
            raise InputError(f"{ref} has no alignment file yet; run 'workbench align {ref}'",
                             Location(file.label))
        return file.read().state
