"""Witnesses built from paragraphs: one paragraph per block, blocks separated by a blank line."""

from __future__ import annotations

import re

from workbench.core.errors import FormatError

_NOTE_HEAD = re.compile(r"^\[\^[^\]\s]+\]:", re.MULTILINE)


def join_paragraphs(paragraphs: list[str]) -> str:
    """The witness text of some paragraphs (each must be non-blank and hold no blank line)."""
    for index, para in enumerate(paragraphs):
        if not para.strip() or "\n\n" in para:
            raise FormatError(f"paragraph {index + 1} is empty or holds a blank line")
    return "\n\n".join(paragraphs) + "\n"


def split_paragraphs(witness_text: str) -> list[str]:
    """The body paragraphs of a witness (notes excluded), as written."""
    first = _NOTE_HEAD.search(witness_text)
    body = witness_text[: first.start()] if first else witness_text
    body = body.strip("\n")
    return body.split("\n\n") if body else []
