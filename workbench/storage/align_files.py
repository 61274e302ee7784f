"""Reading the plain files of ``align-text`` and ``eval-align``: one sentence per line, and bead
files in the gold format (``[0, 1]:[2]``)."""

from __future__ import annotations

from pathlib import Path

from workbench.core.aligner.score import BeadPair, parse_beads
from workbench.core.errors import FormatError
from workbench.storage.textfile import read_text


def read_sentences(path: Path) -> list[str]:
    """The lines of a UTF-8 file, one sentence each (a final newline adds no empty sentence; CRLF is
    accepted because sentence lists often come from other tools)."""
    return read_text(path, allow_crlf=True).splitlines()


def read_beads(path: Path) -> list[BeadPair]:
    """Beads of a gold or predicted alignment file; a bad line raises ``FormatError`` naming the file
    and line."""
    try:
        return parse_beads(read_text(path, allow_crlf=True))
    except FormatError as err:
        raise err.with_path(str(path)) from None
