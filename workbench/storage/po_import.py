"""Reading a translator's PO file and recording what changed as decisions (``workbench import-po``).

The file is read as strict UTF-8 and parsed with polib; entries are matched to links by
``msgctxt`` (``COLLECTION/DOC/LINK``). Planning is pure (``workbench.core.export.po_merge``); here
the plan is recorded through each document's :class:`Session`, one decision at a time, so a
decision that collides with a change made meanwhile is refused alone and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

from workbench.core.decisions import DEFAULT_CLOCK, Clock
from workbench.core.errors import ConflictError, FormatError, InputError, Location
from workbench.core.export.po import STAMP_PREFIX, split_context
from workbench.core.export.po_merge import IncomingEntry, Outcome, Plan, plan_entries
from workbench.core.lines import split_lines
from workbench.storage.alignment_store import Session
from workbench.storage.corpus import Corpus
from workbench.storage.textfile import read_text

MAX_PO_BYTES = 50 * 1024 * 1024
_SYNTAX_LINE = re.compile(r"line (\d+)")
_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf'^(?:#~\s*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{_STRING}\s*$')


def check_po_syntax(text: str, label: str) -> None:
    """Refuse a PO file with a malformed string line, naming the line.

    polib reads an unterminated string (``msgstr "Moscow``) without complaint and drops its last
    character, so a damaged file would silently become a wrong edit; every keyword and continuation
    line must hold exactly one well-quoted C string.
    """
    for number, line in enumerate(split_lines(text), start=1):
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and not stripped.startswith("#~")):
            continue
        if stripped.startswith("#~") and stripped[2:].lstrip().startswith("#"):
            continue
        if not _PO_LINE.match(stripped):
            raise FormatError("not a PO string line (a quote missing or an unknown keyword)",
                              Location(label, number))


@dataclass
class PoImport:
    """The result of an import: one plan per document, entries that were not ours, and counts."""

    plans: list[Plan] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    recorded: int = 0

    @property
    def outcomes(self) -> list[Outcome]:
        """Every outcome, document by document."""
        return [o for p in self.plans for o in p.outcomes]

    @property
    def conflicts(self) -> list[Outcome]:
        """Entries refused."""
        return [o for o in self.outcomes if o.kind == "conflict"]


def _stamp_of(entry: polib.POEntry) -> str | None:
    for line in split_lines(entry.comment or ""):
        if line.startswith(STAMP_PREFIX):
            return line[len(STAMP_PREFIX):].strip()
    return None


def read_po(path: Path, label: str) -> tuple[dict[str, list[IncomingEntry]], list[str]]:
    """Entries by document, and messages about entries that are not from a workbench export."""
    text = read_text(path, max_bytes=MAX_PO_BYTES, label=label)
    check_po_syntax(text, label)
    try:
        # from the file, not the text: polib splits a text with str.splitlines, which breaks a string
        # holding U+0085 or U+2028 (kept raw in PO files); reading a file splits at newlines only
        po = polib.pofile(str(path), encoding="utf-8")
    except (OSError, ValueError) as exc:
        match = _SYNTAX_LINE.search(str(exc))
        raise FormatError(f"not a readable PO file: {exc}", Location(label, int(match.group(1)) if match else None)) \
            from None
    by_doc: dict[str, list[IncomingEntry]] = {}
    ignored: list[str] = []
    seen: dict[str, int] = {}
    for entry in po:
        if entry.obsolete:
            continue
        where = split_context(entry.msgctxt or "")
        if where is None:
            ignored.append(f"{label}:{entry.linenum}: entry without a workbench msgctxt (COLLECTION/DOC/LINK); ignored")
            continue
        _check_entry(entry, label, seen)
        document, link = where
        by_doc.setdefault(document, []).append(IncomingEntry(document, link, entry.msgstr, entry.fuzzy,
                                                             _stamp_of(entry), entry.tcomment or "", entry.linenum,
                                                             entry.msgid))
    return by_doc, ignored


def _check_entry(entry: polib.POEntry, label: str, seen: dict[str, int]) -> None:
    """Refuse what a workbench export never writes and a merge cannot read safely: plural forms (their
    empty ``msgstr`` would become an edit deleting the English) and a second entry for the same link
    (which of the two would win?). Control characters a translator adds are refused by the merge."""
    where = Location(label, entry.linenum)
    if entry.msgid_plural or entry.msgstr_plural:
        raise FormatError(f"entry {entry.msgctxt} has plural forms (msgid_plural); a workbench PO file has "
                          "none, and its empty msgstr would delete the English", where)
    if entry.msgctxt in seen:
        raise FormatError(f"a second entry for {entry.msgctxt} (the first is at line {seen[entry.msgctxt]}); "
                          "each link has one entry", where)
    seen[entry.msgctxt] = entry.linenum


def import_po(corpus: Corpus, path: Path, author: str, *, dry_run: bool = False,
              clock: Clock = DEFAULT_CLOCK) -> PoImport:
    """Plan (and unless ``dry_run``, record and save) the decisions a PO file brings back."""
    label = corpus.label(path)
    if not path.is_file():
        raise InputError("no such PO file", Location(label))
    by_doc, ignored = read_po(path, label)
    result = PoImport(ignored=ignored)
    # every document is planned before anything is recorded: an entry refused as malformed (an edited
    # msgid) in the last document must leave the first ones untouched too
    planned: list[tuple[Session | None, Plan]] = []
    for document, entries in by_doc.items():
        try:
            ref = corpus.parse_address(document)
        except InputError as err:
            result.ignored.append(f"{label}: {len(entries)} entries for {document}: {err.message}")
            continue
        file = corpus.alignment_file(ref)
        if not file.exists():
            result.ignored.append(f"{label}: {len(entries)} entries for {document}: it has no alignment file")
            continue
        session = None if dry_run else Session(file)
        state = corpus.open_state(ref) if session is None else session.state
        try:
            planned.append((session, plan_entries(state, entries, author, clock)))
        except FormatError as err:
            raise err.with_path(label) from None
    for session, plan in planned:
        if session is not None:
            recorded = _record(session, plan)
            result.recorded += recorded
            if recorded:
                session.save()
        result.plans.append(plan)
    return result


def _record(session: Session, plan: Plan) -> int:
    """Record the plan's decisions one by one; a refused one becomes a conflict outcome."""
    count = 0
    for index, outcome in enumerate(plan.outcomes):
        if outcome.decision is None:
            continue
        try:
            session.record(outcome.decision)
            count += 1
        except ConflictError as err:
            plan.outcomes[index] = replace(outcome, kind="conflict", message=err.message, decision=None)
    return count
