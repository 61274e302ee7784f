"""Edited English: spreading one corrected text of a link over its target segments."""

from __future__ import annotations

from workbench.core.sentences import split_sentences


def distribute(text: str, parts: int, language: str = "en") -> list[str]:
    """Split an edited text into ``parts`` pieces, one per target segment of a link.

    Sentences go one per segment; surplus sentences stay with the last segment, and segments left
    over get an empty text. Whitespace is normalised; nothing of the text is lost.
    """
    clean = " ".join(text.split())
    if parts <= 1:
        return [clean]
    spans = split_sentences(clean, language)
    pieces = [clean[a:b] for a, b in spans]
    if len(pieces) >= parts:
        head = pieces[: parts - 1]
        tail_start = spans[parts - 1][0]
        return head + [clean[tail_start:]]
    return pieces + [""] * (parts - len(pieces))
