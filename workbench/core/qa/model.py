"""What a QA check reports: :class:`Finding`, its :class:`Severity`, and the fixed check ids.

A finding is about one link (``link``) or one metadata field of the document (``field``: the
archival reference, the title, the date …). Its ``span`` is a character span ``[start, end)`` in the
*current* English of that link (``Alignment.english``, transcription markup included, as the editor
edits it) or in the field's text; ``suggestion`` is the text that would replace the span.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is: an ``error`` blocks ``export --strict``; ``warning`` and ``info`` do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info (sort order)."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

#: The fixed check ids, one module of :mod:`workbench.core.qa` per family (docs/qa.md describes each).
CHECK_IDS: tuple[str, ...] = (
    "number", "glossary", "consistency", "archival-reference", "note-marker", "untranslated", "mixed-script",
    "spacing", "glued-word", "repeated-word", "bracket", "omission",
)

#: Metadata fields the checks read (the finding's ``field``), in the order they are reported.
META_FIELDS: tuple[str, ...] = ("title", "date", "place_date", "addressee", "signature", "archival_reference")


@dataclass(frozen=True)
class Finding:
    """One thing a check found: ``document`` (``COLLECTION/DOC``), ``link`` or ``field``, the check id,
    its severity, a one-line message, the span in the English (or the field) and a suggested
    replacement where there is one. ``waived`` is set when a live ``qa-waive`` decision covers it."""

    document: str
    check: str
    severity: Severity
    message: str
    link: str | None = None
    field: str | None = None
    span: tuple[int, int] | None = None
    suggestion: str | None = None
    waived: bool = False

    @property
    def target(self) -> str:
        """The link id, or the metadata field name: what a waiver names."""
        return self.link if self.link is not None else (self.field or "")

    @property
    def unwaived(self) -> bool:
        """Not waived."""
        return not self.waived

    def with_waived(self, waived: bool) -> Finding:
        """The same finding, waived or not."""
        return self if waived == self.waived else replace(self, waived=waived)

    def as_json(self) -> dict[str, object]:
        """The finding as ``workbench qa --json`` prints it."""
        return {"document": self.document, "link": self.link, "field": self.field, "check": self.check,
                "severity": self.severity.value, "message": self.message,
                "span": list(self.span) if self.span is not None else None, "suggestion": self.suggestion,
                "waived": self.waived}

    def sort_key(self, positions: dict[str, int] | None = None) -> tuple[str, int, int, int, str]:
        """Document order: metadata fields first, then links in reading order (``positions``), then span."""
        if self.link is None:
            place = META_FIELDS.index(self.field) if self.field in META_FIELDS else len(META_FIELDS)
        else:
            place = len(META_FIELDS) + 1 + (positions or {}).get(self.link, _link_number(self.link))
        return (self.document, place, self.span[0] if self.span else -1, self.severity.rank, self.check)


def _link_number(link_id: str) -> int:
    digits = link_id.lstrip("L")
    return int(digits) if digits.isdigit() else 0


def counts(findings: list[Finding] | tuple[Finding, ...]) -> dict[str, int]:
    """Open findings by severity: ``{"error": n, "warning": n, "info": n}``."""
    out = {s.value: 0 for s in Severity}
    for item in findings:
        if item.unwaived:
            out[item.severity.value] += 1
    return out


def open_errors(findings: list[Finding] | tuple[Finding, ...]) -> list[Finding]:
    """The findings that are errors and not waived: what ``export --strict`` refuses on."""
    return [f for f in findings if f.unwaived and f.severity is Severity.ERROR]
