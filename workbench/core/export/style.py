"""The house style: how the publication formats label and close their notes.

A project sets it in ``workbench.yaml`` (read by :mod:`workbench.storage.project_settings`)::

    house_style:
      source_notes: as-printed   # the witness's notes keep the labels the witness prints (1, 2 …)
                                 # or: renumbered (1, 2, 3 … in the order the text refers to them)
      editors_notes: letters     # the editors' notes: letters (a, b …), roman (i, ii …) or symbols (*, † …)
      editors_note_suffix: "— Ed."   # closes each editors' note ('' for none)

The editors' notes are every note the editors wrote rather than the witness: the notes they make
(``annotate``), the apparatus notes, and the notes the ``note`` struck-text policy makes. Whatever
the style, they never share a label with a note of the witness.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE_STYLES = ("as-printed", "renumbered")
EDITOR_STYLES = ("letters", "roman", "symbols")
_SYMBOLS = ("*", "†", "‡", "§", "‖", "¶")
_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50), ("xl", 40),
          ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


@dataclass(frozen=True)
class HouseStyle:
    """How notes are labelled and closed (see the module docstring); the default is the project's."""

    source_notes: str = "as-printed"
    editors_notes: str = "letters"
    editors_note_suffix: str = "— Ed."

    def describe(self) -> list[str]:
        """Sentences for a volume's note on editorial conventions."""
        source = ("Notes of the source edition keep the numbers it prints." if self.source_notes == "as-printed"
                  else "Notes of the source edition are numbered 1, 2, 3 … in the order the text refers to them.")
        kind = {"letters": "lettered (a, b, c …)", "roman": "numbered in small roman numerals (i, ii, iii …)",
                "symbols": "marked *, †, ‡ …"}[self.editors_notes]
        editors = f"The editors' notes are {kind}"
        if self.editors_note_suffix:
            editors += f" and end with “{self.editors_note_suffix}”"
        return [source, editors + "."]


DEFAULT_STYLE = HouseStyle()


def letter(index: int) -> str:
    """a, b, … z, aa, ab …"""
    label, n = "", index
    while True:
        label = chr(ord("a") + n % 26) + label
        n = n // 26 - 1
        if n < 0:
            return label


def roman(index: int) -> str:
    """i, ii, iii, iv …"""
    n, out = index + 1, ""
    for sign, value in _ROMAN:
        while n >= value:
            out += sign
            n -= value
    return out


def symbol(index: int) -> str:
    """*, †, ‡, §, ‖, ¶, then doubled: **, †† …"""
    return _SYMBOLS[index % len(_SYMBOLS)] * (index // len(_SYMBOLS) + 1)


def editor_labels(style: str, count: int, taken: set[str]) -> list[str]:
    """``count`` labels of a style that are not in ``taken`` (compared without case)."""
    make = {"letters": letter, "roman": roman, "symbols": symbol}[style]
    used = {t.casefold() for t in taken}
    out: list[str] = []
    index = 0
    while len(out) < count:
        label = make(index)
        index += 1
        if label.casefold() not in used:
            out.append(label)
    return out
