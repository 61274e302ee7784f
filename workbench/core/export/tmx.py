"""TMX 1.4b: one translation unit per confirmed link (``tuid`` = the link id).

Level 1 (plain text): the source as read (marks dropped, struck words between ⟦ ⟧), the English
as published under the struck-text policy. Status, document and segment ids go in ``prop``s of
type ``x-…``; editors' notes in ``note``; the latest decision gives ``changedate``/``changeid``.
"""

from __future__ import annotations

import re

from lxml import etree

from workbench import __version__
from workbench.core.export.linktexts import LinkTexts
from workbench.core.export.xmltree import clean, indent, serialize
from workbench.core.models import Status

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STRUCTURAL = frozenset({"tmx", "header", "body", "tu", "tuv"})
_STAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})")


def tmx_date(iso: str) -> str | None:
    """``2025-03-01T10:20:30.000Z`` → ``20250301T102030Z`` (TMX's form); None when unreadable."""
    match = _STAMP.match(iso)
    return "{}{}{}T{}{}{}Z".format(*match.groups()) if match else None


def _sub(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None,
         text: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, tag, {k: clean(v) for k, v in (attrs or {}).items()})
    if text is not None:
        el.text = clean(text)
    return el


def confirmed(items: list[LinkTexts]) -> list[LinkTexts]:
    """The links TMX carries: confirmed, with text on both sides."""
    return [t for t in items if t.link.status is Status.CONFIRMED and t.source_plain and t.english_plain]


def render_tmx(document: str, source_lang: str, target_lang: str, items: list[LinkTexts], now: str) -> str:
    """A TMX document for one document's confirmed links. ``now`` is ISO 8601 UTC."""
    root = etree.Element("tmx", {"version": "1.4"})
    header = {"creationtool": "workbench", "creationtoolversion": __version__, "segtype": "sentence",
              "o-tmf": "workbench-alignment", "adminlang": "en", "srclang": source_lang,
              "datatype": "plaintext"}
    created = tmx_date(now)
    if created:
        header["creationdate"] = created
    head = _sub(root, "header", header)
    _sub(head, "prop", {"type": "x-document"}, document)
    body = _sub(root, "body")
    for item in confirmed(items):
        link = item.link
        attrs = {"tuid": link.id, "srclang": source_lang}
        if item.last is not None:
            changed = tmx_date(item.last.time)
            if changed:
                attrs["changedate"] = changed
            attrs["changeid"] = item.last.author
        tu = _sub(body, "tu", attrs)
        for note in item.comments:
            _sub(tu, "note", None, f"{note.author}: {note.note or ''}".strip())
        _sub(tu, "prop", {"type": "x-status"}, link.status.value)
        _sub(tu, "prop", {"type": "x-document"}, document)
        _sub(tu, "prop", {"type": "x-segments"}, " ".join(link.source) + " -> " + " ".join(link.target))
        if item.english != item.mt:
            _sub(tu, "prop", {"type": "x-edited"}, "yes")
        _sub(_sub(tu, "tuv", {XML_LANG: source_lang}), "seg", None, item.source_plain)
        _sub(_sub(tu, "tuv", {XML_LANG: target_lang}), "seg", None, item.english_plain)
    indent(root, STRUCTURAL)
    return serialize(root)
