"""Reading the plain files of ``align-text`` and ``eval-align``: one sentence per line, and bead
files in the gold format (``[0, 1]:[2]``)."""

from __future__ import annotations

from pathlib import Path

from workbench.core.aligner.align import MAX_ALIGN_SENTENCES, MAX_SENTENCE_CHARS
from workbench.core.aligner.score import BeadPair, parse_beads
from workbench.core.errors import FormatError, Location
from workbench.core.lines import split_lines
from workbench.storage.textfile import read_text


def read_sentences(path: Path) -> list[str]:
    """The lines of a UTF-8 file, one sentence each (a final newline adds no empty sentence; CRLF is
    accepted because sentence lists often come from other tools).

    A blank line (or one of spaces only) is refused with its line number rather than skipped: the
    bead numbers are line numbers, so a skipped line would shift every bead after it, and kept it
    would be aligned as a sentence. An empty file is refused too: there is nothing to align.
    """
    lines = split_lines(read_text(path, allow_crlf=True), crlf=True)
    if not lines:
        raise FormatError("the file is empty: give one sentence per line", Location(str(path)))
    if len(lines) > MAX_ALIGN_SENTENCES:
        raise FormatError(f"{len(lines):,} sentences; the aligner takes up to {MAX_ALIGN_SENTENCES:,} per side "
                          "(memory grows with each): align the text in parts",
                          Location(str(path), MAX_ALIGN_SENTENCES + 1))
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            raise FormatError("blank line: give one sentence per line, with no blank lines between them "
                              "(line numbers are the sentence numbers of the beads)", Location(str(path), number))
        if len(line) > MAX_SENTENCE_CHARS:
            raise FormatError(f"a line of {len(line):,} characters; a sentence may have up to "
                              f"{MAX_SENTENCE_CHARS:,}: give one sentence per line", Location(str(path), number))
    return lines


def read_beads(path: Path) -> list[BeadPair]:
    """Beads of a gold or predicted alignment file; a bad line raises ``FormatError`` naming the file
    and line."""
    try:
        return parse_beads(read_text(path, allow_crlf=True))
    except FormatError as err:
        raise err.with_path(str(path)) from None
