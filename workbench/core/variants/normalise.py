"""Normalisation before comparison: which differences between witnesses do not count.

Each rule can be switched off (``Normalisation``; the CLI's ``--normalise``):

* ``case`` — «Москва» = «москва».
* ``punctuation`` — punctuation tokens are not compared at all.
* ``yo`` — «ё» = «е» (the 1996 edition prints «е» where the autograph has «ё», or the reverse).
* ``old-orthography`` — the letters the 1918 reform removed: «ѣ» = «е», «і» = «и», «ѳ» = «ф»,
  «ѵ» = «и», and a word-final «ъ» is dropped («Харьковъ» = «Харьков»).
* ``numbers`` — a number is its value, however written: «5», «пятого», «5-го» (Russian number words
  and ordinals in any case, composed ones too: «двадцать пятого» = 25) and «fifth», «twenty-five»
  in English all become ``#<value>``.

Rules only ever make forms equal; they never hide a word. The displayed readings are always the
witness text as transcribed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, fields

from workbench.core.errors import InputError
from workbench.core.language.en_numbers import en_number_values
from workbench.core.language.ru_numbers import parse_ru_numbers
from workbench.core.variants.tokens import PUNCT, WORD, Token

_OLD_LETTERS = str.maketrans({"ѣ": "е", "Ѣ": "Е", "і": "и", "І": "И", "ѳ": "ф", "Ѳ": "Ф", "ѵ": "и", "Ѵ": "И"})
_FINAL_HARD_SIGN = re.compile(r"(?<=[^\W\d_])[ъЪ](?=$|-)")
_DIGITS = re.compile(r"^(\d+)(?:-[^\W\d_]+)?$")
_EN_JOINERS = frozenset({"and"})
# number words that also mean something else: numbers only inside a longer number («one hundred»)
_EN_ONLY_INSIDE = frozenset({"one", "second"})


@dataclass(frozen=True)
class Normalisation:
    """Which normalisation rules apply (all by default)."""

    case: bool = True
    punctuation: bool = True
    yo: bool = True
    old_orthography: bool = True
    numbers: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        """The rules switched on, as the CLI names them."""
        return tuple(f.name.replace("_", "-") for f in fields(self) if getattr(self, f.name))

    def describe(self) -> str:
        """``case, punctuation, …`` or ``none``."""
        return ", ".join(self.names) or "none"


RULES = tuple(f.name.replace("_", "-") for f in fields(Normalisation))
STRICT = Normalisation(False, False, False, False, False)


def parse_rules(spec: str) -> Normalisation:
    """``"case,yo"`` → only those rules; ``"all"`` → every rule; ``"none"`` → none."""
    spec = spec.strip()
    if spec == "all":
        return Normalisation()
    if spec in ("none", ""):
        return STRICT
    wanted = {part.strip() for part in spec.split(",") if part.strip()}
    unknown = sorted(wanted - set(RULES))
    if unknown:
        raise InputError(f"unknown normalisation rule {unknown[0]!r}; use some of {', '.join(RULES)} "
                         "(comma-separated), 'all' or 'none'")
    return Normalisation(**{rule.replace("-", "_"): rule in wanted for rule in RULES})


def normalise_word(form: str, rules: Normalisation) -> str:
    """The comparison form of one word under the spelling rules (not numbers: see :func:`forms`)."""
    if rules.old_orthography:
        form = _FINAL_HARD_SIGN.sub("", form.translate(_OLD_LETTERS))
    if rules.yo:
        form = form.replace("ё", "е").replace("Ё", "Е")
    if rules.case:
        form = form.casefold()
    return form


def _number_keys(tokens: Sequence[Token], base: list[str], language: str) -> list[str]:
    """Replace number tokens by ``#value``; the later words of a composed number compare as nothing."""
    out = list(base)
    words = [k for k, t in enumerate(tokens) if t.kind == WORD]
    if language.startswith("ru"):
        # one string of the words, to let the Russian parser see composed numbers and ranges
        text, starts = "", []
        for k in words:
            starts.append(len(text))
            text += tokens[k].form.replace("ъ", "") + " "
        for span in parse_ru_numbers(text):
            # the words whose text overlaps the span (starts are sorted: find the first by bisection)
            first = max(bisect_right(starts, span.start) - 1, 0)
            last = bisect_left(starts, span.end)
            covered = [words[i] for i in range(first, last)
                       if starts[i] + len(tokens[words[i]].form) > span.start]
            if not covered:
                continue
            value = str(span.low) if span.low == span.high else f"{span.low}-{span.high}"
            out[covered[0]] = "#" + value
            for k in covered[1:]:
                out[k] = ""
        return out
    run: list[int] = []

    def flush() -> None:
        while run and tokens[run[-1]].form.lower() in _EN_JOINERS:
            run.pop()
        if run and not (len(run) == 1 and tokens[run[0]].form.lower() in _EN_ONLY_INSIDE):
            values = en_number_values(" ".join(tokens[k].form for k in run))
            if len(values) == 1:
                out[run[0]] = f"#{next(iter(values))}"
                for k in run[1:]:
                    out[k] = ""
        run.clear()

    for k in words:
        form = tokens[k].form
        match = _DIGITS.match(form)
        if match:
            flush()
            out[k] = "#" + str(int(match.group(1)))
            continue
        low = form.lower()
        is_number = bool(en_number_values(form)) or low in _EN_ONLY_INSIDE or bool(run and low in _EN_JOINERS)
        if is_number and (not run or run[-1] == k - 1):
            run.append(k)
        else:
            flush()
            if is_number:
                run.append(k)
    flush()
    return out


def forms(tokens: Sequence[Token], rules: Normalisation, language: str) -> list[str]:
    """The comparison form of each token; ``""`` means the token is not compared."""
    out = []
    for token in tokens:
        if token.kind == PUNCT and rules.punctuation:
            out.append("")
        elif token.kind == WORD:
            out.append(normalise_word(token.form, rules))
        else:
            out.append(token.form)
    if rules.numbers:
        out = _number_keys(tokens, out, language)
        # «5-го» = «5»: digits with a case ending are their value in every language
        for k, token in enumerate(tokens):
            match = _DIGITS.match(token.form)
            if token.kind == WORD and match and out[k]:
                out[k] = "#" + str(int(match.group(1)))
    return out
