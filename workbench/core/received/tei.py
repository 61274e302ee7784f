"""A TEI P5 transcription → a witness in transcription markup (``workbench import-tei``).

The XML is read with :func:`workbench.core.received.udhr.safe_parse_xml` (no DTD, no entities, no
network; a DOCTYPE is refused). The ``teiHeader`` is metadata, not text, and is passed over. In the
body every paragraph-like element (``p``, ``head``, ``ab``) becomes a witness paragraph; ``div`` and
``seg`` are containers; when the body has a ``div type="edition"`` (a workbench export) only that
div is read. The marks map to the markup as ``docs/transcription.md`` lists:

``add`` {add}, ``subst`` {subst}, ``del`` ~~ ~~, ``hi@rend`` italic * *, underline {u},
double-underline {uu}, spaced {sp}, strikethrough ~~ ~~; ``unclear`` {unclear}, ``gap`` {gap} (or the
printed formula kept in its ``desc``), ``note@place`` {margin}, ``handShift`` {hand}, ``pb`` {pb},
``choice`` of ``abbr``/``expan``, ``sic``/``corr`` or ``unclear``s, ``supplied`` [ ], ``lb`` a line break;
``app`` with an empty ``lem`` and one ``rdg`` (the workbench's export of a struck passage) its reading;
a ``note`` opened by a ``label`` holding a printed edition's formula (``[Резолюция на полях:]``) the
printed marginal note.

Any other element is refused with its name and line, unless ``lenient``: then its text is kept and
it is reported. Written with lxml's tree rather than XSLT so that each refusal can say where it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from workbench.core.errors import FormatError, Location, MarkupError
from workbench.core.mark_attributes import (
    ADD_PLACES,
    CERTAINTIES,
    GAP_REASONS,
    MEDIA,
    PRINTED_DAMAGE,
    PRINTED_GAP,
    PRINTED_MARGIN,
)
from workbench.core.markup import Node, Tagged, Text, escape, parse_inline, render_nodes
from workbench.core.received.udhr import safe_parse_xml

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SPACE = re.compile(r"\s+")
_SPACES = re.compile(" {2,}")
_WORD = re.compile(r"^[^\s=|{}\[\]\\*~^\"']+$")
_BLOCKS = frozenset({"p", "head", "ab"})
_CONTAINERS = frozenset({"body", "div"})
_HI = {"italic": "*", "underline": "u", "double-underline": "uu", "spaced": "sp", "letterspace": "sp",
       "strikethrough": "~~"}
_NOTE_PLACES = frozenset({"margin", "top", "bottom", "left", "right"})
#: The elements read (besides TEI, teiHeader, text): the import's contract, listed in docs/transcription.md.
SUPPORTED = frozenset({"body", "div", "p", "head", "ab", "seg", "lb", "hi", "del", "add", "subst", "unclear", "gap",
                       "desc", "note", "handShift", "pb", "choice", "abbr", "expan", "sic", "corr", "supplied",
                       "app", "lem", "rdg", "label", "certainty"})


@dataclass(frozen=True)
class Skipped:
    """An element ``--lenient`` kept only the text of."""

    name: str
    line: int


@dataclass
class TeiText:
    """A TEI file read as a witness: its text in markup, language and title (from the header), and
    the elements kept only as text."""

    witness_text: str
    language: str
    title: str
    skipped: list[Skipped] = field(default_factory=list)


class _Reader:
    def __init__(self, path: str, lenient: bool) -> None:
        self.path = path
        self.lenient = lenient
        self.skipped: list[Skipped] = []

    def fail(self, el: etree._Element, message: str) -> FormatError:
        return FormatError(message, Location(self.path, _line(el), None))

    def value(self, el: etree._Element, attr: str, pointer: bool = False) -> str:
        raw = (el.get(attr) or "").strip()
        if pointer and raw.startswith("#"):
            raw = raw[1:]
        if raw and not _WORD.match(raw):
            raise self.fail(el, f"<{_name(el)} {attr}={raw!r}>: the value must be one word without quotes, "
                            "brackets or marks to be kept in the transcription markup")
        return raw

    # ------------------------------------------------------------------------------ inline

    def content(self, el: etree._Element) -> str:
        """The markup of an element's content: its text, its children's markup and their tails."""
        out = [_text(el.text)]
        for child in el:
            if isinstance(child, etree._Comment | etree._ProcessingInstruction):
                out.append(_text(child.tail))
                continue
            if isinstance(child, etree._Entity):
                raise self.fail(el, "entity references are not accepted in imported XML")
            out.append(self.inline(child))
            out.append(_text(child.tail))
        return "".join(out)

    def children(self, el: etree._Element) -> list[etree._Element]:
        return [c for c in el if not isinstance(c, etree._Comment | etree._ProcessingInstruction | etree._Entity)]

    def inline(self, el: etree._Element) -> str:
        name = _name(el)
        handler: Callable[[etree._Element], str] | None = getattr(self, f"m_{name}", None)
        if handler is None or etree.QName(el).namespace != TEI_NS:
            return self.unsupported(el)
        return handler(el)

    def unsupported(self, el: etree._Element, why: str = "") -> str:
        name = _name(el)
        if not self.lenient:
            raise self.fail(el, f"<{name}>{why} is not supported by import-tei; --lenient keeps its text")
        self.skipped.append(Skipped(name + why, _line(el) or 0))
        return escape(_text(_all_text(el)))

    def m_seg(self, el: etree._Element) -> str:
        return self.content(el)

    def m_app(self, el: etree._Element) -> str:
        """The workbench's own export of a struck passage: ``app`` with an empty ``lem`` and the ``rdg`` of
        the witness that crossed it out, then the editors' ``note``s on it (apparatus, evidence: not the
        witness's text); its reading is the witness's text (a ``certainty`` in the ``rdg`` is left out)."""
        kids = self.children(el)
        names = [_name(k) for k in kids]
        if (names[:2] != ["lem", "rdg"] or any(n != "note" for n in names[2:]) or len(kids[0])
                or (kids[0].text or "").strip()):
            return self.unsupported(el, " (other than the workbench's struck passage)")
        return self.content(kids[1])

    def m_certainty(self, el: etree._Element) -> str:
        """The editor's certainty about a marked passage (in a struck passage's ``rdg``): no text."""
        parent = el.getparent()
        if parent is None or _name(parent) != "rdg":
            return self.unsupported(el)
        return ""

    def m_lb(self, el: etree._Element) -> str:
        return "\n"

    def m_supplied(self, el: etree._Element) -> str:
        return "[" + self.content(el) + "]"

    def m_hi(self, el: etree._Element) -> str:
        mark = _HI.get((el.get("rend") or "").strip())
        if mark is None:
            return self.unsupported(el, f" with rend={el.get('rend')!r}")
        inner = self.content(el)
        return f"{mark}{inner}{mark}" if mark in ("*", "~~") else f"{{{mark}|{inner}}}"

    def m_del(self, el: etree._Element) -> str:
        return "~~" + self.content(el) + "~~"

    def _place_medium_hand(self, el: etree._Element, places: tuple[str, ...], hand_el: etree._Element | None = None
                           ) -> list[str]:
        words = []
        place = self.value(el, "place")
        if place:
            words.append(place if place in places else f"place={place}")
        medium = self.value(el, "rend")
        if medium:
            words.append(medium if medium in MEDIA else f"medium={medium}")
        hand = self.value(hand_el if hand_el is not None else el, "hand", pointer=True)
        if hand:
            words.append(f"hand={hand}")
        return words

    def m_add(self, el: etree._Element) -> str:
        return _mark("add", self._place_medium_hand(el, ADD_PLACES), [self.content(el)])

    def m_subst(self, el: etree._Element) -> str:
        kids = self.children(el)
        if [_name(k) for k in kids] != ["del", "add"]:
            return self.unsupported(el, " (other than a del then an add)")
        dele, add = kids
        words = self._place_medium_hand(add, ADD_PLACES, hand_el=el)
        return _mark("subst", words, [self.content(dele), self.content(add)])

    def _unclear_head(self, el: etree._Element) -> list[str]:
        words = []
        cert = self.value(el, "cert")
        if cert:
            words.append(cert if cert in CERTAINTIES else f"cert={cert}")
        reason = self.value(el, "reason")
        if reason:
            words.append(reason if reason in GAP_REASONS else f"reason={reason}")
        hand = self.value(el, "hand", pointer=True)
        if hand:
            words.append(f"hand={hand}")
        return words

    def m_unclear(self, el: etree._Element) -> str:
        return _mark("unclear", self._unclear_head(el), [self.content(el)])

    def m_abbr(self, el: etree._Element) -> str:
        return _mark("abbr", [], [self.content(el)])

    def m_sic(self, el: etree._Element) -> str:
        return _mark("sic", [], [self.content(el)])

    def m_choice(self, el: etree._Element) -> str:
        kids = self.children(el)
        names = [_name(k) for k in kids]
        if names in (["abbr", "expan"], ["expan", "abbr"]):
            abbr, expan = (kids[0], kids[1]) if names[0] == "abbr" else (kids[1], kids[0])
            return _mark("abbr", [], [self.content(abbr), self.content(expan)])
        if names in (["sic", "corr"], ["corr", "sic"]):
            sic, corr = (kids[0], kids[1]) if names[0] == "sic" else (kids[1], kids[0])
            return _mark("sic", [], [self.content(sic), self.content(corr)])
        if len(names) >= 2 and set(names) == {"unclear"}:
            return _mark("unclear", self._unclear_head(kids[0]), [self.content(k) for k in kids])
        return self.unsupported(el, f" of {', '.join(names) or 'nothing'}")

    def m_gap(self, el: etree._Element) -> str:
        desc = el.find(f"{{{TEI_NS}}}desc")
        printed = " ".join(_all_text(desc).split()) if desc is not None else ""
        if printed and (PRINTED_GAP.fullmatch(printed) or PRINTED_DAMAGE.fullmatch(printed)):
            return printed
        words = []
        reason = self.value(el, "reason")
        if reason:
            words.append(reason if reason in GAP_REASONS else f"reason={reason}")
        hand = self.value(el, "hand", pointer=True)
        if hand:
            words.append(f"hand={hand}")
        extent = " ".join((el.get("extent") or "").split())
        if extent:
            for word in extent.split():
                if not _WORD.match(word) or word in GAP_REASONS or "=" in word:
                    raise self.fail(el, f"<gap extent={extent!r}>: the extent must be words such as '2 words'")
            words.append(extent)
        return "{gap" + "".join(" " + w for w in words) + "}"

    def m_label(self, el: etree._Element) -> str:
        """A printed edition's formula before a marginal note, kept as printed (the workbench's export)."""
        formula = " ".join(_all_text(el).split())
        parent = el.getparent()
        if (parent is None or _name(parent) != "note" or parent.index(el) != 0
                or not PRINTED_MARGIN.fullmatch(formula)):
            return self.unsupported(el, " (other than a printed edition's formula opening a marginal note)")
        return formula

    def m_note(self, el: etree._Element) -> str:
        kids = self.children(el)
        if kids and _name(kids[0]) == "label" and not (el.text or "").strip():
            return self.content(el)  # "[Резолюция на полях:] …": a printed marginal note, to its paragraph's end
        place = (el.get("place") or "").strip()
        if place not in _NOTE_PLACES:
            return self.unsupported(el, f" with place={place!r}" if place else " without a place")
        words = [place]
        kind = self.value(el, "type")
        if kind:
            words.append(kind if kind in ("resolution", "note") else f"type={kind}")
        medium = self.value(el, "rend")
        if medium:
            words.append(medium if medium in MEDIA else f"medium={medium}")
        hand = self.value(el, "resp", pointer=True) or self.value(el, "hand", pointer=True)
        if hand:
            words.append(f"hand={hand}")
        return _mark("margin", words, [self.content(el)])

    def m_handShift(self, el: etree._Element) -> str:  # noqa: N802 - the TEI element's name
        words = []
        hand = self.value(el, "new", pointer=True)
        if hand:
            words.append(f"hand={hand}")
        medium = self.value(el, "medium")
        if medium:
            words.append(medium if medium in MEDIA else f"medium={medium}")
        if not words:
            raise self.fail(el, "<handShift> needs @new (the hand) or @medium")
        return "{hand " + " ".join(words) + "}"

    def m_pb(self, el: etree._Element) -> str:
        n = " ".join((el.get("n") or "").split())
        if not n or not all(_WORD.match(w) for w in n.split()):
            raise self.fail(el, "<pb> needs @n, the number of the page or folio that begins (one or more words)")
        kind = self.value(el, "type")
        if kind and kind not in ("page", "folio"):
            kind = f"type={kind}"
        if not kind and n.split()[0] in ("page", "folio"):
            raise self.fail(el, f"<pb n={n!r}>: give the kind in @type, not in @n")
        return "{pb " + (kind + " " if kind else "") + n + "}"

    # ------------------------------------------------------------------------------ blocks

    def blocks(self, el: etree._Element, out: list[str], pending: list[str]) -> None:
        """Paragraphs of a container; a break, hand shift or margin note between paragraphs opens the next."""
        for child in self.children(el):
            if (child.tail or "").strip():
                raise self.fail(child, f"text after <{_name(child)}> outside a paragraph")
            name = _name(child)
            if etree.QName(child).namespace != TEI_NS:
                pending.append(self.unsupported(child))
            elif name in _CONTAINERS:
                self.blocks(child, out, pending)
            elif name in _BLOCKS:
                para = _join_margins(_squash("".join(pending) + self.content(child)))
                pending.clear()
                if para:
                    out.append(para)
            elif name in ("pb", "handShift", "lb"):
                pending.append(self.inline(child))
            elif name == "note":
                note = self.inline(child)
                if note.startswith("{margin"):
                    out.append(_squash("".join(pending) + note))
                    pending.clear()
            else:
                pending.append(self.unsupported(child))
        if (el.text or "").strip() and _name(el) in _CONTAINERS:
            raise self.fail(el, f"text directly in <{_name(el)}> outside a paragraph")


def _line(el: etree._Element) -> int | None:
    line: object = el.sourceline
    return line if isinstance(line, int) else None


def _all_text(el: etree._Element) -> str:
    return "".join(str(t) for t in el.itertext())


def _name(el: etree._Element) -> str:
    return etree.QName(el).localname


def _text(text: str | None) -> str:
    return escape(_SPACE.sub(" ", text)) if text else ""


def _squash(markup: str) -> str:
    lines = [_SPACES.sub(" ", line).strip(" ") for line in markup.split("\n")]
    return "\n".join(line for line in lines if line)


def _join_margins(markup: str) -> str:
    """One marginal note written as several (a workbench export writes one per sentence, each inside
    its ``seg``) is one note again: neighbouring ``{margin}`` marks with the same head are joined."""
    if markup.count("{margin") < 2:
        return markup
    try:
        nodes = list(parse_inline(markup))
    except MarkupError:
        return markup  # the witness check reports it
    out: list[Node] = []
    for node in nodes:
        if (isinstance(node, Tagged) and node.name == "margin" and len(out) >= 2 and out[-1] == Text(" ")
                and isinstance(out[-2], Tagged) and out[-2].name == "margin" and out[-2].head == node.head):
            before = out[-2]
            assert isinstance(before, Tagged)
            out[-2:] = [Tagged("margin", node.head, ((*before.parts[0], Text(" "), *node.parts[0]),))]
        else:
            out.append(node)
    return render_nodes(out)


def _mark(name: str, words: list[str], parts: list[str]) -> str:
    head = "".join(" " + w for w in words)
    return "{" + name + head + "".join("|" + p.strip(" ") for p in parts) + "}"


def read_tei(data: bytes, path: str = "", lenient: bool = False) -> TeiText:
    """Read a TEI P5 file (see the module docstring); ``FormatError`` with the element's line when
    it holds an element the import does not support (and ``lenient`` is false)."""
    root = safe_parse_xml(data, path)
    if etree.QName(root).localname != "TEI" or etree.QName(root).namespace != TEI_NS:
        raise FormatError(f"root element is <{etree.QName(root).localname}>, expected TEI's <TEI> "
                          f"(namespace {TEI_NS})", Location(path, _line(root), None))
    body = root.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    if body is None:
        raise FormatError("no <text><body> in the TEI file", Location(path, _line(root), None))
    edition = body.find(f"{{{TEI_NS}}}div[@type='edition']")
    reader = _Reader(path, lenient)
    paragraphs: list[str] = []
    pending: list[str] = []
    reader.blocks(edition if edition is not None else body, paragraphs, pending)
    if pending and "".join(pending).strip():
        paragraphs.append(_squash("".join(pending)))
    if not paragraphs:
        raise FormatError("the TEI body has no paragraph of text", Location(path, _line(body), None))
    holder = edition if edition is not None else body
    language = holder.get(XML_LANG) or root.find(f"{{{TEI_NS}}}text").get(XML_LANG) or root.get(XML_LANG) or ""  # type: ignore[union-attr]
    title_el = root.find(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title")
    title = " ".join(_all_text(title_el).split()) if title_el is not None else ""
    return TeiText("\n\n".join(paragraphs) + "\n", language, title, reader.skipped)
