"""The loss report: what a target format cannot carry, said before anything is written.

Items are either format-wide (``document`` is ``None``: "PO has no rejected state") or about one
document ("3 rejected links exported as fuzzy", "skipped: source witness pending").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PUBLICATION = ("md", "html", "docx", "txt")

_FORMAT_WIDE: dict[str, tuple[str, ...]] = {
    "md": ("the source text and the alignment (links, statuses, scores) are not carried; use tei, tmx or po",
           "comments and the decision history are not carried"),
    "html": ("the source text and the alignment (links, statuses, scores) are not carried; use tei, tmx or po",
             "comments and the decision history are not carried"),
    "docx": ("the source text and the alignment (links, statuses, scores) are not carried; use tei, tmx or po",
             "comments and the decision history are not carried"),
    "txt": ("the source text and the alignment (links, statuses, scores) are not carried; use tei, tmx or po",
            "comments and the decision history are not carried",
            "no italics: italic text is printed plain",
            "no strikethrough: struck text kept by the 'strike' policy is printed between ⟦ ⟧",
            "no footnotes: note references become their labels in brackets ([2], [a] …) with the notes listed "
            "after the text"),
    "tei": ("the struck-text policy is not applied: TEI keeps struck text as <del> and records the policy "
            "in editorialDecl",
            "link scores and origins are not carried (the status is link/@type)"),
    "tmx": ("only confirmed links are written: TMX has no review state",
            "the apparatus, the document frame (title, date, archival reference) and the notes' anchoring "
            "are dropped",
            "texts are plain (TMX level 1): italics dropped, struck words per policy (⟦ ⟧ for 'strike')",
            "the decision history is dropped: only the latest change (changedate/changeid) is kept"),
    "po": ("PO has no rejected or flagged state: every link that is not confirmed is fuzzy, with its status "
           "in a '#. status:' comment",
           "the apparatus and the document frame (title, date, archival reference) are not carried",
           "the struck-text policy is not applied: msgid and msgstr keep the transcription markup",
           "the decision history is dropped: editors' notes travel as translator comments"),
}


@dataclass(frozen=True)
class LossItem:
    """One thing a format loses: for every document (``document`` None) or for one."""

    format: str
    document: str | None
    what: str

    def as_json(self) -> dict[str, object]:
        """The item as a JSON object."""
        return {"format": self.format, "document": self.document, "what": self.what}


def format_losses(fmt: str) -> list[LossItem]:
    """What a format never carries."""
    return [LossItem(fmt, None, what) for what in _FORMAT_WIDE.get(fmt, ())]


def report_lines(items: Iterable[LossItem]) -> list[str]:
    """The report as printed: one line per item, format-wide items first."""
    items = list(items)
    lines: list[str] = []
    for fmt in dict.fromkeys(i.format for i in items):
        mine = [i for i in items if i.format == fmt]
        lines.append(f"loss report for {fmt}:")
        lines += [f"  all documents: {i.what}" for i in mine if i.document is None]
        lines += [f"  {i.document}: {i.what}" for i in mine if i.document is not None]
    return lines


def report_json(items: Iterable[LossItem], policy: str) -> dict[str, object]:
    """The report as written by ``--loss-report FILE``."""
    items = list(items)
    formats = list(dict.fromkeys(i.format for i in items))
    return {"policy": policy, "formats": [
        {"format": fmt, "items": [i.as_json() for i in items if i.format == fmt]} for fmt in formats]}
