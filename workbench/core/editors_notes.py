"""The editors' notes: explanatory, biographical or textual notes the editors write, each anchored to a
span of the English of one link.

An editors' note is never confused with a witness note (the 1996 edition's own notes, text of the
witness): it lives only in the decisions. ``annotate`` makes a note or rewrites one (same
``editors_note`` id, ``E1``, ``E2`` …): ``after`` is its text (transcription markup: ``*italic*``),
``before`` the text it replaces, ``anchor`` the words of the link's English it hangs on, ``note_kind``
its kind. A later ``annotate`` of the same id may move it to another link. ``annotate-remove`` takes a
note out; undo (a revert) of either restores what was there. Exports place the note's reference
right after the first occurrence of its anchor in the link's English as published; a note whose
anchor is no longer in that English (the English was edited since) is *unanchored*, and the export
gate refuses to publish it until an editor anchors it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.core.actions import Action
from workbench.core.errors import MarkupError
from workbench.core.markup import Mark, Transcription, parse_inline, runs
from workbench.core.models import Alignment, next_id

NOTE_KINDS = ("explanatory", "biographical", "textual")
DEFAULT_KIND = "explanatory"
ID_PREFIX = "E"


@dataclass(frozen=True)
class EditorsNote:
    """One editors' note as the live decisions leave it."""

    id: str
    link: str
    anchor: str
    kind: str
    text: str
    author: str
    time: str
    decision: str


def editors_notes(state: Alignment) -> list[EditorsNote]:
    """The editors' notes in force, in the order they were first made."""
    notes: dict[str, EditorsNote | None] = {}
    for d in state.live_decisions:
        note_id = d.data.editors_note
        if note_id is None:
            continue
        if d.action is Action.ANNOTATE:
            notes[note_id] = EditorsNote(note_id, d.target, d.data.anchor or "", d.data.note_kind or DEFAULT_KIND,
                                         d.after or "", d.author, d.time, d.id)
        elif d.action is Action.ANNOTATE_REMOVE:
            notes[note_id] = None
    return [n for n in notes.values() if n is not None]


def notes_on(state: Alignment, link_id: str) -> list[EditorsNote]:
    """The editors' notes anchored in one link."""
    return [n for n in editors_notes(state) if n.link == link_id]


def note_by_id(state: Alignment, note_id: str) -> EditorsNote | None:
    """The editors' note with this id, if it is in force."""
    return next((n for n in editors_notes(state) if n.id == note_id), None)


def new_note_id(state: Alignment) -> str:
    """The next free id: one more than any id ever used (a removed note's id is not given again)."""
    return next_id(ID_PREFIX, (d.data.editors_note or "" for d in state.decisions))


def plain_text(markup: str) -> str:
    """The words of a text in transcription markup, as a reader sees them: marks and note references
    dropped, spaces squeezed (an edit that is not valid markup is taken as written)."""
    try:
        nodes = parse_inline(markup)
    except MarkupError:
        return " ".join(markup.split())
    return " ".join("".join(r.text for r in runs(Transcription(nodes, ())) if Mark.NOTE_REF not in r.marks).split())


def squeeze(text: str) -> str:
    """Spaces squeezed, ends trimmed (how anchors are compared)."""
    return " ".join(text.split())


def find_anchor(text: str, anchor: str) -> tuple[int, int] | None:
    """Where the anchor's words are in a plain text (first occurrence, spaces squeezed on both)."""
    needle = squeeze(anchor)
    if not needle:
        return None
    flat = squeeze(text)
    at = flat.find(needle)
    return None if at < 0 else (at, at + len(needle))


def anchored(state: Alignment, note: EditorsNote) -> bool:
    """True when the note's anchor is in its link's English now."""
    if not state.has_link(note.link):
        return False
    return find_anchor(plain_text(state.english(state.link(note.link))), note.anchor) is not None


_WORD = re.compile(r"\w+")


def anchor_words(note: EditorsNote) -> list[str]:
    """The words of a note's anchor (for the index: a biographical note names its person)."""
    return _WORD.findall(note.anchor)
