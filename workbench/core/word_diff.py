"""Word-level diff of two English texts (MT → edited), with diff-match-patch's semantic cleanup.

diff-match-patch diffs characters; to diff words it is given one stand-in character per distinct
token (word, run of spaces, punctuation mark), the way its documentation suggests for line
diffs, and the result is mapped back. The cleanup then groups changes into readable phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from diff_match_patch import diff_match_patch

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
# Stand-ins start in a Private Use Area so no real character is mistaken for a token.
_FIRST_STAND_IN = 0xF0000


class Op(IntEnum):
    """What happened to a piece of text."""

    DELETE = -1
    EQUAL = 0
    INSERT = 1


@dataclass(frozen=True)
class DiffPiece:
    """A run of text that was kept, deleted or inserted."""

    op: Op
    text: str


def tokens(text: str) -> list[str]:
    """Words, runs of whitespace and single punctuation marks, in order (they join back to ``text``)."""
    return _TOKEN.findall(text)


def word_diff(before: str, after: str, *, timeout: float = 1.0) -> list[DiffPiece]:
    """The pieces that turn ``before`` into ``after``, word by word, semantically cleaned up."""
    table: dict[str, str] = {}
    back: list[str] = []

    def encode(text: str) -> str:
        out = []
        for token in tokens(text):
            code = table.get(token)
            if code is None:
                code = chr(_FIRST_STAND_IN + len(back))
                table[token] = code
                back.append(token)
            out.append(code)
        return "".join(out)

    engine = diff_match_patch()
    engine.Diff_Timeout = timeout
    diffs = engine.diff_main(encode(before), encode(after), False)
    engine.diff_cleanupSemantic(diffs)
    pieces: list[DiffPiece] = []
    for op, chars in diffs:
        text = "".join(back[ord(c) - _FIRST_STAND_IN] for c in chars)
        if pieces and pieces[-1].op == op:
            pieces[-1] = DiffPiece(Op(op), pieces[-1].text + text)
        elif text:
            pieces.append(DiffPiece(Op(op), text))
    return pieces


def display_pieces(pieces: list[DiffPiece]) -> list[DiffPiece]:
    """The pieces to show a diff on one line: where a deletion meets an insertion with no space
    between them (a replaced word: "recognition" → "acknowledgement"), an unchanged space is put
    between, so that the two words do not run together ("recognitionacknowledgement") when the
    struck and underlined styles cannot be seen. The result no longer rebuilds the two texts."""
    out: list[DiffPiece] = []
    for piece in pieces:
        if out and {out[-1].op, piece.op} == {Op.DELETE, Op.INSERT} \
                and not out[-1].text[-1:].isspace() and not piece.text[:1].isspace():
            out.append(DiffPiece(Op.EQUAL, " "))
        out.append(piece)
    return out


def changed(pieces: list[DiffPiece]) -> bool:
    """True when any piece is an insertion or deletion."""
    return any(p.op is not Op.EQUAL for p in pieces)
