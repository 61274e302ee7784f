"""A standalone HTML page of the edition, with print CSS, built as an lxml tree (so every text is
escaped by the serialiser, never by hand)."""

from __future__ import annotations

from lxml import etree

from workbench import __version__
from workbench.core.export.model import DRAFT_LINE, Block, Edition, Inline, spaced
from workbench.core.export.plan import plan
from workbench.core.markup import Mark

#: Underlining and letter-spacing of the witness (the other manuscript marks are signs: export/text_view.py).
_MANUSCRIPT_TAGS = ((Mark.UNDERLINE, "u", None), (Mark.DOUBLE_UNDERLINE, "u", "double"),
                    (Mark.SPACED, "span", "spaced"))
#: Added to the page's CSS when the edition shows underlining or letter-spacing.
MANUSCRIPT_CSS = """u.double { text-decoration-style: double; }
.spaced { letter-spacing: .25em; }
"""
CSS = """
body { font-family: "Times New Roman", Georgia, serif; line-height: 1.45; max-width: 42em; margin: 2em auto;
       padding: 0 1em; color: #111; }
h1 { font-size: 1.35em; margin-bottom: .3em; }
h2 { font-size: 1.1em; margin-top: 1.6em; }
.date, .author { font-style: italic; margin: .2em 0; }
.addressee, .place { margin: .2em 0; }
.place { text-align: right; }
.signature { text-align: right; margin-top: 1em; }
.archival-reference, .source { font-size: .9em; margin-top: 1.2em; }
del.struck { text-decoration: line-through; }
sup.fnref a { text-decoration: none; }
.footnotes { font-size: .9em; border-top: 1px solid #999; margin-top: 2em; }
.apparatus li, .notes-unreferenced p { font-size: .9em; }
.draft-watermark { font-weight: bold; letter-spacing: .2em; color: #a00; border: 2px solid #a00;
                   text-align: center; padding: .3em; }
ol.labelled { list-style: none; padding-left: 0; }
ol.labelled > li .label { vertical-align: super; font-size: .8em; }
@page { size: A4; margin: 2.2cm 2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  a { color: inherit; }
  a.back { display: none; }
  h1, h2 { page-break-after: avoid; }
  .footnotes { page-break-before: auto; }
  p { orphans: 3; widows: 3; }
}
"""


def _add_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _lead(para: etree._Element, label: str) -> None:
    """Put a label (``Note 1.``, a footnote's ``a``) at the start of a paragraph."""
    span = etree.Element("span", {"class": "label"})
    span.text = label
    span.tail = " " + (para.text or "")
    para.text = None
    para.insert(0, span)


class _Writer:
    def __init__(self, numbers: dict[str, int], labels: dict[str, str]) -> None:
        self.numbers = numbers  # anchors: fn1, fn2 … whatever the labels
        self.labels = labels
        self.seen: set[int] = set()

    def inline(self, parent: etree._Element, item: Inline) -> None:
        if item.note_ref is not None:
            number = self.numbers.get(item.note_ref)
            if number is None:
                return
            sup = etree.SubElement(parent, "sup", {"class": "fnref"})
            attrs = {"href": f"#fn{number}"}
            if number not in self.seen:
                attrs["id"] = f"fnref{number}"
                self.seen.add(number)
            etree.SubElement(sup, "a", attrs).text = self.labels[item.note_ref]
            return
        target = parent
        for mark, tag, cls in ((Mark.STRUCK, "del", "struck"), (Mark.ITALIC, "i", None),
                               (Mark.SUPPLIED, "span", "supplied"), (Mark.OMISSION, "span", "omission"),
                               *_MANUSCRIPT_TAGS):
            if mark in item.marks:
                target = etree.SubElement(target, tag, {"class": cls} if cls else {})
        if target is parent:
            _add_text(parent, item.text)
        else:
            target.text = item.text

    def block(self, parent: etree._Element, block: Block, tag: str = "p", cls: str | None = None) -> etree._Element:
        el = etree.SubElement(parent, "h2" if block.role == "heading" else tag, {"class": cls} if cls else {})
        for index, piece in enumerate(block.pieces):
            if index and spaced(piece):
                _add_text(el, " ")
            for item in piece.inlines:
                self.inline(el, item)
        return el


def _shows_manuscript_marks(ed: Edition) -> bool:
    marks = frozenset(m for m, _, _ in _MANUSCRIPT_TAGS)
    return any(item.marks & marks for block in ed.english.blocks for piece in block.pieces for item in piece.inlines)


def render_html(ed: Edition) -> str:
    """The edition as a standalone HTML5 page."""
    p = plan(ed)
    w = _Writer(p.numbers, p.labels)
    html = etree.Element("html", {"lang": ed.english.language or "en"})
    head = etree.SubElement(html, "head")
    etree.SubElement(head, "meta", {"charset": "utf-8"})
    etree.SubElement(head, "meta", {"name": "generator", "content": f"workbench {__version__}"})
    etree.SubElement(head, "title").text = ed.heading_title
    etree.SubElement(head, "style").text = CSS + (MANUSCRIPT_CSS if _shows_manuscript_marks(ed) else "")
    body = etree.SubElement(html, "body")
    if ed.draft:
        etree.SubElement(body, "p", {"class": "draft-watermark"}).text = DRAFT_LINE
    article = etree.SubElement(body, "article", {"class": "edition"})
    header = etree.SubElement(article, "header")
    h1 = etree.SubElement(header, "h1")
    for item in p.title:
        w.inline(h1, item)
    for block in p.author:
        w.block(header, block, cls="author")
    if p.date:
        etree.SubElement(header, "p", {"class": "date"}).text = p.date
    for block in p.frame:
        w.block(header, block, cls=block.role)
    text = etree.SubElement(article, "section", {"class": "text"})
    for block in p.body:
        w.block(text, block)
    for block in p.signature:
        w.block(article, block, cls="signature")
    if ed.archival_reference:
        etree.SubElement(article, "p", {"class": "archival-reference"}).text = ed.archival_reference
    if ed.source_line:
        etree.SubElement(article, "p", {"class": "source"}).text = ed.source_line
    if p.loose:  # a draft only: the export gate refuses to publish a note without reference
        section = etree.SubElement(article, "section", {"class": "notes-unreferenced"})
        for note in p.loose:
            para = w.block(section, note.blocks[0]) if note.blocks else etree.SubElement(section, "p")
            _lead(para, f"Note {note.label}.")
            for extra in note.blocks[1:]:
                w.block(section, extra)
    if ed.apparatus_listed:
        section = etree.SubElement(article, "section", {"class": "apparatus"})
        etree.SubElement(section, "h2").text = "Apparatus"
        items = etree.SubElement(section, "ul")
        for entry in ed.apparatus_listed:
            li = etree.SubElement(items, "li", {"id": f"app-{entry.variant}"})
            etree.SubElement(li, "b").text = entry.variant
            where = ", ".join(x for x in (entry.anchor, entry.status) if x)
            etree.SubElement(li, "span").text = (f" ({where})" if where else "") + f": {entry.text}"
    if p.notes:
        section = etree.SubElement(article, "section", {"class": "footnotes", "role": "doc-endnotes"})
        # the labels are the witness's own and letters (see plan), so the list shows them, not 1, 2, 3
        ol = etree.SubElement(section, "ol", {"class": "labelled"})
        for number, note in p.notes:
            li = etree.SubElement(ol, "li", {"id": f"fn{number}"})
            for block in note.blocks or (Block("body", 0, ()),):
                w.block(li, block)
            _lead(li[0], p.label(note.key))
            holder = li[-1] if len(li) else li
            _add_text(holder, " ")
            etree.SubElement(holder, "a", {"href": f"#fnref{number}", "class": "back"}).text = "↩"
    return etree.tostring(html, method="html", encoding="unicode", doctype="<!DOCTYPE html>", pretty_print=True)
