"""DOCX of an edition: headings, italics, struck text, and real footnotes.

python-docx gives the package (its default template with the Heading styles, core properties,
saving). The paragraphs are written as WordprocessingML with lxml directly, because python-docx
sets a run's text one character at a time and finds the insertion point with an XPath query per
paragraph, which takes seconds on a long document. python-docx has no footnote API, so the
footnotes part (``word/footnotes.xml``) is built here too and related to the document part; each
reference is a ``w:footnoteReference`` run (with ``customMarkFollows`` and the label as text of the
same run when the labels are not 1, 2, 3 …); the separator footnotes -1 and 0 are the ones Word
itself writes.
"""

from __future__ import annotations

from functools import cache
from io import BytesIO  # an in-memory buffer: python-docx saves its package to a stream

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from workbench import __version__
from workbench.core.export.model import DRAFT_LINE, Block, Edition, Inline, spaced
from workbench.core.export.plan import plan
from workbench.core.export.volume import Volume
from workbench.core.markup import Mark

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
FOOTNOTE_SIZE = 20  # half-points: 10 pt
SMALL_SIZE = 18  # 9 pt: archival reference, source


@cache
def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    if attrs:
        return etree.SubElement(parent, _w(tag), {_w(k): v for k, v in attrs.items()})
    return etree.SubElement(parent, _w(tag))


def _paragraph(parent: etree._Element, style: str | None = None, align: str | None = None) -> etree._Element:
    para = etree.SubElement(parent, _w("p"))
    if style or align:
        props = _sub(para, "pPr")
        if style:
            _sub(props, "pStyle", val=style)
        if align:
            _sub(props, "jc", val=align)
    return para


class _Writer:
    def __init__(self, ed: Edition) -> None:
        self.ed = ed
        self.plan = plan(ed)
        # Word numbers footnotes 1, 2, 3 by itself; other labels (the witness's own, the editor's
        # letters) are written as custom marks, which Word and LibreOffice print as given
        self.custom = not self.plan.sequential
        self.offset = 0  # footnote ids before this edition's (a volume numbers them across documents)
        self.body = etree.Element(_w("body"))  # collected here, moved into the document at the end
        self.last: tuple[etree._Element, tuple[bool, bool, bool, int | None, bool, str, bool], etree._Element] | None \
            = None
        self.footnotes = etree.Element(_w("footnotes"), nsmap={"w": W_NS, "mc": MC_NS, "w15": W15_NS})
        for kind, number, mark in (("separator", "-1", "separator"),
                                   ("continuationSeparator", "0", "continuationSeparator")):
            note = _sub(self.footnotes, "footnote", type=kind, id=number)
            para = _sub(note, "p")
            _sub(_sub(para, "pPr"), "spacing", after="0", line="240", lineRule="auto")
            _sub(_sub(para, "r"), mark)

    def run(self, parent: etree._Element, text: str, *, italic: bool = False, struck: bool = False,
            bold: bool = False, size: int | None = None, superscript: bool = False, underline: str = "",
            spaced: bool = False) -> None:
        """A ``w:r`` with its properties in the order the schema wants (b, i, strike, spacing, sz, u,
        vertAlign); text that follows a run of the same look in the same paragraph joins it."""
        key = (bold, italic, struck, size, superscript, underline, spaced)
        last = self.last
        if last is not None and last[0] is parent and last[1] == key and parent[-1] is last[2].getparent():
            last[2].text = (last[2].text or "") + text
            return
        run = _sub(parent, "r")
        if bold or italic or struck or size or superscript or underline or spaced:
            props = _sub(run, "rPr")
            if bold:
                _sub(props, "b")
            if italic:
                _sub(props, "i")
            if struck:
                _sub(props, "strike")
            if spaced:  # letter-spacing (разрядка): 3 pt between letters, in twentieths of a point
                _sub(props, "spacing", val="60")
            if size:
                _sub(props, "sz", val=str(size))
            if underline:
                _sub(props, "u", val=underline)
            if superscript:
                _sub(props, "vertAlign", val="superscript")
        t = _sub(run, "t")
        t.text = text
        t.set(XML_SPACE, "preserve")
        self.last = (parent, key, t)

    def inline(self, para: etree._Element, item: Inline, size: int | None = None, in_note: bool = False) -> None:
        if item.note_ref is not None:
            number = self.plan.numbers.get(item.note_ref)
            if number is None:
                return
            label = self.plan.label(item.note_ref)
            if in_note:  # Word has no footnote inside a footnote: the label only
                self.run(para, label, size=size, superscript=True)
                return
            run = _sub(para, "r")
            _sub(_sub(run, "rPr"), "vertAlign", val="superscript")
            if self.custom:
                # the mark in the reference's own run: LibreOffice reads a custom mark only there (in a
                # run of its own it printed Word's number too: "suggestion²²"); Word reads both
                _sub(run, "footnoteReference", customMarkFollows="1", id=str(number + self.offset))
                text = _sub(run, "t")
                text.text = label
            else:
                _sub(run, "footnoteReference", id=str(number + self.offset))
            return
        self.run(para, item.text, italic=Mark.ITALIC in item.marks, struck=Mark.STRUCK in item.marks, size=size,
                 underline=_underline(item), spaced=Mark.SPACED in item.marks)

    def pieces(self, para: etree._Element, block: Block, size: int | None = None, in_note: bool = False,
               italic: bool = False) -> None:
        for index, piece in enumerate(block.pieces):
            if index and spaced(piece):
                self.run(para, " ", size=size)
            for item in piece.inlines:
                if italic and item.note_ref is None:
                    item = Inline(item.text, item.marks | {Mark.ITALIC}, None, item.variant)
                self.inline(para, item, size, in_note)

    def block(self, block: Block, align: str | None = None, italic: bool = False) -> etree._Element:
        para = _paragraph(self.body, "Heading2" if block.role == "heading" else None, align)
        self.pieces(para, block, italic=italic)
        return para

    def footnote(self, number: int, label: str, blocks: tuple[Block, ...]) -> None:
        note = _sub(self.footnotes, "footnote", id=str(number + self.offset))
        for index, block in enumerate(blocks or (Block("body", 0, ()),)):
            para = _sub(note, "p")
            if index == 0:
                if self.custom:
                    self.note_mark(para, label)
                else:
                    ref = _sub(para, "r")
                    _sub(_sub(ref, "rPr"), "vertAlign", val="superscript")
                    _sub(ref, "footnoteRef")
                self.run(para, " ", size=FOOTNOTE_SIZE)
            self.pieces(para, block, FOOTNOTE_SIZE, in_note=True)

    def note_mark(self, para: etree._Element, label: str) -> None:
        """The custom mark at the head of a footnote. Word prints only what the footnote holds, so the
        mark is written out; LibreOffice prints the mark itself and would print it twice ("aa"). The
        text is therefore a markup-compatibility choice that requires Word 2013's namespace (w15):
        Word takes the choice, LibreOffice (which does not claim w15) the empty fallback."""
        run = _sub(para, "r")
        props = _sub(run, "rPr")
        _sub(props, "sz", val=str(FOOTNOTE_SIZE))
        _sub(props, "vertAlign", val="superscript")
        alternate = etree.SubElement(run, f"{{{MC_NS}}}AlternateContent")
        _sub(etree.SubElement(alternate, f"{{{MC_NS}}}Choice", {"Requires": "w15"}), "t").text = label
        etree.SubElement(alternate, f"{{{MC_NS}}}Fallback")

    def heading(self, text: str, level: int) -> None:
        self.run(_paragraph(self.body, f"Heading{level}"), text)

    def write_body(self, *, draft_line: bool = True) -> None:
        ed, p = self.ed, self.plan
        if ed.draft and draft_line:
            self.run(_paragraph(self.body, align="center"), DRAFT_LINE, bold=True)
        title = _paragraph(self.body, "Heading1")
        for item in p.title:
            self.inline(title, item)
        for block in p.author:
            self.block(block, italic=True)
        if p.date:
            self.run(_paragraph(self.body), p.date, italic=True)
        for block in p.frame:
            self.block(block, align="right" if block.role == "place" else None)
        for block in p.body:
            self.block(block)
        for block in p.signature:
            self.block(block, align="right")
        for line in (ed.archival_reference, ed.source_line):
            if line:
                self.run(_paragraph(self.body), line, size=SMALL_SIZE)
        if p.loose:  # a draft only: the export gate refuses to publish a note without reference
            for note in p.loose:
                para = _paragraph(self.body)
                self.run(para, f"Note {note.label}. ", bold=True)
                for k, block in enumerate(note.blocks):
                    if k:
                        para = _paragraph(self.body)
                    self.pieces(para, block, in_note=True)
        if ed.apparatus_listed:
            self.heading("Apparatus", 2)
            for entry in ed.apparatus_listed:
                para = _paragraph(self.body)
                self.run(para, entry.variant, bold=True)
                where = ", ".join(x for x in (entry.anchor, entry.status) if x)
                self.run(para, (f" ({where})" if where else "") + f": {entry.text}")
        for number, note in p.notes:
            self.footnote(number, p.label(note.key), note.blocks)

    def render(self) -> bytes:
        self.write_body()
        return self.package(self.ed.heading_title, self.ed.document, self.ed.editors, self.ed.draft)

    def package(self, title: str, subject: str, editors: tuple[str, ...], draft: bool, *,
                running_head: bool = False) -> bytes:
        """The .docx of what was written: core properties, the body, the footnotes part, and with
        ``running_head`` a page header that repeats the current Heading 1 (a STYLEREF field)."""
        document = docx.Document()
        props = document.core_properties
        props.title = title
        props.comments = f"{subject}, exported by workbench {__version__}" + (" (draft)" if draft else "")
        # the editors who made the decisions, never the library's own "python-docx"
        props.author = "; ".join(editors) or "workbench"
        props.last_modified_by = editors[-1] if editors else "workbench"
        if draft:
            props.content_status = "Draft"
        if running_head:
            para = document.sections[0].header.paragraphs[0]._p
            _sub(_sub(para, "pPr"), "jc", val="center")
            for kind in ("begin", "instr", "separate", "end"):
                run = _sub(para, "r")
                _sub(_sub(run, "rPr"), "i")
                if kind == "instr":
                    instr = _sub(run, "instrText")
                    instr.text = ' STYLEREF "Heading 1" \\* MERGEFORMAT '
                    instr.set(XML_SPACE, "preserve")
                else:
                    _sub(run, "fldChar", fldCharType=kind)
                    if kind == "separate":
                        _sub(run, "t").text = title
        body = document.element.body
        anchor = body[-1] if len(body) and etree.QName(body[-1]).localname == "sectPr" else None
        for para in list(self.body):
            if anchor is not None:
                anchor.addprevious(para)
            else:
                body.append(para)
        if len(self.footnotes) > 2:
            blob = etree.tostring(self.footnotes, xml_declaration=True, encoding="UTF-8", standalone=True)
            part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, document.part.package)
            document.part.relate_to(part, RT.FOOTNOTES)
            settings = document.settings.element
            footnote_pr = etree.Element(_w("footnotePr"))
            _sub(footnote_pr, "footnote", id="-1")
            _sub(footnote_pr, "footnote", id="0")
            compat = settings.find(_w("compat"))
            if compat is not None:
                compat.addprevious(footnote_pr)
            else:
                settings.append(footnote_pr)
        out = BytesIO()
        document.save(out)
        return out.getvalue()


def _underline(item: Inline) -> str:
    """The ``w:u`` value of a run underlined in the witness (``""``: not underlined)."""
    if Mark.DOUBLE_UNDERLINE in item.marks:
        return "double"
    return "single" if Mark.UNDERLINE in item.marks else ""


def render_docx(ed: Edition) -> bytes:
    """The edition as a .docx package (bytes)."""
    return _Writer(ed).render()


def render_volume_docx(volume: Volume) -> bytes:
    """A volume as one .docx: title page and front matter, each document from a new page (its own
    notes as footnotes, marked with their labels), back matter, and the document heading as the
    running head of every page (a STYLEREF field on Heading 1)."""
    first = volume.documents[0].edition
    w = _Writer(first)
    if volume.draft:
        w.run(_paragraph(w.body, align="center"), DRAFT_LINE, bold=True)
    w.run(_paragraph(w.body, "Title"), volume.title)
    for line in (volume.description, volume.credit, "Edited by " + ", ".join(volume.editors) if volume.editors
                 else ""):
        if line:
            w.run(_paragraph(w.body, align="center"), line, italic=True)
    w.heading("Editorial conventions", 2)
    for line in volume.conventions:
        w.run(_paragraph(w.body), line)
    if volume.abbreviations:
        w.heading("Abbreviations", 2)
        for abbr, meaning in volume.abbreviations:
            para = _paragraph(w.body)
            w.run(para, abbr + " ", bold=True)
            w.run(para, meaning)
    w.heading("Contents", 2)
    for doc in volume.documents:
        w.run(_paragraph(w.body), doc.heading)
    offset = 0
    for doc in volume.documents:
        _page_break(w.body)
        w.ed, w.plan = doc.edition, plan(doc.edition)
        w.custom, w.offset, w.last = True, offset, None  # labels restart per document: always custom marks
        w.write_body(draft_line=False)
        offset += len(w.plan.numbers)
    _page_break(w.body)
    if volume.index:
        w.heading("Index of names and places", 2)
        for entry in volume.index:
            kind = f" ({entry.kind})" if entry.kind else ""
            w.run(_paragraph(w.body), f"{entry.term}{kind}: {', '.join(entry.documents)}")
    if volume.sources:
        w.heading("Archival sources", 2)
        for number, reference in volume.sources:
            w.run(_paragraph(w.body), f"No. {number}: {reference}", size=SMALL_SIZE)
    return w.package(volume.title, volume.collection, volume.editors, volume.draft, running_head=True)


def _page_break(body: etree._Element) -> None:
    _sub(_sub(_paragraph(body), "r"), "br", type="page")
