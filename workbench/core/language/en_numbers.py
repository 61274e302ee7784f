"""English number words and ordinals («thirty-six thousand», «fifth», «twentieth»), so that a
Russian number word can meet its English translation even when neither side uses digits."""

from __future__ import annotations

import re
from functools import lru_cache

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ORD_IRREGULAR = {"first": 1, "second": 2, "third": 3, "fifth": 5, "eighth": 8, "ninth": 9,
                  "twelfth": 12}
_MULT = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[int, bool]]:
    table: dict[str, tuple[int, bool]] = {}
    for value, word in enumerate(_UNITS):
        table[word] = (value, False)
        table.setdefault(word + "th", (value, True))
    for word, value in _TENS.items():
        table[word] = (value, False)
        table[word[:-1] + "ieth"] = (value, True)
    for word, value in _MULT.items():
        table[word] = (value, False)
        table[word + "th"] = (value, True)
    table.update({w: (v, True) for w, v in _ORD_IRREGULAR.items()})
    return table


def en_number_word(word: str) -> tuple[int, bool] | None:
    """The value of one English number word and whether it is an ordinal («fifth» → (5, True)).

    >>> en_number_word("thirtieth")
    (30, True)
    """
    return _table().get(word.lower())


def add_number_word(total: int, current: int, value: int) -> tuple[int, int]:
    """One more word of a composed English number: «hundred» multiplies what is pending, «thousand» and
    above close it into the total, anything else adds to it. The number so far is ``total + current``.

    >>> add_number_word(*add_number_word(0, 0, 36), 1000)
    (36000, 0)
    """
    if value == 100:
        return total, max(current, 1) * 100
    if value >= 1000:
        return total + max(current, 1) * value, 0
    return total, current + value


_WORD = re.compile(r"\d+|[A-Za-z]+")
# Words that start no number: «one» is mostly a pronoun, «second» mostly a unit of time.
_NOT_ALONE = frozenset({"one", "second"})


def en_number_values(text: str) -> frozenset[int]:
    """Numbers an English text mentions in digits or words; composed words add up («thirty-six
    thousand» = 36000, «two hundred and fifty» = 250)."""
    table = _table()
    values: set[int] = set()
    total = current = 0
    in_number = False
    previous_end = 0

    for match in _WORD.finditer(text):
        token, low = match.group(), match.group().lower()
        joined = not text[previous_end:match.start()].strip(" -")
        entry = table.get(low)
        if in_number and (not joined or (entry is None and low != "and")):
            values.add(total + current)
            total = current = 0
            in_number = False
        previous_end = match.end()
        if token.isdigit():
            values.add(int(token))
            continue
        if entry is None or (not in_number and low in _NOT_ALONE):
            continue
        value = entry[0]
        in_number = True
        total, current = add_number_word(total, current, value)
    if in_number:
        values.add(total + current)
    return frozenset(values)
