"""The ``archival-reference`` check: shelfmarks in the document's metadata and inside the notes.

A shelfmark is a repository and its parts — fond (F.), opis (Op.), delo (D.), folios (L.) — as parsed by
:mod:`workbench.core.archival`. Flagged: "On." for "Op." (the machine translation read Оп. as a word),
"List" where the opis stands, a part without its full stop ("Op 3") or with a space before it ("L .2-3"),
and a repository that is not in the collection's list (the glossary's ``repositories``), or is a wrong
spelling of one there (RTSHIDNI, RTSKHIDNI for RTsKhIDNI). "Ibid." stands for the repository before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.core.aligner.romanise import name_key
from workbench.core.archival import parse_reference
from workbench.core.qa.glossary import Glossary, Repository
from workbench.core.qa.model import Finding, Severity
from workbench.core.qa.text import EnglishText

CHECK = "archival-reference"

_NUMBER = r"\d+(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–]\s*\d+)?)*"
_PART = r"(?:F|Op|On|D|L|List)(?:[ \t]*\.)?[ \t]*" + _NUMBER
_REF = re.compile(r"(?:(?P<repo>\b[A-Z][A-Za-z]{3,}\b)[ \t]*[.,;]?[ \t]*)?(?P<parts>(?<![A-Za-z])" + _PART
                  + r"(?:[ \t]*[.,;]?[ \t]*" + _PART + r")*)")
_ONE = re.compile(r"(?P<key>F|Op|On|D|L|List)(?P<dot>[ \t]*\.)?(?P<gap>[ \t]*)(?P<number>" + _NUMBER + r")")
_IBID = ("Ibid", "Ibidem")


def references(text: str) -> Iterator[re.Match[str]]:
    """Shelfmarks in a text: a repository (or Ibid.) with parts, or parts starting with F., Op. or D."""
    for match in _REF.finditer(text):
        keys = [m.group("key") for m in _ONE.finditer(match.group("parts"))]
        if match.group("repo") is None and (len(keys) < 2 or keys[0] not in ("F", "Op", "On", "D")):
            continue
        if match.group("repo") is not None and match.group("repo") not in _IBID and not keys:
            continue
        yield match


def check_text(text: str, glossary: Glossary) -> list[tuple[Severity, str, tuple[int, int], str | None]]:
    """(severity, message, span, suggestion) for every fault of the shelfmarks in a text."""
    out: list[tuple[Severity, str, tuple[int, int], str | None]] = []
    for ref in references(text):
        base = ref.start("parts")
        keys = list(_ONE.finditer(ref.group("parts")))
        for k, part in enumerate(keys):
            key = part.group("key")
            start = base + part.start()
            key_end = base + part.start("number")
            shown = text[start:key_end]
            if key == "On":
                out.append((Severity.ERROR, "“On.” for Op. (opis, the inventory): Оп. read as a word",
                            (start, start + len(key) + (len(part.group("dot") or ""))), "Op."))
                continue
            if key == "List":
                previous = keys[k - 1].group("key") if k else ""
                if previous == "F":
                    out.append((Severity.ERROR, "“List” where the opis (Op.) stands", (start, start + 4), "Op."))
                else:
                    out.append((Severity.WARNING, "“List” is no part of a shelfmark (F., Op., D., L.)",
                                (start, start + 4), None))
                continue
            dot = part.group("dot")
            if dot is None:
                out.append((Severity.WARNING, f"“{key}” without its full stop", (start, start + len(key)), key + "."))
            elif dot != "." or part.group("gap") == "":
                out.append((Severity.WARNING, f"“{shown.strip()}”: write {key}. and a space before the number",
                            (start, key_end), f"{key}. "))
        repo = ref.group("repo")
        if repo is None or repo in _IBID:
            continue
        problem = _repository_problem(repo, glossary.repositories)
        if problem is not None:
            severity, message, suggestion = problem
            out.append((severity, message, (ref.start("repo"), ref.end("repo")), suggestion))
    return out


def _repository_problem(repo: str, listed: tuple[Repository, ...]) -> tuple[Severity, str, str | None] | None:
    if not listed or any(repo == r.name for r in listed):
        return None
    for r in listed:
        if repo in r.forbidden or name_key(repo) == name_key(r.name):
            return Severity.ERROR, f"{repo}: the collection spells this repository {r.name}", r.name
    return (Severity.WARNING, f"repository {repo} is not in the collection's list "
            f"({', '.join(r.name for r in listed)})", None)


def findings(document: str, english: EnglishText, glossary: Glossary, *, link: str | None = None,
             field: str | None = None) -> list[Finding]:
    """The archival-reference findings of a link's English or a metadata field."""
    return [Finding(document, CHECK, severity, message, link=link, field=field, span=span, suggestion=suggestion)
            for severity, message, span, suggestion in check_text(english.masked, glossary)]


def reference_parts(text: str) -> dict[str, str]:
    """The parsed parts of the first shelfmark in a text (for messages and tests)."""
    parsed = parse_reference(text)
    return {"repository": parsed.repository, "fond": parsed.fond, "inventory": parsed.inventory,
            "file": parsed.file, "folios": parsed.folios}
