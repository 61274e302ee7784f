"""Building the :class:`~workbench.core.export.model.Edition` of one document.

The English comes from the alignment state (edits where editors made them, the
witness otherwise). Paragraphs that repeat the document's frame (addressee, place/date line,
signature, title, author) are recognised against ``document.yaml`` and given their role, so each
format prints them once, in the heading or at the foot, in their edited form. Section headings
inside the body come from the received layout (``<title>``/``<h1>`` around a paragraph).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from workbench.core.actions import Action
from workbench.core.apparatus import ApparatusNote, Basis, apparatus_bases, apparatus_notes
from workbench.core.decisions import Clock, make
from workbench.core.documents import DocumentMeta
from workbench.core.editors_notes import EditorsNote, editors_notes, find_anchor
from workbench.core.errors import MarkupError
from workbench.core.export.inline import StruckSpan, mark_words, markup_inlines, segment_inlines
from workbench.core.export.model import Block, Edition, EditionNote, Inline, SegmentPiece, WitnessLayout, plain_inlines
from workbench.core.export.style import DEFAULT_STYLE, HouseStyle
from workbench.core.export.xmltree import clean
from workbench.core.markup import Mark, RunIndex
from workbench.core.metadata import effective_meta
from workbench.core.models import Alignment, Segment, WitnessRef
from workbench.core.variant_decisions import DEFAULT_POLICY, StruckMark, decided_policy, struck_marks
from workbench.core.variants.layers import struck_passages

_HEADING_IN_LAYOUT = re.compile(r"<(h[1-6]|title|head)\b[^>]*>\{p:(\d+)\}</\1>")
_FLAT_MARKER = re.compile(r"\s\d{1,2}(?=\s*[.,;:]?$)")


@dataclass(frozen=True)
class ExportDocument:
    """What an export reads of one document: metadata, alignment state and witness texts."""

    meta: DocumentMeta
    state: Alignment
    witnesses: Mapping[str, str]

    @property
    def address(self) -> str:
        """``collection/doc``."""
        return self.meta.address


def frame_key(text: str) -> str:
    """A comparison key for frame lines: case and spacing ignored, and a note number the web copy
    flattened into the line (``Kharkiv 24/7 1``) dropped."""
    return " ".join(_FLAT_MARKER.sub("", " ".join(text.split())).split()).casefold()


def layout_headings(meta: DocumentMeta, siglum: str) -> frozenset[int]:
    """Paragraph numbers the received layout shows as headings (``<title>{p:2}</title>``, ``<h1>``)."""
    received = meta.received or {}
    layout: object = received.get("layout")
    witnesses = received.get("witnesses")
    if isinstance(witnesses, Mapping) and isinstance(witnesses.get(siglum), Mapping):
        layout = witnesses[siglum].get("layout")
    if not isinstance(layout, Sequence) or isinstance(layout, str):
        return frozenset()
    found = set()
    for line in layout:
        for match in _HEADING_IN_LAYOUT.finditer(str(line)):
            found.add(int(match.group(2)))
    return frozenset(found)


def _runs_if_current(text: str | None, ref: WitnessRef | None) -> RunIndex | None:
    """Witness runs, but only when the text is the one the alignment's offsets were taken from."""
    if text is None or ref is None or hashlib.sha256(text.encode("utf-8")).hexdigest() != ref.sha256:
        return None
    try:
        return RunIndex.of_text(text)
    except MarkupError:
        return None


def _pieces(segments: Sequence[Segment], edits: Mapping[str, str], link_of: Mapping[str, str],
            all_runs: RunIndex | None, marks: list[StruckMark], passages: Sequence[StruckSpan],
            findings: list[str]) -> list[SegmentPiece]:
    spans: list[StruckSpan] = [(m.start, m.end, m.variant) for m in marks] + list(passages)
    pieces = []
    for seg in segments:
        if seg.id in edits:
            inlines = markup_inlines(edits[seg.id])
            edited = True
        else:
            inlines = segment_inlines(seg, all_runs, spans)
            edited = False
        if edited or all_runs is None:
            for mark in marks:
                if mark.start < seg.end and mark.end > seg.start:
                    inlines, found = mark_words(inlines, mark.text, mark.variant)
                    if not found:
                        findings.append(f"variant {mark.variant}: the marked words “{mark.text}” are not in the "
                                        f"edited text of {seg.id}; they are published unmarked")
        pieces.append(SegmentPiece(seg.id, link_of.get(seg.id), inlines, edited))
    return pieces


def _blocks(pieces: list[SegmentPiece], segments: Sequence[Segment], headings: frozenset[int]) -> tuple[
        list[Block], dict[str, list[Block]]]:
    body: list[Block] = []
    notes: dict[str, list[Block]] = {}
    last: tuple[str | None, int] | None = None
    for piece, seg in zip(pieces, segments, strict=True):
        key = (seg.witness_note, seg.paragraph)
        target = body if seg.witness_note is None else notes.setdefault(seg.witness_note, [])
        if key == last and target:
            prev = target[-1]
            target[-1] = Block(prev.role, prev.paragraph, prev.pieces + (piece,))
        else:
            role = "heading" if seg.witness_note is None and seg.paragraph in headings else "body"
            target.append(Block(role, seg.paragraph, (piece,)))
        last = key
    return body, notes


def _note_refs(blocks: Sequence[Block]) -> list[str]:
    return [i.note_ref for b in blocks for p in b.pieces for i in p.inlines if i.note_ref is not None]


def _drop_unknown_refs(blocks: list[Block], known: set[str], findings: list[str]) -> list[Block]:
    """A reference to a note the witness lacks is printed as it was written (``[^3]``, literally: each
    format escapes it as text) and reported."""
    if all(ref in known for ref in _note_refs(blocks)):
        return blocks
    out = []
    for block in blocks:
        pieces = []
        for piece in block.pieces:
            inlines = []
            for item in piece.inlines:
                if item.note_ref is not None and item.note_ref not in known:
                    findings.append(f"{piece.segment}: a reference to a missing note, [^{item.note_ref}] (there is no "
                                    f"note {item.note_ref}); printed as written")
                    item = Inline(f"[^{item.note_ref}]", item.marks)
                inlines.append(item)
            pieces.append(SegmentPiece(piece.segment, piece.link, tuple(inlines), piece.edited))
        out.append(Block(block.role, block.paragraph, tuple(pieces)))
    return out


def _struck_groups(index: RunIndex) -> list[tuple[int, int, str]]:
    """Raw spans (``~~`` included) and reading texts of the struck passages of a witness's runs."""
    groups: list[tuple[int, int, list[str]]] = []
    for run in index.runs:
        if Mark.STRUCK not in run.marks:
            continue
        if groups and groups[-1][1] + 2 >= run.start and (groups[-1][1] == run.start):
            groups[-1] = (groups[-1][0], run.end, groups[-1][2] + [run.text])
        else:
            groups.append((run.start, run.end, [run.text]))
    return [(a - 2, b + 2, " ".join("".join(texts).split())) for a, b, texts in groups]


def passage_spans(siglum: str, text: str, index: RunIndex, known: Sequence[tuple[str, str]] | None) -> list[StruckSpan]:
    """The struck passages of a witness as (raw start, raw end, variant id).

    A ``~~passage~~`` is a variant with a stable id (``workbench.core.variants``), so its policy can be
    decided alone. The ids come from ``known`` (variant id, reading text) — what the apparatus
    already computed for this witness — when those match the witness's struck runs one for one;
    otherwise from ``struck_passages``, which segments the witness again to find them.
    """
    if "~~" not in text:
        return []
    mine = _struck_groups(index)
    if known is not None and len(known) == len(mine) and all(
            " ".join(reading.split()) == own for (_, reading), (_, _, own) in zip(known, mine, strict=True)):
        return [(start, end, variant) for (variant, _), (start, end, _) in zip(known, mine, strict=True)]
    return [(p.start, p.end, p.id) for p in struck_passages(siglum, text)]


def build_side(siglum: str, language: str, segments: Sequence[Segment], edits: Mapping[str, str],
               link_of: Mapping[str, str], text: str | None, ref: WitnessRef | None,
               marks: list[StruckMark], headings: frozenset[int], findings: list[str],
               known_passages: Sequence[tuple[str, str]] | None = None) -> WitnessLayout:
    """One witness laid out in blocks with its notes (notes in order of first reference)."""
    all_runs = _runs_if_current(text, ref)
    if text is not None and all_runs is None:
        findings.append(f"witness {siglum} changed since it was aligned (or does not parse): marks taken "
                        "from the segment texts")
    side_marks = [m for m in marks if m.witness == siglum]
    passages = passage_spans(siglum, text, all_runs, known_passages) if all_runs is not None and text else []
    pieces = _pieces(segments, edits, link_of, all_runs, side_marks, passages, findings)
    body, note_blocks = _blocks(pieces, segments, headings)
    known = set(note_blocks)
    body = _drop_unknown_refs(body, known, findings)
    note_blocks = {k: _drop_unknown_refs(v, known, findings) for k, v in note_blocks.items()}
    order: list[str] = []
    for label in _note_refs(body) + [r for blocks in note_blocks.values() for r in _note_refs(blocks)]:
        if label not in order:
            order.append(label)
    notes = [EditionNote(label, clean(label), "witness", tuple(note_blocks[label])) for label in order]
    for label, blocks in note_blocks.items():
        if label not in order:
            findings.append(f"note {label} of {siglum} has no reference in the text; it is listed after the text")
            notes.append(EditionNote(label, clean(label), "witness", tuple(blocks), referenced=False))
    return WitnessLayout(siglum, language, tuple(body), tuple(notes))


def paragraph_frame_roles(meta: DocumentMeta, texts: Sequence[str]) -> dict[int, str]:
    """Which paragraphs of an English witness (their received texts, in transcription markup) repeat the
    document's frame: the leading ones that match the addressee, the place line, the title or the author,
    and a last one that matches the signature. Index → role."""
    keys: dict[str, str] = {}
    for role, value in (("addressee", meta.addressee), ("place", meta.place_date)):
        for line in value.splitlines():
            if line.strip():
                keys[frame_key(line)] = role
    for role, value in (("title", meta.title), ("author", meta.author)):
        if value.strip():
            keys.setdefault(frame_key(value), role)
    flat = [frame_key(plain_inlines(markup_inlines(text))) for text in texts]
    roles: dict[int, str] = {}
    for index, key in enumerate(flat):
        found = keys.get(key)
        if found is None:
            break
        roles[index] = found
    if meta.signature.strip() and flat and len(flat) - 1 not in roles and flat[-1] == frame_key(meta.signature):
        roles[len(flat) - 1] = "signature"
    return roles


def _frame_roles(blocks: list[Block], meta: DocumentMeta, segments: Mapping[str, Segment]) -> list[Block]:
    """Give the leading frame paragraphs (addressee, place, title, author) and the signature their role.

    Matching uses the text as received (the edit may differ), so an edited addressee stays one."""
    def received(block: Block) -> str:
        seg_texts = []
        for piece in block.pieces:
            seg = segments.get(piece.segment)
            seg_texts.append(seg.text if seg else "")
        return " ".join(seg_texts)

    out = list(blocks)
    body = [k for k, b in enumerate(out) if b.role in ("body", "heading")]
    roles = paragraph_frame_roles(meta, [received(out[k]) for k in body])
    for position, role in roles.items():
        index = body[position]
        out[index] = Block(role, out[index].paragraph, out[index].pieces)
    present = {b.role for b in out}
    head: list[Block] = []
    foot: list[Block] = []
    for role, value in (("addressee", meta.addressee), ("place", meta.place_date), ("signature", meta.signature)):
        if value.strip() and role not in present:  # the frame is in document.yaml only: print it from there
            block = Block(role, -1, (SegmentPiece("", None, (Inline(" ".join(value.split())),)),))
            (foot if role == "signature" else head).append(block)
    return head + out + foot


@dataclass(frozen=True)
class ApparatusResult:
    """The apparatus of a document: its notes, and per variant the English segments that translate a
    whole passage crossed out in a source witness (the policy then applies to that English)."""

    entries: tuple[ApparatusNote, ...]
    struck_english: Mapping[str, str]  # target segment id → variant id
    passages: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # siglum → (id, text)


def _fixed_clock(decision_id: str) -> Clock:
    return Clock(new_id=lambda: decision_id, now=lambda: "")


def _with_default_policy(meta: DocumentMeta, state: Alignment, witnesses: Mapping[str, str],
                         default: str) -> tuple[Alignment, list[Basis]]:
    """The apparatus reads each variant's policy from the decisions (default ``note``); for a run with
    another default, variants without an editor's choice get it as a transient decision, never
    recorded, so the notes speak of the policy the export applies."""
    bases = apparatus_bases(meta, state, witnesses)
    if default == DEFAULT_POLICY:
        return state, bases
    extra = tuple(make(Action.VARIANT_POLICY, b.variant, "workbench export", after=default,
                       clock=_fixed_clock(f"D-export-{b.variant}"))
                  for b in bases if decided_policy(state, b.variant) is None)
    return (state.with_changes(decisions=state.decisions + extra) if extra else state), bases


def load_apparatus(meta: DocumentMeta, state: Alignment, witnesses: Mapping[str, str],
                   default: str = DEFAULT_POLICY) -> ApparatusResult:
    """The English apparatus of a document and what the layout needs to place it."""
    # The apparatus speaks only of passages crossed out in a witness (~~) and of variants whose words
    # an editor marked; without either there is nothing to ask it (and asking parses every witness).
    if not any("~~" in text for text in witnesses.values()) and not any(
            d.action is Action.VARIANT_MARK for d in state.decisions):
        return ApparatusResult((), {})
    seen_state, bases = _with_default_policy(meta, state, witnesses, default)
    notes = apparatus_notes(meta, seen_state, witnesses, bases) if bases else []
    entries = tuple(ApparatusNote(clean(n.variant), n.anchor, clean(n.text), n.status, clean(n.source_text),
                                  clean(n.english)) for n in notes)
    target = state.target.siglum
    struck = {t: b.variant for b in bases if b.whole and b.witness != target and not b.description for t in b.targets}
    passages: dict[str, list[tuple[str, str]]] = {}
    for b in bases:
        if b.marked is None and not b.description:  # a ~~passage~~ of the witness, not marked words or a mark
            passages.setdefault(b.witness, []).append((b.variant, b.source_text))
    return ApparatusResult(entries, struck, {k: tuple(v) for k, v in passages.items()})


def _strike_whole(side: WitnessLayout, struck: Mapping[str, str]) -> WitnessLayout:
    """Mark the English of whole struck source passages as struck, naming the variant."""
    def piece(p: SegmentPiece) -> SegmentPiece:
        variant = struck.get(p.segment)
        if variant is None:
            return p
        inlines = tuple(i if i.note_ref is not None
                        else Inline(i.text, i.marks | {Mark.STRUCK}, None, i.variant or variant) for i in p.inlines)
        return SegmentPiece(p.segment, p.link, inlines, p.edited)

    return _map_pieces(side, piece)


def _map_pieces(side: WitnessLayout, fn: Callable[[SegmentPiece], SegmentPiece]) -> WitnessLayout:
    def blocks(items: tuple[Block, ...]) -> tuple[Block, ...]:
        return tuple(Block(b.role, b.paragraph, tuple(fn(p) for p in b.pieces)) for b in items)

    notes = tuple(replace(n, blocks=blocks(n.blocks)) for n in side.notes)
    return WitnessLayout(side.siglum, side.language, blocks(side.blocks), notes)


def _place_apparatus(side: WitnessLayout, entries: tuple[ApparatusNote, ...]) -> tuple[WitnessLayout, frozenset[str]]:
    """Attach each apparatus note as a note at the end of its anchor segment."""
    by_anchor: dict[str, list[ApparatusNote]] = {}
    for entry in entries:
        if entry.anchor and entry.text:
            by_anchor.setdefault(entry.anchor, []).append(entry)
    placed: set[str] = set()
    taken = {n.key for n in side.notes}

    def key_of(entry: ApparatusNote) -> str:
        return f"apparatus-{entry.variant}"

    def piece(p: SegmentPiece) -> SegmentPiece:
        found = by_anchor.get(p.segment)
        if not found:
            return p
        placed.update(e.variant for e in found)
        refs = tuple(Inline("", frozenset(), key_of(e)) for e in found if key_of(e) not in taken)
        return SegmentPiece(p.segment, p.link, p.inlines + refs, p.edited)

    side = _map_pieces(side, piece)
    notes = list(side.notes)
    for entry in entries:
        if entry.variant in placed and key_of(entry) not in taken:
            text = tuple(i for i in markup_inlines(entry.text) if i.note_ref is None)
            notes.append(EditionNote(key_of(entry), entry.variant, "apparatus",
                                     (Block("body", 0, (SegmentPiece("", None, text),)),)))
    return WitnessLayout(side.siglum, side.language, side.blocks, tuple(notes)), frozenset(placed)


def _insert_ref(inlines: tuple[Inline, ...], offset: int, key: str) -> tuple[Inline, ...]:
    """A note reference put after ``offset`` characters of the inlines' text."""
    out: list[Inline] = []
    pos = 0
    placed = False
    for item in inlines:
        size = len(item.text)
        if not placed and item.note_ref is None and pos < offset < pos + size:
            cut = offset - pos
            out += [Inline(item.text[:cut], item.marks, None, item.variant), Inline("", frozenset(), key),
                    Inline(item.text[cut:], item.marks, None, item.variant)]
            placed = True
        else:
            out.append(item)
            if not placed and item.note_ref is None and size and pos + size == offset:
                out.append(Inline("", frozenset(), key))
                placed = True
        pos += size
    if not placed:
        out.append(Inline("", frozenset(), key))
    return tuple(out)


def _all_pieces(side: WitnessLayout) -> list[SegmentPiece]:
    return [p for b in side.blocks for p in b.pieces] + [p for n in side.notes for b in n.blocks for p in b.pieces]


def _place_editors_notes(side: WitnessLayout, notes: Sequence[EditorsNote], findings: list[str],
                         problems: list[str]) -> WitnessLayout:
    """Hang each editors' note on the first occurrence of its anchor in its link's English."""
    if not notes:
        return side
    by_link: dict[str, list[SegmentPiece]] = {}
    for piece in _all_pieces(side):
        if piece.link is not None and piece.segment:
            by_link.setdefault(piece.link, []).append(piece)
    wanted: dict[str, list[tuple[int, str]]] = {}  # segment id → (offset, note key)
    extra: list[EditionNote] = []
    for note in notes:
        pieces = by_link.get(note.link, [])
        texts = [plain_inlines(p.inlines) for p in pieces]
        found = find_anchor(" ".join(texts), note.anchor)
        if found is None:
            message = (f"editors' note {note.id} on {note.link}: its words “{note.anchor}” are not in the English of "
                       f"{note.link} any more; anchor it again (workbench decide DOC {note.link} annotate --note-id "
                       f"{note.id} --anchor …)")
            findings.append(message)
            problems.append(message)
            body = tuple(i for i in markup_inlines(note.text) if i.note_ref is None)
            extra.append(EditionNote(f"editor-{note.id}", note.id, "editor", (Block("body", 0, (SegmentPiece(
                "", None, body),)),), referenced=False, author=note.author, subtype=note.kind))
            continue
        end = found[1]
        for piece, text in zip(pieces, texts, strict=True):
            if end <= len(text):
                wanted.setdefault(piece.segment, []).append((end, f"editor-{note.id}"))
                break
            end -= len(text) + 1
        body = tuple(i for i in markup_inlines(note.text) if i.note_ref is None)
        extra.append(EditionNote(f"editor-{note.id}", note.id, "editor", (Block("body", 0, (SegmentPiece(
            "", None, body),)),), author=note.author, subtype=note.kind))

    def with_refs(p: SegmentPiece) -> SegmentPiece:
        refs = wanted.get(p.segment)
        if not refs:
            return p
        inlines = p.inlines
        for offset, key in sorted(refs, key=lambda r: -r[0]):
            inlines = _insert_ref(inlines, offset, key)
        return SegmentPiece(p.segment, p.link, inlines, p.edited)

    side = _map_pieces(side, with_refs)
    return WitnessLayout(side.siglum, side.language, side.blocks, side.notes + tuple(extra))


def _anchor_notes_of_variants(side: WitnessLayout, meta: DocumentMeta, marks: Sequence[StruckMark]) -> WitnessLayout:
    """A witness note nothing refers to that speaks of a variant an editor has since marked (No. 92's
    note 1: "Text in italics was crossed out …", variant V1) hangs on the marked words' end."""
    loose = {n.key for n in side.notes if not n.referenced}
    marked = {m.variant for m in marks if m.witness == side.siglum}
    wanted = {v.id: v.witness_note for v in meta.variants
              if v.witness == side.siglum and v.witness_note in loose and v.id in marked}
    if not wanted:
        return side
    last: dict[str, str] = {}  # variant → the last segment holding its words
    for piece in _all_pieces(side):
        for item in piece.inlines:
            if item.variant in wanted:
                last[item.variant] = piece.segment
    done: set[str] = set()

    def with_ref(p: SegmentPiece) -> SegmentPiece:
        variants = [v for v, seg in last.items() if seg == p.segment and p.segment]
        if not variants:
            return p
        inlines = list(p.inlines)
        for variant in variants:
            at = max(k for k, i in enumerate(inlines) if i.variant == variant)
            inlines.insert(at + 1, Inline("", frozenset(), wanted[variant]))
            done.add(str(wanted[variant]))
        return SegmentPiece(p.segment, p.link, tuple(inlines), p.edited)

    side = _map_pieces(side, with_ref)
    notes = tuple(replace(n, referenced=True) if n.key in done else n for n in side.notes)
    referenced = tuple(n for n in notes if n.referenced)
    return WitnessLayout(side.siglum, side.language, side.blocks,
                         referenced + tuple(n for n in notes if not n.referenced))


def _drop_placed_findings(side: WitnessLayout, findings: list[str]) -> None:
    """Forget "no reference" findings of notes :func:`_anchor_notes_of_variants` has since placed."""
    placed = {f"note {n.label} of {side.siglum} has no reference in the text; it is listed after the text"
              for n in side.notes if n.referenced and n.kind == "witness"}
    findings[:] = [f for f in findings if f not in placed]


def build_raw(doc: ExportDocument, *, default_policy: str = DEFAULT_POLICY, with_source: bool = True,
              with_apparatus: bool = True, style: HouseStyle = DEFAULT_STYLE) -> tuple[Edition, ApparatusResult | None]:
    """The edition as the witnesses and decisions give it (struck text marked, apparatus listed
    apart) and the apparatus result it was built with."""
    state = doc.state
    meta = effective_meta(doc.meta, state)
    findings: list[str] = []
    problems: list[str] = []
    marks = struck_marks(state)
    result = load_apparatus(meta, state, doc.witnesses, default_policy) if with_apparatus else None
    known = result.passages if result is not None else {}
    link_of = {t: lk.id for lk in state.links for t in lk.target}
    edits = state.edits
    english = build_side(state.target.siglum, state.target.language, state.target_segments, edits, link_of,
                         doc.witnesses.get(state.target.siglum), state.target, marks,
                         layout_headings(meta, state.target.siglum), findings, known.get(state.target.siglum))
    english = _anchor_notes_of_variants(english, meta, marks)
    _drop_placed_findings(english, findings)
    english = WitnessLayout(english.siglum, english.language,
                            tuple(_frame_roles(list(english.blocks), meta, state.segment_map())), english.notes)
    english = _place_editors_notes(english, editors_notes(state), findings, problems)
    for note in english.notes:
        if not note.referenced and note.kind == "witness":
            problems.append(f"note {note.label} of the {english.siglum} witness has no reference in the text; place "
                            f"its marker (an edit with [^{note.label}], or resolve the variant it speaks of)")
    problems += [f for f in findings if "a reference to a missing note" in f]
    source = None
    if with_source and state.source is not None:
        src_link = {s: lk.id for lk in state.links for s in lk.source}
        source = build_side(state.source.siglum, state.source.language, state.source_segments, {}, src_link,
                            doc.witnesses.get(state.source.siglum), state.source, marks,
                            layout_headings(meta, state.source.siglum), findings, known.get(state.source.siglum))
        source = _anchor_notes_of_variants(source, meta, marks)
        _drop_placed_findings(source, findings)
    apparatus = result.entries if result is not None else ()
    ref = meta.archival_reference.text if meta.archival_reference else ""
    raw = Edition(meta.address, clean(meta.number), clean(meta.title), clean(meta.date), clean(meta.author), clean(ref),
                  clean(meta.source_edition), english, source, apparatus, None, tuple(findings),
                  date_when=clean(meta.date_when), source_page=clean(meta.source_page), problems=tuple(problems),
                  style=style, editors=tuple(dict.fromkeys(clean(d.author) for d in state.decisions if d.author)))
    return raw, result


def publication_view(raw: Edition, result: ApparatusResult | None) -> Edition:
    """The edition for reading: the English of whole passages struck in a source witness marked
    struck (so the policy applies to it) and the apparatus notes attached to their segments."""
    if result is None:
        return raw
    english = _strike_whole(raw.english, result.struck_english)
    english, placed = _place_apparatus(english, result.entries)
    return replace(raw, english=english, apparatus_placed=placed)


def build_edition(doc: ExportDocument, *, default_policy: str = DEFAULT_POLICY, with_source: bool = True,
                  with_apparatus: bool = True, publication: bool = True, style: HouseStyle = DEFAULT_STYLE) -> Edition:
    """The edition of one document, struck text still marked (apply a policy before printing).

    With ``publication`` it is the :func:`publication_view`; TEI (``publication=False``) keeps the
    English as it is and lists the apparatus apart.
    """
    raw, result = build_raw(doc, default_policy=default_policy, with_source=with_source,
                            with_apparatus=with_apparatus, style=style)
    return publication_view(raw, result) if publication else raw
