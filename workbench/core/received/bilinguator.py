"""The bilinguator "aligned text" shape: line 1 the author, line 2 ``<h1>title</h1>``, then one
paragraph per line; ``<h1>`` headings, ``<i>`` italics, ``<delimiter>`` placeholder lines (a
paragraph the other language lacks) and inline ``<delimiter>`` soft line breaks. No final newline.

A plain file with one paragraph per line is the same shape without the tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.core.errors import FormatError, Location
from workbench.core.markup import Escape, Italic, Node, Text, parse_inline, render_nodes
from workbench.core.received.paragraphs import join_paragraphs, split_paragraphs
from workbench.core.received.template import fill, literal
from workbench.core.received.textcodec import to_witness

FORMAT = "bilinguator"
DELIMITER = "<delimiter>"
_HEADING = re.compile(r"^<h1>(.*)</h1>$")
_TAG = re.compile(r"</?i>|<delimiter>|</?h1>")


@dataclass(frozen=True)
class ParagraphFile:
    """A received paragraph file as a witness text plus the layout to rebuild it."""

    witness_text: str
    layout: list[str]
    first_line: str
    title: str


def _inline_to_witness(line: str, path: str, lineno: int) -> str:
    pieces: list[str] = []
    pos = 0
    italic = False
    for match in _TAG.finditer(line):
        pieces.append(to_witness(line[pos:match.start()]))
        tag = match.group()
        if tag == "<i>" and not italic:
            pieces.append("*")
            italic = True
        elif tag == "</i>" and italic:
            pieces.append("*")
            italic = False
        elif tag == DELIMITER:
            pieces.append("\n")
        else:
            raise FormatError(f"unexpected {tag!r} here", Location(path, lineno, match.start() + 1))
        pos = match.end()
    if italic:
        raise FormatError("<i> is never closed on this line", Location(path, lineno, 1))
    pieces.append(to_witness(line[pos:]))
    return "".join(pieces)


def parse_paragraph_file(text: str, path: str = "") -> ParagraphFile:
    """Parse a bilinguator (or plain paragraph-per-line) file."""
    lines = text.split("\n")
    paragraphs: list[str] = []
    layout: list[str] = []
    for number, line in enumerate(lines, start=1):
        if line == DELIMITER:
            layout.append(literal(line))
            continue
        if not line.strip():
            layout.append(literal(line))
            continue
        heading = _HEADING.match(line)
        inner = heading.group(1) if heading else line
        para = _inline_to_witness(inner, path, number)
        if "\n\n" in para or para.startswith("\n") or para.endswith("\n") or not para.strip():
            raise FormatError("soft line breaks (<delimiter>) at the edge of a paragraph or doubled "
                              "cannot be kept", Location(path, number, 1))
        template = f"{{p:{len(paragraphs)}}}"
        layout.append(f"<h1>{template}</h1>" if heading else template)
        paragraphs.append(para)
    if not paragraphs:
        raise FormatError("no paragraphs found", Location(path, 1, 1))
    witness = join_paragraphs(paragraphs)
    title = ""
    if len(lines) > 1 and _HEADING.match(lines[1]):
        title = _HEADING.match(lines[1]).group(1)  # type: ignore[union-attr]
    return ParagraphFile(witness, layout, lines[0], title)


def _nodes_to_received(nodes: tuple[Node, ...]) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text.replace("\n", DELIMITER))
        elif isinstance(node, Escape):
            out.append(node.char)
        elif isinstance(node, Italic):
            out.append("<i>" + _nodes_to_received(node.children) + "</i>")
        else:  # other marks have no form in this shape: keep them as written
            out.append(render_nodes((node,)))
    return "".join(out)


def paragraph_to_received(para: str) -> str:
    """One witness paragraph in the received shape (italics as <i>, soft breaks as <delimiter>)."""
    return _nodes_to_received(parse_inline(para))


def render_paragraph_file(witness_text: str, layout: list[str]) -> str:
    """Rebuild the received file from a witness text and the layout recorded at import."""
    paras = split_paragraphs(witness_text)

    def para(k: int) -> str:
        if k >= len(paras):
            raise FormatError(f"the layout names paragraph {k + 1}, the witness has {len(paras)}")
        return paragraph_to_received(paras[k])

    return "\n".join(fill(line, {}, {"p": para}) for line in layout)
