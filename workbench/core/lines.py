"""One-line text forms of segments, links and edits.

Alignment files keep segments, links and edits as blocks of such lines, one item per line, so that a
decision shows in ``git diff`` as the one or two lines it changed; structural decisions store the
lines before and after. Grammar::

    segment:  <id> <start>-<end>[ p<paragraph>][ n<note>] | <raw text>
    link:     <id> <source ids…> -> <target ids…> <status> <confidence|-> <origin>
    edit:     <target segment id> | <edited text>
"""

from __future__ import annotations

import re

from workbench.core.errors import FormatError, Location
from workbench.core.models import Link, Segment, Status

_STATUSES = {s.value: s for s in Status}


_SEGMENT_LINE = re.compile(r"^(\S+) (\d+)-(\d+) p(\d+)(?: n(\S+))?(?: \| (.*)| \|)$", re.MULTILINE)
_LINK_LINE = re.compile(
    r"^(\S+) ((?:\S+ )*?)-> ?((?:\S+ )*?)(auto|confirmed|rejected|flagged) (-|[01](?:\.\d+)?) (\S+)$", re.MULTILINE
)


def _line_count(block: str) -> int:
    return block.count("\n") + (0 if block.endswith("\n") or not block else 1)


def parse_segment_block(block: str) -> list[Segment] | None:
    """All segment lines of a block at once (fast path); ``None`` if any line is malformed, so that
    the caller can parse line by line and report the first bad line."""
    rows = _SEGMENT_LINE.findall(block)
    if len(rows) != _line_count(block):
        return None
    out = [Segment(i, int(a), int(b), text, int(p), n or None) for i, a, b, p, n, text in rows]
    if any(seg.end < seg.start for seg in out):
        return None
    return out


def parse_link_block(block: str) -> list[Link] | None:
    """All link lines of a block at once (fast path); ``None`` if any line is malformed."""
    rows = _LINK_LINE.findall(block)
    if len(rows) != _line_count(block):
        return None
    statuses = _STATUSES
    out = [Link(i, tuple(src.split()), tuple(tgt.split()), statuses[st], None if sc == "-" else float(sc), origin)
           for i, src, tgt, st, sc, origin in rows]
    if any(lk.confidence is not None and lk.confidence > 1.0 for lk in out):
        return None
    return out


def _bad(message: str, line: int | None) -> FormatError:
    return FormatError(message, Location(line=line))


def format_segment(seg: Segment) -> str:
    """``s3 120-245 p2 | text`` (``n1`` marks a segment inside note 1)."""
    head = f"{seg.id} {seg.start}-{seg.end} p{seg.paragraph}"
    if seg.witness_note is not None:
        head += f" n{seg.witness_note}"
    return f"{head} | {seg.text}" if seg.text else f"{head} |"


def parse_segment(line: str, lineno: int | None = None) -> Segment:
    """Parse one segment line; ``FormatError`` names the line on failure."""
    head, sep, text = line.partition(" | ")
    if not sep:
        if line.endswith(" |"):
            head, text = line[:-2], ""
        else:
            raise _bad(f"segment line needs 'ID START-END pN | text': {line[:60]!r}", lineno)
    parts = head.split()
    if len(parts) < 3:
        raise _bad(f"segment line needs 'ID START-END pN | text': {line[:60]!r}", lineno)
    seg_id, span = parts[0], parts[1]
    start_s, dash, end_s = span.partition("-")
    if not dash or not start_s.isdigit() or not end_s.isdigit():
        raise _bad(f"segment {seg_id}: span must be START-END, got {span!r}", lineno)
    start, end = int(start_s), int(end_s)
    if end < start:
        raise _bad(f"segment {seg_id}: span end {end} is before its start {start}", lineno)
    paragraph = 0
    note: str | None = None
    for extra in parts[2:]:
        if extra.startswith("p") and extra[1:].isdigit():
            paragraph = int(extra[1:])
        elif extra.startswith("n") and len(extra) > 1:
            note = extra[1:]
        else:
            raise _bad(f"segment {seg_id}: unknown field {extra!r}", lineno)
    return Segment(seg_id, start, end, text, paragraph, note)


def format_confidence(confidence: float | None) -> str:
    """Confidences are written with three decimals so files stay stable across runs."""
    return "-" if confidence is None else f"{confidence:.3f}"


def format_link(link: Link) -> str:
    """``L4 s4 s5 -> t6 confirmed 0.912 aligner``."""
    tokens = [link.id, *link.source, "->", *link.target, link.status.value, format_confidence(link.confidence),
              link.origin]
    return " ".join(tokens)


def parse_link(line: str, lineno: int | None = None) -> Link:
    """Parse one link line; ``FormatError`` names the line on failure."""
    parts = line.split()
    if "->" not in parts or len(parts) < 5:
        raise _bad(f"link line needs 'ID SOURCE… -> TARGET… STATUS CONFIDENCE ORIGIN': {line[:60]!r}", lineno)
    arrow = parts.index("->")
    link_id = parts[0]
    source = tuple(parts[1:arrow])
    tail = parts[arrow + 1:]
    if len(tail) < 3:
        raise _bad(f"link {link_id}: missing status, confidence or origin", lineno)
    target = tuple(tail[:-3])
    status_s, conf_s, origin = tail[-3:]
    status = _STATUSES.get(status_s)
    if status is None:
        raise _bad(f"link {link_id}: status must be one of {', '.join(_STATUSES)}, got {status_s!r}", lineno)
    if conf_s == "-":
        confidence = None
    else:
        try:
            confidence = float(conf_s)
        except ValueError:
            raise _bad(f"link {link_id}: confidence must be a number or '-', got {conf_s!r}", lineno) from None
        if not 0.0 <= confidence <= 1.0:
            raise _bad(f"link {link_id}: confidence {conf_s} is outside 0–1", lineno)
    return Link(link_id, source, target, status, confidence, origin)


def format_edit(segment_id: str, text: str) -> str:
    """``t5 | edited English`` (``t5 |`` for an emptied segment: no trailing blank)."""
    return f"{segment_id} | {text}" if text else f"{segment_id} |"


def parse_edit(line: str, lineno: int | None = None) -> tuple[str, str]:
    """Parse one edit line into (segment id, text)."""
    seg_id, sep, text = line.partition(" | ")
    if not sep:
        if line.endswith(" |") and " " not in line[:-2]:
            return line[:-2], ""
        raise _bad(f"edit line needs 'SEGMENT | text': {line[:60]!r}", lineno)
    if not seg_id or " " in seg_id:
        raise _bad(f"edit line needs 'SEGMENT | text': {line[:60]!r}", lineno)
    return seg_id, text


_TO_SPACE = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


def one_line(text: str) -> str:
    """Segment and edit texts are single lines: each newline, CR and tab becomes one space, so the
    text keeps its length (offsets in it are offsets in the witness). Other characters Python counts
    as line breaks (U+0085, U+2028, FF, VT, \\x1c–\\x1e) are kept: lines end at ``\\n`` only."""
    if "\n" in text or "\r" in text or "\t" in text:
        return text.translate(_TO_SPACE)
    return text


def split_lines(text: str, *, crlf: bool = False) -> list[str]:
    """The lines of a block or file, split at ``\\n`` only; a final ``\\n`` ends the last line.

    ``str.splitlines`` also splits at U+0085, U+2028, U+2029, FF, VT and \\x1c–\\x1e, which may stand
    inside a witness's text (and so inside a segment, an edit or a decision's patch): every format
    of the workbench is a file of ``\\n``-ended lines, and reading must give back what was written.
    ``crlf`` also ends lines at CRLF and a lone CR, for plain files made by other tools."""
    if crlf and "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines
