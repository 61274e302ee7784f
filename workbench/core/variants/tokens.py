"""Words of a witness layer, each located in the raw witness text.

Tokens are words (letters and digits, with inner hyphens and apostrophes: «по-моему», «don't»),
punctuation (one token per mark; a repeated mark such as «...» is one token), editorial
omissions (``[...]``, one token) and paragraph breaks (``¶``, an empty span at the start of the
new paragraph: they keep the comparison of one paragraph from borrowing words of the next). Supplied
letters count as part of their word, so that
«Предреввоенсов[ета]» meets «Предреввоенсовета»: the brackets stay in ``text`` for display and are
left out of ``form``, the form that normalisation and comparison start from. Note references
are dropped. Only the body is tokenised: the notes of an edition are not the document's text.

Written by hand rather than with a tokeniser library because every token must carry its raw
offsets through the transcription marks, which no library knows.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from workbench.core.markup import DELETIONS, MANUSCRIPT_MARKS, Mark, expanded, reading_run_text, runs_of
from workbench.core.segments import paragraphs
from workbench.core.variants.layers import AFTER, layer_name, paragraph_at

WORD = "word"
PUNCT = "punct"
OMISSION = "omission"
BREAK = "break"
PARAGRAPH_MARK = "¶"
_GLUE = "-'’"
GAP_FORM = "[gap]"


@dataclass(frozen=True)
class Token:
    """One token: text as read, comparison form, kind, raw span, and whether it is struck."""

    text: str
    form: str
    kind: str
    start: int
    end: int
    struck: bool = False
    space_before: bool = False
    paragraph: int = 0


@dataclass(frozen=True)
class LayerTokens:
    """A witness layer ready for collation: its name (``ru-autograph@before``), language, tokens."""

    name: str
    siglum: str
    layer: str | None
    language: str
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class _Char:
    char: str
    start: int
    end: int
    struck: bool
    kind: str  # "text", "bracket" (supplied), or "omission:<n>"


def _chars(text: str, layer: str | None) -> list[_Char | None]:
    """Reading characters of the body in one layer; ``None`` marks a boundary (a note reference)."""
    out: list[_Char | None] = []
    all_runs = runs_of(text)
    replaced = expanded(all_runs)
    for number, run in enumerate(all_runs):
        if run.witness_note is not None:
            break
        if Mark.NOTE_REF in run.marks:
            out.append(None)
            continue
        struck = bool(run.marks & DELETIONS)
        if Mark.REPLACEMENT in run.marks and out and out[-1] is not None and out[-1].struck:
            out.append(None)  # a substitution's two parts are two words, even written side by side
        if struck and layer == AFTER:
            continue
        if Mark.EDITORIAL in run.marks:  # a printed edition's "[Резолюция на полях:]" is not the document's text
            out.append(None)
            continue
        if run.marks & (MANUSCRIPT_MARKS - DELETIONS) and not struck:
            # per mark: an addition is text, an expansion or correction stands for the words as written,
            # an alternative reading is not read, a gap is one token like an omission
            shown = reading_run_text(run, replaced)
            if Mark.GAP in run.marks:
                out.extend(_Char(c, run.start, run.end, False, f"gap:{number}") for c in shown)
                continue
            if shown is not run.text:
                exact = run.end - run.start == len(shown)
                for i, char in enumerate(shown):
                    lo, hi = (run.start + i, run.start + i + 1) if exact else (run.start, run.end)
                    out.append(_Char(char, lo, hi, False, "text"))
                continue
        if Mark.OMISSION in run.marks:
            out.extend(_Char(c, run.start, run.end, struck, f"omission:{number}") for c in run.text)
            continue
        exact = run.end - run.start == len(run.text)
        if Mark.SUPPLIED in run.marks and exact and run.text in ("[", "]"):
            out.append(_Char(run.text, run.start, run.end, struck, "bracket"))
            continue
        for i, char in enumerate(run.text):
            lo, hi = (run.start + i, run.start + i + 1) if exact else (run.start, run.end)
            out.append(_Char(char, lo, hi, struck, "text"))
    return out


def _is_word(c: _Char | None) -> bool:
    if c is None:
        return False
    if c.kind == "bracket":
        return True
    return c.kind == "text" and (c.char.isalnum() or unicodedata.category(c.char).startswith("M"))


def tokenise(text: str, layer: str | None = None) -> tuple[Token, ...]:
    """The tokens of a witness body in one layer (``before``/None keeps struck text, ``after`` drops it)."""
    chars = _chars(text, layer)
    starts = [p.start for p in paragraphs(text)]
    tokens: list[Token] = []
    i, n = 0, len(chars)
    space = False
    while i < n:
        c = chars[i]
        if c is None or (c.kind == "text" and c.char.isspace()):
            space = space or c is not None
            i += 1
            continue
        j = i + 1
        if c.kind.startswith(("omission", "gap")):
            while j < n and chars[j] is not None and chars[j].kind == c.kind:  # type: ignore[union-attr]
                j += 1
            kind = OMISSION
        elif _is_word(c):
            while j < n and (_is_word(chars[j]) or (chars[j] is not None and chars[j].char in _GLUE  # type: ignore[union-attr]
                                                    and chars[j].kind == "text" and j + 1 < n  # type: ignore[union-attr]
                                                    and _is_word(chars[j + 1]))):
                j += 1
            kind = WORD
        else:
            while j < n and chars[j] is not None and chars[j].kind == "text" and chars[j].char == c.char:  # type: ignore[union-attr]
                j += 1
            kind = PUNCT
        part = [ch for ch in chars[i:j] if ch is not None]
        shown = "".join(ch.char for ch in part)
        # every gap compares equal: «{gap illegible 2 words}» and «[2 слова неразб.]» say the same
        form = GAP_FORM if c.kind.startswith("gap") else "".join(ch.char for ch in part if ch.kind != "bracket")
        number, _ = paragraph_at(starts, part[0].start)
        if tokens and number != tokens[-1].paragraph:
            tokens.append(Token(PARAGRAPH_MARK, PARAGRAPH_MARK, BREAK, part[0].start, part[0].start, False, True,
                                number))
        tokens.append(Token(shown, form, kind, part[0].start, part[-1].end, any(ch.struck for ch in part),
                            space and bool(tokens), number))
        space = False
        i = j
    return tuple(tokens)


def layer_tokens(siglum: str, text: str, language: str, layer: str | None = None) -> LayerTokens:
    """A witness layer with its tokens, named as it is cited."""
    return LayerTokens(layer_name(siglum, layer), siglum, layer, language, tokenise(text, layer))


def reading(tokens: tuple[Token, ...] | list[Token]) -> str:
    """The text of consecutive tokens as read, spaced as in the witness."""
    out: list[str] = []
    for k, token in enumerate(tokens):
        if k and token.space_before:
            out.append(" ")
        out.append(token.text)
    return "".join(out)
