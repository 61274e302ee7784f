"""Russian number words and ordinals in every case, digits, and ranges between them.

«тридцатого» = 30, «тридцать шесть тысяч» = 36000, «пятого — десятого августа» = 5–10.

The forms come from a generated table (stems × case endings), so the module works without any
morphology library; pymorphy3, when installed, is asked only about words the table does not know,
and only its number readings (NUMR, ordinal ADJF) are taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.core.language.morph import ru_lemma_tagged

# Cardinal forms written out case by case: their declension is irregular.
_SMALL: dict[int, tuple[str, ...]] = {
    0: ("ноль", "нуль", "ноля", "нуля", "нолю", "нулю", "нолём", "нулём", "ноле", "нуле"),
    1: ("один", "одна", "одно", "одни", "одного", "одной", "одному", "одним", "одном", "одну",
        "одних", "одними", "одною"),
    2: ("два", "две", "двух", "двум", "двумя"),
    3: ("три", "трёх", "трём", "тремя"),
    4: ("четыре", "четырёх", "четырём", "четырьмя"),
    40: ("сорок", "сорока"),
    90: ("девяносто", "девяноста"),
    100: ("сто", "ста"),
}
# 5–9: nominative, oblique (genitive/dative/prepositional) and instrumental stems.
_UNITS = {5: ("пять", "пяти", "пятью"), 6: ("шесть", "шести", "шестью"), 7: ("семь", "семи", "семью"),
          8: ("восемь", "восьми", "восемью"), 9: ("девять", "девяти", "девятью")}
# Numbers declined like «пять»: stem + ь / и / ью.
_SOFT = {10: "десят", 11: "одиннадцат", 12: "двенадцат", 13: "тринадцат", 14: "четырнадцат",
         15: "пятнадцат", 16: "шестнадцат", 17: "семнадцат", 18: "восемнадцат", 19: "девятнадцат",
         20: "двадцат", 30: "тридцат"}
_HUNDREDS_234 = {200: ("двести", "двухсот", "двумстам", "двумястами", "двухстах"),
                 300: ("триста", "трёхсот", "трёмстам", "тремястами", "трёхстах"),
                 400: ("четыреста", "четырёхсот", "четырёмстам", "четырьмястами", "четырёхстах")}
_MULTIPLIERS = {1000: "тысяч", 1_000_000: "миллион", 1_000_000_000: "миллиард"}
_THOUSAND_FORMS = ("тысяча", "тысячи", "тысяче", "тысячу", "тысячей", "тысячею", "тысяч", "тысячам",
                   "тысячами", "тысячах")
_MILLION_ENDINGS = ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах")

# Ordinal stems; every adjective ending is allowed after them.
_ORDINAL_STEMS = {
    1: "перв", 2: "втор", 3: "трет", 4: "четвёрт", 5: "пят", 6: "шест", 7: "седьм", 8: "восьм",
    9: "девят", 10: "десят", 11: "одиннадцат", 12: "двенадцат", 13: "тринадцат", 14: "четырнадцат",
    15: "пятнадцат", 16: "шестнадцат", 17: "семнадцат", 18: "восемнадцат", 19: "девятнадцат",
    20: "двадцат", 30: "тридцат", 40: "сороков", 50: "пятидесят", 60: "шестидесят", 70: "семидесят",
    80: "восьмидесят", 90: "девяност", 100: "сот", 200: "двухсот", 300: "трёхсот", 400: "четырёхсот",
    500: "пятисот", 600: "шестисот", 700: "семисот", 800: "восьмисот", 900: "девятисот",
    1000: "тысячн", 1_000_000: "миллионн",
}
_ADJ_ENDINGS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым",
                "им", "ом", "ем", "ую", "юю", "ых", "их", "ыми", "ими", "ей")
# «третий» declines with a soft sign: третьего, третьей, третью …
_TRETIJ = ("третий", "третья", "третье", "третьи", "третьего", "третьему", "третьим", "третьем",
           "третьей", "третью", "третьих", "третьими")


def _e(word: str) -> str:
    return word.replace("ё", "е")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """(cardinal form → value, ordinal form → value, multiplier form → value), all with ё → е."""
    cardinal: dict[str, int] = {}
    for value, forms in _SMALL.items():
        cardinal.update({_e(f): value for f in forms})
    for value, (nom, obl, ins) in _UNITS.items():
        cardinal.update({nom: value, obl: value, ins: value})
        # 50–80 «пятьдесят / пятидесяти / пятьюдесятью»; 500–900 «пятьсот / пятисот / пятистам …»
        cardinal.update({nom + "десят": value * 10, obl + "десяти": value * 10, ins + "десятью": value * 10})
        cardinal.update({nom + "сот": value * 100, obl + "сот": value * 100, obl + "стам": value * 100,
                         ins + "стами": value * 100, obl + "стах": value * 100})
    cardinal["восьмьюдесятью"] = 80
    for value, stem in _SOFT.items():
        cardinal.update({stem + "ь": value, stem + "и": value, stem + "ью": value})
    for value, forms in _HUNDREDS_234.items():
        cardinal.update({_e(f): value for f in forms})
    multiplier = {_e(f): 1000 for f in _THOUSAND_FORMS}
    for value, stem in _MULTIPLIERS.items():
        if value > 1000:
            multiplier.update({stem + end: value for end in _MILLION_ENDINGS})
    ordinal: dict[str, int] = {}
    for value, stem in _ORDINAL_STEMS.items():
        ordinal.update({_e(stem) + end: value for end in _ADJ_ENDINGS})
    for form in _TRETIJ:
        ordinal[_e(form)] = 3
    for bad in ("третий", "трета", "треть"):  # «треть» is a fraction, not an ordinal form
        ordinal.pop(bad, None)
    ordinal["третий"] = 3
    # Words that look like ordinal forms but mean something else.
    for word in ("сотом",):
        ordinal.pop(word, None)
    return cardinal, ordinal, multiplier


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    """The first three letters of every known number form."""
    return frozenset(form[:3] for table in _tables() for form in table)


@dataclass(frozen=True)
class NumberSpan:
    """A number (or a range, when ``low < high``) found in a text, with its character span."""

    low: int
    high: int
    ordinal: bool
    start: int
    end: int

    @property
    def values(self) -> tuple[int, ...]:
        """The endpoints, once each."""
        return (self.low,) if self.low == self.high else (self.low, self.high)


_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[А-Яа-яЁё]+|[-–—]+")
_DASHES = frozenset("-–—")


def ru_number_word(word: str) -> tuple[int, str] | None:
    """The value of one Russian number word and its kind (``"card"``, ``"ord"``, ``"mult"``).

    >>> ru_number_word("тридцатого")
    (30, 'ord')
    """
    w = _e(word.lower())
    cardinal, ordinal, multiplier = _tables()
    if w in cardinal:
        return cardinal[w], "card"
    if w in ordinal:
        return ordinal[w], "ord"
    if w in multiplier:
        return multiplier[w], "mult"
    if w[:3] not in _prefixes():
        return None  # asking pymorphy3 about every word of a book took a second; numbers share stems
    lemma = ru_lemma_tagged(w)
    if lemma is not None:
        form, tag = lemma
        form = _e(form)
        if tag == "NUMR" and form in cardinal:
            return cardinal[form], "card"
        if tag == "Anum" and form in ordinal:
            return ordinal[form], "ord"
    return None


def parse_ru_numbers(text: str) -> tuple[NumberSpan, ...]:
    """Every number in a Russian text: digits, number words (composed: «две тысячи пятьсот» = 2500),
    ordinals, and ranges «пятого — десятого» or «5–10» (one span with ``low`` and ``high``)."""
    singles: list[NumberSpan] = []
    total = current = last = 0
    start = end = -1
    is_ord = in_number = False

    def flush() -> None:
        nonlocal total, current, last, in_number, is_ord
        if in_number:
            value = total + current
            singles.append(NumberSpan(value, value, is_ord, start, end))
        total = current = last = 0
        in_number = is_ord = False

    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] in _DASHES:
            flush()
            singles.append(NumberSpan(-1, -1, False, match.start(), match.end()))  # a dash marker
            continue
        if token[0].isdigit():
            flush()
            if token.isdigit():
                singles.append(NumberSpan(int(token), int(token), False, match.start(), match.end()))
            continue
        found = ru_number_word(token)
        gap = text[end:match.start()] if in_number else ""
        if found is None or (in_number and gap.strip()):
            flush()
            if found is None:
                continue
        value, kind = found
        if in_number and kind != "mult" and (is_ord or not _may_follow(last, value)):
            # «пять шесть» is two numbers, not eleven: each order (hundreds, tens, units) once, falling.
            flush()
        if not in_number:
            start, in_number = match.start(), True
        end = match.end()
        if kind == "mult":
            total += max(current, 1) * value
            current = last = 0
        else:
            current += value
            last = value
        if kind == "ord":
            is_ord = True
    flush()
    return _ranges(singles, text)


def _may_follow(last: int, value: int) -> bool:
    if last == 0:
        return True
    if last >= 100:
        return value < 100
    if last >= 20:
        return value < 10
    return False


def _ranges(items: list[NumberSpan], text: str) -> tuple[NumberSpan, ...]:
    out: list[NumberSpan] = []
    k = 0
    while k < len(items):
        item = items[k]
        if item.low < 0:
            k += 1
            continue
        if (k + 2 < len(items) and items[k + 1].low < 0 and items[k + 2].low >= 0
                and not text[item.end:items[k + 1].start].strip()
                and not text[items[k + 1].end:items[k + 2].start].strip()
                and items[k + 2].low > item.low):
            other = items[k + 2]
            out.append(NumberSpan(item.low, other.low, item.ordinal or other.ordinal, item.start, other.end))
            k += 3
            continue
        out.append(item)
        k += 1
    return tuple(out)


def ru_number_values(text: str) -> frozenset[int]:
    """The set of numbers a Russian text mentions (range endpoints included)."""
    return frozenset(v for span in parse_ru_numbers(text) for v in span.values)
