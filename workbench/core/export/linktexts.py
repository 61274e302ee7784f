"""Per-link texts and history in one pass over a document (the interchange formats work by link;
``Alignment.link`` and ``edition.link_english`` scan the whole state per call, too slow for 50,000)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from workbench.core.decisions import REVERT, touched_ids
from workbench.core.export.model import Block, Inline, Side
from workbench.core.export.policy import CLOSE_BRACKET, OPEN_BRACKET
from workbench.core.markup import Mark
from workbench.core.models import Alignment, Decision, Link


@dataclass(frozen=True)
class LinkTexts:
    """One link's texts: ``source``/``english`` in transcription markup (what PO carries),
    ``mt`` as received, and ``source_plain``/``english_plain`` as readers see them (TMX)."""

    link: Link
    source: str
    english: str
    mt: str
    source_plain: str
    english_plain: str
    notes: tuple[Decision, ...]
    last: Decision | None


def plain_piece(inlines: Iterable[Inline]) -> str:
    """Reading text: note references dropped, struck text between ⟦ ⟧, other marks dropped."""
    out = []
    for item in inlines:
        if item.note is not None:
            continue
        out.append(OPEN_BRACKET + item.text + CLOSE_BRACKET if Mark.STRUCK in item.marks else item.text)
    return "".join(out)


def _plain_by_segment(side: Side | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if side is None:
        return out
    blocks: list[Block] = list(side.blocks) + [b for n in side.notes for b in n.blocks]
    for block in blocks:
        for piece in block.pieces:
            if piece.segment:
                out[piece.segment] = plain_piece(piece.inlines).strip()
    return out


def _join(parts: Iterable[str]) -> str:
    return " ".join(p for p in parts if p)


def link_texts(state: Alignment, english: Side | None = None, source: Side | None = None) -> list[LinkTexts]:
    """Texts, editors' notes and the latest decision of every link, in reading order."""
    segs = state.segment_map()
    en_plain = _plain_by_segment(english)
    src_plain = _plain_by_segment(source)
    notes: dict[str, list[Decision]] = {}
    last: dict[str, Decision] = {}
    reverted = {d.data.get("reverts") for d in state.decisions if d.action == REVERT}
    for d in state.decisions:
        for target in touched_ids(d):
            last[target] = d
        if d.action == "note" and d.id not in reverted:  # as decisions.notes_for, for all links at once
            notes.setdefault(d.target, []).append(d)
    out = []
    for lk in state.links:
        src = _join(segs[s].text for s in lk.source if s in segs)
        eng = _join(state.edits.get(t, segs[t].text if t in segs else "") for t in lk.target)
        mt = _join(segs[t].text for t in lk.target if t in segs)
        out.append(LinkTexts(lk, src, eng, mt, _join(src_plain.get(s, "") for s in lk.source),
                             _join(en_plain.get(t, "") for t in lk.target), tuple(notes.get(lk.id, ())),
                             last.get(lk.id)))
    return out
