"""What a Russian witness shows, said in English: one apparatus note per manuscript mark, and how a
note names a witness ("the autograph", "the 1996 edition").

For each addition, substitution, underlining, letter-spacing, unclear passage, gap, marginal note,
hand shift, page break, abbreviation and sic of a source-language witness, :func:`mark_notes` gives
the mark's place (its raw span), a stable id (the witness's variant id of its place and the mark's
name: ``ru-autograph.p2.150.add``) and an English sentence that says what the witness shows::

    In the autograph, «Сегодня» is added above the line in pencil.
    In the autograph, two words are illegible.
    In the autograph, a resolution in the margin in Lenin’s hand: «В Наркомвоен. Срочно исполнить. Ленин».

The Russian words are quoted as the witness has them (a mark covers a few words, whose English
cannot be told apart from their sentence's without guessing). A hand shift that opens a marginal
note is said with the note; a substitution's crossed-out words are said by its own note, not again
as a crossed-out passage. The sentences are generated afresh each time from the witness text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from workbench.core.documents import DocumentMeta
from workbench.core.mark_attributes import Attributes
from workbench.core.markup import Element, Mark, Run, runs_of
from workbench.core.segments import paragraphs
from workbench.core.variants.layers import variant_id

_PLACES = {"above": "above the line", "below": "below the line", "interlinear": "between the lines",
           "margin": "in the margin", "top": "at the top of the page", "bottom": "at the foot of the page",
           "inline": "in the line", "left": "in the left margin", "right": "in the right margin"}
_MEDIA = {"pencil": "in pencil", "ink": "in ink", "red-pencil": "in red pencil", "blue-pencil": "in blue pencil",
          "coloured-pencil": "in coloured pencil", "red-ink": "in red ink", "violet-ink": "in violet ink",
          "typewriter": "typewritten"}
_NUMBERS = {"1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven",
            "8": "eight", "9": "nine", "10": "ten", "several": "several"}
_CERT = {"high": "", "medium": " (reading fairly certain)", "low": " (reading uncertain)", "unknown": ""}


@dataclass(frozen=True)
class MarkNote:
    """One mark of a witness and the English that says what the witness shows there."""

    id: str
    witness: str
    kind: str
    start: int
    end: int
    source_text: str
    text: str


_PHRASES = (
    (re.compile(r"autograph|автограф"), "the autograph"),
    (re.compile(r"typescript|typewrit|машинопис"), "the typescript"),
    (re.compile(r"\bcopy\b|копия"), "the copy"),
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def witness_phrase(meta: DocumentMeta, siglum: str) -> str:
    """How a note names a witness: "the autograph", "the 1996 edition", else "witness <siglum>"."""
    try:
        info = meta.witness(siglum)
        words = f"{siglum} {info.description}".lower()
    except KeyError:
        words = siglum.lower()
    for pattern, phrase in _PHRASES:
        if pattern.search(words):
            return phrase
    year = _YEAR.search(words)
    if year and ("edition" in words or "ed." in words or siglum.endswith(year.group(1))):
        return f"the {year.group(1)} edition"
    if "edition" in words:
        return "the printed edition"
    return f"witness {siglum}"


def _q(words: str) -> str:
    return f"«{' '.join(words.split())}»"


def _hand(a: Attributes) -> str:
    return f" in {a.hand}’s hand" if a.hand else ""


def _medium(a: Attributes) -> str:
    return f" {_MEDIA.get(a.medium, 'in ' + a.medium)}" if a.medium else ""


def english_extent(extent: str) -> str:
    """``2 words`` → ``two words``; ``1 line`` → ``one line``; other extents as they are."""
    words = extent.split()
    if words and words[0] in _NUMBERS:
        return " ".join([_NUMBERS[words[0]], *words[1:]])
    return extent


def describe(kind: str, a: Attributes, parts: list[str], phrase: str) -> str:
    """The English sentence for one mark: ``parts`` are the words of its parts as the witness has them."""
    first = parts[0] if parts else ""
    w = f"In {phrase}"
    if kind == "add":
        return f"{w}, {_q(first)} is added {_PLACES.get(a.place, 'above the line')}{_medium(a)}{_hand(a)}."
    if kind == "subst":
        where = _PLACES.get(a.place, "in its place") if a.place else "in its place"
        return (f"{w}, {_q(first)} is crossed out and {_q(parts[1] if len(parts) > 1 else '')} written "
                f"{where}{_medium(a)}{_hand(a)}.")
    if kind == "u":
        return f"{w}, {_q(first)} is underlined."
    if kind == "uu":
        return f"{w}, {_q(first)} is underlined twice."
    if kind == "sp":
        return f"{w}, {_q(first)} is letter-spaced for emphasis."
    if kind == "unclear":
        others = "; it may also read " + " or ".join(_q(p) for p in parts[1:]) if len(parts) > 1 else ""
        certainty = _CERT.get(a.cert, f" (certainty {a.cert})" if a.cert else "")
        return f"{w}, {_q(first)} is hard to read{certainty}{others}."
    if kind == "gap":
        what = english_extent(a.extent) if a.extent else ""
        plural = what and not what.startswith("one ")
        if a.reason == "damaged" or a.reason == "faded":
            cause = "lost to damage" if a.reason == "damaged" else "faded"
            return f"{w}, {what + (' are' if plural else ' is') if what else 'the text is'} {cause} here."
        if what:
            return f"{w}, {what} {'are' if plural else 'is'} illegible."
        return f"{w}, a word or more is illegible here."
    if kind == "margin":
        note = "a resolution" if a.kind == "resolution" else "a note"
        place = _PLACES.get(a.place or "margin", "in the margin")
        return f"{w}, {note} {place}{_hand(a)}{_medium(a)}: {_q(first)}."
    if kind == "hand":
        how = ", ".join(x for x in (_hand(a).strip(), _medium(a).strip()) if x)
        return f"{w}, from here on {how}."
    if kind == "pb":
        unit = "folio" if a.kind == "folio" else "page"
        return f"{w}, {unit} {a.n} begins here."
    if kind == "abbr":
        if len(parts) > 1:
            return f"{w}, {_q(first)} is abbreviated; it stands for {_q(parts[1])}."
        return f"{w}, {_q(first)} is abbreviated."
    if kind == "sic":
        if len(parts) > 1:
            return f"{w}, {_q(first)} is so written, for {_q(parts[1])}."
        return f"{w}, {_q(first)} is so written."
    raise ValueError(kind)


def _part_words(found: list[Run], element: Element) -> list[str]:
    parts: dict[int, list[str]] = {}
    for run in found:
        for e in run.elements:
            if e.kind == element.kind and e.start == element.start:
                parts.setdefault(e.part, []).append(run.text or run.hidden)
                break
    return ["".join(parts[k]) for k in sorted(parts)]


def mark_notes(siglum: str, text: str, phrase: str) -> list[MarkNote]:
    """The manuscript marks of a witness's body with their English (see the module docstring)."""
    all_runs = [r for r in runs_of(text) if r.witness_note is None]
    grouped: dict[tuple[str, int], tuple[Element, list[Run]]] = {}
    for run in all_runs:
        if Mark.EDITORIAL in run.marks:
            continue
        for e in run.elements:
            if e.kind in ("struck", "italic", "supplied"):
                continue
            grouped.setdefault((e.kind, e.start), (e, []))[1].append(run)
    paras = paragraphs(text)
    out: list[MarkNote] = []
    opening: dict[int, Attributes] = {}  # hand shifts that open a marginal note, by where the note starts
    for (kind, start), (element, found) in sorted(grouped.items(), key=lambda kv: kv[0][1]):
        end = max(r.end for r in found)
        if kind == "hand" and ("margin", end) in grouped:
            opening[end] = element.attributes  # the note says the hand and the medium
            continue
        parts = _part_words(found, element)
        attributes = element.attributes
        shift = opening.get(start) if kind == "margin" else None
        if shift is not None:
            attributes = replace(attributes, hand=attributes.hand or shift.hand,
                                 medium=attributes.medium or shift.medium)
        out.append(MarkNote(f"{variant_id(siglum, paras, start)}.{kind}", siglum, kind, start, end,
                            " ".join(" ".join(parts).split()), describe(kind, attributes, parts, phrase)))
    return out
