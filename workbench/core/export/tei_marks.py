"""TEI encoding of the manuscript marks, one small function per mark.

The inlines of a witness carry the manuscript marks they lie in (``Inline.elements``, outermost
first). :func:`write_marked` rebuilds the nesting from those chains: inlines that share the start of
a chain share its TEI elements, so a substitution's two parts land in one ``subst`` and an
abbreviation with its expansion in one ``choice``. What lies inside the innermost mark (text, the
older marks struck/italic/supplied, note references) is written by the caller's ``leaf``.

=================  ==========================================================================
mark               TEI
=================  ==========================================================================
``{add …|w}``      ``add@place @hand @rend`` (the medium in ``@rend``)
``{subst …|a|b}``  ``subst@hand`` with ``del`` a, ``add@place @rend`` b
``{u|w}``          ``hi@rend="underline"`` (``{uu`` ``double-underline``, ``{sp`` ``spaced``)
``{unclear …|w}``  ``unclear@cert @reason @hand``; with alternatives ``choice`` of ``unclear``
``{gap …}``        ``gap@reason @extent @hand``; a printed formula also as ``desc``
``{margin …|w}``   ``note@place @type @resp @rend`` (the hand in ``@resp``); a printed formula as ``label``
``{hand …}``       ``handShift@new @medium``
``{pb …}``         ``pb@n @type``
``{abbr|a|e}``     ``choice`` of ``abbr`` and ``expan`` (``abbr`` alone without expansion)
``{sic|s|c}``      ``choice`` of ``sic`` and ``corr`` (``sic`` alone without correction)
=================  ==========================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import groupby

from lxml import etree

from workbench.core.export.model import Inline
from workbench.core.export.xmltree import clean
from workbench.core.mark_attributes import Attributes
from workbench.core.markup import Element, Mark

TEI_NS = "http://www.tei-c.org/ns/1.0"
Leaf = Callable[[etree._Element, list[Inline]], None]
#: Marks written as a container of their parts (``subst``, ``choice``) when they have more than one part.
_PARTED = frozenset({"subst", "unclear", "abbr", "sic"})
_HI = {"u": "underline", "uu": "double-underline", "sp": "spaced"}
_Key = tuple[str, str, int, int]


def _sub(parent: etree._Element, tag: str, attrs: dict[str, str]) -> etree._Element:
    return etree.SubElement(parent, f"{{{TEI_NS}}}{tag}", {k: clean(v) for k, v in attrs.items() if v})


def _hand(value: str) -> str:
    return f"#{value}" if value else ""


def _add(parent: etree._Element, a: Attributes) -> etree._Element:
    return _sub(parent, "add", {"place": a.place, "hand": _hand(a.hand), "rend": a.medium})


def _subst(parent: etree._Element, a: Attributes) -> etree._Element:
    return _sub(parent, "subst", {"hand": _hand(a.hand)})


def _subst_part(parent: etree._Element, a: Attributes, part: int) -> etree._Element:
    if part == 0:
        return _sub(parent, "del", {})
    return _sub(parent, "add", {"place": a.place, "rend": a.medium})


def _hi(parent: etree._Element, kind: str) -> etree._Element:
    return _sub(parent, "hi", {"rend": _HI[kind]})


def _unclear(parent: etree._Element, a: Attributes) -> etree._Element:
    return _sub(parent, "unclear", {"cert": a.cert, "reason": a.reason, "hand": _hand(a.hand)})


def _gap(parent: etree._Element, a: Attributes) -> etree._Element:
    el = _sub(parent, "gap", {"reason": a.reason, "extent": a.extent, "hand": _hand(a.hand)})
    if a.printed:
        desc = _sub(el, "desc", {})
        desc.text = clean(a.printed)
    return el


def _margin(parent: etree._Element, a: Attributes) -> etree._Element:
    # tei_all gives note no @hand: the hand that wrote it is the note's @resp
    return _sub(parent, "note", {"place": a.place or "margin", "type": a.kind, "resp": _hand(a.hand),
                                 "rend": a.medium})


def _hand_shift(parent: etree._Element, a: Attributes) -> etree._Element:
    return _sub(parent, "handShift", {"new": _hand(a.hand), "medium": a.medium})


def _page_break(parent: etree._Element, a: Attributes) -> etree._Element:
    return _sub(parent, "pb", {"n": a.n, "type": a.kind})


def _choice_part(parent: etree._Element, e: Element) -> etree._Element:
    if e.kind == "unclear":
        return _unclear(parent, e.attributes) if e.part == 0 else _sub(parent, "unclear", {})
    return _sub(parent, {"abbr": ("abbr", "expan"), "sic": ("sic", "corr")}[e.kind][min(e.part, 1)], {})


def _element_of(parent: etree._Element, e: Element, parted: bool) -> etree._Element:
    """The TEI element of a mark (its container when ``parted``)."""
    a = e.attributes
    if e.kind == "subst":
        return _subst(parent, a)
    if parted:
        return _sub(parent, "choice", {})
    if e.kind in ("unclear", "abbr", "sic"):
        return _choice_part(parent, e)
    if e.kind in _HI:
        return _hi(parent, e.kind)
    opener = {"add": _add, "gap": _gap, "margin": _margin, "hand": _hand_shift, "pb": _page_break}[e.kind]
    return opener(parent, a)


def _keys(item: Inline, parted: set[tuple[str, int]]) -> list[tuple[_Key, Element]]:
    out: list[tuple[_Key, Element]] = []
    for e in item.elements:
        out.append(((e.kind, "", e.start, -1), e))
        if e.kind == "subst" or (e.kind in _PARTED and (e.kind, e.start) in parted):
            out.append(((e.kind, "part", e.start, e.part), e))
    return out


def write_marked(parent: etree._Element, items: Sequence[Inline], leaf: Leaf) -> None:
    """Write inlines that lie in manuscript marks under ``parent`` (see the module docstring)."""
    parted = {(e.kind, e.start) for i in items for e in i.elements if e.kind in _PARTED and e.part >= 1}
    stack: list[tuple[_Key, etree._Element]] = []
    for _, group_iter in groupby(items, key=lambda i: i.elements):
        group = list(group_iter)
        keys = _keys(group[0], parted)
        common = 0
        while common < min(len(stack), len(keys)) and stack[common][0] == keys[common][0]:
            common += 1
        del stack[common:]
        for key, element in keys[common:]:
            holder = stack[-1][1] if stack else parent
            if key[1] == "part":
                el = _subst_part(holder, element.attributes, element.part) if element.kind == "subst" \
                    else _choice_part(holder, element)
            else:
                el = _element_of(holder, element, (element.kind, element.start) in parted)
            stack.append((key, el))
        holder = stack[-1][1] if stack else parent
        innermost = group[0].elements[-1] if group[0].elements else None
        if innermost is not None and innermost.kind in ("gap", "hand", "pb"):
            continue  # an empty element: a printed gap's formula is in its desc
        # a printed edition's own words before a marginal note ("[Резолюция на полях:]") are its label
        for editorial, part in groupby(group, key=lambda i: Mark.EDITORIAL in i.marks):
            plain = [replace(i, elements=(), text=i.hidden or i.text, hidden="",
                             marks=i.marks - {Mark.EDITORIAL}) for i in part]
            leaf(_sub(holder, "label", {}) if editorial else holder, plain)
