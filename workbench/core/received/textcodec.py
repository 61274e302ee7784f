"""Plain received text ↔ witness markup, for importers whose input has no transcription marks.

Editorial brackets that close on their line stay brackets (``[1920]``, ``Predrevsov[et]``, ``[...]``,
and so a printed edition's ``[неразб.]`` and ``[Резолюция на полях:]``); every other markup character
is escaped (a ``|`` is text outside a ``{mark}``, so it stays as it is), so ``from_witness(to_witness(s))
== s`` for any ``s``.
"""

from __future__ import annotations

import re

_UNESCAPE = re.compile(r"\\([~*\[\]\\^{}|])")


def _balanced_brackets(line: str) -> set[int]:
    """Offsets of brackets that pair up on the line without nesting."""
    keep: set[int] = set()
    open_at: int | None = None
    for i, ch in enumerate(line):
        if ch == "[":
            open_at = i  # an earlier unclosed '[' stays literal
        elif ch == "]" and open_at is not None:
            if i > open_at + 1:
                keep.update((open_at, i))
            open_at = None
    return keep


def to_witness(text: str) -> str:
    """Escape received text so that it parses as markup showing the same characters."""
    out_lines = []
    for line in text.split("\n"):
        keep = _balanced_brackets(line)
        pieces = []
        for i, ch in enumerate(line):
            if ch in "[]" and i not in keep or ch in "~*\\^{}":
                pieces.append("\\" + ch)
            else:
                pieces.append(ch)
        out_lines.append("".join(pieces))
    return "\n".join(out_lines)


def from_witness(text: str) -> str:
    """Undo :func:`to_witness`: drop the escaping backslashes."""
    return _UNESCAPE.sub(r"\1", text)
