"""Indenting XML trees that hold mixed content.

libxml2's pretty printer indents any element whose children are all elements, which puts spaces
inside a sentence like ``<seg><hi>a</hi><del>b</del></seg>``. This indents only the elements a
format declares structural and never touches text inside the others.
"""

from __future__ import annotations

import re

from lxml import etree

# characters XML 1.0 does not allow (lxml refuses them with an exception)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text safe for XML: a control character a witness may carry becomes U+FFFD (�)."""
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


def indent(root: etree._Element, structural: frozenset[str], step: str = "  ") -> None:
    """Put each child of a structural element on its own line (local names in ``structural``)."""

    def walk(el: etree._Element, level: int) -> None:
        if etree.QName(el).localname not in structural or not len(el) or (el.text and el.text.strip()):
            return
        inner = "\n" + step * (level + 1)
        el.text = inner
        for child in el:
            if child.tail and child.tail.strip():
                return  # mixed content after all: leave it as it is
        for child in el:
            child.tail = inner
            walk(child, level + 1)
        el[-1].tail = "\n" + step * level

    walk(root, 0)


def serialize(root: etree._Element) -> str:
    """An XML document with its declaration, UTF-8, ending in a newline."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode") + "\n"
