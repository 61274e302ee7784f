"""The review report: what a second reader checks the corrections against.

For each document, link by link, every difference between the machine translation as received and
the edition: a word diff (deleted words struck and red, inserted words underlined and green), with
the reason, author and time of the edits that made it and the comments on the link; then the
variant decisions with their evidence and certainty, the metadata corrections and the editors'
notes, and the QA findings waived (``qa-waive``) with their check and reason.

``render_report_html`` writes one self-contained HTML page (print CSS for the PDF WeasyPrint makes
from it in storage).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from workbench import __version__
from workbench.core.actions import VARIANT_ACTIONS, Action
from workbench.core.documents import DocumentMeta
from workbench.core.editors_notes import EditorsNote, editors_notes, plain_text
from workbench.core.export.xmltree import clean
from workbench.core.metadata import MetadataChange, effective_meta, metadata_changes
from workbench.core.models import Alignment, Decision
from workbench.core.word_diff import DiffPiece, Op, word_diff

CSS = """
body { font-family: "DejaVu Serif", Georgia, serif; max-width: 60em; margin: 2em auto; line-height: 1.45; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; border-bottom: 1px solid #999; margin-top: 2em; }
h3 { font-size: 1.05em; margin-bottom: .3em; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
td, th { border: 1px solid #ccc; padding: .3em .5em; vertical-align: top; text-align: left; }
th { background: #eee; }
del { color: #a00; background: #fdd; }
ins { color: #060; background: #dfd; text-decoration: underline; }
.meta { color: #555; font-size: .9em; }
.summary { background: #f6f6f6; padding: .5em 1em; }
@page { size: A4 landscape; margin: 1.5cm; @bottom-center { content: counter(page); font-size: 8pt; } }
"""


@dataclass(frozen=True)
class LinkChange:
    """One link whose English differs from the MT: the diff and the decisions behind it."""

    link: str
    status: str
    diff: tuple[DiffPiece, ...]
    edits: tuple[Decision, ...]
    comments: tuple[Decision, ...]


@dataclass(frozen=True)
class DocumentReport:
    """A document's report: changed links, variant decisions, metadata corrections, editors' notes."""

    address: str
    title: str
    links: int
    confirmed: int
    changes: tuple[LinkChange, ...]
    variants: tuple[Decision, ...]
    metadata: tuple[MetadataChange, ...]
    notes: tuple[EditorsNote, ...]
    comments: tuple[Decision, ...]
    waivers: tuple[Decision, ...] = ()


def document_report(meta: DocumentMeta, state: Alignment) -> DocumentReport:
    """The review report of one document."""
    changes = []
    commented = {d.target for d in state.live_decisions if d.action is Action.COMMENT}
    for link in state.links:
        edited = state.edited(link)
        if not edited and link.id not in commented:
            continue
        before, after = plain_text(state.mt(link)), plain_text(state.english(link))
        diff = tuple(word_diff(before, after)) if edited else ()
        edits = tuple(d for d in state.live_decisions if d.action is Action.EDIT and d.target == link.id)
        changes.append(LinkChange(link.id, link.status.value, diff, edits, tuple(state.notes_for(link.id))))
    links = {lk.id for lk in state.links}
    variants = tuple(d for d in state.live_decisions if d.action in VARIANT_ACTIONS)
    other = tuple(d for d in state.live_decisions if d.action is Action.COMMENT and d.target not in links)
    shown = effective_meta(meta, state)  # the heading as the edition prints it
    return DocumentReport(meta.address, f"No. {shown.number}. {shown.title}" if shown.number else shown.title,
                          len(state.links), sum(1 for lk in state.links if lk.status.value == "confirmed"),
                          tuple(changes), variants, tuple(metadata_changes(meta, state)),
                          tuple(editors_notes(state)), other,
                          tuple(d for d in state.live_decisions if d.action is Action.QA_WAIVE))


def _text(parent: etree._Element, tag: str, text: str, cls: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, tag, {"class": cls} if cls else {})
    el.text = clean(text)
    return el


def _who(d: Decision) -> str:
    return f"{d.author}, {d.time[:16].replace('T', ' ')}" + (f" — {d.reason}" if d.reason else "")


def _diff(parent: etree._Element, pieces: Sequence[DiffPiece]) -> None:
    for piece in pieces:
        tag = {Op.DELETE: "del", Op.INSERT: "ins"}.get(piece.op)
        if tag is None:
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + clean(piece.text)
            else:
                parent.text = (parent.text or "") + clean(piece.text)
        else:
            _text(parent, tag, piece.text)


def render_report_html(reports: Sequence[DocumentReport], title: str) -> str:
    """The review report of some documents as one HTML page."""
    html = etree.Element("html", {"lang": "en"})
    head = etree.SubElement(html, "head")
    etree.SubElement(head, "meta", {"charset": "utf-8"})
    etree.SubElement(head, "meta", {"name": "generator", "content": f"workbench {__version__}"})
    _text(head, "title", f"Review report: {title}")
    _text(head, "style", CSS)
    body = etree.SubElement(html, "body")
    _text(body, "h1", f"Review report: {title}")
    _text(body, "p", "Every difference between the machine translation and the edition, link by link: deleted "
          "words are struck through, inserted words underlined. Each change names the editor, the time and "
          "the reason; variant decisions give their evidence.", "meta")
    for report in reports:
        _text(body, "h2", report.title)
        _text(body, "p", f"{report.address}: {len(report.changes)} link(s) changed or commented, "
              f"{report.confirmed} of {report.links} links confirmed, {len(report.variants)} variant decision(s), "
              f"{len(report.metadata)} metadata correction(s), {len(report.notes)} editors' note(s).", "summary")
        if report.changes:
            table = etree.SubElement(body, "table", {"class": "changes"})
            row = etree.SubElement(table, "tr")
            for head_text in ("link", "MT → edition", "decisions"):
                _text(row, "th", head_text)
            for change in report.changes:
                row = etree.SubElement(table, "tr", {"id": f"{report.address}-{change.link}"})
                _text(row, "td", f"{change.link} ({change.status})")
                cell = etree.SubElement(row, "td")
                if change.diff:
                    _diff(cell, change.diff)
                else:
                    cell.text = "(not edited)"
                who = etree.SubElement(row, "td")
                for d in change.edits:
                    _text(who, "div", f"edit: {_who(d)}" + (f" — {d.note}" if d.note else ""))
                for d in change.comments:
                    _text(who, "div", f"comment ({_who(d)}): {d.note or ''}")
        if report.variants:
            _text(body, "h3", "Variant decisions")
            ul = etree.SubElement(body, "ul")
            for d in report.variants:
                detail = [f"{d.action} {d.target}"]
                if d.after:
                    detail.append(f"→ {d.after}")
                if d.data.text:
                    detail.append(f"words: “{d.data.text}”")
                if d.data.evidence:
                    detail.append(f"evidence: {d.data.evidence}")
                if d.data.certainty is not None:
                    detail.append(f"certainty {d.data.certainty:g}")
                _text(ul, "li", " · ".join(detail) + f" ({_who(d)})")
        if report.metadata:
            _text(body, "h3", "Metadata corrections")
            ul = etree.SubElement(body, "ul")
            for fixed in report.metadata:
                li = _text(ul, "li", f"{fixed.field}: ")
                _diff(li, word_diff(fixed.received, fixed.current))
                _text(li, "span", f" ({_who(fixed.decision)})", "meta")
        if report.notes:
            _text(body, "h3", "Editors' notes")
            ul = etree.SubElement(body, "ul")
            for note in report.notes:
                _text(ul, "li", f"{note.id} on {note.link} at “{note.anchor}” ({note.kind}; {note.author}, "
                      f"{note.time[:16].replace('T', ' ')}): {note.text}")
        if report.waivers:
            _text(body, "h3", "QA findings waived")
            ul = etree.SubElement(body, "ul", {"class": "waivers"})
            for d in report.waivers:
                _text(ul, "li", f"{d.target}: {d.data.check} — {d.reason or ''} ({d.author}, "
                      f"{d.time[:16].replace('T', ' ')})")
        if report.comments:
            _text(body, "h3", "Comments on variants")
            ul = etree.SubElement(body, "ul")
            for d in report.comments:
                _text(ul, "li", f"{d.target}: {d.note or ''} ({_who(d)})")
    return etree.tostring(html, method="html", encoding="unicode", doctype="<!DOCTYPE html>", pretty_print=True)
