"""Alignment files (``alignments/<collection>/<doc>.yaml``) ↔ :class:`Alignment`: encode, decode,
validate and migrate. The format is specified in docs/format.md.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from workbench.core.actions import Action, DataError, DecisionData
from workbench.core.errors import FormatError, Location
from workbench.core.lines import (
    format_edit,
    format_link,
    format_segment,
    parse_edit,
    parse_link,
    parse_link_block,
    parse_segment,
    parse_segment_block,
    split_lines,
)
from workbench.core.models import AUTHOR_SOURCES, Alignment, Conflict, Decision, Link, Segment, WitnessRef
from workbench.core.safe_values import language_problem
from workbench.storage.schema import Checker
from workbench.storage.yamlio import Block, dump, load

SCHEMA = "workbench-alignment"
VERSION = 3
_TOP_KEYS = {"schema", "version", "document", "revision", "witnesses", "signature", "segments", "links",
             "edits", "decisions", "conflicts", "integrity"}
_DECISION_KEYS = {"id", "time", "author", "author_from", "action", "target", "before", "after", "reason", "note",
                  "data"}
_CONFLICT_KEYS = {"id", "links", "kept", "message", "set_aside"}
#: The integrity record's counts, in the order the file writes them; ``sha256`` follows them.
INTEGRITY_COUNTS = ("source_segments", "target_segments", "links", "edits", "decisions", "conflicts")
#: The first version whose files carry an integrity record.
SEALED_SINCE = 3
_VERSION_LINE = re.compile(r"^version: (\d+)$", re.MULTILINE)


def _block(lines: list[str]) -> str:
    return Block("\n".join(lines) + "\n") if lines else ""


def decision_to_dict(d: Decision) -> dict[str, Any]:
    """A decision as the YAML (and journal) mapping; empty fields are left out."""
    out: dict[str, Any] = {"id": d.id, "time": d.time, "author": d.author}
    if d.author_from is not None:
        out["author_from"] = d.author_from
    out["action"] = d.action.value
    out["target"] = d.target
    for key in ("before", "after", "reason", "note"):
        value = getattr(d, key)
        if value is not None:
            out[key] = value
    details = d.data.fields()
    if details:
        out["data"] = details
    return out


def conflict_to_dict(c: Conflict) -> dict[str, Any]:
    """A conflict record as the file writes it."""
    return {"id": c.id, "links": " ".join(c.links), "kept": " ".join(c.kept), "message": c.message,
            "set_aside": [decision_to_dict(d) for d in c.set_aside]}


def counts_of(state: Alignment) -> dict[str, int]:
    """What the integrity record counts: lines of each block, decisions and conflict records."""
    return {"source_segments": len(state.source_segments), "target_segments": len(state.target_segments),
            "links": len(state.links), "edits": len(state.edits), "decisions": len(state.decisions),
            "conflicts": len(state.conflicts)}


def digest(body: str) -> str:
    """The sha256 of everything the file holds before its integrity record."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def seal(body: str, counts: dict[str, int]) -> str:
    """``body`` followed by its integrity record: the counts, then the digest of ``body``, as the file's
    last lines. A file cut short at any line loses at least the digest line, and a block lost from the
    middle changes a count or the digest."""
    if body.endswith("\n...\n"):
        # PyYAML closes a document whose last value keeps its trailing line breaks ("|+") with the
        # document-end marker; the record follows that value in the same document, which ends it as well
        body = body[:-len("...\n")]
    lines = ["integrity:"] + [f"  {key}: {counts[key]}" for key in INTEGRITY_COUNTS]
    lines.append(f"  sha256: {digest(body)}")
    return body + "\n".join(lines) + "\n"


def encode(state: Alignment) -> str:
    """The YAML text of an alignment state (deterministic: same state, same bytes), sealed with its
    integrity record (:func:`seal`)."""
    witnesses: dict[str, Any] = {
        "source": None if state.source is None else {
            "siglum": state.source.siglum, "language": state.source.language, "sha256": state.source.sha256},
        "target": {"siglum": state.target.siglum, "language": state.target.language,
                   "sha256": state.target.sha256},
    }
    data = {
        "schema": SCHEMA,
        "version": VERSION,
        "document": state.document,
        "revision": state.revision,
        "witnesses": witnesses,
        "signature": {str(k): str(v) for k, v in sorted(state.signature.items())},
        "segments": {
            "source": _block([format_segment(s) for s in state.source_segments]),
            "target": _block([format_segment(s) for s in state.target_segments]),
        },
        "links": _block([format_link(lk) for lk in state.links]),
        "edits": _block([format_edit(k, state.edits[k]) for k in sorted(state.edits, key=_seg_key)]),
        "decisions": [decision_to_dict(d) for d in state.decisions],
    }
    if state.conflicts:
        data["conflicts"] = [conflict_to_dict(c) for c in state.conflicts]
    return seal(dump(data), counts_of(state))


def _seg_key(seg_id: str) -> tuple[str, int, str]:
    head = seg_id.rstrip("0123456789")
    tail = seg_id[len(head):]
    return (head, int(tail) if tail else -1, seg_id)


# ----------------------------------------------------------------------------------------- decode


def decision_from_dict(item: Any, check: Checker, keys: tuple[Any, ...]) -> Decision:
    """Validate one decision mapping."""
    item = check.mapping(item, keys, "a decision")
    check.only_keys(item, _DECISION_KEYS, keys, "decision")
    raw = check.mapping(item.get("data") or {}, keys + ("data",), "decision data")
    try:
        data = DecisionData.from_fields(raw)
    except DataError as err:
        check.fail(err.message, keys + ("data", err.key))
    name = check.string(item, "action", keys)
    try:
        action = Action.parse(name)
    except ValueError:
        check.fail(f"unknown action {name!r} (the actions are: {', '.join(a.value for a in Action)})",
                   keys + ("action",))
    missing = data.missing_for(action)
    if missing:
        check.fail(f"a {action} decision needs {', '.join(missing)} in its data", keys)
    author_from = check.optional_string(item, "author_from", keys)
    if author_from is not None and author_from not in AUTHOR_SOURCES:
        check.fail(f"'author_from' must be one of {', '.join(AUTHOR_SOURCES)}, found {author_from!r}",
                   keys + ("author_from",))
    return Decision(
        id=check.string(item, "id", keys),
        time=check.string(item, "time", keys),
        author=check.string(item, "author", keys),
        action=action,
        target=check.string(item, "target", keys),
        before=check.optional_string(item, "before", keys),
        after=check.optional_string(item, "after", keys),
        reason=check.optional_string(item, "reason", keys),
        note=check.optional_string(item, "note", keys),
        data=data,
        author_from=author_from,
    )


def _ids_field(check: Checker, item: dict[str, Any], key: str, keys: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(check.string(item, key, keys, required=False).split())


def conflict_from_dict(item: Any, check: Checker, keys: tuple[Any, ...]) -> Conflict:
    """Validate one conflict record."""
    item = check.mapping(item, keys, "a conflict")
    check.only_keys(item, _CONFLICT_KEYS, keys, "conflict")
    set_aside = tuple(decision_from_dict(d, check, keys + ("set_aside", i))
                      for i, d in enumerate(check.sequence(item.get("set_aside"), keys + ("set_aside",),
                                                           "'set_aside'")))
    if not set_aside:
        check.fail("a conflict must hold the decisions it set aside", keys + ("set_aside",))
    return Conflict(id=check.string(item, "id", keys), links=_ids_field(check, item, "links", keys),
                    kept=_ids_field(check, item, "kept", keys), set_aside=set_aside,
                    message=check.string(item, "message", keys, required=False))


def _block_text(check: Checker, data: dict[str, Any], key: str, keys: tuple[Any, ...]) -> str:
    value = data.get(key)
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        check.fail(f"'{key}' must be a block of lines (|), found {type(value).__name__}", keys + (key,))
    return value


def _witness(check: Checker, value: Any, keys: tuple[Any, ...]) -> WitnessRef:
    value = check.mapping(value, keys, "a witness")
    check.only_keys(value, {"siglum", "language", "sha256"}, keys, "witness")
    language = check.string(value, "language", keys)
    problem = language_problem(language)
    if problem is not None:
        check.fail(problem, keys + ("language",))
    return WitnessRef(check.string(value, "siglum", keys), language, check.string(value, "sha256", keys))


def _parse_block(check: Checker, block: str, keys: tuple[Any, ...], parser: Callable[[str, int | None], Any],
                 fast: Callable[[str], list[Any] | None] | None = None) -> list[Any]:
    if not block:
        return []
    if fast is not None:
        quick = fast(block)
        if quick is not None:
            return quick
    out = []
    for index, line in enumerate(split_lines(block)):
        try:
            out.append(parser(line, None))
        except FormatError as err:
            check.fail(err.message, keys, line_in_block=index)
    return out


def strip_seal(text: str) -> str:
    """The text without its integrity record (everything from the last top-level ``integrity:`` on)."""
    if text.startswith("integrity:"):
        return ""
    at = text.rfind("\nintegrity:")  # a top-level key is the only line that starts at column 0 with it
    return text if at == -1 else text[:at + 1]


def reseal_text(text: str, path: str) -> str:
    """The text of a file as it is, with a new integrity record: for a file changed by hand on purpose
    (``workbench reseal``) and for tests that write files by hand. Everything else is still checked."""
    body = strip_seal(text)
    state = decode(body, path, verify=False)
    written = _VERSION_LINE.search(body)
    if written is None or int(written.group(1)) != VERSION:  # an older file: written anew, as a save would
        return encode(state)
    return seal(body, counts_of(state))


def decode(text: str, path: str, *, verify: bool = True) -> Alignment:
    """Parse and validate an alignment file's text; every problem is a located ``FormatError``.

    ``verify=False`` skips the integrity record (:func:`reseal_text` only)."""
    raw = load(text, path, tuple(sorted(_TOP_KEYS)))
    check = Checker(text, path)
    if raw is None:
        raise FormatError("the file is empty; an alignment file starts with 'schema: workbench-alignment'",
                          Location(path, 1, 1))
    data = check.mapping(raw, (), "an alignment file")
    schema = data.get("schema")
    if schema != SCHEMA:
        check.fail(f"'schema' must be '{SCHEMA}', found {schema!r}", ("schema",))
    version = check.integer(data, "version", ())
    if version > VERSION:
        check.fail(f"schema version {version} is newer than this workbench understands ({VERSION}); "
                   "upgrade the workbench", ("version",))
    if version < VERSION:
        data = migrate(data, version, check)
    check.only_keys(data, _TOP_KEYS, (), "alignment file")
    record = _integrity_record(check, data, text) if version >= SEALED_SINCE and verify else None
    if not verify:
        data.pop("integrity", None)
    document = check.string(data, "document", ())
    revision = check.integer(data, "revision", ())
    wit = check.mapping(data.get("witnesses"), ("witnesses",), "'witnesses'")
    source = None if wit.get("source") is None else _witness(check, wit["source"], ("witnesses", "source"))
    if "target" not in wit:
        check.fail("'witnesses' needs a 'target'", ("witnesses",))
    target = _witness(check, wit["target"], ("witnesses", "target"))
    signature = check.mapping(data.get("signature") or {}, ("signature",), "'signature'")
    segs = check.mapping(data.get("segments") or {}, ("segments",), "'segments'")
    src_segs: list[Segment] = _parse_block(check, _block_text(check, segs, "source", ("segments",)),
                                           ("segments", "source"), parse_segment, parse_segment_block)
    tgt_segs: list[Segment] = _parse_block(check, _block_text(check, segs, "target", ("segments",)),
                                           ("segments", "target"), parse_segment, parse_segment_block)
    links: list[Link] = _parse_block(check, _block_text(check, data, "links", ()), ("links",), parse_link,
                                     parse_link_block)
    edits_list = _parse_block(check, _block_text(check, data, "edits", ()), ("edits",), parse_edit)
    decisions = [decision_from_dict(item, check, ("decisions", i))
                 for i, item in enumerate(check.sequence(data.get("decisions"), ("decisions",), "'decisions'"))]
    conflicts = [conflict_from_dict(item, check, ("conflicts", i))
                 for i, item in enumerate(check.sequence(data.get("conflicts"), ("conflicts",), "'conflicts'"))]

    if not _looks_consistent(source is None, src_segs, tgt_segs, links, edits_list, decisions):
        _check_integrity(check, source is None, src_segs, tgt_segs, links, edits_list, decisions)
    if record is not None:  # last: a located message about the content says more than "the digest differs"
        _check_integrity_record(check, text, record, {
            "source_segments": len(src_segs), "target_segments": len(tgt_segs), "links": len(links),
            "edits": len(edits_list), "decisions": len(decisions), "conflicts": len(conflicts)})
    return Alignment(
        document=document,
        revision=revision,
        source=source,
        target=target,
        source_segments=tuple(src_segs),
        target_segments=tuple(tgt_segs),
        links=tuple(links),
        edits=dict(edits_list),
        decisions=tuple(decisions),
        signature={str(k): str(v) for k, v in signature.items()},
        conflicts=tuple(conflicts),
    )


_CUT = ("the file was cut short (truncated) or its end was lost; restore it from git ('git checkout -- FILE', "
        "or 'git show HEAD:FILE') or from a backup")


def _integrity_record(check: Checker, data: dict[str, Any], text: str) -> dict[str, Any]:
    """The integrity record of a sealed file, which must be complete and the file's last key."""
    if "integrity" not in data:
        lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        raise FormatError(f"no integrity record at the end of the file (it ends at line {lines}): {_CUT}",
                          Location(check.path, lines))
    if list(data)[-1] != "integrity":
        check.fail("'integrity' must be the file's last key: something was added after it", ("integrity",))
    record = data["integrity"]
    if not isinstance(record, dict):
        check.fail(f"the integrity record is incomplete: {_CUT}", ("integrity",))
    for key in (*INTEGRITY_COUNTS, "sha256"):
        if key not in record:
            check.fail(f"the integrity record has no '{key}': {_CUT}", ("integrity",))
    check.only_keys(record, {*INTEGRITY_COUNTS, "sha256"}, ("integrity",), "integrity record")
    for key in INTEGRITY_COUNTS:
        check.integer(record, key, ("integrity",))
    check.string(record, "sha256", ("integrity",))
    return record


def _check_integrity_record(check: Checker, text: str, record: dict[str, Any], found: dict[str, int]) -> None:
    """Counts first (they say what was lost), then the digest (anything else that changed)."""
    for key in INTEGRITY_COUNTS:
        if record[key] != found[key]:
            what = key.replace("_", " ")
            change = "lost" if found[key] < record[key] else "added"
            check.fail(f"the file holds {found[key]} {what}, its integrity record says {record[key]}: "
                       f"{abs(record[key] - found[key])} were {change} outside the workbench (a damaged copy, "
                       "a merge done by hand); restore it from git, or if you changed it by hand on purpose, "
                       "run 'workbench reseal FILE'", ("integrity", key))
    if digest(strip_seal(text)) != record["sha256"]:
        check.fail("the file's content does not match the digest in its integrity record: it was changed "
                   "outside the workbench (a damaged copy, a merge or an edit by hand); restore it from git, or "
                   "if you changed it by hand on purpose, run 'workbench reseal FILE'", ("integrity", "sha256"))


def _looks_consistent(pending: bool, src_segs: list[Segment], tgt_segs: list[Segment], links: list[Link],
                      edits_list: list[tuple[str, str]], decisions: list[Decision]) -> bool:
    """Set-based check of the common case; :func:`_check_integrity` finds and locates a problem."""
    src_ids = [s.id for s in src_segs]
    tgt_ids = [t.id for t in tgt_segs]
    src_set, tgt_set = set(src_ids), set(tgt_ids)
    if pending and src_ids:
        return False
    if len(src_set) != len(src_ids) or len(tgt_set) != len(tgt_ids) or src_set & tgt_set:
        return False
    if not all(i.startswith("s") for i in src_ids) or not all(i.startswith("t") for i in tgt_ids):
        return False
    used_src = [i for lk in links for i in lk.source]
    used_tgt = [i for lk in links for i in lk.target]
    if len(set(used_src)) != len(used_src) or len(set(used_tgt)) != len(used_tgt):
        return False
    if not src_set.issuperset(used_src) or not tgt_set.issuperset(used_tgt):
        return False
    if len({lk.id for lk in links}) != len(links):
        return False
    edit_ids = [e for e, _ in edits_list]
    if len(set(edit_ids)) != len(edit_ids) or not tgt_set.issuperset(edit_ids):
        return False
    return len({d.id for d in decisions}) == len(decisions)


def _check_integrity(check: Checker, pending: bool, src_segs: list[Segment], tgt_segs: list[Segment],
                     links: list[Link], edits_list: list[tuple[str, str]], decisions: list[Decision]) -> None:
    """Find the first referential problem and fail with its location."""
    seen: dict[str, tuple[str, int]] = {}
    for side, items in (("source", src_segs), ("target", tgt_segs)):
        prefix = "s" if side == "source" else "t"
        for index, seg in enumerate(items):
            if not seg.id.startswith(prefix):
                check.fail(f"{side} segment ids start with '{prefix}', found {seg.id!r}", ("segments", side),
                           line_in_block=index)
            if seg.id in seen:
                check.fail(f"duplicate segment id {seg.id}", ("segments", side), line_in_block=index)
            seen[seg.id] = (side, index)
    if pending and src_segs:
        check.fail("source segments given, but 'witnesses.source' is empty (source pending)", ("segments", "source"))
    used: dict[str, str] = {}
    link_ids: set[str] = set()
    for index, link in enumerate(links):
        if link.id in link_ids:
            check.fail(f"duplicate link id {link.id}", ("links",), line_in_block=index)
        link_ids.add(link.id)
        for side, ids in (("source", link.source), ("target", link.target)):
            for seg_id in ids:
                where = seen.get(seg_id)
                if where is None:
                    check.fail(f"link {link.id} points at {side} segment {seg_id}, which does not exist",
                               ("links",), line_in_block=index)
                if where[0] != side:
                    check.fail(f"link {link.id} lists {seg_id} on the {side} side", ("links",), line_in_block=index)
                if seg_id in used:
                    check.fail(f"segment {seg_id} is in two links, {used[seg_id]} and {link.id}", ("links",),
                               line_in_block=index)
                used[seg_id] = link.id
    edits: dict[str, str] = {}
    for index, (seg_id, value) in enumerate(edits_list):
        if seen.get(seg_id, ("",))[0] != "target":
            check.fail(f"edit for {seg_id}, which is not a target segment", ("edits",), line_in_block=index)
        if seg_id in edits:
            check.fail(f"two edits for {seg_id}", ("edits",), line_in_block=index)
        edits[seg_id] = value
    decision_ids: set[str] = set()
    for index, decision in enumerate(decisions):
        if decision.id in decision_ids:
            check.fail(f"duplicate decision id {decision.id}", ("decisions", index, "id"))
        decision_ids.add(decision.id)
    check.fail("the file's ids are inconsistent")  # pragma: no cover - the fast check and this one disagree


# -------------------------------------------------------------------------------------- migration


def _whole(check: Checker, value: Any, keys: tuple[Any, ...], what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        check.fail(f"{what} must be a whole number ≥ 0, found {value!r}", keys)
    return value


def _ids(check: Checker, item: dict[str, Any], key: str, keys: tuple[Any, ...]) -> list[str]:
    ids = check.sequence(item.get(key), keys + (key,), f"'{key}'")
    for index, value in enumerate(ids):
        if not isinstance(value, str) or not value or value.split() != [value]:
            check.fail(f"'{key}' must list segment ids, found {value!r}", keys + (key, index))
    return ids


def _line(check: Checker, line: str, parser: Callable[[str, int | None], Any], keys: tuple[Any, ...]) -> str:
    """A migrated line, parsed back so that a value the new format cannot hold is refused here, at the
    item it came from (a segment text with a line break, an id with a space, a status unknown)."""
    try:
        parser(line, None)
    except FormatError as err:
        check.fail(err.message, keys)
    return line


def _migrate_0_to_1(data: dict[str, Any], check: Checker) -> dict[str, Any]:
    """Version 0 (the draft format) kept segments and links as lists of mappings. Every value is
    checked as it is read: a malformed item is a located ``FormatError``, never a ``ValueError``."""
    out = dict(data)
    segs = check.mapping(data.get("segments") or {}, ("segments",), "'segments'")
    new_segs: dict[str, Any] = {}
    for side in ("source", "target"):
        lines = []
        for i, item in enumerate(check.sequence(segs.get(side), ("segments", side), f"'segments.{side}'")):
            keys: tuple[Any, ...] = ("segments", side, i)
            item = check.mapping(item, keys, "a segment")
            span = item.get("span", [0, 0])
            if not isinstance(span, list) or len(span) != 2:
                check.fail(f"'span' must be [start, end], found {span!r}", keys + ("span",))
            start, end = (_whole(check, x, keys + ("span",), "'span'") for x in span)
            note = item.get("note")
            if note is not None and (isinstance(note, bool) or not isinstance(note, (str, int))):
                check.fail(f"'note' must be a note label, found {note!r}", keys + ("note",))
            segment = Segment(check.string(item, "id", keys), start, end,
                              check.string(item, "text", keys, required=False),
                              _whole(check, item.get("paragraph", 0), keys + ("paragraph",), "'paragraph'"),
                              None if note is None else str(note))
            lines.append(_line(check, format_segment(segment), parse_segment, keys))
        new_segs[side] = _block(lines)
    out["segments"] = new_segs
    link_lines = []
    for i, item in enumerate(check.sequence(data.get("links"), ("links",), "'links'")):
        keys = ("links", i)
        item = check.mapping(item, keys, "a link")
        score = check.number(item, "score", keys)
        line = (f"{check.string(item, 'id', keys)} {' '.join(_ids(check, item, 'source', keys))} -> "
                f"{' '.join(_ids(check, item, 'target', keys))} "
                f"{check.string(item, 'status', keys, required=False, default='auto')} "
                f"{'-' if score is None else score} "
                f"{check.string(item, 'origin', keys, required=False, default='aligner')}")
        link_lines.append(format_link(parse_link(_line(check, line, parse_link, keys))))
    out["links"] = _block(link_lines)
    edits = check.mapping(data.get("edits") or {}, ("edits",), "'edits'")
    out["edits"] = _block([_line(check, format_edit(str(k), check.string(edits, k, ("edits",))), parse_edit,
                                 ("edits", k)) for k in edits])
    out["version"] = 1
    return out


def _migrate_1_to_2(data: dict[str, Any], check: Checker) -> dict[str, Any]:
    """Version 2 renamed two actions (``note`` → ``comment``, ``variant-note`` → ``variant-wording``)
    and writes numbers in decision data as numbers. Reading a decision accepts both spellings, so the
    step only records the new version; the next save writes the new form."""
    out = dict(data)
    out["version"] = 2
    return out


def _migrate_2_to_3(data: dict[str, Any], check: Checker) -> dict[str, Any]:
    """Version 3 seals the file with an integrity record (counts and a sha256 digest, checked on load),
    may hold merge conflicts (``conflicts``), says where a decision's author came from (``author_from``),
    and knows the actions ``comment-resolve``, ``conflict-resolve`` and ``state``. A version-2 file has
    none of them, so the step only records the new version; the next save writes the record."""
    out = dict(data)
    out["version"] = 3
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any], Checker], dict[str, Any]]] = {0: _migrate_0_to_1,
                                                                               1: _migrate_1_to_2,
                                                                               2: _migrate_2_to_3}


def migrate(data: dict[str, Any], version: int, check: Checker) -> dict[str, Any]:
    """Bring an older file's data up to :data:`VERSION`, one step at a time."""
    while version < VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            check.fail(f"no migration from schema version {version}", ("version",))
        data = step(data, check)
        version += 1
    return data
