"""Glossary files: ``texts/<collection>/glossary.yaml`` and the optional project-wide ``glossary.yaml``.

Read like every project file (UTF-8, size limit, safe YAML, no anchors, unknown keys refused, every
error located by file and line); the format is in docs/qa.md. A term added from the review app is
appended to the file's ``terms`` list as text, so the editors' comments and layout stay as written; the
result is read back and validated before it replaces the file atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.core.errors import InputError, Location
from workbench.core.qa.glossary import QUOTED_RUSSIAN, SCHEMES, TERM_KINDS, Glossary, Policy, Repository, Term, merge
from workbench.core.safe_values import check_text
from workbench.storage.atomic import atomic_write_text
from workbench.storage.schema import Checker
from workbench.storage.textfile import read_text
from workbench.storage.yamlio import dump, load

SCHEMA = "workbench-glossary"
VERSION = 1
FILE_NAME = "glossary.yaml"
MAX_GLOSSARY_BYTES = 4 * 1024 * 1024
_TOP = ("schema", "version", "transliteration", "repositories", "terms")


def _strings(check: Checker, item: dict[str, Any], key: str, keys: tuple[Any, ...], *,
             required: bool = False) -> tuple[str, ...]:
    value = item.get(key)
    if value is None:
        if required:
            check.fail(f"'{key}' is missing: give at least one rendering", keys)
        return ()
    if isinstance(value, str):
        value = [value]
    values = check.sequence(value, keys + (key,), f"'{key}'")
    out = []
    for i, entry in enumerate(values):
        if not isinstance(entry, str) or not entry.strip():
            check.fail(f"'{key}' must be a list of words or phrases, found {entry!r}", keys + (key, i))
        if any(ord(c) < 32 for c in entry):
            check.fail(f"'{key}' holds a control character", keys + (key, i))
        out.append(entry.strip())
    if required and not out:
        check.fail(f"'{key}' is empty: give at least one rendering", keys + (key,))
    return tuple(out)


def parse_glossary(text: str, label: str) -> Glossary:
    """A glossary from its YAML text; ``FormatError`` names the file, line and key of the first problem."""
    raw = load(text, label, _TOP)
    check = Checker(text, label)
    if raw is None:
        check.fail(f"the file is empty; a glossary starts with 'schema: {SCHEMA}'")
    data = check.mapping(raw, (), "glossary.yaml")
    if data.get("schema") != SCHEMA:
        check.fail(f"'schema' must be '{SCHEMA}', found {data.get('schema')!r}", ("schema",))
    version = check.integer(data, "version", ())
    if version != VERSION:
        check.fail(f"glossary version {version} is not supported (expected {VERSION})", ("version",))
    check.only_keys(data, set(_TOP), (), "glossary.yaml")
    policy = Policy()
    if data.get("transliteration") is not None:
        keys: tuple[Any, ...] = ("transliteration",)
        item = check.mapping(data["transliteration"], keys, "'transliteration'")
        check.only_keys(item, {"scheme", "quoted-russian"}, keys, "transliteration")
        scheme = check.string(item, "scheme", keys, required=False, default="simplified")
        if scheme not in SCHEMES:
            check.fail(f"'scheme' must be one of {', '.join(SCHEMES)}, found {scheme!r}", keys + ("scheme",))
        quoted = check.string(item, "quoted-russian", keys, required=False, default="allowed")
        if quoted not in QUOTED_RUSSIAN:
            check.fail(f"'quoted-russian' must be one of {', '.join(QUOTED_RUSSIAN)}, found {quoted!r}",
                       keys + ("quoted-russian",))
        policy = Policy(scheme, quoted)
    repositories = []
    for i, item in enumerate(check.sequence(data.get("repositories"), ("repositories",), "'repositories'")):
        keys = ("repositories", i)
        item = check.mapping(item, keys, "a repository")
        check.only_keys(item, {"name", "source", "forbidden", "note"}, keys, "repository")
        repositories.append(Repository(check.string(item, "name", keys), check.string(item, "source", keys,
                                                                                      required=False),
                                       _strings(check, item, "forbidden", keys),
                                       check.string(item, "note", keys, required=False)))
    terms = []
    seen: dict[tuple[str, ...], int] = {}
    for i, item in enumerate(check.sequence(data.get("terms"), ("terms",), "'terms'")):
        keys = ("terms", i)
        item = check.mapping(item, keys, "a term")
        check.only_keys(item, {"source", "target", "forbidden", "note", "kind"}, keys, "term")
        kind = check.string(item, "kind", keys, required=False) or ""
        if kind and kind not in TERM_KINDS:
            check.fail(f"'kind' is one of {', '.join(TERM_KINDS)}, found {kind!r}", keys + ("kind",))
        source = check.string(item, "source", keys)
        if not source.strip() or any(ord(c) < 32 for c in source):
            check.fail("'source' must be a Russian word or phrase on one line", keys + ("source",))
        term = Term(source.strip(), _strings(check, item, "target", keys, required=True),
                    _strings(check, item, "forbidden", keys), check.string(item, "note", keys, required=False), kind)
        if not term.lemmas:
            check.fail(f"'source' {source!r} has no word", keys + ("source",))
        clash = set(term.target) & set(term.forbidden)
        if clash:
            check.fail(f"{', '.join(sorted(clash))} is both accepted and forbidden", keys + ("forbidden",))
        if term.lemmas in seen:
            check.fail(f"the term {source!r} is already listed (term {seen[term.lemmas] + 1}); merge the two",
                       keys + ("source",))
        seen[term.lemmas] = i
        terms.append(term)
    return Glossary(tuple(terms), tuple(repositories), policy)


def read_glossary(path: Path, label: str | None = None) -> Glossary:
    """Read and validate one glossary file."""
    name = label or str(path)
    return parse_glossary(read_text(path, max_bytes=MAX_GLOSSARY_BYTES, label=name), name)


def glossary_paths(root: Path, collection: str) -> tuple[Path, Path]:
    """(the collection's glossary, the project-wide one)."""
    return root / "texts" / collection / FILE_NAME, root / FILE_NAME


def load_glossary(root: Path, collection: str, label: Any = str) -> Glossary:
    """The glossary of a collection with the project-wide one merged beneath it (either may be absent)."""
    own_path, project_path = glossary_paths(root, collection)
    own = read_glossary(own_path, label(own_path)) if own_path.is_file() else Glossary()
    project = read_glossary(project_path, label(project_path)) if project_path.is_file() else Glossary()
    return merge(own, project)


def term_yaml(term: Term) -> str:
    """One term as a list item of the ``terms`` list."""
    data: dict[str, Any] = {"source": term.source, "target": list(term.target)}
    if term.forbidden:
        data["forbidden"] = list(term.forbidden)
    if term.note:
        data["note"] = term.note
    if term.kind:
        data["kind"] = term.kind
    return dump([data])


def add_term(path: Path, term: Term, label: str | None = None) -> Glossary:
    """Add a term to a collection's glossary (creating the file if needed); returns the new glossary.

    Refused (``InputError``) when the term's source is already listed or a value holds a control character."""
    name = label or str(path)
    for value in (term.source, term.note, *term.target, *term.forbidden):
        check_text(value, "the glossary term", one_line=True)
    if path.is_file():
        text = read_text(path, max_bytes=MAX_GLOSSARY_BYTES, label=name)
        current = parse_glossary(text, name)
        if any(t.lemmas == term.lemmas for t in current.terms):
            raise InputError(f"{term.source} is already in the glossary", Location(name))
        if not text.endswith("\n"):
            text += "\n"
        last_top = [line for line in text.splitlines() if line and not line[0].isspace() and not line.startswith(
            ("#", "-"))]
        if last_top and last_top[-1].split(":")[0] == "terms" and last_top[-1].strip() != "terms: []":
            new_text = text + term_yaml(term)
        else:  # terms is not the last key: write the file anew (its comments are lost)
            glossary = Glossary(current.terms + (term,), current.repositories, current.policy)
            new_text = dump(_as_data(glossary, {"schema": SCHEMA, "version": VERSION}))
    else:
        new_text = dump(_as_data(Glossary((term,)), {"schema": SCHEMA, "version": VERSION}))
    result = parse_glossary(new_text, name)  # what is written must read back
    atomic_write_text(path, new_text, name)
    return result


def _as_data(glossary: Glossary, head: dict[str, Any]) -> dict[str, Any]:
    data = dict(head)
    if glossary.policy != Policy():
        data["transliteration"] = {"scheme": glossary.policy.scheme, "quoted-russian": glossary.policy.quoted_russian}
    if glossary.repositories:
        data["repositories"] = [{k: v for k, v in (("name", r.name), ("source", r.source),
                                                   ("forbidden", list(r.forbidden)), ("note", r.note)) if v}
                                for r in glossary.repositories]
    data["terms"] = [{k: v for k, v in (("source", t.source), ("target", list(t.target)),
                                        ("forbidden", list(t.forbidden)), ("note", t.note),
                                        ("kind", t.kind)) if v}
                     for t in glossary.terms]
    return data
