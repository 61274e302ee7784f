"""The struck-text policy: how a passage crossed out in the witness is published.

``omit`` leaves it out; ``strike`` prints it struck through; ``bracket`` prints it between ⟦ ⟧ (the
Leiden sign for an author's deletion); ``note`` leaves it out of the text and puts it in a note at
that place. The command line sets the default; a ``variant-policy`` decision on a variant overrides
it for that variant's words (``variant-mark``, or the English of a passage crossed out in a source
witness). Struck text the English itself carries (``~~…~~``) that no variant names follows the
default. Where the apparatus already has a note for the variant at that place, ``note`` uses it
instead of making a second one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from workbench.core.apparatus import quote
from workbench.core.errors import InputError
from workbench.core.export.model import Block, Edition, EditionNote, Inline, SegmentPiece, WitnessLayout
from workbench.core.markup import Mark
from workbench.core.models import Alignment
from workbench.core.variant_decisions import POLICIES, StruckMark, policy_for, struck_marks

OPEN_BRACKET, CLOSE_BRACKET = "⟦", "⟧"


def check_policy(value: str) -> str:
    """A policy name from the command line; ``InputError`` names the choices."""
    if value not in POLICIES:
        raise InputError(f"unknown struck-text policy {value!r}: use one of {', '.join(POLICIES)}")
    return value


def policy_lookup(state: Alignment, default: str) -> Callable[[str | None], str]:
    """variant id (or None) → the policy that applies to its struck words."""
    cache: dict[str, str] = {}

    def lookup(variant: str | None) -> str:
        if variant is None:
            return default
        if variant not in cache:
            cache[variant] = policy_for(state, variant, default)
        return cache[variant]

    return lookup


def _unstruck(items: list[Inline]) -> tuple[Inline, ...]:
    return tuple(replace(i, marks=i.marks - {Mark.STRUCK}, variant=None) for i in items)


class _Rewriter:
    def __init__(self, lookup: Callable[[str | None], str], marks: dict[str, StruckMark], taken: set[str],
                 placed: frozenset[str]) -> None:
        self.lookup = lookup
        self.placed = placed
        self.marks = marks
        self.taken = taken
        self.notes: list[EditionNote] = []

    def _note_for(self, passage: list[Inline], variant: str | None) -> str:
        number = len(self.notes) + 1
        key = f"struck-{number}"
        while key in self.taken:
            number += 1
            key = f"struck-{number}"
        self.taken.add(key)
        words = list(_unstruck(passage))
        words[0] = replace(words[0], text=words[0].text.lstrip(" .,;:!?"), variant=None)
        words[-1] = replace(words[-1], text=words[-1].text.rstrip(), variant=None)
        words = [replace(i, text=quote(i.text)) if k == len(words) - 1 and i.text.strip() else i
                 for k, i in enumerate(words)]
        tail = "”."
        mark = self.marks.get(variant or "")
        if mark is not None:
            extras = [f"variant {mark.variant}"]
            if mark.evidence:
                extras.append(f"evidence: {mark.evidence}")
            if mark.certainty is not None:
                extras.append(f"certainty {mark.certainty:g}")
            tail = "” (" + "; ".join(extras) + ")."
        inlines = (Inline("Crossed out in the witness: “"), *words, Inline(tail))
        block = Block("body", 0, (SegmentPiece("", None, inlines),))
        self.notes.append(EditionNote(key, str(number), "struck", (block,)))
        return key

    def passage(self, items: list[Inline], variant: str | None) -> list[Inline]:
        policy = self.lookup(variant)
        if policy == "omit":
            return []
        if policy == "strike":
            return items
        if policy == "bracket":
            return [Inline(OPEN_BRACKET), *_unstruck(items), Inline(CLOSE_BRACKET)]
        if variant is not None and variant in self.placed:
            return []  # the apparatus note at this place says what was crossed out
        return [Inline("", frozenset(), self._note_for(items, variant))]

    def inlines(self, items: tuple[Inline, ...]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        run: list[Inline] = []
        for item in (*items, None):
            if item is not None and Mark.STRUCK in item.marks and item.note_ref is None and (
                    not run or run[-1].variant == item.variant):
                run.append(item)
                continue
            if run:
                kept = self.passage(run, run[0].variant)
                out.extend(kept)
                if not any(i.text for i in kept):  # the words left the text: close the gap they leave
                    out.append(_GAP)
                run = []
            if item is not None:
                if Mark.STRUCK in item.marks and item.note_ref is None:
                    run.append(item)
                else:
                    out.append(item)
        return _tidy(out)

    def blocks(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        return tuple(Block(b.role, b.paragraph, tuple(
            SegmentPiece(p.segment, p.link, self.inlines(p.inlines), p.edited) for p in b.pieces)) for b in blocks)


_GAP = Inline("", frozenset(), None, "\x00gap")  # where a passage left the text (compared by identity)
_STOPS = ".,;:!?"


def _close_gap(out: list[Inline], following: Inline) -> Inline:
    """The text after a removed passage, without the punctuation the passage leaves orphaned: the text
    before already ends a clause ("Crimea. ~~The last one …~~ ." → "Crimea."), or nothing of the
    segment comes before ("~~The last one is redundant~~ ." → "")."""
    before = next((i.text for i in reversed(out) if i.note_ref is None and i.text), None)
    if before is not None and not before.rstrip().endswith(tuple(_STOPS)):
        return following
    stripped = following.text.lstrip(" ")
    rest = stripped.lstrip(_STOPS)
    if before is None:
        rest = rest.lstrip(" ")
    elif len(rest) == len(stripped):
        return following
    return replace(following, text=rest)


def _tidy(items: list[Inline]) -> tuple[Inline, ...]:
    """Close the gap a removed passage leaves: no double spaces, no space before punctuation or
    before a note reference (a note mark hangs on the word before it), no punctuation orphaned."""
    out: list[Inline] = []
    after_gap = False
    for item in items:
        if item is _GAP:
            after_gap = True
            continue
        if after_gap and item.note_ref is None and item.text:
            item = _close_gap(out, item)
            after_gap = False
        if out and out[-1].note_ref is None:
            prev = out[-1]
            if prev.text.endswith(" ") and (item.note_ref is not None or item.text.startswith(" ")
                                            or item.text[:1] in ",.;:!?)"):
                out[-1] = replace(prev, text=prev.text.rstrip(" "))
        out.append(item)
    if out and out[-1].note_ref is None and out[-1].text.strip(" ") == "":
        out[-1] = replace(out[-1], text="")
    return tuple(i for i in out if i.note_ref is not None or i.text or i.elements)


def apply_policy(ed: Edition, state: Alignment, default: str) -> Edition:
    """The edition with struck text rewritten per policy (see the module docstring)."""
    check_policy(default)
    marks = {m.variant: m for m in struck_marks(state)}
    rewriter = _Rewriter(policy_lookup(state, default), marks, {n.key for n in ed.english.notes},
                         ed.apparatus_placed)
    blocks = rewriter.blocks(ed.english.blocks)
    notes = tuple(replace(n, blocks=rewriter.blocks(n.blocks)) for n in ed.english.notes)
    # struck notes are referenced from the text: they go before the notes listed after it
    referenced = tuple(n for n in notes if n.referenced)
    loose = tuple(n for n in notes if not n.referenced)
    english = WitnessLayout(ed.english.siglum, ed.english.language, blocks, referenced + tuple(rewriter.notes) + loose)
    return replace(ed, english=english, policy=default)
