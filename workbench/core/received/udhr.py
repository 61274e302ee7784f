"""The "UDHR in XML" shape (eric-muller/udhr): ``<title>`` and ``<para>`` elements hold the text.

The XML is checked with a parser that resolves no entities, loads no DTD and never reaches the
network; a DOCTYPE or ENTITY declaration is refused outright, wherever it is in the file. Each title
and para becomes one witness paragraph, and the rest of the file is the layout, so the export gives
the file back byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import unescape as xml_unescape

from lxml import etree

from workbench.core.errors import FormatError, Location
from workbench.core.received.bilinguator import paragraph_to_received
from workbench.core.received.paragraphs import join_paragraphs, split_paragraphs
from workbench.core.received.template import fill, literal
from workbench.core.received.textcodec import from_witness, to_witness

FORMAT = "udhr-xml"
NS = "http://efele.net/udhr"
_ELEMENT = re.compile(r"<(title|para)>([^<]*)</\1>")


@dataclass(frozen=True)
class UdhrText:
    """A UDHR XML file as witness text, layout, language and title."""

    witness_text: str
    layout: list[str]
    language: str
    title: str


# A declaration may follow any amount of comments or processing instructions, so the whole input is
# searched (lower case too: never valid XML, but no reason to let the parser decide).
_DECLARATION = re.compile(rb"<!\s*(?:doctype|entity)", re.IGNORECASE)


def safe_parse_xml(data: bytes, path: str = "") -> etree._Element:
    """Parse XML without entity expansion, DTD loading or network access; a DOCTYPE or ENTITY
    declaration anywhere is refused, with its line and column."""
    found = _DECLARATION.search(data)
    if found is not None:
        line = data.count(b"\n", 0, found.start()) + 1
        column = found.start() - (data.rfind(b"\n", 0, found.start()) + 1) + 1
        raise FormatError("DOCTYPE and ENTITY declarations are not accepted in imported XML",
                          Location(path, line, column))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        raise FormatError(f"not well-formed XML: {exc.msg}", Location(path, line, col)) from None
    # the byte search cannot see a declaration in another encoding (UTF-16): ask the parsed tree too
    docinfo: Any = root.getroottree().docinfo  # lxml-stubs lack DocInfo.doctype
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.system_url or docinfo.public_id:
        raise FormatError("DOCTYPE and ENTITY declarations are not accepted in imported XML", Location(path, 1, 1))
    return root


def parse_udhr(text: str, path: str = "") -> UdhrText:
    """Parse one UDHR XML file (already decoded as UTF-8)."""
    root = safe_parse_xml(text.encode("utf-8"), path)
    if etree.QName(root).localname != "udhr":
        raise FormatError(f"root element is <{etree.QName(root).localname}>, expected <udhr>", Location(path, 1, 1))
    language = root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    expected = len(root.findall(f".//{{{NS}}}title")) + len(root.findall(f".//{{{NS}}}para"))
    matches = list(_ELEMENT.finditer(text))
    if len(matches) != expected:
        raise FormatError(f"{expected} title/para elements, but only {len(matches)} hold plain text; "
                          "elements with markup inside are not supported", Location(path, 1, 1))
    paragraphs: list[str] = []
    template: list[str] = []
    pos = 0
    for match in matches:
        raw = match.group(2)
        value = xml_unescape(raw)
        if xml_escape(value) != raw:
            line = text.count("\n", 0, match.start(2)) + 1
            raise FormatError("text uses character references that would not round-trip", Location(path, line, 1))
        if not value.strip():
            line = text.count("\n", 0, match.start(2)) + 1
            raise FormatError(f"empty <{match.group(1)}>", Location(path, line, 1))
        template.append(literal(text[pos:match.start(2)]))
        template.append(f"{{p:{len(paragraphs)}}}")
        paragraphs.append(to_witness(value))
        pos = match.end(2)
    template.append(literal(text[pos:]))
    title_el = root.find(f"{{{NS}}}title")
    title = title_el.text if title_el is not None and title_el.text else ""
    return UdhrText(join_paragraphs(paragraphs), "".join(template).split("\n"), language, title)


def render_udhr(witness_text: str, layout: list[str]) -> str:
    """Rebuild the XML file from a witness text and the layout recorded at import."""
    paras = split_paragraphs(witness_text)

    def para(k: int) -> str:
        if k >= len(paras):
            raise FormatError(f"the layout names paragraph {k + 1}, the witness has {len(paras)}")
        return xml_escape(from_witness(paragraph_to_received(paras[k])))

    return "\n".join(fill(line, {}, {"p": para}) for line in layout)
