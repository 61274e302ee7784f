"""The ``number`` check: the numbers and dates of the Russian and the English of a link must agree.

Both sides are read into values: digits (``1,000`` as one number), Roman numerals (``III``, ``29/VII``),
ordinals (``23rd``), number words in English («thirty-six thousand») and in Russian in any case
(«двадцать третьего», through :mod:`workbench.core.language.ru_numbers`), day/month dates (``24/7``), and
month names («26 июля» against "26 July" or "July 26"). A value the Russian has and the English lacks,
or the reverse, is a finding. What a word «один» / "one" says is too often an article or a pronoun to
count; numbers in a passage the author struck out are neither required nor flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from workbench.core.language.en_numbers import add_number_word, en_number_word
from workbench.core.language.morph import ru_lemma_tagged
from workbench.core.language.ru_numbers import parse_ru_numbers
from workbench.core.models import Link
from workbench.core.qa.document import QADocument
from workbench.core.qa.model import Finding, Severity
from workbench.core.qa.text import MASK

CHECK = "number"


@dataclass(frozen=True)
class Value:
    """A number or a month one side mentions: ``kind`` is ``number`` or ``month``; ``digits`` when it was
    written in digits (or Roman numerals) rather than words; ``span`` where it stands in the text."""

    kind: str
    value: int
    digits: bool
    start: int
    end: int
    weak: bool = False


_DIGITS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])|\d+")
_ROMAN = re.compile(r"(?<![A-Za-z])[IVXLC]+(?![A-Za-z])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s?/\s?(\d{1,2}|[IVX]{1,4})(?![\d/A-Za-z])")
_EN_WORD = re.compile(r"[A-Za-z]+")
_EN_MONTHS = {name: i for i, name in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"), 1)}
_EN_MONTH_SHORT = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
                   "Oct": 10, "Nov": 11, "Dec": 12}
_RU_MONTH_STEMS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
                   "ноябр", "декабр")
_RU_MONTH = re.compile(r"(?<![А-Яа-яЁё])(январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)"
                       r"(ь|я|ю|е|ем|ём|й|а|у|ом|)(?![А-Яа-яЁё])", re.IGNORECASE)


def roman_value(token: str) -> int | None:
    """The value of a well-formed Roman numeral (``XIV`` → 14), else None."""
    total = 0
    previous = 0
    for char in reversed(token):
        value = _ROMAN_VALUES[char]
        if value < previous:
            total -= value
        else:
            total += value
            previous = value
    return total if total > 0 and to_roman(total) == token else None


def to_roman(value: int) -> str:
    """A number in Roman numerals (1–399)."""
    out = ""
    for size, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                          (4, "IV"), (1, "I")):
        while value >= size:
            out += letters
            value -= size
    return out


def _roman_ok(text: str, match: re.Match[str]) -> bool:
    token = match.group()
    if "I" not in token and "V" not in token and "X" not in token:
        return False  # "CC" is the Central Committee, "CL" no number
    if len(token) >= 2:
        return True
    before = text[match.start() - 1:match.start()]
    after = text[match.end():match.end() + 1]
    return before == "/" or after == "/"  # a single letter only in a date such as 1/IX


def _common(text: str) -> tuple[list[Value], list[tuple[int, int]]]:
    """Dates, digits and Roman numerals (both languages write them alike); spans taken."""
    values: list[Value] = []
    taken: list[tuple[int, int]] = []
    for match in _DATE.finditer(text):
        month = match.group(2)
        month_value = int(month) if month.isdigit() else roman_value(month)
        if month_value is None or not 1 <= month_value <= 12 or not 1 <= int(match.group(1)) <= 31:
            continue
        values.append(Value("number", int(match.group(1)), True, match.start(1), match.end(1)))
        values.append(Value("month", month_value, True, match.start(2), match.end(2)))
        taken.append(match.span())
    for match in _DIGITS.finditer(text):
        if _inside(match.span(), taken):
            continue
        values.append(Value("number", int(match.group().replace(",", "")), True, match.start(), match.end()))
        taken.append(match.span())
    for match in _ROMAN.finditer(text):
        if _inside(match.span(), taken) or not _roman_ok(text, match):
            continue
        value = roman_value(match.group())
        if value is not None:
            values.append(Value("number", value, True, match.start(), match.end()))
            taken.append(match.span())
    return values, taken


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in taken)


def english_values(text: str) -> list[Value]:
    """Every number and month an English text mentions, with spans."""
    values, taken = _common(text)
    for match in _EN_WORD.finditer(text):
        word = match.group()
        month = _EN_MONTHS.get(word) or _EN_MONTH_SHORT.get(word)
        if month is None or _inside(match.span(), taken):
            continue
        beside_day = re.search(r"\d\s*$", text[:match.start()]) or re.match(r"\s*\d", text[match.end():])
        if word == "May" and not beside_day:
            continue  # "May" is a month only beside a day
        if word in _EN_MONTH_SHORT and not re.search(r"\d", text[max(0, match.start() - 4):match.end() + 4]):
            continue
        values.append(Value("month", month, False, match.start(), match.end()))
    values.extend(_english_words(text, taken))
    return values


def _english_words(text: str, taken: list[tuple[int, int]]) -> Iterator[Value]:
    total = current = 0
    start = end = -1
    ordinal = False
    words = 0

    def flush() -> Iterator[Value]:
        if words:
            value = total + current
            yield Value("number", value, False, start, end, weak=value == 1)

    for match in _EN_WORD.finditer(text):
        low = match.group().lower()
        entry = en_number_word(low)
        gap = text[end:match.start()] if words else ""
        joined = words and not gap.strip(" -" + MASK)
        if entry is None or _inside(match.span(), taken):
            if low == "and" and joined:
                continue  # "two hundred and fifty"
            yield from flush()
            total = current = words = 0
            ordinal = False
            continue
        value, is_ordinal = entry
        if words and (not joined or ordinal or (value < 100 and current % 100 and value >= 10)
                      or (value < 10 and current % 10)):
            yield from flush()
            total = current = words = 0
            ordinal = False
        if not words:
            start = match.start()
        end = match.end()
        words += 1
        ordinal = ordinal or is_ordinal
        total, current = add_number_word(total, current, value)
    yield from flush()


#: Words that name a number although morphology calls them nouns.
_NUMBER_NOUNS = frozenset({"тысяча", "миллион", "миллиард", "сто"})


def _ambiguous(words: str) -> bool:
    """True when a number word reads more likely as another word: «семью» (family), «сорока» (magpie)."""
    for word in re.findall(r"[А-Яа-яЁё]+", words):
        tagged = ru_lemma_tagged(word.lower())
        if tagged is None:
            return False  # no morphology: trust the number table
        lemma, kind = tagged
        if kind not in ("NUMR", "Anum") and lemma.replace("ё", "е") not in _NUMBER_NOUNS:
            return True
    return False


def russian_values(text: str) -> list[Value]:
    """Every number and month a Russian text mentions, with spans."""
    values, taken = _common(text)
    for span in parse_ru_numbers(text):
        if _inside((span.start, span.end), taken) or any(a < span.end and span.start < b for a, b in taken):
            continue
        digits = text[span.start:span.end][:1].isdigit()
        weak = not digits and _ambiguous(text[span.start:span.end])
        for value in span.values:
            values.append(Value("number", value, digits, span.start, span.end,
                                weak=weak or (value == 1 and not digits)))
    for match in _RU_MONTH.finditer(text):
        stem = match.group(1).lower()
        ending = match.group(2).lower()
        if stem == "ма" and ending not in ("й", "я", "ю", "е", "ем", "ём"):
            continue
        if stem == "март" and ending not in ("", "а", "у", "е", "ом"):
            continue
        values.append(Value("month", _RU_MONTH_STEMS.index(stem) + 1, False, match.start(), match.end()))
    return values


def _describe(value: Value) -> str:
    if value.kind == "month":
        return list(_EN_MONTHS)[value.value - 1]
    return str(value.value)


def check_link(doc: QADocument, link: Link) -> list[Finding]:
    """Numbers and months of a link's Russian against its English."""
    source = doc.source(link)
    if source is None or not link.target:
        return []
    english = doc.english(link)
    ru = [v for v in russian_values(source.plain) if not v.weak]
    struck = {(v.kind, v.value) for v in russian_values(source.struck)} if source.struck else set()
    en = [v for v in english_values(english.masked) if not v.weak]
    if not ru and not en:
        return []
    ru_keys = {(v.kind, v.value) for v in ru}
    en_keys = {(v.kind, v.value) for v in en}
    missing = [v for v in _once(ru) if (v.kind, v.value) not in en_keys]
    extra = [v for v in _once(en) if (v.kind, v.value) not in ru_keys and (v.kind, v.value) not in struck]
    out: list[Finding] = []
    if len(missing) == 1 and len(extra) == 1 and missing[0].kind == extra[0].kind:
        want, have = missing[0], extra[0]
        shown = english.markup[have.start:have.end]
        suggestion = _spell_like(want, have, shown)
        out.append(Finding(doc.address, CHECK, _severity(want, have),
                           f"the English has {shown} where the Russian has {_describe(want)} "
                           f"(«{source.plain[want.start:want.end]}»)", link=link.id, span=(have.start, have.end),
                           suggestion=suggestion))
        return out
    for want in missing:
        out.append(Finding(doc.address, CHECK, _severity(want, None),
                           f"the Russian has {_describe(want)} («{source.plain[want.start:want.end]}»); "
                           "the English does not", link=link.id))
    for have in extra:
        out.append(Finding(doc.address, CHECK, _severity(have, None),
                           f"the English has {english.markup[have.start:have.end]}, which the Russian does not",
                           link=link.id, span=(have.start, have.end)))
    return out


def _once(values: list[Value]) -> list[Value]:
    seen: set[tuple[str, int]] = set()
    out = []
    for value in values:
        key = (value.kind, value.value)
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


def _severity(a: Value, b: Value | None) -> Severity:
    return Severity.ERROR if a.digits or (b is not None and b.digits) else Severity.WARNING


def _spell_like(want: Value, have: Value, shown: str) -> str | None:
    if want.kind == "month":
        name = list(_EN_MONTHS)[want.value - 1]
        return str(want.value) if shown.isdigit() else (to_roman(want.value) if have.digits else name)
    if shown.isdigit():
        return str(want.value)
    if have.digits and shown.isupper():
        return to_roman(want.value) if want.value < 400 else str(want.value)
    if "," in shown:
        return f"{want.value:,}"
    return None
