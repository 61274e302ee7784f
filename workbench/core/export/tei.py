"""A bilingual TEI P5 document: the source and the edited English in two ``div``s, linked.

Layout (checked against ``workbench/storage/schemas/tei-workbench.rng`` and TEI's ``tei_all``)::

    teiHeader   titleStmt (title, author, respStmt from the decision authors), publicationStmt,
                sourceDesc (msDesc/msIdentifier from the archival reference, bibl, listWit),
                encodingDesc (editorialDecl, variantEncoding), profileDesc/langUsage,
                revisionDesc (one change per decision)
    text/body   div type="edition" xml:lang=ru      — source segments as <seg xml:id="ru-s1">
                div type="translation" xml:lang=en  — opener (addressee, place) … closer (signature)
                div type="apparatus"                — listApp: one app per variant
                linkGrp type="translation"          — one link per link of the alignment

Transcription marks: struck → ``del rend="strikethrough"`` (inside ``app``/``rdg`` when a variant
names the words), italic → ``hi rend="italic"``, ``[supplied]`` → ``supplied`` (brackets left to the
stylesheet), ``[...]`` → ``gap reason="omitted"``, ``[^n]`` → the ``note`` itself at its place.
TEI keeps struck text whatever the publication policy; the policy is recorded in editorialDecl.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby

from lxml import etree

from workbench import __version__
from workbench.core.actions import Action
from workbench.core.apparatus import ApparatusNote
from workbench.core.documents import DocumentMeta
from workbench.core.editors_notes import plain_text
from workbench.core.export.model import Block, Edition, EditionNote, Inline, WitnessLayout, spaced
from workbench.core.export.tei_marks import write_marked
from workbench.core.export.xmltree import clean, indent, serialize
from workbench.core.mark_attributes import PARTS
from workbench.core.markup import Mark
from workbench.core.models import Alignment, Decision
from workbench.core.variant_decisions import struck_marks

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
STRUCTURAL = frozenset({
    "TEI", "teiHeader", "fileDesc", "titleStmt", "respStmt", "publicationStmt", "sourceDesc", "msDesc",
    "msIdentifier", "altIdentifier", "physDesc", "listWit", "encodingDesc", "editorialDecl", "profileDesc",
    "langUsage", "revisionDesc", "text", "body", "div", "opener", "closer", "linkGrp", "listApp", "app", "note"})
#: The witness struck passages of a translation are attributed to when no source witness is transcribed.
ORIGINAL_ID = "wit-original"
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$")
_ORDER = (Mark.STRUCK, Mark.SUPPLIED, Mark.ITALIC)
_NCNAME_BAD = re.compile(r"[^A-Za-z0-9._-]")
LANGUAGE_NAMES = {"ru": "Russian", "en": "English", "uk": "Ukrainian", "de": "German", "fr": "French"}


_TAGS: dict[str, str] = {}


def _el(parent: etree._Element | None, tag: str, attrs: dict[str, str] | None = None,
        text: str | None = None) -> etree._Element:
    name = _TAGS.get(tag)
    if name is None:
        name = _TAGS[tag] = f"{{{TEI_NS}}}{tag}"
    if parent is None:
        el = etree.Element(name, attrs or {}, nsmap={None: TEI_NS})  # type: ignore[dict-item]  # lxml-stubs: no default ns
    elif attrs:
        el = etree.SubElement(parent, name, attrs)
    else:
        el = etree.SubElement(parent, name)
    if text:
        el.text = clean(text)
    return el


def _add_text(parent: etree._Element, text: str) -> None:
    if not text:  # edition texts are clean already (inline.squash)
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def ncname(text: str, prefix: str = "x") -> str:
    """A string made safe for ``xml:id`` (letters, digits, '.', '_', '-'; starting with a letter)."""
    clean = _NCNAME_BAD.sub("_", text) or prefix
    return clean if clean[0].isalpha() or clean[0] == "_" else f"{prefix}-{clean}"


@dataclass(frozen=True)
class _Context:
    """What a side's writer needs beyond its layout: whether it is the translation, the witness id
    struck passages of a translation are attributed to, the apparatus notes by variant, the marks
    (author, certainty, evidence) by variant, and the MT text and editor of each edited segment."""

    translation: bool = False
    struck_witness: str | None = None
    apparatus: Mapping[str, ApparatusNote] = field(default_factory=dict)
    marks: Mapping[str, tuple[str, float | None, str]] = field(default_factory=dict)
    mt: Mapping[str, tuple[str, str]] = field(default_factory=dict)


class _SideWriter:
    """Writes one side's blocks; notes are written at their first reference."""

    def __init__(self, side: WitnessLayout, prefix: str, witness_ids: dict[str, str],
                 authors: dict[str, str] | None = None, *, title: str = "", date: str = "", when: str = "",
                 context: _Context | None = None) -> None:
        self.side = side
        self.authors = authors or {}
        self.context = context or _Context()
        self.apps: set[str] = set()  # variants written inline here (the apparatus lists only the others)
        # the heading and the date (as printed, with its ISO form) the translation's div opens with
        self.title, self.date, self.when = title, date, when
        self.prefix = prefix
        self.witness_ids = witness_ids
        self.notes = {n.key: n for n in side.notes}
        self.written: dict[str, str] = {}
        self.ids: dict[str, str] = {}

    def seg_id(self, segment: str) -> str:
        found = self.ids.get(segment)
        if found is None:
            found = self.ids[segment] = ncname(f"{self.prefix}-{segment}")
        return found

    def inlines(self, parent: etree._Element, items: Sequence[Inline], level: int = 0) -> None:
        if level == 0 and any(i.elements for i in items):
            write_marked(parent, items, self.inlines)  # the manuscript marks (tei_marks), then the rest here
            return
        if level == 0 and not any(i.marks for i in items):
            level = len(_ORDER)  # plain text and note references: no grouping to do
        if level == len(_ORDER):
            for item in items:
                if item.note_ref is not None:
                    self.note_ref(parent, item.note_ref)
                elif Mark.OMISSION in item.marks:
                    _el(parent, "gap", {"reason": "omitted"})
                else:
                    _add_text(parent, item.text)
            return
        mark = _ORDER[level]
        key = (lambda i: (mark in i.marks, i.variant)) if mark is Mark.STRUCK else (lambda i: (mark in i.marks, None))
        for (has, variant), group_iter in groupby(items, key=key):
            group = list(group_iter)
            if not has:
                self.inlines(parent, group, level + 1)
                continue
            if mark is Mark.STRUCK:
                holder = parent
                app = None
                if variant:
                    app = _el(parent, "app", {"type": "struck-passage", "n": clean(variant)})
                    _el(app, "lem")
                    holder = _el(app, "rdg", self.struck_reading(variant))
                self.inlines(_el(holder, "del", {"rend": "strikethrough"}), group, level + 1)
                if app is not None and variant:
                    self.judged(app, holder, variant)
            elif mark is Mark.SUPPLIED:
                first, last = group[0], group[-1]
                if first.note_ref is None and first.text.startswith("["):
                    group[0] = replace(first, text=first.text[1:])
                last = group[-1]
                if last.note_ref is None and last.text.endswith("]"):
                    group[-1] = replace(last, text=last.text[:-1])
                self.inlines(_el(parent, "supplied", {"reason": "editorial"}), group, level + 1)
            else:
                self.inlines(_el(parent, "hi", {"rend": "italic"}), group, level + 1)

    def struck_reading(self, variant: str) -> dict[str, str]:
        """The ``rdg`` of struck words: the witness in which the author struck them — this side's own
        for the source, the source witness (or the original, when none is transcribed) for a
        translation, never the translation — and the editor who marked them."""
        ctx = self.context
        wit = self.witness_ids.get(self.side.siglum) if not ctx.translation else ctx.struck_witness
        attrs = {"wit": f"#{wit}"} if wit else {}
        mark = ctx.marks.get(variant)
        if mark is not None and mark[0] in self.authors:
            attrs["resp"] = f"#{self.authors[mark[0]]}"
        return attrs

    def judged(self, app: etree._Element, rdg: etree._Element, variant: str) -> None:
        """The certainty and evidence of the marked words, and the variant's apparatus note (written
        here once: the apparatus division then leaves the variant out)."""
        mark = self.context.marks.get(variant)
        if mark is not None:
            _, certainty, evidence = mark
            if certainty is not None:
                _el(rdg, "certainty", {"locus": "location", "degree": f"{certainty:g}"})
            if evidence:
                _el(app, "note", {"type": "evidence"}, evidence)
        entry = self.context.apparatus.get(variant)
        if entry is not None and variant not in self.apps:
            _el(app, "note", {"type": entry.status} if entry.status else {}, entry.text)
        self.apps.add(variant)

    def note_ref(self, parent: etree._Element, key: str) -> None:
        note = self.notes.get(key)
        if note is None:
            return
        if key in self.written:
            _el(parent, "ptr", {"target": f"#{self.written[key]}"})
            return
        self.written[key] = ncname(f"{self.prefix}-note-{note.label}")
        self.note(parent, note, {"place": "foot"})

    def note(self, parent: etree._Element, note: EditionNote, extra: dict[str, str]) -> None:
        self.written.setdefault(note.key, ncname(f"{self.prefix}-note-{note.label}"))
        attrs = {XML_ID: self.written[note.key], "n": note.label, "type": note.kind, **extra}
        if note.kind == "editor":  # an editors' note: TEI's editorial note, with its kind and its editor
            attrs["type"] = "editorial"
            if note.subtype:
                attrs["subtype"] = clean(note.subtype)
            if note.author and note.author in self.authors:
                attrs["resp"] = f"#{self.authors[note.author]}"
        el = _el(parent, "note", attrs)
        if len(note.blocks) == 1:
            self.pieces(el, note.blocks[0])
        else:
            for block in note.blocks:
                self.pieces(_el(el, "p"), block)

    def pieces(self, parent: etree._Element, block: Block) -> None:
        for index, piece in enumerate(block.pieces):
            if index and spaced(piece):
                _add_text(parent, " ")
            mt = self.context.mt.get(piece.segment) if piece.edited else None
            if piece.segment and mt is not None:
                # the edited English as the lemma (its editor responsible), the MT as the witness reads
                seg = _el(parent, "seg", {XML_ID: self.seg_id(piece.segment)})
                app = _el(seg, "app", {"type": "edit"})
                text, editor = mt
                self.inlines(_el(app, "lem", {"resp": f"#{self.authors[editor]}"} if editor in self.authors else {}),
                             piece.inlines)
                _el(app, "rdg", {"wit": f"#{self.witness_ids[self.side.siglum]}"}
                    if self.side.siglum in self.witness_ids else {}, text)
            elif piece.segment:
                self.inlines(_el(parent, "seg", {XML_ID: self.seg_id(piece.segment)}), piece.inlines)
            else:
                self.inlines(parent, piece.inlines)

    def div(self, parent: etree._Element, div_type: str) -> etree._Element:
        div = _el(parent, "div", {"type": div_type, XML_LANG: clean(self.side.language)})
        blocks = list(self.side.blocks)
        head = [b for b in blocks if b.role in ("title", "author", "addressee", "place")]
        foot = [b for b in blocks if b.role == "signature"]
        main = [b for b in blocks if b.role in ("body", "heading")]
        titles = [b for b in head if b.role == "title"]
        for block in titles:
            self.pieces(_el(div, "head"), block)
        if not titles and self.title:  # the document's heading, when the witness does not print one
            _el(div, "head", {}, self.title)
        if self.date:
            _el(div, "docDate", {"when": self.when} if self.when else {}, self.date)
        opener_blocks = [b for b in head if b.role != "title"]
        if opener_blocks:
            opener = _el(div, "opener")
            for block in opener_blocks:
                tag = {"author": "byline", "addressee": "salute", "place": "dateline"}[block.role]
                self.pieces(_el(opener, tag), block)
        section = div
        for block in main:
            if block.role == "heading":
                section = _el(div, "div", {"type": "section"})
                self.pieces(_el(section, "head"), block)
            else:
                self.pieces(_el(section, "p"), block)
        if foot:
            closer = _el(div, "closer")
            for block in foot:
                self.pieces(_el(closer, "signed"), block)
        for note in self.side.notes:
            if note.key not in self.written:
                self.note(div, note, {"type": "unreferenced"} if not note.referenced else {})
        return div


def _authors(decisions: Sequence[Decision]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for d in decisions:
        if d.author not in ids:
            base = ncname("ed-" + d.author.strip().lower().replace(" ", "-"))
            candidate, n = base, 2
            while candidate in ids.values():
                candidate, n = f"{base}-{n}", n + 1
            ids[d.author] = candidate
    return ids


def _change_text(d: Decision) -> str:
    parts = [f"{d.action} {d.target}"]
    if d.action in ("confirm", "reject", "flag", "unconfirm") and d.before and d.after:
        parts.append(f"({d.before} → {d.after})")
    elif d.after and d.action not in ("merge", "split", "shift", "insert", "delete", "swap", "split-segment",
                                      "merge-segment", "realign"):
        parts.append(": " + " ".join(d.after.split()))
    if d.reason:
        parts.append(f"[{d.reason}]")
    if d.note:
        parts.append(f"— {d.note}")
    return " ".join(parts).replace(" :", ":")


def _header(root: etree._Element, meta: DocumentMeta, state: Alignment, ed: Edition, policy: str,
            witness_ids: dict[str, str], authors: dict[str, str], *, original: bool = False) -> None:
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", {}, ed.heading_title)
    if meta.author:
        _el(title_stmt, "author", {}, meta.author)
    if authors:
        resp = _el(title_stmt, "respStmt")
        _el(resp, "resp", {}, "alignment review and translation editing")
        for name, xml_id in authors.items():
            _el(resp, "persName", {XML_ID: xml_id}, name)
    pub = _el(file_desc, "publicationStmt")
    _el(pub, "p", {}, f"Exported by workbench {__version__} from revision {state.revision} of {meta.address}.")
    source_desc = _el(file_desc, "sourceDesc")
    ref = meta.archival_reference
    if ref is not None:
        ms = _el(source_desc, "msDesc")
        ident = _el(ms, "msIdentifier")
        _el(ident, "repository", {}, ref.repository or ref.text)
        shelf = ", ".join(f"{k} {v}" for k, v in (("F.", ref.fond), ("Op.", ref.inventory), ("D.", ref.file),
                                                  ("L.", ref.folios)) if v)
        if shelf:
            _el(ident, "idno", {"type": "shelfmark"}, shelf)
        for kind, value in (("fond", ref.fond), ("inventory", ref.inventory), ("file", ref.file),
                            ("folios", ref.folios)):
            if value:
                _el(_el(ident, "altIdentifier", {"type": kind}), "idno", {"type": kind}, value)
        phys = _el(ms, "physDesc")
        _el(phys, "p", {}, ref.description or ref.text)
    bibl = _el(source_desc, "bibl", {}, meta.source_edition or meta.title or meta.address)
    if meta.source_page:
        bibl.text = (bibl.text or "") + " "
        _el(bibl, "biblScope", {"unit": "page"}, meta.source_page)
    list_wit = _el(source_desc, "listWit")
    for info in meta.witnesses:
        label = info.description or info.siglum
        _el(list_wit, "witness", {XML_ID: witness_ids[info.siglum], "n": clean(info.siglum)}, label)
    if original:  # struck passages of the translation are the author's deletions in the original
        _el(list_wit, "witness", {XML_ID: ORIGINAL_ID, "n": "original"}, "the original document (not transcribed "
            "here), where the author struck the passages; known from the evidence given with each")
    enc = _el(header, "encodingDesc")
    decl = _el(enc, "editorialDecl")
    _el(decl, "p", {}, f"Struck text is encoded as del; the publication policy for struck text was {policy} "
        "(a variant-policy decision overrides it per variant). Square brackets of the printed edition are "
        "encoded as supplied, omissions as gap.")
    _el(enc, "variantEncoding", {"method": "parallel-segmentation", "location": "internal"})
    profile = _el(header, "profileDesc")
    usage = _el(profile, "langUsage")
    languages = [w.language for w in meta.witnesses]
    for lang in dict.fromkeys(languages):
        _el(usage, "language", {"ident": clean(lang)}, LANGUAGE_NAMES.get(lang, lang))
    if state.decisions or ed.draft:
        # a draft (export --draft of a document the publication gate refuses) says so here
        rev = _el(header, "revisionDesc", {"status": "draft"} if ed.draft else {})
        if not state.decisions:
            _el(rev, "change", {"status": "draft"}, "Exported as a draft: not reviewed for publication.")
        for d in reversed(state.decisions):  # TEI lists the latest change first
            attrs = {"who": f"#{authors[d.author]}", "n": clean(d.id), "type": clean(d.action)}
            if _DATETIME.match(d.time):
                attrs["when"] = d.time
            _el(rev, "change", attrs, _change_text(d))


def _app_type(variant: str) -> str:
    """``struck-passage``, or for a manuscript mark's note (``ru-autograph.p2.127.add``) ``mark-add``."""
    kind = variant.rsplit(".", 1)[-1]
    return f"mark-{kind}" if kind in PARTS else "struck-passage"


def _apparatus(body: etree._Element, meta: DocumentMeta, ed: Edition, seg_id: Callable[[str], str],
               inline: set[str]) -> None:
    """``div type="apparatus"``: the variants the text does not carry as an inline ``app`` (one
    representation per variant): an apparatus note whose words are not marked in the text (pointing
    at its English segment with ``@from``), then each variant of document.yaml with no note
    (unresolved)."""
    holder = etree.Element(f"{{{TEI_NS}}}listApp")
    covered: set[str] = set(inline)
    for entry in ed.apparatus:
        if entry.variant in covered:
            continue
        covered.add(entry.variant)
        attrs = {"n": entry.variant, "type": _app_type(entry.variant)}  # entries are clean (build.load_apparatus)
        if entry.anchor:
            attrs["from"] = f"#{seg_id(entry.anchor)}"
        app = _el(holder, "app", attrs)
        if entry.english:
            _el(app, "lem", {XML_LANG: clean(ed.english.language)}, entry.english)
        if entry.source_text:
            _el(app, "rdg", {XML_LANG: clean(ed.source.language)} if ed.source else {}, entry.source_text)
        _el(app, "note", {"type": entry.status} if entry.status else {}, entry.text)  # entries are clean
    for variant in meta.variants:
        if variant.id in covered:
            continue
        app = _el(holder, "app", {"n": clean(variant.id), "type": clean(variant.kind)})
        _el(app, "note", {"type": clean(variant.status)}, variant.description or f"{variant.kind} ({variant.status})")
    if len(holder):
        _el(body, "div", {"type": "apparatus"}).append(holder)


def _mt_of_edits(state: Alignment) -> dict[str, tuple[str, str]]:
    """Target segment → (its text as the MT witness reads, the author of the latest live edit of its
    link): what TEI keeps beside the edited English so that the MT is recoverable."""
    editor: dict[str, str] = {}
    for d in state.live_decisions:
        if d.action is Action.EDIT:
            editor[d.target] = d.author
    out: dict[str, tuple[str, str]] = {}
    for link_id, author in editor.items():
        if not state.has_link(link_id):
            continue
        for seg_id in state.link(link_id).target:
            out[seg_id] = (plain_text(state.segment(seg_id).text), author)
    return out


def render_tei(ed: Edition, meta: DocumentMeta, state: Alignment, policy: str) -> str:
    """The TEI document of one edition (``ed`` built with its source side; struck text unresolved)."""
    witness_ids = {w.siglum: ncname(f"wit-{w.siglum}") for w in meta.witnesses}
    authors = _authors(state.decisions)
    lang = ed.english.language or "en"
    root = _el(None, "TEI", {XML_LANG: clean(lang)})
    source_wit = witness_ids.get(state.source.siglum) if state.source is not None else None
    translated_struck = any(Mark.STRUCK in i.marks and i.variant for b in ed.english.blocks for p in b.pieces
                            for i in p.inlines)
    original = source_wit is None and translated_struck
    _header(root, meta, state, ed, policy, witness_ids, authors, original=original)
    by_id = {d.id: d for d in state.decisions}
    marks = {m.variant: (by_id[m.decision].author if m.decision in by_id else "", m.certainty, m.evidence)
             for m in struck_marks(state)}
    notes = {entry.variant: entry for entry in ed.apparatus}
    src_ctx = _Context(False, None, notes, marks)
    en_ctx = _Context(True, source_wit or (ORIGINAL_ID if original else None), notes, marks, _mt_of_edits(state))
    body = _el(_el(root, "text"), "body")
    src_writer = None
    if ed.source is not None:
        same = ed.source.language == lang
        src_writer = _SideWriter(ed.source, "src" if same or not ed.source.language else ed.source.language,
                                 witness_ids, authors, context=src_ctx)
        src_writer.div(body, "edition")
    same = ed.source is not None and ed.source.language == lang
    en_writer = _SideWriter(ed.english, "tgt" if same else lang, witness_ids, authors, title=ed.heading_title,
                            date=ed.date, when=ed.date_when, context=en_ctx)
    en_writer.div(body, "translation")
    _apparatus(body, meta, ed, en_writer.seg_id, en_writer.apps | (src_writer.apps if src_writer else set()))
    if src_writer is not None:
        links = [lk for lk in state.links if lk.source and lk.target]
        if links:
            grp = _el(body, "linkGrp", {"type": "translation"})
            for lk in links:
                targets = [f"#{src_writer.seg_id(s)}" for s in lk.source] + \
                    [f"#{en_writer.seg_id(t)}" for t in lk.target]
                attrs = {XML_ID: ncname(f"link-{lk.id}"), "n": clean(lk.id), "type": lk.status.value,
                         "target": " ".join(targets)}
                _el(grp, "link", attrs)
    indent(root, STRUCTURAL)
    return serialize(root)
