"""The ``note-marker`` check: every note has a marker, every marker a note, and an edit keeps the markers
of the English as received ("an edit that drops ``[^1]``"). With a Russian source, a link whose Russian
has a note reference and whose English has none is flagged too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from workbench.core.models import Link
from workbench.core.qa.document import QADocument
from workbench.core.qa.model import Finding, Severity

CHECK = "note-marker"


def document_findings(doc: QADocument, links: Sequence[Link]) -> list[Finding]:
    """Notes without a marker and markers without a note, over the whole English of a document."""
    state = doc.state
    notes: dict[str, Link] = {}
    refs: dict[str, list[tuple[Link, tuple[int, int]]]] = {}
    for link in links:
        for seg_id in link.target:
            try:
                note = state.segment(seg_id).witness_note
            except KeyError:
                continue
            if note is not None:
                notes.setdefault(note, link)
        for mark in doc.english(link).marks:
            if mark.kind == "note":
                refs.setdefault(mark.text, []).append((link, (mark.start, mark.end)))
    out: list[Finding] = []
    for label, link in notes.items():
        if label not in refs:
            out.append(Finding(doc.address, CHECK, Severity.WARNING,
                               f"note {label} has no marker [^{label}] in the English", link=link.id))
    for label, places in refs.items():
        if label in notes:
            continue
        for link, span in places:
            out.append(Finding(doc.address, CHECK, Severity.WARNING,
                               f"marker [^{label}] refers to no note of the English", link=link.id, span=span))
    return out


def link_findings(doc: QADocument, link: Link) -> list[Finding]:
    """Markers an edit dropped; a Russian note reference without one in the English."""
    out: list[Finding] = []
    english = doc.english(link)
    have = Counter(english.notes())
    if doc.state.edited(link):
        for label in (Counter(doc.received(link).notes()) - have):
            out.append(Finding(doc.address, CHECK, Severity.ERROR,
                               f"the edit drops the note marker [^{label}] of the English as received",
                               link=link.id))
    source = doc.source(link)
    if source is not None and link.target and len(source.notes) > sum(have.values()):
        missing = len(source.notes) - sum(have.values())
        out.append(Finding(doc.address, CHECK, Severity.WARNING,
                           f"the Russian has {len(source.notes)} note reference(s), the English "
                           f"{sum(have.values())}: {missing} marker(s) missing", link=link.id))
    return out
