"""What the head of a manuscript mark says: place, hand, medium, certainty, reason, extent, folio.

A manuscript mark is written ``{NAME HEAD|part|part}`` (``docs/transcription.md``). Its head is a
few words: each word is a value from the mark's vocabulary (``above``, ``pencil``, ``low``,
``illegible`` …), ``key=value`` for a value outside it, or — for the marks that name a hand — the
name of a hand. This module turns a head into :class:`Attributes` and says what is wrong with one
that does not parse, and reads the formulas of printed Russian editions (``[2 слова неразб.]``,
``[Резолюция на полях:]``) into the same attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Every named mark, with the number of parts it takes (min, max; None: any number).
PARTS: dict[str, tuple[int, int | None]] = {
    "add": (1, 1),
    "subst": (2, 2),
    "u": (1, 1),
    "uu": (1, 1),
    "sp": (1, 1),
    "unclear": (1, None),
    "gap": (0, 0),
    "margin": (1, 1),
    "hand": (0, 0),
    "pb": (0, 0),
    "abbr": (1, 2),
    "sic": (1, 2),
}
NAMES = tuple(PARTS)

ADD_PLACES = ("above", "below", "interlinear", "margin", "top", "bottom", "inline")
NOTE_PLACES = ("margin", "top", "bottom", "left", "right")
NOTE_KINDS = ("resolution", "note")
MEDIA = ("pencil", "ink", "red-pencil", "blue-pencil", "coloured-pencil", "red-ink", "violet-ink", "typewriter")
CERTAINTIES = ("high", "medium", "low", "unknown")
GAP_REASONS = ("illegible", "damaged", "cancelled", "faded")
BREAK_KINDS = ("page", "folio")
#: key=value keys each mark accepts (the bare words of its vocabulary set the same keys).
KEYS: dict[str, tuple[str, ...]] = {
    "add": ("place", "hand", "medium"),
    "subst": ("place", "hand", "medium"),
    "margin": ("place", "type", "hand", "medium"),
    "hand": ("hand", "medium"),
    "unclear": ("cert", "reason", "hand"),
    "gap": ("reason", "hand"),
    "pb": ("type",),
}
_VALUE = re.compile(r"^[^\s=|{}\[\]\\*~^\"']+$")


@dataclass(frozen=True)
class Attributes:
    """The attributes of one mark. Empty strings are attributes the head does not give.

    ``kind`` is a margin note's kind (``resolution``, ``note``) or a break's (``page``, ``folio``);
    ``n`` the number of the page or folio that begins; ``printed`` the formula of a printed edition
    the mark was read from (``[неразб.]``, ``[Резолюция на полях:]``).
    """

    place: str = ""
    hand: str = ""
    medium: str = ""
    kind: str = ""
    cert: str = ""
    reason: str = ""
    extent: str = ""
    n: str = ""
    printed: str = ""


EMPTY = Attributes()


class HeadError(ValueError):
    """A head that does not parse; the message says why (the parser adds the place)."""


def _vocabulary(name: str) -> dict[str, str]:
    """Bare word → the key it sets, for one mark."""
    words: dict[str, str] = {}
    if name in ("add", "subst"):
        words.update(dict.fromkeys(ADD_PLACES, "place"))
    if name == "margin":
        words.update(dict.fromkeys(NOTE_PLACES, "place"))
        words.update(dict.fromkeys(NOTE_KINDS, "type"))
    if name in ("add", "subst", "margin", "hand"):
        words.update(dict.fromkeys(MEDIA, "medium"))
    if name == "unclear":
        words.update(dict.fromkeys(CERTAINTIES, "cert"))
        words.update(dict.fromkeys(GAP_REASONS, "reason"))
    if name == "gap":
        words.update(dict.fromkeys(GAP_REASONS, "reason"))
    if name == "pb":
        words.update(dict.fromkeys(BREAK_KINDS, "type"))
    return words


def parse_head(name: str, head: str) -> Attributes:
    """The attributes of ``{NAME HEAD…``; ``HeadError`` when the head does not parse.

    ``head`` is the raw text between the name and the first ``|`` or ``}`` (with its leading space).
    """
    if name not in PARTS:
        raise HeadError(f"unknown mark {{{name}: the marks are {', '.join('{' + n for n in NAMES)}")
    if head and not head[0].isspace():
        raise HeadError(f"unknown mark {{{name}{head.split()[0] if head.split() else head}: the marks are "
                        f"{', '.join('{' + n for n in NAMES)}")
    words = head.split()
    if name == "pb":
        return _break_head(words)
    if not words:
        if name in ("hand",):
            raise HeadError("{hand needs a hand or a medium: {hand Lenin}, {hand pencil}")
        return EMPTY
    keys = KEYS.get(name)
    if keys is None:
        raise HeadError(f"{{{name} takes no head words; write {{{name}|…}}")
    vocabulary = _vocabulary(name)
    found: dict[str, str] = {}
    extent: list[str] = []
    for word in words:
        key, eq, value = word.partition("=")
        if eq:
            if key not in keys:
                raise HeadError(f"{{{name} has no attribute {key!r} (it takes {', '.join(keys)})")
            if not _VALUE.match(value):
                raise HeadError(f"{key}={value!r}: a value is one word without quotes, brackets or marks")
        elif word in vocabulary:
            key, value = vocabulary[word], word
        elif name == "gap":
            extent.append(word)
            continue
        elif "hand" in keys and _VALUE.match(word):
            key, value = "hand", word
        else:
            raise HeadError(f"{{{name} does not know {word!r}: it takes "
                            + ", ".join(sorted(set(vocabulary) | {f"{k}=…" for k in keys})))
        if key in found:
            raise HeadError(f"{{{name} is given two values for {key}: {found[key]!r} and {value!r}")
        found[key] = value
    return Attributes(place=found.get("place", ""), hand=found.get("hand", ""), medium=found.get("medium", ""),
                      kind=found.get("type", ""), cert=found.get("cert", ""), reason=found.get("reason", ""),
                      extent=" ".join(extent))


def _break_head(words: list[str]) -> Attributes:
    kind = ""
    if words and words[0] in BREAK_KINDS:
        kind = words.pop(0)
    elif words and words[0].startswith("type="):
        kind = words.pop(0)[5:]
        if not _VALUE.match(kind):
            raise HeadError(f"type={kind!r}: a value is one word without quotes, brackets or marks")
    if not words:
        raise HeadError("{pb needs the number of the page or folio that begins: {pb 2}, {pb folio 2 об.}")
    return Attributes(kind=kind, n=" ".join(words))


# ------------------------------------------------------------------- formulas of printed editions

_NUMBER_WORDS = {"одно": "1", "один": "1", "одна": "1", "два": "2", "две": "2", "три": "3", "четыре": "4",
                 "пять": "5", "шесть": "6", "семь": "7", "восемь": "8", "девять": "9", "десять": "10",
                 "несколько": "several"}
_UNITS = (("слов", "word"), ("строк", "line"), ("букв", "letter"), ("знак", "character"), ("лист", "leaf"))
#: ``[неразб.]``, ``[2 слова неразб.]``, ``[нрзб]``, ``[неразборчиво]``: text the edition could not read.
PRINTED_GAP = re.compile(
    r"\[\s*(?:(?P<extent>[^\[\]\n]*?)\s+)?(?P<word>неразб\.?|нрзб\.?|неразборчиво|не\s+разобран[оаы]?)\s*\]",
    re.IGNORECASE)
#: ``[текст поврежден]``, ``[оборвано]``, ``[край листа оборван]``: text lost with the paper.
PRINTED_DAMAGE = re.compile(
    r"\[\s*(?:текст\s+|край\s+листа\s+|лист\s+)?(?:поврежд[её]н[оаы]?|оборван[оаы]?|утрачен[оаы]?)\s*\]",
    re.IGNORECASE)
#: ``[Резолюция на полях:]``, ``[На полях:]``, ``[Помета В. И. Ленина на полях:]``: the edition's words
#: before a marginal note or resolution, which runs to the end of its paragraph.
PRINTED_MARGIN = re.compile(
    r"\[(?P<label>[^\[\]\n]*?(?:на\s+пол(?:ях|е)|резолюци[яи]|помет[аы]|приписк[аи])[^\[\]\n]*?):\]", re.IGNORECASE)


def english_extent(words: str) -> str:
    """``2 слова`` → ``2 words``, ``одна строка`` → ``1 line``; empty when it cannot be read."""
    parts = words.lower().split()
    if len(parts) != 2:
        return ""
    number = parts[0] if parts[0].isdigit() else _NUMBER_WORDS.get(parts[0], "")
    unit = next((english for russian, english in _UNITS if parts[1].startswith(russian)), "")
    if not number or not unit:
        return ""
    return f"{number} {unit}" if number == "1" else f"{number} {unit}s"


def printed_gap_attributes(raw: str) -> Attributes:
    """The attributes of a printed edition's gap formula (``[2 слова неразб.]``)."""
    match = PRINTED_GAP.fullmatch(raw)
    if match is not None:
        return Attributes(reason="illegible", extent=english_extent(match.group("extent") or ""), printed=raw)
    return Attributes(reason="damaged", printed=raw)


def printed_margin_attributes(label: str) -> Attributes:
    """The attributes of a printed edition's margin formula (``[Резолюция на полях:]``)."""
    words = label.lower()
    kind = "resolution" if "резолюц" in words else "note"
    place = "top" if ("вверху" in words or "верхнем" in words) else "margin"
    return Attributes(place=place, kind=kind, printed=label)
