"""Layers of a witness (before/after a deletion), struck passages, their ids, and tokens."""

from __future__ import annotations

import pytest
from variants_support import FIXTURE

from workbench.core.errors import InputError
from workbench.core.variants.layers import (
    AFTER,
    BEFORE,
    has_layers,
    split_name,
    struck_passages,
    struck_spans,
)
from workbench.core.variants.tokens import OMISSION, PUNCT, WORD, reading, tokenise

AUTOGRAPH = (FIXTURE / "texts/fixture/telegram/ru-autograph.txt").read_text(encoding="utf-8")
PRINTED = (FIXTURE / "texts/fixture/telegram/ru-1996.txt").read_text(encoding="utf-8")


def test_a_struck_witness_has_two_layers_and_a_clean_one_has_one() -> None:
    assert has_layers(AUTOGRAPH)
    assert not has_layers(PRINTED)
    before = reading(tokenise(AUTOGRAPH, BEFORE))
    after = reading(tokenise(AUTOGRAPH, AFTER))
    assert "Врангель, видимо, знает о переброске и торопится ударить первым." in before
    assert "Врангель" not in after
    assert "августа. Считаю создание" in after  # the text closes up where the passage was


def test_struck_passage_has_its_span_text_and_a_stable_id() -> None:
    (passage,) = struck_passages("ru-autograph", AUTOGRAPH)
    assert AUTOGRAPH[passage.start:passage.end].startswith("~~Врангель")
    assert AUTOGRAPH[passage.start:passage.end].endswith("первым.~~")
    assert passage.text == "Врангель, видимо, знает о переброске и торопится ударить первым."
    assert passage.id == "ru-autograph.p1.66"
    assert struck_passages("ru-autograph", AUTOGRAPH) == (passage,)  # same on every run
    # an edit in another paragraph leaves the id alone; one before it in the same paragraph moves it
    edited = AUTOGRAPH.replace("Москва,", "Москва, Кремль,")
    assert struck_passages("ru-autograph", edited)[0].id == passage.id
    edited = AUTOGRAPH.replace("Прибытие", "Скорое прибытие")
    assert struck_passages("ru-autograph", edited)[0].id != passage.id


def test_struck_text_inside_italics_is_found() -> None:
    text = "Один *два ~~три~~ четыре* пять ~~шесть~~."
    spans = struck_spans(text)
    assert [text[a:b] for a, b in spans] == ["~~три~~", "~~шесть~~"]


def test_layer_names() -> None:
    assert split_name("ru-autograph@before") == ("ru-autograph", BEFORE)
    assert split_name("ru-1996") == ("ru-1996", None)
    with pytest.raises(InputError):
        split_name("ru-autograph@draft")


def test_tokens_keep_raw_offsets_through_marks() -> None:
    text = "Предреввоенсов[ета] *Троцкому*, [...] по-моему ~~лишнее~~ слово\\*.[^1]\n\n[^1]: примечание"
    tokens = tokenise(text)
    assert [t.text for t in tokens] == ["Предреввоенсов[ета]", "Троцкому", ",", "[...]", "по-моему", "лишнее",
                                        "слово", "*", "."]
    assert [t.kind for t in tokens][:4] == [WORD, WORD, PUNCT, OMISSION]
    assert tokens[0].form == "Предреввоенсовета"  # supplied letters are part of the word
    for token in tokens:
        assert token.start < token.end
        assert text[token.start:token.end].replace("\\", "") in (token.text, f"*{token.text}*", token.text + "*")
    assert [t.struck for t in tokens] == [False] * 5 + [True] + [False] * 3
    assert "примечание" not in reading(tokens)  # notes are not the document's text


def test_after_layer_closes_a_word_the_author_corrected() -> None:
    assert [t.text for t in tokenise("пере~~дать~~слать", AFTER)] == ["переслать"]
    assert [t.text for t in tokenise("пере~~дать~~слать", BEFORE)] == ["передатьслать"]
