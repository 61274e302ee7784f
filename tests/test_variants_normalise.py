"""The normalisation rules: each one makes a difference vanish, and only that one."""

from __future__ import annotations

import pytest

from workbench.core.errors import InputError
from workbench.core.variants.layers import BEFORE
from workbench.core.variants.normalise import STRICT, Normalisation, forms, parse_rules
from workbench.core.variants.tokens import tokenise


def keys(text: str, rules: Normalisation, language: str = "ru") -> list[str]:
    return [k for k in forms(tokenise(text, BEFORE), rules, language) if k]


CASES = [
    # (rule, language, a, b)
    ("case", "ru", "Реввоенсовета", "реввоенсовета"),
    ("yo", "ru", "ещё", "еще"),
    ("old-orthography", "ru", "въ Харьковъ", "в Харьков"),
    ("old-orthography", "ru", "вѣра", "вера"),
    ("old-orthography", "ru", "Россія", "Россия"),
    ("old-orthography", "ru", "Ѳеодоръ", "Феодор"),
    ("punctuation", "ru", "Москва, Кремль.", "Москва Кремль"),
    ("numbers", "ru", "до пятого августа", "до 5 августа"),
    ("numbers", "ru", "до 5-го августа", "до 5 августа"),
    ("numbers", "ru", "двадцать пятого июля", "25 июля"),
    ("numbers", "ru", "тридцать шесть тысяч", "36000"),
    ("numbers", "en", "the fifth of August", "the 5 of August"),
    ("numbers", "en", "twenty-five men", "25 men"),
    ("numbers", "en", "one hundred and ten", "110"),
]


@pytest.mark.parametrize(("rule", "language", "a", "b"), CASES)
def test_each_rule_makes_its_difference_vanish(rule: str, language: str, a: str, b: str) -> None:
    only = parse_rules(rule)
    assert keys(a, only, language) == keys(b, only, language)
    assert keys(a, STRICT, language) != keys(b, STRICT, language)


@pytest.mark.parametrize(("rule", "language", "a", "b"), CASES)
def test_a_rule_switched_off_keeps_the_difference(rule: str, language: str, a: str, b: str) -> None:
    others = parse_rules(",".join(r for r in Normalisation().names if r != rule))
    assert keys(a, others, language) != keys(b, others, language)


@pytest.mark.parametrize(("a", "b", "language"), [
    ("пятого августа", "шестого августа", "ru"),
    ("до 5 августа", "до 6 августа", "ru"),
    ("Харьков", "Харькова", "ru"),
    ("вера", "вира", "ru"),
    ("one man", "two men", "en"),
    ("the second line", "the 2 line", "en"),  # «second» alone is not a number
])
def test_rules_never_hide_a_real_difference(a: str, b: str, language: str) -> None:
    assert keys(a, Normalisation(), language) != keys(b, Normalisation(), language)


def test_parse_rules() -> None:
    assert parse_rules("all") == Normalisation()
    assert parse_rules("none") == STRICT
    rules = parse_rules("case, yo")
    assert rules.names == ("case", "yo")
    assert rules.describe() == "case, yo"
    assert STRICT.describe() == "none"
    with pytest.raises(InputError, match="unknown normalisation rule 'spelling'"):
        parse_rules("case,spelling")


def test_punctuation_is_compared_when_the_rule_is_off() -> None:
    assert keys("Москва, Кремль", parse_rules("case")) == ["москва", ",", "кремль"]
