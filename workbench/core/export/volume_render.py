"""The formats of a volume (:mod:`workbench.core.export.volume`): Markdown, HTML pages, the print HTML
WeasyPrint turns into a PDF, and a TEI ``teiCorpus``.

Each document is rendered by the single-document writer (so a volume prints exactly what the
document exports print) and then fitted into the volume: Markdown note labels get the document
number in front (``[^92.a]``) so notes of different documents never share a label; HTML pages get
a navigation line (index, previous, next); the print HTML prefixes every anchor with the document
number, starts each document on a new page and sets the running head from its heading.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree
from lxml import html as lxml_html

from workbench import __version__
from workbench.core.export.html import CSS, render_html
from workbench.core.export.markdown import escape_md, render_markdown
from workbench.core.export.model import DRAFT_LINE
from workbench.core.export.tei import TEI_NS
from workbench.core.export.volume import Volume, VolumeDocument
from workbench.core.export.xmltree import clean, indent, serialize

PRINT_CSS = """
@page { size: A5; margin: 2cm 1.6cm 2.2cm;
        @top-center { content: string(running); font-size: 8pt; font-style: italic; }
        @bottom-center { content: counter(page); font-size: 8pt; } }
@page :first { @top-center { content: none; } }
body { font-family: "DejaVu Serif", Georgia, serif; font-size: 10pt; line-height: 1.4; max-width: none; }
section.title-page { page-break-after: always; text-align: center; padding-top: 30%; }
section.title-page h1 { font-size: 20pt; }
section.front, section.back { page-break-before: always; }
article.edition { page-break-before: always; }
article.edition h1 { string-set: running content(); font-size: 13pt; }
nav.toc ul { list-style: none; padding-left: 0; }
nav.toc a::after { content: leader('.') target-counter(attr(href url), page); }
nav.toc a { text-decoration: none; color: black; }
sup.fnref a, a.back { color: black; text-decoration: none; }
span.page-note { float: footnote; font-size: 8pt; line-height: 1.3; font-style: normal; font-weight: normal;
                 text-align: left; text-indent: 0; }
span.page-note::footnote-call { content: none; }
span.page-note::footnote-marker { content: none; }
@page { @footnote { border-top: 0.5pt solid black; padding-top: 3pt; } }
"""


def _page_name(doc: VolumeDocument) -> str:
    return f"{doc.address.split('/', 1)[1]}.html"


# -------------------------------------------------------------------------------------- Markdown


def render_volume_md(volume: Volume) -> str:
    """The volume as one Markdown file."""
    out = [f"**{DRAFT_LINE}**"] if volume.draft else []
    out.append(f"# {escape_md(volume.title)}")
    for line in (volume.description, volume.credit):
        if line:
            out.append(f"*{escape_md(line)}*")
    if volume.editors:
        out.append("Edited by " + escape_md(", ".join(volume.editors)))
    out.append("## Editorial conventions")
    out += [escape_md(line) for line in volume.conventions]
    if volume.abbreviations:
        out.append("## Abbreviations")
        out += [f"- **{escape_md(a)}** {escape_md(t)}" for a, t in volume.abbreviations]
    out.append("## Contents")
    out += [f"- {escape_md(d.heading)}" for d in volume.documents]
    for doc in volume.documents:
        text = render_markdown(doc.edition)
        if doc.edition.draft and text.startswith(f"**{DRAFT_LINE}**"):
            text = text.split("\n\n", 1)[1]
        prefix = doc.number or doc.address.split("/", 1)[1]
        text = re.sub(r"\[\^([^\]\s]+)\]", lambda m, p=prefix: f"[^{p}.{m.group(1)}]", text)  # type: ignore[misc]
        out.append("#" + text.strip())  # each document's title one level down: "## No. 92. …"
    if volume.index:
        out.append("## Index of names and places")
        out += [f"- {escape_md(e.term)}" + (f" ({e.kind})" if e.kind else "") + f": {', '.join(e.documents)}"
                for e in volume.index]
    if volume.sources:
        out.append("## Archival sources")
        out += [f"- No. {escape_md(n)}: {escape_md(r)}" for n, r in volume.sources]
    return "\n\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------ HTML


def _page(title: str, draft: bool) -> tuple[etree._Element, etree._Element]:
    html = etree.Element("html", {"lang": "en"})
    head = etree.SubElement(html, "head")
    etree.SubElement(head, "meta", {"charset": "utf-8"})
    etree.SubElement(head, "meta", {"name": "generator", "content": f"workbench {__version__}"})
    etree.SubElement(head, "title").text = clean(title)
    etree.SubElement(head, "style").text = CSS + "nav.volume { font-size: .9em; margin: 1em 0; }\n"
    body = etree.SubElement(html, "body")
    if draft:
        etree.SubElement(body, "p", {"class": "draft-watermark"}).text = DRAFT_LINE
    return html, body


def _text(parent: etree._Element, tag: str, text: str, attrs: Mapping[str, str] | None = None) -> etree._Element:
    el = etree.SubElement(parent, tag, dict(attrs or {}))
    el.text = clean(text)
    return el


def _front(parent: etree._Element, volume: Volume, link: bool) -> None:
    title = etree.SubElement(parent, "section", {"class": "title-page"})
    _text(title, "h1", volume.title)
    for line, cls in ((volume.description, "description"), (volume.credit, "credit")):
        if line:
            _text(title, "p", line, {"class": cls})
    if volume.editors:
        _text(title, "p", "Edited by " + ", ".join(volume.editors), {"class": "editors"})
    front = etree.SubElement(parent, "section", {"class": "front"})
    _text(front, "h2", "Editorial conventions")
    for line in volume.conventions:
        _text(front, "p", line)
    if volume.abbreviations:
        _text(front, "h2", "Abbreviations")
        dl = etree.SubElement(front, "dl", {"class": "abbreviations"})
        for abbr, meaning in volume.abbreviations:
            _text(dl, "dt", abbr)
            _text(dl, "dd", meaning)
    _text(front, "h2", "Contents")
    toc = etree.SubElement(etree.SubElement(front, "nav", {"class": "toc"}), "ul")
    for doc in volume.documents:
        href = _page_name(doc) if link else f"#doc-{_slug(doc)}"
        _text(etree.SubElement(toc, "li"), "a", doc.heading, {"href": href})


def _back(parent: etree._Element, volume: Volume, link: bool) -> None:
    by_number = {d.number or d.address: d for d in volume.documents}
    back = etree.SubElement(parent, "section", {"class": "back"})
    if volume.index:
        _text(back, "h2", "Index of names and places")
        ul = etree.SubElement(back, "ul", {"class": "index"})
        for entry in volume.index:
            kind = f" ({entry.kind})" if entry.kind else ""
            li = _text(etree.SubElement(ul, "li"), "span", f"{entry.term}{kind}: ")
            for k, number in enumerate(entry.documents):
                doc = by_number.get(number)
                href = (_page_name(doc) if link else f"#doc-{_slug(doc)}") if doc else "#"
                a = _text(li, "a", f"No. {number}", {"href": href})
                if k < len(entry.documents) - 1:
                    a.tail = ", "
    if volume.sources:
        _text(back, "h2", "Archival sources")
        ul = etree.SubElement(back, "ul", {"class": "sources"})
        for number, reference in volume.sources:
            _text(ul, "li", f"No. {number}: {reference}")


def _slug(doc: VolumeDocument) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", doc.address.split("/", 1)[1])


def _article(doc: VolumeDocument) -> etree._Element:
    """The document's ``article`` as the single-document HTML writes it."""
    page = lxml_html.fromstring(render_html(doc.edition))
    article = page.find(".//article")
    assert article is not None  # render_html always writes one
    return article


def render_volume_html(volume: Volume) -> dict[str, str]:
    """The volume as HTML pages: ``index.html`` (front and back matter, contents) and one page per
    document, each with a navigation line to the index and the previous and next documents."""
    pages: dict[str, str] = {}
    html, body = _page(volume.title, volume.draft)
    _front(body, volume, link=True)
    _back(body, volume, link=True)
    pages["index.html"] = _serialize(html)
    docs = volume.documents
    for k, doc in enumerate(docs):
        html, body = _page(doc.heading, volume.draft)
        nav = etree.SubElement(body, "nav", {"class": "volume"})
        _text(nav, "a", volume.title, {"href": "index.html", "rel": "index"})
        if k:
            _text(nav, "a", f"← {docs[k - 1].heading}", {"href": _page_name(docs[k - 1]), "rel": "prev"})
        if k + 1 < len(docs):
            _text(nav, "a", f"{docs[k + 1].heading} →", {"href": _page_name(docs[k + 1]), "rel": "next"})
        for a in list(nav)[:-1]:
            a.tail = " · "
        body.append(_article(doc))
        pages[_page_name(doc)] = _serialize(html)
    return pages


def _notes_at_page_foot(article: etree._Element) -> None:
    """Move each note of the document's note list to the foot of the page that refers to it
    (WeasyPrint's ``float: footnote``): the note's text goes beside its first reference, whose label
    stays in the text as the call; the list keeps only notes nothing refers to."""
    section = article.find(".//section[@class='footnotes']")
    if section is None:
        return
    notes = {li.get("id"): li for li in section.iter("li") if li.get("id")}
    for sup in list(article.iter("sup")):
        link = sup.find("a")
        if sup.get("class") != "fnref" or link is None:
            continue
        li = notes.pop((link.get("href") or "#")[1:], None)
        if li is None:  # a later reference to a note already placed: the label alone
            link.attrib.pop("href", "")
            continue
        for back in li.findall(".//a[@class='back']"):
            back.getparent().remove(back)  # type: ignore[union-attr]
        note = etree.Element("span", {"class": "page-note"})
        parts = [el for el in li if el.tag == "p"] or [li]
        for k, part in enumerate(parts):
            text = ("" if k == 0 else " ") + (part.text or "")
            if len(note):
                note[-1].tail = (note[-1].tail or "") + text
            else:
                note.text = (note.text or "") + text
            for child in list(part):
                note.append(child)
        sup.addnext(note)
        note.tail, sup.tail = sup.tail, None
        li.getparent().remove(li)  # type: ignore[union-attr]
    if not notes:
        section.getparent().remove(section)  # type: ignore[union-attr]


def render_volume_print_html(volume: Volume) -> str:
    """One HTML document of the whole volume for print (WeasyPrint): title page, front matter,
    the documents each on a new page with its heading as the running head and its notes at the foot
    of the page, back matter."""
    html, body = _page(volume.title, volume.draft)
    style = html.find("head/style")
    assert style is not None
    style.text = (style.text or "") + PRINT_CSS
    _front(body, volume, link=False)
    for doc in volume.documents:
        article = _article(doc)
        _notes_at_page_foot(article)
        prefix = f"doc-{_slug(doc)}"
        for el in article.iter():
            if el.get("id"):
                el.set("id", f"{prefix}-{el.get('id')}")
            href = el.get("href")
            if href and href.startswith("#"):
                el.set("href", f"#{prefix}-{href[1:]}")
        article.set("id", prefix)  # what the contents and the index point at
        body.append(article)
    _back(body, volume, link=False)
    return _serialize(html)


def _serialize(html: etree._Element) -> str:
    return etree.tostring(html, method="html", encoding="unicode", doctype="<!DOCTYPE html>", pretty_print=True)


# ------------------------------------------------------------------------------------------- TEI


_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_POINTERS = ("who", "target", "wit", "resp", "from", "corresp")


def _prefixed(tei: etree._Element, prefix: str) -> etree._Element:
    """A document's TEI with every ``xml:id`` and every local pointer to one prefixed, so that the
    documents of a corpus never share an id (each has its ``en-t1``, its ``wit-en-mt`` …)."""
    for el in tei.iter():
        if el.get(_XML_ID):
            el.set(_XML_ID, prefix + str(el.get(_XML_ID)))
        for name in _POINTERS:
            value = el.get(name)
            if value:
                el.set(name, " ".join(f"#{prefix}{v[1:]}" if v.startswith("#") else v for v in value.split()))
    return tei


def render_tei_corpus(volume: Volume, documents: Mapping[str, str]) -> str:
    """A ``teiCorpus``: a header for the volume (title, editors, conventions, abbreviations, sources)
    and each document's TEI (``documents``: address → the TEI text :func:`render_tei` wrote)."""
    ns = f"{{{TEI_NS}}}"

    def el(parent: etree._Element, tag: str, text: str = "", **attrs: str) -> etree._Element:
        node = etree.SubElement(parent, ns + tag, attrs)
        if text:
            node.text = clean(text)
        return node

    root = etree.Element(ns + "teiCorpus", nsmap={None: TEI_NS})  # type: ignore[dict-item]  # lxml-stubs: no default ns
    header = el(root, "teiHeader")
    file_desc = el(header, "fileDesc")
    title_stmt = el(file_desc, "titleStmt")
    el(title_stmt, "title", volume.title)
    for name in volume.editors:
        el(title_stmt, "editor", name)
    el(el(file_desc, "publicationStmt"), "p", f"Exported by workbench {__version__}"
       + (" as a draft: not reviewed for publication." if volume.draft else "."))
    source = el(file_desc, "sourceDesc")
    listing = el(source, "listBibl")
    for number, reference in volume.sources:
        el(listing, "bibl", f"No. {number}: {reference}")
    if not volume.sources:
        el(source, "p", volume.description or volume.title)
    enc = el(header, "encodingDesc")
    decl = el(enc, "editorialDecl")
    for line in volume.conventions:
        el(decl, "p", line)
    if volume.draft:
        el(el(header, "revisionDesc", status="draft"), "change", "Exported as a draft.", status="draft")
    for doc in volume.documents:
        text = documents.get(doc.address)
        if text is not None:
            root.append(_prefixed(etree.fromstring(text.encode("utf-8")), f"d{_slug(doc)}-"))
    indent(root, frozenset({"teiCorpus", "teiHeader", "fileDesc", "titleStmt", "publicationStmt", "sourceDesc",
                            "listBibl", "encodingDesc", "editorialDecl", "revisionDesc"}))
    return serialize(root)
