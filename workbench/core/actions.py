"""What a decision can do: the :class:`Action` enumeration and the typed :class:`DecisionData` it carries.

Actions fall into four kinds that :mod:`workbench.core.decisions` applies differently:

* **status** (confirm, reject, flag, unconfirm) — ``before``/``after`` are status words;
* **edit** — ``before``/``after`` are edit lines of the link's English segments;
* **structural** (merge, split, shift, insert, delete, swap, split-segment, merge-segment, realign) —
  ``before``/``after`` are blocks of link, segment and edit lines;
* **record** (comment, the variant decisions, add-witness, qa-waive, reanchor, editors' notes, metadata) —
  history that views and exports read;

plus **revert**, which follows the action it reverts. Names written by older files (``note``,
``variant-note``) are read as today's (``comment``, ``variant-wording``): see :data:`LEGACY_NAMES`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from enum import StrEnum


class Action(StrEnum):
    """Every action a decision can record."""

    CONFIRM = "confirm"
    REJECT = "reject"
    FLAG = "flag"
    UNCONFIRM = "unconfirm"
    EDIT = "edit"
    MERGE = "merge"
    SPLIT = "split"
    SHIFT = "shift"
    INSERT = "insert"
    DELETE = "delete"
    SWAP = "swap"
    SPLIT_SEGMENT = "split-segment"
    MERGE_SEGMENT = "merge-segment"
    REALIGN = "realign"
    COMMENT = "comment"
    VARIANT_MARK = "variant-mark"
    VARIANT_POLICY = "variant-policy"
    VARIANT_ADOPT = "variant-adopt"
    VARIANT_WORDING = "variant-wording"
    VARIANT_RESOLVE = "variant-resolve"
    ADD_WITNESS = "add-witness"
    QA_WAIVE = "qa-waive"
    ANNOTATE = "annotate"
    ANNOTATE_REMOVE = "annotate-remove"
    METADATA = "metadata"
    REVERT = "revert"
    REANCHOR = "reanchor"
    # team editing (docs/collaboration.md)
    COMMENT_RESOLVE = "comment-resolve"
    CONFLICT_RESOLVE = "conflict-resolve"
    STATE = "state"

    @property
    def is_status(self) -> bool:
        """A confirm / reject / flag / unconfirm."""
        return self in _STATUS

    @property
    def is_structural(self) -> bool:
        """An act that reshapes links or segments."""
        return self in _STRUCTURAL

    @property
    def is_record(self) -> bool:
        """An act that changes no link, segment or edit (history only)."""
        return self in _RECORD

    @property
    def is_variant(self) -> bool:
        """A decision about a variant."""
        return self in VARIANT_ACTIONS

    @classmethod
    def parse(cls, name: str) -> Action:
        """The action of a name as files write it (older names included); ValueError when unknown."""
        try:
            return cls(LEGACY_NAMES.get(name, name))
        except ValueError:
            raise ValueError(f"unknown action {name!r}") from None


#: Names older files used, and the action each now is.
LEGACY_NAMES: Mapping[str, str] = {"note": "comment", "variant-note": "variant-wording"}

#: The status word each status action sets.
STATUS_AFTER: Mapping[Action, str] = {
    Action.CONFIRM: "confirmed",
    Action.REJECT: "rejected",
    Action.FLAG: "flagged",
    Action.UNCONFIRM: "auto",
}
_STATUS = frozenset(STATUS_AFTER)
_STRUCTURAL = frozenset({Action.MERGE, Action.SPLIT, Action.SHIFT, Action.INSERT, Action.DELETE, Action.SWAP,
                         Action.SPLIT_SEGMENT, Action.MERGE_SEGMENT, Action.REALIGN})
VARIANT_ACTIONS = frozenset({Action.VARIANT_MARK, Action.VARIANT_POLICY, Action.VARIANT_ADOPT,
                             Action.VARIANT_WORDING, Action.VARIANT_RESOLVE})
#: Decisions about the editors' notes (annotate makes or rewrites one, annotate-remove takes it out).
NOTE_ACTIONS = frozenset({Action.ANNOTATE, Action.ANNOTATE_REMOVE})
_RECORD = VARIANT_ACTIONS | NOTE_ACTIONS | {Action.COMMENT, Action.ADD_WITNESS, Action.QA_WAIVE, Action.METADATA,
                                            Action.REANCHOR}
_RECORD |= {Action.COMMENT_RESOLVE, Action.CONFLICT_RESOLVE, Action.STATE}  # team editing

#: Prefix of the keys that carry an aligner's settings in a realign decision's data.
ALIGNER_PREFIX = "aligner."


@dataclass(frozen=True)
class DecisionData:
    """The typed details of a decision; which fields an action needs is :data:`REQUIRED`.

    * revert: ``reverts`` (the decision undone) and ``of`` (its action); redo: ``redoes``;
    * variant-mark: ``witness``, ``start``/``end`` (raw offsets in that witness) and ``text``;
    * variant-policy / variant-wording: ``source_sha``/``english_sha``, the basis the decision judged;
    * any variant decision: ``evidence`` and ``certainty`` (0–1);
    * shift: ``side``, ``edge``, ``segment``; split-segment: ``segment``, ``offset``, ``new``;
      merge-segment: ``segment``, ``merged``; realign: ``links`` and the ``aligner`` settings;
    * add-witness: ``role``, ``language``, ``sha256``;
    * qa-waive: ``check`` (the QA check id) and ``english_sha``, the fingerprint of the English (or metadata
      field) the waiver judged: when that text changes, the waiver no longer holds;
    * reanchor: ``side``, ``sha256`` (the corrected witness's), ``links`` (how many links it re-aligned);
    * comment: ``replies_to`` (the comment it answers); comment-resolve: ``thread`` (the first comment of
      the thread it closes); conflict-resolve: ``choice`` (``kept``: the decisions in force stay;
      ``set-aside``: the set-aside side was applied anew by the decisions recorded with it).
    * annotate: ``editors_note`` (the note's id, ``E1``), ``anchor`` (the words of the English it hangs
      on) and ``note_kind`` (explanatory, biographical, textual); annotate-remove: ``editors_note``.
    """

    reverts: str | None = None
    of: Action | None = None
    redoes: str | None = None
    witness: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    evidence: str | None = None
    certainty: float | None = None
    source_sha: str | None = None
    english_sha: str | None = None
    side: str | None = None
    edge: str | None = None
    segment: str | None = None
    offset: int | None = None
    new: str | None = None
    merged: str | None = None
    links: int | None = None
    aligner: tuple[tuple[str, str], ...] = ()
    role: str | None = None
    language: str | None = None
    sha256: str | None = None
    check: str | None = None
    replies_to: str | None = None
    thread: str | None = None
    choice: str | None = None
    editors_note: str | None = None
    anchor: str | None = None
    note_kind: str | None = None

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def fields(self) -> dict[str, str | int | float]:
        """The details as the alignment file writes them (empty ones left out; keys sorted)."""
        out: dict[str, str | int | float] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or f.name == "aligner":
                continue
            out[f.name] = value.value if isinstance(value, Action) else value
        for key, value in self.aligner:
            out[ALIGNER_PREFIX + key] = value
        return dict(sorted(out.items()))

    @classmethod
    def from_fields(cls, raw: Mapping[str, object]) -> DecisionData:
        """Details from a file's mapping; ``DataError`` names the key of the first bad value.

        Whole numbers and certainty are accepted as numbers or as the strings version 1 files wrote.
        """
        values: dict[str, object] = {}
        aligner: list[tuple[str, str]] = []
        for key, value in raw.items():
            if key.startswith(ALIGNER_PREFIX) and len(key) > len(ALIGNER_PREFIX):
                aligner.append((key[len(ALIGNER_PREFIX):], _string(key, value)))
                continue
            kind = _KINDS.get(key)
            if kind is None:
                raise DataError(key, f"unknown decision data {key!r}")
            values[key] = kind(key, value)
        return cls(aligner=tuple(sorted(aligner)), **values)  # type: ignore[arg-type]

    def missing_for(self, action: Action) -> list[str]:
        """The details ``action`` needs that are absent."""
        return [name for name in REQUIRED.get(action, ()) if getattr(self, name) is None]


class DataError(ValueError):
    """A bad value in a decision's data: ``key`` names it."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


def _string(key: str, value: object) -> str:
    if not isinstance(value, str):
        raise DataError(key, f"decision data '{key}' must be a string, found {type(value).__name__}")
    return value


def _whole(key: str, value: object) -> int:
    if isinstance(value, bool):
        raise DataError(key, f"decision data '{key}' must be a whole number, found a boolean")
    if isinstance(value, int) and value >= 0:
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    raise DataError(key, f"decision data '{key}' must be a whole number ≥ 0, found {value!r}")


def _certainty(key: str, value: object) -> float:
    if isinstance(value, bool):
        raise DataError(key, "certainty must be a number between 0 and 1, found a boolean")
    try:
        number = float(value) if isinstance(value, int | float | str) else math.nan
    except ValueError:
        number = math.nan
    if not 0.0 <= number <= 1.0:
        raise DataError(key, f"certainty must be a number between 0 and 1, found {value!r}")
    return number


def _action(key: str, value: object) -> Action:
    try:
        return Action.parse(_string(key, value))
    except ValueError as err:
        raise DataError(key, f"decision data '{key}': {err}") from None


def _choice(*allowed: str) -> Callable[[str, object], str]:
    def check(key: str, value: object) -> str:
        text = _string(key, value)
        if text not in allowed:
            raise DataError(key, f"decision data '{key}' must be one of {', '.join(allowed)}, found {text!r}")
        return text
    return check


_KINDS: Mapping[str, Callable[[str, object], object]] = {
    "reverts": _string, "of": _action, "redoes": _string, "witness": _string, "start": _whole, "end": _whole,
    "text": _string, "evidence": _string, "certainty": _certainty, "source_sha": _string,
    "english_sha": _string, "side": _choice("source", "target"), "edge": _choice("first", "last"),
    "segment": _string, "offset": _whole, "new": _string, "merged": _string, "links": _whole,
    "role": _string, "language": _string, "sha256": _string, "check": _string,
    "replies_to": _string, "thread": _string, "choice": _choice("kept", "set-aside"),
    "editors_note": _string, "anchor": _string, "note_kind": _choice("explanatory", "biographical", "textual"),
}

#: The details each action cannot do without.
REQUIRED: Mapping[Action, tuple[str, ...]] = {
    Action.REVERT: ("reverts", "of"),
    Action.VARIANT_MARK: ("witness", "start", "end", "text"),
    Action.SHIFT: ("side", "edge", "segment"),
    Action.SPLIT_SEGMENT: ("segment", "offset", "new"),
    Action.MERGE_SEGMENT: ("segment", "merged"),
    Action.ADD_WITNESS: ("role", "language", "sha256"),
    Action.QA_WAIVE: ("check", "english_sha"),
    Action.REANCHOR: ("side", "sha256"),
    Action.COMMENT_RESOLVE: ("thread",),
    Action.CONFLICT_RESOLVE: ("choice",),
    Action.ANNOTATE: ("editors_note", "anchor", "note_kind"),
    Action.ANNOTATE_REMOVE: ("editors_note",),
}
