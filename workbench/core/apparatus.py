"""The English apparatus: reader's notes generated from the source-side variants.

For each passage crossed out in a source-language witness (``~~…~~``), and for each variant whose
words an editor marked (``variant-mark``, e.g. No. 92's ``V1``), the apparatus says in English what
the witness shows, by the passage's publication policy (``variant-policy``, default ``note``):

* ``note`` — "In the autograph the following passage is crossed out: ‘…’", quoting the English of
  the passage, which the running text then leaves out; the note attaches to the English segment
  before the passage (the one after it when the passage opens the text);
* ``strike`` / ``bracket`` — a short note that the struck-through (or ⟦ ⟧) passage is crossed out
  in the witness, attached to the passage's first English segment;
* ``omit`` — no note.

The witness is named as its sigla and description say ("the autograph", "the 1996 edition"); words
marked in the English witness (No. 92) are "in the original", since a translation cannot show a
deletion itself. The evidence a ``variant-mark`` recorded follows the name: "crossed out in the
original (evidence: 1996 ed., p. 148)".

The English of a passage comes from the alignment: the links of the source segments the passage
covers, with the editors' edits (the edition). A passage in another witness of the source's
language is first collated with the aligned source; words the source lacks are found in the
English-only (0-1) links at that place. When a passage covers only part of a sentence, its English
cannot be told apart from the rest without guessing: the note then quotes the Russian and says so,
and an editor can word it (``variant-note``).

Notes stay in sync: the text is generated afresh from the current witnesses and English each time,
and a note an editor chose a policy or a wording for is flagged ``stale`` when the passage or its
English is no longer what they were when the decision was made (the decision keeps their hashes).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from workbench.core.actions import Action
from workbench.core.documents import DocumentMeta
from workbench.core.errors import MarkupError
from workbench.core.markup import Mark, Transcription, has_manuscript_marks, parse_inline, runs, runs_in, runs_of
from workbench.core.models import Alignment, Link, Segment
from workbench.core.segments import paragraphs
from workbench.core.variant_decisions import latest, policy_for, struck_marks
from workbench.core.variants.collate import collate
from workbench.core.variants.layers import BEFORE, struck_passages, text_of
from workbench.core.variants.marks import mark_notes, witness_phrase
from workbench.core.variants.normalise import Normalisation
from workbench.core.variants.tokens import layer_tokens

CURRENT = "current"
STALE = "stale"


@dataclass(frozen=True)
class ApparatusNote:
    """One English reader's note.

    ``anchor`` is the target segment id the note attaches to (None when the document has no
    English to attach it to); ``source_text`` is the passage as the source witness reads;
    ``english`` is its English from the aligned edition (empty when it cannot be told).
    """

    variant: str
    anchor: str | None
    text: str
    status: str
    source_text: str
    english: str


@dataclass(frozen=True)
class Basis:
    """What a note is generated from: the passage, its English and the English segments holding it.

    ``whole`` is True when the English is exactly the passage's (whole sentences); ``targets`` are
    the target segments of that English, or of the sentence around a partial passage.
    """

    variant: str
    witness: str
    phrase: str
    source_text: str
    english: str
    targets: tuple[str, ...]
    whole: bool
    after: str | None  # the last target segment before the passage, for the anchor of a note
    following: str | None
    marked: str | None = None  # a variant-mark's recorded words, to notice when the witness moved
    evidence: str = ""  # what the editor who marked the words saw them in ("1996 ed., p. 148")
    description: str = ""  # a manuscript mark's note (core/mark_notes.py): what the witness shows there


def fingerprint(text: str) -> str:
    """A short hash of a text, as decisions record it."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def basis_data(basis: Basis) -> dict[str, str]:
    """The decision data that lets a note be checked for staleness later."""
    return {"source_sha": fingerprint(basis.source_text), "english_sha": fingerprint(basis.english)}


# ------------------------------------------------------------------------------------- witnesses




#: How a note names the document's original when the words were marked in a translation (No. 92's
#: English): the English witness only shows where the words are, and the recorded evidence — not
#: the archival description — says what was crossed out, so no particular witness is named.
ORIGINAL = "the original"


def source_language(meta: DocumentMeta) -> set[str]:
    """The languages of the source side: the source's, or (source pending) every one but the target's."""
    langs = {w.siglum: w.language for w in meta.witnesses}
    if not meta.source_pending and meta.source in langs:
        return {langs[meta.source]}
    target = langs.get(meta.target)
    return {lang for lang in langs.values() if lang != target}


# --------------------------------------------------------------------------------------- English


def _alnum_outside(text: str, seg: Segment, start: int, end: int) -> bool:
    """True when the segment has words outside the raw span ``[start, end)``."""
    all_runs = runs_of(text)
    outside = runs_in(all_runs, seg.start, max(seg.start, start)) + runs_in(all_runs, min(seg.end, end), seg.end)
    return any(ch.isalnum() for r in outside if Mark.NOTE_REF not in r.marks for ch in r.text)


def _struck_english(state: Alignment, targets: tuple[str, ...]) -> str:
    """The struck words of the English itself, when the translator marked them too."""
    segs = state.segment_map()
    parts = []
    for tid in targets:
        if tid in segs:
            english = state.segment_english(tid)
            try:
                nodes = parse_inline(english)
            except MarkupError:  # an edit that is not valid markup has no marks to read
                continue
            struck = [r.text for r in runs(Transcription(nodes, ())) if Mark.STRUCK in r.marks]
            parts.extend(struck)
    return " ".join(" ".join(parts).split())


def _neighbours(state: Alignment, first: int | None, last: int | None) -> tuple[str | None, str | None]:
    """The target segment before link index ``first`` and after link index ``last``."""
    before = next((lk.target[-1] for lk in reversed(state.links[:first or 0]) if lk.target), None) \
        if first is not None else None
    after = next((lk.target[0] for lk in state.links[(last + 1 if last is not None else 0):] if lk.target), None)
    return before, after


def _english_of_span(state: Alignment, text: str, start: int, end: int
                     ) -> tuple[str, tuple[str, ...], bool, str | None, str | None]:
    """English of a raw span of the aligned source: (english, targets, whole, before, after)."""
    segs = [s for s in state.source_segments if s.start < end and start < s.end]
    ids = {s.id for s in segs}
    positions = [k for k, lk in enumerate(state.links) if ids & set(lk.source)]
    if not positions:
        return "", (), False, None, None
    links = [state.links[k] for k in positions]
    targets = tuple(t for lk in links for t in lk.target)
    before, after = _neighbours(state, positions[0], positions[-1])
    whole = all(not _alnum_outside(text, s, start, end) for s in segs) and all(set(lk.source) <= ids for lk in links)
    if whole:
        return " ".join(e for e in (state.english(lk) for lk in links) if e), targets, True, before, after
    return _struck_english(state, targets), targets, False, before, after


def _english_at_gap(state: Alignment, gap: int) -> tuple[str, tuple[str, ...], bool, str | None, str | None]:
    """English the source lacks at raw position ``gap``: the English-only links there."""
    segs = {s.id: s for s in state.source_segments}
    prev = max((k for k, lk in enumerate(state.links)
                if lk.source and lk.source[-1] in segs and segs[lk.source[-1]].end <= gap), default=-1)
    nxt = next((k for k, lk in enumerate(state.links) if k > prev and lk.source), len(state.links))
    extra: list[Link] = [lk for lk in state.links[prev + 1:nxt] if not lk.source]
    if not extra:
        before, after = _neighbours(state, prev + 1, prev)
        return "", (), False, before, after
    before, after = _neighbours(state, prev + 1, nxt - 1)
    english = " ".join(e for e in (state.english(lk) for lk in extra) if e)
    return english, tuple(t for lk in extra for t in lk.target), True, before, after


def _passage_basis(meta: DocumentMeta, state: Alignment, witnesses: Mapping[str, str], variant: str,
                   siglum: str, start: int, end: int, source_text: str, marked: str | None = None) -> Basis:
    phrase = witness_phrase(meta, siglum)
    empty = Basis(variant, siglum, phrase, source_text, "", (), False, None, None, marked)
    source = state.source.siglum if state.source is not None else None
    if source is None or source not in witnesses:
        return empty
    if siglum == source:
        found = _english_of_span(state, witnesses[source], start, end)
    else:
        if meta.witness(siglum).language != meta.witness(source).language:
            return empty
        lang = meta.witness(source).language
        text = witnesses[siglum]
        layers = [layer_tokens(siglum, text, lang, BEFORE), layer_tokens(source, witnesses[source], lang)]
        coll = collate(layers, {siglum: paragraphs(text), source: paragraphs(witnesses[source])}, (),
                       Normalisation())
        lo, hi = coll.span_in(source, start, end)
        found = (_english_of_span(state, witnesses[source], lo, hi) if lo < hi
                 else _english_at_gap(state, lo))
    english, targets, whole, before, after = found
    return Basis(variant, siglum, phrase, source_text, english, targets, whole, before, after, marked)


def _target_basis(meta: DocumentMeta, state: Alignment, witnesses: Mapping[str, str], variant: str, start: int,
                  end: int, marked: str, evidence: str = "") -> Basis:
    """A variant marked in the English witness itself (No. 92: the English lost the italics)."""
    text = witnesses[meta.target]
    segs = [s for s in state.target_segments if s.start < end and start < s.end]
    targets = tuple(s.id for s in segs)
    whole = bool(segs) and all(not _alnum_outside(text, s, start, end) for s in segs)
    english = (" ".join(state.segment_english(s.id) for s in segs) if whole
               else " ".join(text_of(text, start, end).split()))
    order = [s.id for s in state.target_segments]
    first = order.index(targets[0]) if targets else None
    before = order[first - 1] if first else None
    after = order[order.index(targets[-1]) + 1] if targets and order.index(targets[-1]) + 1 < len(order) else None
    return Basis(variant, meta.target, ORIGINAL, "", english, targets, whole, before, after, marked, evidence)


def apparatus_bases(meta: DocumentMeta, state: Alignment, witnesses: Mapping[str, str]) -> list[Basis]:
    """The passages the apparatus speaks of, with their English, in document order."""
    langs = source_language(meta)
    out: list[Basis] = []
    marks = {m.variant: m for m in struck_marks(state)}
    for info in meta.witnesses:
        if info.language not in langs or info.siglum not in witnesses:
            continue
        for passage in struck_passages(info.siglum, witnesses[info.siglum]):
            if passage.id in marks or _in_substitution(witnesses[info.siglum], passage.start, passage.end):
                continue
            out.append(_passage_basis(meta, state, witnesses, passage.id, info.siglum, passage.start, passage.end,
                                      passage.text))
    out.extend(_mark_bases(meta, state, witnesses))
    for variant, mark in marks.items():
        if mark.witness not in witnesses:
            continue
        text = witnesses[mark.witness]
        if mark.witness == meta.target:
            out.append(_target_basis(meta, state, witnesses, variant, mark.start, mark.end, mark.text,
                                     mark.evidence))
        elif meta.witness(mark.witness).language in langs:
            current = " ".join(text_of(text, mark.start, mark.end).split())
            out.append(replace(_passage_basis(meta, state, witnesses, variant, mark.witness, mark.start, mark.end,
                                              current, mark.text), evidence=mark.evidence))
    return out


def _in_substitution(text: str, start: int, end: int) -> bool:
    """True when a crossed-out passage is a substitution's first part (its own mark note says so)."""
    return any(Mark.REPLACED in r.marks for r in runs_in(runs_of(text), start, end))


def _mark_bases(meta: DocumentMeta, state: Alignment, witnesses: Mapping[str, str]) -> list[Basis]:
    """One basis per manuscript mark of the aligned source witness (``core/mark_notes.py``)."""
    source = state.source.siglum if state.source is not None else None
    if source is None or source not in witnesses or not has_manuscript_marks(witnesses[source]):
        return []
    text = witnesses[source]
    out = []
    for note in mark_notes(source, text, witness_phrase(meta, source)):
        english, targets, whole, before, after = _english_of_span(state, text, note.start, note.end)
        out.append(Basis(note.id, source, witness_phrase(meta, source), note.source_text, english if whole else "",
                         targets, whole, before, after, description=note.text))
    return out


def basis_for(meta: DocumentMeta, state: Alignment, witnesses: Mapping[str, str], variant: str) -> Basis | None:
    """The basis of one variant's note, or None when the apparatus does not speak of it."""
    return next((b for b in apparatus_bases(meta, state, witnesses) if b.variant == variant), None)


# ----------------------------------------------------------------------------------------- notes


_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])")


def quote(words: str) -> str:
    """Words as a note quotes them: spaces squeezed, none before punctuation ("in my opinion ." → "in my
    opinion."), no punctuation dangling at the start."""
    flat = _SPACE_BEFORE_STOP.sub(r"\1", " ".join(words.split()))
    return flat.lstrip(".,;:!? ")


def note_text(basis: Basis, policy: str) -> str:
    """The generated English of a note under a policy (empty for ``omit``); the evidence of marked
    words follows the witness's name: "crossed out in the original (evidence: 1996 ed., p. 148)"."""
    if policy == "omit":
        return ""
    if basis.description:
        return basis.description
    evidence = f" (evidence: {' '.join(basis.evidence.split())})" if basis.evidence.strip() else ""
    if policy == "strike":
        return f"The passage struck through here is crossed out in {basis.phrase}{evidence}."
    if policy == "bracket":
        return f"The passage in ⟦ ⟧ is crossed out in {basis.phrase}{evidence}."
    if basis.english:
        return f"In {basis.phrase} the following passage is crossed out{evidence}: ‘{quote(basis.english)}’"
    return (f"In {basis.phrase} the following passage is crossed out{evidence}: «{quote(basis.source_text)}» "
            "(its English is not aligned yet)")


def _anchor(basis: Basis, policy: str) -> str | None:
    if basis.description:  # a mark's note belongs to the sentence the mark is in
        return basis.targets[0] if basis.targets else basis.after or basis.following
    if policy == "note" and basis.whole:
        return basis.after or basis.following
    if basis.targets:
        return basis.targets[0]
    return basis.after or basis.following


def _status(state: Alignment, basis: Basis, witnesses: Mapping[str, str]) -> str:
    current = basis_data(basis)
    for action in (Action.VARIANT_POLICY, Action.VARIANT_WORDING):
        decision = latest(state, basis.variant, action)
        if decision is None:
            continue
        judged = decision.data.fields()
        for key, value in current.items():
            if key in judged and judged[key] != value:
                return STALE
    if basis.marked is not None:
        mark = next(m for m in struck_marks(state) if m.variant == basis.variant)
        now = " ".join(text_of(witnesses[mark.witness], mark.start, mark.end).split())
        if now != " ".join(basis.marked.split()):
            return STALE
    return CURRENT


def apparatus_notes(meta: DocumentMeta, state: Alignment, witnesses: Mapping[str, str],
                    bases: list[Basis] | None = None) -> list[ApparatusNote]:
    """The English reader's notes of a document, in the order of the English they attach to.

    ``witnesses`` maps each siglum to its witness text (the files as they are now); ``bases``, when
    the caller already has them from :func:`apparatus_bases` for the same document, saves finding
    the passages again.
    """
    order = {s.id: k for k, s in enumerate(state.target_segments)}
    notes: list[ApparatusNote] = []
    for basis in apparatus_bases(meta, state, witnesses) if bases is None else bases:
        policy = policy_for(state, basis.variant)
        if policy == "omit":
            continue
        wording = latest(state, basis.variant, Action.VARIANT_WORDING)
        text = wording.after if wording is not None and wording.after else note_text(basis, policy)
        notes.append(ApparatusNote(basis.variant, _anchor(basis, policy), text, _status(state, basis, witnesses),
                                   basis.source_text, basis.english))
    notes.sort(key=lambda n: (order.get(n.anchor or "", len(order)), n.variant))
    return notes


__all__ = ["ApparatusNote", "Basis", "apparatus_bases", "apparatus_notes", "basis_data", "basis_for",
           "fingerprint", "note_text", "witness_phrase"]
