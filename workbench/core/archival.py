"""Archival references as printed (``RTsKhIDNI. F. 558. Op. 1. D. 5551. L. 3-4. Autograph.``)."""

from __future__ import annotations

import re

from workbench.core.documents import ArchivalReference

# English MT spellings ("On." for Оп., "RTSHIDNI") and Russian abbreviations alike.
_PART = re.compile(
    r"\b(?P<key>F|Ф|Op|On|Оп|D|Д|L|Л)\.?\s*(?P<value>[0-9IVXА-Яа-я][0-9IVXА-Яа-я ,–\-]*?)(?=\.\s|\.$|\s+[A-ZА-Я]|;|$)"
)
_KEYS = {"F": "fond", "Ф": "fond", "Op": "inventory", "On": "inventory", "Оп": "inventory",
         "D": "file", "Д": "file", "L": "folios", "Л": "folios"}


def parse_reference(text: str) -> ArchivalReference:
    """Split a reference into repository, fond, inventory (opis), file (delo), folios and description.

    Parts that cannot be found stay empty; the printed text is always kept whole.
    """
    stripped = text.strip()
    repo_match = re.match(r"\s*([A-Za-zА-Яа-я]+)[.;,]?\s", stripped)
    repository = repo_match.group(1) if repo_match else ""
    values: dict[str, str] = {}
    last_end = 0
    for match in _PART.finditer(stripped, repo_match.end() if repo_match else 0):
        key = _KEYS[match.group("key")]
        if key in values:
            continue
        values[key] = match.group("value").strip().rstrip(".")
        last_end = match.end()
    description = stripped[last_end:].lstrip(". ").strip() if values else ""
    return ArchivalReference(
        text=text,
        repository=repository,
        fond=values.get("fond", ""),
        inventory=values.get("inventory", ""),
        file=values.get("file", ""),
        folios=values.get("folios", ""),
        description=description,
    )
