"""The ``bracket`` check: unbalanced brackets and quotation marks in the English, and the witness's
editorial brackets (``[...]``, ``[1920]``, ``Predrevsov[et]``) lost in an edit or missing against the Russian.

Balance is judged per paragraph, since a quotation often runs over several sentences (links); an opening
quotation mark left open at the end of a paragraph is English when the next paragraph opens with one
(a speech that goes on).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from workbench.core.models import Link
from workbench.core.qa.document import QADocument
from workbench.core.qa.model import Finding, Severity
from workbench.core.qa.text import EnglishText

CHECK = "bracket"

PAIRS = {"(": ")", "“": "”", "«": "»"}
CLOSERS = {v: k for k, v in PAIRS.items()}


def _scan(text: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Unmatched openers and closers (character, offset) of one text; straight quotes alternate."""
    stack: list[tuple[str, int]] = []
    stray: list[tuple[str, int]] = []
    straight: list[int] = []
    for i, char in enumerate(text):
        if char in PAIRS:
            stack.append((char, i))
        elif char in CLOSERS:
            opened = any(opener == CLOSERS[char] for opener, _ in stack)
            if char == ")" and not opened and _list_number(text, i):
                continue  # "2) communication with Turkey": a list's number, not a bracket
            if stack and stack[-1][0] == CLOSERS[char]:
                stack.pop()
            elif any(opener == CLOSERS[char] for opener, _ in stack):
                while stack and stack[-1][0] != CLOSERS[char]:
                    stack.pop()  # the inner one was never closed: reported through its own pair
                stack.pop()
            else:
                stray.append((char, i))
        elif char == '"':
            if straight:
                straight.pop()
            else:
                straight.append(i)
    stack.extend(('"', i) for i in straight)
    return stack, stray


def _list_number(text: str, index: int) -> bool:
    start = index
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    label = text[start:index]
    before = text[:start].rstrip()
    return 0 < len(label) <= 2 and (label.isdigit() or label.isalpha() and label.islower()) \
        and (not before or before[-1] in ";:.,\n")


def paragraph_findings(doc: QADocument, links: Sequence[Link]) -> list[Finding]:
    """Unbalanced brackets and quotation marks, paragraph by paragraph (``links`` in reading order)."""
    state = doc.state
    paragraphs: list[list[tuple[Link, EnglishText, int]]] = []
    last: tuple[int, str | None] | None = None
    for link in links:
        if not link.target:
            continue
        try:
            seg = state.segment(link.target[0])
        except KeyError:
            continue
        key = (seg.paragraph, seg.witness_note)
        if key != last:
            paragraphs.append([])
            last = key
        paragraphs[-1].append((link, doc.english(link), 0))
    out: list[Finding] = []
    for number, items in enumerate(paragraphs):
        joined = ""
        starts = []
        for _link, english, _ in items:
            starts.append(len(joined))
            joined += english.masked + "\n"
        openers, closers = _scan(joined)
        next_first = paragraphs[number + 1][0][1].masked.lstrip()[:1] if number + 1 < len(paragraphs) else ""
        for char, offset in openers:
            if char in "“«\"" and next_first == char:
                continue  # the speech goes on in the next paragraph
            out.append(_at(doc, items, starts, offset, f"“{char}” is not closed in its paragraph"))
        for char, offset in closers:
            out.append(_at(doc, items, starts, offset, f"“{char}” closes nothing opened before it in its paragraph"))
    return out


def _at(doc: QADocument, items: list[tuple[Link, EnglishText, int]], starts: list[int], offset: int,
        message: str) -> Finding:
    index = max(i for i, start in enumerate(starts) if start <= offset)
    link = items[index][0]
    local = offset - starts[index]
    return Finding(doc.address, CHECK, Severity.WARNING, message, link=link.id, span=(local, local + 1))


def lost_in_edit(doc: QADocument, link: Link) -> list[Finding]:
    """Editorial brackets of the English as received that an edit dropped; brackets of the Russian the
    English lacks."""
    out: list[Finding] = []
    english = doc.english(link)
    have = Counter(_normal(b) for b in english.brackets())
    if doc.state.edited(link):
        before = Counter(_normal(b) for b in doc.received(link).brackets())
        for bracket in (before - have):
            out.append(Finding(doc.address, CHECK, Severity.ERROR,
                               f"the edit loses the editorial bracket {bracket} of the English as received",
                               link=link.id))
    source = doc.source(link)
    if source is not None and link.target:
        omissions = sum(1 for b in source.brackets if _normal(b) == "[...]")
        shown = sum(count for b, count in have.items() if b == "[...]")
        if omissions > shown:
            out.append(Finding(doc.address, CHECK, Severity.WARNING,
                               f"the Russian marks {omissions} omission(s) [...]; the English marks {shown}",
                               link=link.id))
    return out


def _normal(bracket: str) -> str:
    inner = bracket[1:-1].strip()
    return "[...]" if inner in ("...", "…") else bracket
