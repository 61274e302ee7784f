"""The aligner on fixtures with known beads, its edge cases, and its pieces (Russian numbers,
romanisation, anchors, the band search, resources). No test reads ../shared or needs the network."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.aligner.align import align
from workbench.core.aligner.anchors import anchor_candidates, numbers_in, sentence_keys
from workbench.core.aligner.beads import BEAD_TYPES, AlignResources
from workbench.core.aligner.romanise import name_key, name_similarity, romanise
from workbench.core.aligner.search import monotone_chain
from workbench.core.errors import InputError
from workbench.core.language.en_numbers import en_number_values
from workbench.core.language.ru_numbers import parse_ru_numbers, ru_number_values, ru_number_word
from workbench.storage.align_resources import parse_freedict

DATA = Path(__file__).resolve().parent / "data" / "align"


def paragraphs(name: str) -> list[str]:
    """The paragraph lines of a bilinguator file (after the author and title lines)."""
    return (DATA / name).read_text(encoding="utf-8").split("\n")[2:]


def pairs(result) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:  # type: ignore[no-untyped-def]
    return [(b.source, b.target) for b in result.beads]


def assert_covers(result, n: int, m: int) -> None:  # type: ignore[no-untyped-def]
    """Every index of both sides once, in order, in allowed bead shapes."""
    src = [i for b in result.beads for i in b.source]
    tgt = [j for b in result.beads for j in b.target]
    assert src == list(range(n)) and tgt == list(range(m))
    assert all(b.shape in BEAD_TYPES for b in result.beads)
    assert all(0.0 <= b.confidence <= 1.0 for b in result.beads)


# ------------------------------------------------------------------------------------ fixtures


def test_chekhov_paragraphs_align_one_to_one() -> None:
    ru, en = paragraphs("khameleon_ru.txt"), paragraphs("khameleon_en.txt")
    result = align(ru, en, source_lang="ru", target_lang="en", backend="plain")
    assert pairs(result) == [((i,), (i,)) for i in range(len(ru))]
    assert result.signature["backend"].startswith("length")


@pytest.mark.parametrize("reverse", [False, True])
def test_merged_paragraphs_become_two_to_one_beads(reverse: bool) -> None:
    ru, en = paragraphs("khameleon_ru.txt"), paragraphs("khameleon_en.txt")
    # Join English paragraphs 5+6 and 14+15: the known beads are ru (5, 6) ↔ en 5 and ru (14, 15) ↔ en 13.
    merged = en[:5] + [en[5] + " " + en[6]] + en[7:14] + [en[14] + " " + en[15]] + en[16:]
    expected = ([((i,), (i,)) for i in range(5)] + [((5, 6), (5,))] + [((i,), (i - 1,)) for i in range(7, 14)]
                + [((14, 15), (13,))] + [((i,), (i - 2,)) for i in range(16, len(ru))])
    if reverse:
        result = align(merged, ru, source_lang="en", target_lang="ru", backend="plain")
        expected = [(t, s) for s, t in expected]
    else:
        result = align(ru, merged, source_lang="ru", target_lang="en", backend="plain")
    assert pairs(result) == expected


def test_untranslated_opening_paragraphs_are_a_run_of_deletions() -> None:
    # Dostoevsky: Garnett left the eleven paragraphs of chapter I untranslated (<delimiter> lines).
    ru = paragraphs("malchik_u_khrista_na_yolke_ru.txt")
    en_lines = paragraphs("malchik_u_khrista_na_yolke_en.txt")
    en = [line for line in en_lines if line != "<delimiter>"]
    untranslated = [i for i, line in enumerate(en_lines) if line == "<delimiter>"]
    assert untranslated == list(range(1, 12))
    result = align(ru, en, source_lang="ru", target_lang="en", backend="plain")
    beads = pairs(result)
    assert [((i,), ()) for i in range(1, 12)] == [b for b in beads if not b[1]][:11]
    assert beads[-1] == ((len(ru) - 1,), (len(en) - 1,))
    assert sum(1 for s, t in beads if len(s) == 1 and len(t) == 1) >= len(en) - 3


def test_untranslated_run_as_insertions_with_paragraph_numbers() -> None:
    # The same story the other way round: the Russian paragraphs are insertions (0-1) at the start.
    ru = paragraphs("malchik_u_khrista_na_yolke_ru.txt")
    en = [line for line in paragraphs("malchik_u_khrista_na_yolke_en.txt") if line != "<delimiter>"]
    result = align(en, ru, source_lang="en", target_lang="ru", source_paragraphs=list(range(len(en))),
                   target_paragraphs=list(range(len(ru))), backend="plain")
    beads = pairs(result)
    assert beads[:13] == [((0,), (0,))] + [((), (j,)) for j in range(1, 12)] + [((1,), (12,))]
    assert beads[13:] == [((i,), (i + 11,)) for i in range(2, len(en))]
    assert result.signature["paragraphs"] == "yes"


# ---------------------------------------------------------------------------------- edge cases


def test_empty_sides() -> None:
    assert pairs(align([], [], source_lang="ru", target_lang="en")) == []
    assert pairs(align(["Один."], [], source_lang="ru", target_lang="en")) == [((0,), ())]
    assert pairs(align([], ["One.", "Two."], source_lang="ru", target_lang="en")) == [((), (0,)), ((), (1,))]


def test_single_sentence_each() -> None:
    result = align(["Привет."], ["Hello."], source_lang="ru", target_lang="en")
    assert pairs(result) == [((0,), (0,))]


def test_identical_texts_align_on_the_diagonal_with_high_confidence() -> None:
    ru = paragraphs("khameleon_ru.txt")
    result = align(ru, ru, source_lang="ru", target_lang="ru", backend="plain")
    assert pairs(result) == [((i,), (i,)) for i in range(len(ru))]
    assert min(b.confidence for b in result.beads) > 0.9


def test_large_synthetic_pair_finishes_and_keeps_its_place() -> None:
    rng = random.Random(7)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa"]
    source = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 25))) + f" {k}." for k in range(5000)]
    target = [s.upper() for s in source]
    result = align(source, target, source_lang="en", target_lang="xx", backend="plain")
    assert_covers(result, 5000, 5000)
    assert result.signature["search"].startswith("band")
    right = sum(1 for b in result.beads if b.source == b.target and len(b.source) == 1)
    assert right >= 4950


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=40), max_size=12), st.lists(st.text(min_size=0, max_size=40), max_size=12))
def test_any_input_is_covered_exactly_once(source: list[str], target: list[str]) -> None:
    assert_covers(align(source, target, source_lang="ru", target_lang="en", backend="plain"), len(source), len(target))


def test_numbers_pull_the_right_sentences_together() -> None:
    # The added English line has the length of the Russian one; only the number words say which
    # English sentence translates «тридцать шесть тысяч».
    source = ["Мы выехали рано утром.", "Прибыло тридцать шесть тысяч человек."]
    target = ["We left early in the morning.", "The weather was cold and rather grey.", "36000 men arrived."]
    result = align(source, target, source_lang="ru", target_lang="en", backend="plain")
    bead = next(b for b in result.beads if 1 in b.source)
    assert 2 in bead.target
    assert pairs(result)[0] == ((0,), (0,))
    digits_moved = ["We left early in the morning.", "36000 men arrived.", "The weather was cold and rather grey."]
    result = align(source, digits_moved, source_lang="ru", target_lang="en", backend="plain")
    assert 1 in next(b for b in result.beads if 1 in b.source).target


# -------------------------------------------------------------------------------- bad arguments


def test_bad_arguments_raise_input_errors() -> None:
    with pytest.raises(InputError, match="unknown alignment backend"):
        align(["a"], ["b"], source_lang="ru", target_lang="en", backend="magic")
    with pytest.raises(InputError, match="source_paragraphs"):
        align(["a", "b"], ["b"], source_lang="ru", target_lang="en", source_paragraphs=[0])
    with pytest.raises(InputError, match="dictionary"):
        align(["a"], ["b"], source_lang="ru", target_lang="en", backend="dictionary")
    with pytest.raises(InputError, match="embedding"):
        align(["a"], ["b"], source_lang="ru", target_lang="en", backend="embeddings")


# ------------------------------------------------------------------------------ optional terms


def _fake_embedder(groups: dict[str, int]):  # type: ignore[no-untyped-def]
    """Sentences of one group get the same vector, other groups orthogonal ones: a stand-in for a
    multilingual model."""
    table = np.eye(max(groups.values()) + 1)

    def embed(sentences: list[str]) -> np.ndarray:
        return np.array([table[groups[s]] for s in sentences], dtype=np.float32)

    return embed


def test_embeddings_backend_uses_the_vectors_and_says_so() -> None:
    source = ["Aaaa aaaa aaaa.", "Bbbb bbbb bbbb.", "Cccc cccc cccc."]
    target = ["Xxxx xxxx xxxx.", "Zzzz zzzz zzzz.", "Yyyy yyyy yyyy.", "Wwww wwww wwww."]
    # Target 1 translates nothing; the others pair up in order.
    groups = {source[0]: 0, source[1]: 1, source[2]: 2, target[0]: 0, target[1]: 3, target[2]: 1, target[3]: 2}
    resources = AlignResources(embed=_fake_embedder(groups), embed_name="fake")
    result = align(source, target, source_lang="xx", target_lang="yy", backend="embeddings", resources=resources)
    assert pairs(result) == [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), (3,))]
    assert "embeddings(fake)" in result.signature["backend"]
    plain = align(source, target, source_lang="xx", target_lang="yy", backend="auto", resources=AlignResources())
    assert "embeddings" not in plain.signature["backend"]


def _dictd_b64(value: int) -> str:
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    out = ""
    while True:
        out = digits[value % 64] + out
        value //= 64
        if not value:
            return out


def test_dictionary_backend_reads_a_freedict_file_and_matches_words() -> None:
    entries = [("00databaseinfo", "00-database-info\n"), ("house", "house /haʊs/\nдом\n"),
               ("river", "river /ˈrɪvər/\n1. река\n2. поток, течение\n"), ("up", "up /ʌp/\nвверх по\n")]
    dict_text = "".join(body for _, body in entries)
    index_lines, offset = [], 0
    for head, body in entries:
        size = len(body.encode("utf-8"))  # dictd offsets count bytes
        index_lines.append(f"{head}\t{_dictd_b64(offset)}\t{_dictd_b64(size)}")
        offset += size
    dictionary = parse_freedict("\n".join(index_lines), dict_text)
    assert dictionary == {"house": frozenset({"дом"}), "river": frozenset({"река", "поток", "течение"})}
    resources = AlignResources(dictionary=dictionary, dictionary_pair=("en", "ru"))
    result = align(["The house stood.", "By the river."], ["Дом стоял.", "У реки."], source_lang="en",
                   target_lang="ru", backend="dictionary", resources=resources)
    assert pairs(result) == [((0,), (0,)), ((1,), (1,))]
    assert "dictionary" in result.signature["backend"]
    reverse = align(["Дом стоял.", "У реки."], ["The house stood.", "By the river."], source_lang="ru",
                    target_lang="en", backend="dictionary", resources=resources)
    assert "dictionary" in reverse.signature["backend"]


# ------------------------------------------------------------------------------------ pieces


@pytest.mark.parametrize(("text", "expected"), [
    ("тридцатого", [(30, 30, True)]),
    ("пятого — десятого августа", [(5, 10, True)]),
    ("тридцать шесть тысяч человек", [(36000, 36000, False)]),
    ("в тысяча девятьсот двадцатом году", [(1920, 1920, True)]),
    ("двум тысячам пятистам", [(2500, 2500, False)]),
    ("сорока двух", [(42, 42, False)]),
    ("третьей", [(3, 3, True)]),
    ("с 5–10 июля", [(5, 10, False)]),
    ("пять шесть", [(5, 5, False), (6, 6, False)]),
    ("Харьков 24/7", [(24, 24, False), (7, 7, False)]),
])
def test_russian_number_words(text: str, expected: list[tuple[int, int, bool]]) -> None:
    assert [(s.low, s.high, s.ordinal) for s in parse_ru_numbers(text)] == expected


def test_russian_number_word_kinds_and_non_numbers() -> None:
    assert ru_number_word("Тридцатого") == (30, "ord")
    assert ru_number_word("тысячами") == (1000, "mult")
    assert ru_number_word("четырьмя") == (4, "card")
    assert ru_number_word("телеграмма") is None
    assert ru_number_values("Пришли двое: он и я.") == frozenset()


def test_english_number_words() -> None:
    assert en_number_values("thirty-six thousand men") == {36000}
    assert en_number_values("on the fifth, and then the 24th of 1920") == {5, 24, 1920}
    assert en_number_values("one of them waited a second") == frozenset()
    assert numbers_in("Seite 12 und 13", "de") == {12, 13}


def test_romanisation_and_names() -> None:
    assert romanise("Львов") == "Lvov"
    assert name_key("Буденный") == name_key("Budyonny")
    assert name_similarity("Вронского", "Vronsky") >= 90
    assert name_similarity("Левину", "Levin") >= 90
    assert name_similarity("Харьков", "Kharkov") == 100
    assert name_similarity("Сталин", "Lvov") < 50


def test_names_and_numbers_become_shared_keys() -> None:
    keyed_s, keyed_t, stats = sentence_keys(["Вронского и Щербацкую не было 30 июля.", "Он ушёл."],
                                            ["Vronsky and Shtcherbatsky were not there on 30 July.", "He left."],
                                            "ru", "en")
    shared = {k for k, _ in keyed_s[0]} & {k for k, _ in keyed_t[0]}
    assert {"#30", "n:vronsk"} <= shared
    assert stats.names_mapped == 1  # Щербацкую ~ Shtcherbatsky needed rapidfuzz, not just the key
    assert not keyed_s[1] and not keyed_t[1]
    assert anchor_candidates(keyed_s, keyed_t) and anchor_candidates(keyed_s, keyed_t)[0][:2] == (0, 0)


def test_monotone_chain_keeps_the_heaviest_increasing_chain() -> None:
    chain = monotone_chain([(0, 0, 1.0), (1, 5, 1.0), (2, 2, 1.0), (3, 3, 1.0), (4, 1, 0.5)])
    assert [(i, j) for i, j, _ in chain] == [(0, 0), (2, 2), (3, 3)]
    assert monotone_chain([]) == []
