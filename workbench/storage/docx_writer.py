"""DOCX of an edition with python-docx: headings, italics, struck text, and real footnotes.

python-docx has no footnote API, so the footnotes part (``word/footnotes.xml``) is built here as
WordprocessingML and related to the document part; each reference is a ``w:footnoteReference``
run. Separator footnotes -1 and 0 are the ones Word itself writes.
"""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from workbench import __version__
from workbench.core.export.model import Block, Edition, Inline
from workbench.core.export.plan import plan
from workbench.core.markup import Mark

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTE_SIZE = 20  # half-points: 10 pt


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, _w(tag), {_w(k): v for k, v in attrs.items()})


def _text_run(parent: etree._Element, text: str, item: Inline | None = None, size: int | None = None,
              superscript: bool = False) -> None:
    run = _sub(parent, "r")
    props = _sub(run, "rPr")
    if item is not None and Mark.ITALIC in item.marks:
        _sub(props, "i")
    if item is not None and Mark.STRUCK in item.marks:
        _sub(props, "strike")
    if superscript:
        _sub(props, "vertAlign", val="superscript")
    if size:
        _sub(props, "sz", val=str(size))
    t = _sub(run, "t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


class _Footnotes:
    """Collects footnote bodies while the document is written; ``attach`` adds the part."""

    def __init__(self) -> None:
        self.root = etree.Element(_w("footnotes"), nsmap={"w": W_NS})
        for kind, number, mark in (("separator", "-1", "separator"),
                                   ("continuationSeparator", "0", "continuationSeparator")):
            note = _sub(self.root, "footnote", type=kind, id=number)
            para = _sub(note, "p")
            _sub(_sub(para, "pPr"), "spacing", after="0", line="240", lineRule="auto")
            _sub(_sub(para, "r"), mark)
        self.count = 0

    def add(self, number: int, blocks: tuple[Block, ...], numbers: dict[str, int]) -> None:
        note = _sub(self.root, "footnote", id=str(number))
        for index, block in enumerate(blocks or (Block("body", 0, ()),)):
            para = _sub(note, "p")
            if index == 0:
                ref = _sub(para, "r")
                _sub(_sub(ref, "rPr"), "vertAlign", val="superscript")
                _sub(ref, "footnoteRef")
                _text_run(para, " ", size=FOOTNOTE_SIZE)
            for k, piece in enumerate(block.pieces):
                if k:
                    _text_run(para, " ", size=FOOTNOTE_SIZE)
                for item in piece.inlines:
                    if item.note is not None:  # Word has no footnote inside a footnote
                        if item.note in numbers:
                            _text_run(para, str(numbers[item.note]), size=FOOTNOTE_SIZE, superscript=True)
                    else:
                        _text_run(para, item.text, item, FOOTNOTE_SIZE)
        self.count += 1

    def attach(self, document: docx.document.Document) -> None:
        if not self.count:
            return
        blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
        settings = document.settings.element
        props = etree.Element(_w("footnotePr"))
        _sub(props, "footnote", id="-1")
        _sub(props, "footnote", id="0")
        compat = settings.find(qn("w:compat"))
        if compat is not None:
            compat.addprevious(props)
        else:
            settings.append(props)


class _DocxWriter:
    def __init__(self, ed: Edition) -> None:
        self.ed = ed
        self.plan = plan(ed)
        self.doc = docx.Document()
        self.footnotes = _Footnotes()
        self.written: set[int] = set()

    def inline(self, para: Paragraph, item: Inline) -> None:
        if item.note is not None:
            number = self.plan.numbers.get(item.note)
            if number is None:
                return
            run = para.add_run()
            run.font.superscript = True
            ref = etree.SubElement(run._r, qn("w:footnoteReference"))
            ref.set(qn("w:id"), str(number))
            return
        run = para.add_run(item.text)
        if Mark.ITALIC in item.marks:
            run.italic = True
        if Mark.STRUCK in item.marks:
            run.font.strike = True

    def block(self, block: Block, style: str | None = None, align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
        if block.role == "heading":
            para = self.doc.add_heading(level=2)
        else:
            para = self.doc.add_paragraph(style=style)
        if align is not None:
            para.alignment = align
        for index, piece in enumerate(block.pieces):
            if index and piece.inlines:
                para.add_run(" ")
            for item in piece.inlines:
                self.inline(para, item)
        return para

    def render(self) -> bytes:
        ed, p, doc = self.ed, self.plan, self.doc
        props = doc.core_properties
        props.title = ed.heading_title
        props.comments = f"{ed.document}, exported by workbench {__version__}"
        title = doc.add_heading(level=1)
        for item in p.title:
            self.inline(title, item)
        for block in p.author:
            for run in self.block(block).runs:
                run.italic = True
        if p.date:
            doc.add_paragraph().add_run(p.date).italic = True
        for block in p.frame:
            self.block(block, align=WD_ALIGN_PARAGRAPH.RIGHT if block.role == "place" else None)
        for block in p.body:
            self.block(block)
        for block in p.signature:
            self.block(block, align=WD_ALIGN_PARAGRAPH.RIGHT)
        for line in (ed.archival_reference, f"Source: {ed.source_edition}" if ed.source_edition else ""):
            if line:
                doc.add_paragraph().add_run(line).font.size = Pt(9)
        if p.loose:
            doc.add_heading("Notes without a reference in the text", level=2)
            for note in p.loose:
                para = doc.add_paragraph()
                para.add_run(f"Note {note.label}. ").bold = True
                for k, block in enumerate(note.blocks):
                    if k:
                        para = doc.add_paragraph()
                    for piece in block.pieces:
                        for item in piece.inlines:
                            self.inline(para, item)
        if ed.apparatus_listed:
            doc.add_heading("Apparatus", level=2)
            for entry in ed.apparatus_listed:
                para = doc.add_paragraph()
                para.add_run(entry.variant).bold = True
                where = ", ".join(x for x in (entry.anchor, entry.status) if x)
                para.add_run((f" ({where})" if where else "") + f": {entry.text}")
        for number, note in p.notes:
            self.footnotes.add(number, note.blocks, p.numbers)
        self.footnotes.attach(doc)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


def render_docx(ed: Edition) -> bytes:
    """The edition as a .docx package (bytes)."""
    return _DocxWriter(ed).render()
