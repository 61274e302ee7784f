"""Per-link texts and history in one pass over a document: what the interchange formats (PO, TMX)
carry for each link."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.core.actions import Action
from workbench.core.export.model import Block, Inline, WitnessLayout
from workbench.core.export.policy import CLOSE_BRACKET, OPEN_BRACKET
from workbench.core.markup import Mark
from workbench.core.models import Alignment, Decision, Link, touched_ids


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
    comments: tuple[Decision, ...]
    last: Decision | None


def plain_piece(inlines: Iterable[Inline]) -> str:
    """Reading text: note references dropped, struck text between ⟦ ⟧, other marks dropped."""
    out = []
    for item in inlines:
        if item.note_ref is not None:
            continue
        out.append(OPEN_BRACKET + item.text + CLOSE_BRACKET if Mark.STRUCK in item.marks else item.text)
    return "".join(out)


def _plain_by_segment(layout: WitnessLayout | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if layout is None:
        return out
    blocks: list[Block] = list(layout.blocks) + [b for n in layout.notes for b in n.blocks]
    for block in blocks:
        for piece in block.pieces:
            if piece.segment:
                out[piece.segment] = plain_piece(piece.inlines).strip()
    return out


def _join(parts: Iterable[str]) -> str:
    return " ".join(p for p in parts if p)


def link_texts(state: Alignment, english: WitnessLayout | None = None,
               source: WitnessLayout | None = None) -> list[LinkTexts]:
    """Texts, editors' comments and the latest decision of every link, in reading order."""
    en_plain = _plain_by_segment(english)
    src_plain = _plain_by_segment(source)
    comments: dict[str, list[Decision]] = {}
    last: dict[str, Decision] = {}
    for d in state.decisions:
        for target in touched_ids(d):
            last[target] = d
    for d in state.live_decisions:
        if d.action is Action.COMMENT:
            comments.setdefault(d.target, []).append(d)
    return [LinkTexts(lk, state.source_text(lk), state.english(lk), state.mt(lk),
                      _join(src_plain.get(s, "") for s in lk.source), _join(en_plain.get(t, "") for t in lk.target),
                      tuple(comments.get(lk.id, ())), last.get(lk.id))
            for lk in state.links]
