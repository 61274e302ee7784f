"""Sentence segmentation: hazards of archival editions, span invariants, and the gold-set F1."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core import sentences
from workbench.core.sentences import (
    SEGMENTER_VERSION,
    BoundaryScore,
    parse_gold,
    score_boundaries,
    split_sentences,
    splitter_spans,
)

GOLD = Path(__file__).resolve().parent / "data" / "segmentation"


def pieces(text: str, lang: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


# --- hazards: each case is the expected segments; the input is them joined by single spaces -----

EN_CASES = [
    # Stand-alone reference lines stay one segment, description ("Autograph.") included.
    ["F. 558. On. 1. D. 5551. L. 3-4."],
    ["RTSKHIDNI. F. 558. On. 1. D. 1868. L. 2-4. Autograph."],
    ["RTSHIDNI; F. 558. On. 1. D. 5551. L. 3-4. Autograph."],
    ["RTSKHIDNI. F. 558. On. 1. D. 1875. L. 1. Handwritten text on a telegraph form."],
    ["The Politburo approved the draft (Ibid. F. 17. Op 3. D. 99. L. 1, 4-9).", "Later it yielded."],
    ["Telegram from J. V. Stalin to V. I. Lenin.", "It was sent at night."],
    ["1 S.S. Kamenev. ."],
    ["Stalin wrote to S.S. Kamenev.", "Kamenev did not answer."],
    ["Signed: I. STALIN.", "The copy is typewritten."],
    ["I convey my opinion in response to your note No. 371.", "Now that we have the Comintern, we act."],
    ["See: Lenin V. I. PSS. T. 51. P. 247.", "Later he changed his mind."],
    ["Lenin, V. I. PSS, vol. 51, p. 249.", "At the plenum the question was considered."],
    ["Izvestiya of the Central Committee of the CPSU. 1991. No. 2, pp. 121, 123.", "The decision stood."],
    ["The Great October Socialist Revolution in Armenia. S. 384-385.", "The treaty was signed."],
    [
        "Directives of the command of the fronts of the Red Army. T. 3. M., 1974. P. 235.",
        "It was not executed.",
    ],
    ["He asked about the NKID (Lenin V.I. PSS. T. 51. P. 248).", "Stalin replied."],
    [
        "Kamenev issued a directive. (From the history of the Civil War. Vol. 3, pp. 350, 351).",
        "Stalin refused.",
    ],
    ["In the corner a note: “Ex. PB item 21 No. 40 І/IX-20”, below: “30/VІІІ”."],
    ['There is a note: "t. Sent to Lenin" (RTSKHIDNI. F. 558. On. 1. D. 1881. L. 4).'],
    # Quotations are split like running text (module policy), the reference stays with the last.
    [
        "He wrote: “[...] I repeat, you didn't have this before.",
        "If I am mistaken, let me know” (RTSKHIDNI, F. 558. On. 1. D. 5552. L. 2-5).",
        "Budyonny agreed.",
    ],
    # A note number at the start of a note belongs to the note's first sentence.
    ["1 . On July 27, 1920, the issue was considered.", "It was decided."],
    # "On 5 August" starts a sentence; only "Op" may be a reference field without its dot.
    ["The treaty was signed.", "On 5 August the Politburo met."],
    # "[...]" is not a sentence terminator.
    ["after the cavalry took the Lvov region [...] In view of this, I refuse to sign."],
]

RU_CASES = [
    ["РЦХИДНИ. Ф. 558. Оп. 1. Д. 5551. Л. 3–4. Автограф."],
    ["РЦХИДНИ; Ф. 17. Оп. 3. Д. 99. Л. 1. Подлинник."],
    ["Это, т. е. вывод, неверен.", "Дальше."],
    # и т. д. / и др. end a sentence before a capital and continue before a lowercase word.
    ["Взяли пулеметы и т. д.", "Подробности пришлю."],
    ["Взяли пулеметы, повозки и т. п. и отправили в тыл."],
    ["Были Буденный, Ворошилов и др.", "Решение принято."],
    ["Ср. отчет и др. материалы комиссии."],
    ["Передайте тов. Сталину.", "Срочно."],
    ["Передайте т. Троцкому копию.", "Срочно."],
    ["Директива от 2 авг. 1920 г. о передаче армии."],
    ["Телеграмма от 2 авг. [1920 г.] получена."],
    ["Ленин ответил (см.: Ленин В. И. ПСС. Т. 51. С. 247).", "Ответ пришел поздно."],
    ["См.: Ленин В. И. ПСС. Т. 51. С. 247.", "Позже он передумал."],
    ["Нельзя медлить (Там же. Д. 1881. Л. 4).", "Ответа нет."],
    ["Там же. Д. 1881. Л. 4.", "Позже он передумал."],
    ["Помета: «Экз. ПБ п. 21 № 40».", "Подпись."],
    ["Мнение совпадает с мнением Реввоенсовета фронта (Кавказского фронта. — Сост.).", "Прошу сообщить."],
    ["Приказ К. Е. Ворошилову отдан.", "И. В. Сталин подписал его."],
    ["Опубликовано: Директивы командования фронтов. Т. 3. М., 1974. С. 235.", "Сталин отказался."],
    ["Договор (Победа Советской власти в Армении. Ереван, 1957. С. 384–385).", "Дальше."],
    ["Известия ЦК КПСС. 1991. № 2. С. 121, 123.", "Решение принято."],
    ["В ответе говорилось: «[...] Действия конницы хороши.", "Однако медлить нельзя [...]» (Там же. Л. 97)."],
    ["— Так ты кусаться, окаянный? — слышит вдруг Очумелов.", "— Ребята!"],
]


@pytest.mark.parametrize("expected", EN_CASES)
def test_english_hazards(expected: list[str]) -> None:
    assert pieces(" ".join(expected), "en") == expected


@pytest.mark.parametrize("expected", RU_CASES)
def test_russian_hazards(expected: list[str]) -> None:
    assert pieces(" ".join(expected), "ru") == expected


def test_the_rule_layer_changes_what_the_splitters_do() -> None:
    # If the splitters handled these alone, the cases above would not test the rule layer.
    line = "RTSKHIDNI. F. 558. On. 1. D. 1868. L. 2-4. Autograph."
    assert len(splitter_spans(line, "en")) > 1
    assert len(splitter_spans("РЦХИДНИ. Ф. 558. Оп. 1. Д. 5551. Л. 3–4. Автограф.", "ru")) > 1
    quoted = "He wrote: “I repeat. You did not. If I am wrong, say so.” Then he left."
    assert len(splitter_spans(quoted, "en")) == 2
    assert len(split_sentences(quoted, "en")) == 4


def test_quotations_split_the_same_way_in_both_languages() -> None:
    en = "Stalin wrote: “The Poles are stalling. They await the Entente. No respite!” Nobody answered."
    ru = "Сталин писал: «Поляки тянут. Они ждут Антанты. Никакой передышки!» Никто не ответил."
    assert len(split_sentences(en, "en")) == len(split_sentences(ru, "ru")) == 4


def test_unbalanced_quotation_does_not_swallow_the_paragraph() -> None:
    # Machine translation often loses the opening quote (seed No. 99, note 1).
    text = "Received: Kamenev's dispatch has come. Our victory is great. This is beneficial ”(Lenin V.I. PSS. T. 51)."
    assert pieces(text, "en") == [
        "Received: Kamenev's dispatch has come.",
        "Our victory is great.",
        "This is beneficial ”(Lenin V.I. PSS. T. 51).",
    ]


def test_a_stray_ellipsis_stays_with_the_sentence_it_trails() -> None:
    # Garnett's "remember. …" for Chekhov's "помню…": the ellipsis goes with "remember", both in
    # running text and inside a quotation (where the boundary comes from the quote pass).
    assert pieces("Half a minute of silence followed. … The men exchanged glances.", "en") == [
        "Half a minute of silence followed. …",
        "The men exchanged glances.",
    ]
    assert pieces("“Ah, I remember. … I came here last week.”", "en") == \
        ["“Ah, I remember. …", "I came here last week.”"]
    # An ellipsis that opens a lowercase continuation is not moved into a new sentence.
    assert pieces("They sought out his mother too. … she had died before him.", "en") == [
        "They sought out his mother too. … she had died before him."
    ]


def test_soft_line_breaks_inside_a_paragraph_are_not_boundaries() -> None:
    text = "The enemy set the goal\nof exhausting Budyonny.\tNew parts appear\r\nevery time."
    assert pieces(text, "en") == ["The enemy set the goal\nof exhausting Budyonny.", "New parts appear\r\nevery time."]


def test_other_languages() -> None:
    # German has sentencex rules; "zz" has none and gets the regex fallback plus the rule layer.
    assert pieces("Das ist z. B. ein Satz. Und Dr. Müller kam.", "de") == \
        ["Das ist z. B. ein Satz.", "Und Dr. Müller kam."]
    assert pieces("Erste Zeile. Zweite? V. I. Lenin kam. F. 558. Op. 1.", "zz") == [
        "Erste Zeile.",
        "Zweite?",
        "V. I. Lenin kam. F. 558. Op. 1.",
    ]
    assert pieces("One. Two.", "EN-gb") == ["One.", "Two."]
    # German „…“: the closing “ must not be mistaken for an opening English quote.
    text = "Er schrieb: „Wir warten. Sie kommen.“ Dann ging er."
    assert pieces(text, "de") == ["Er schrieb: „Wir warten.", "Sie kommen.“", "Dann ging er."]


def test_empty_and_blank_text() -> None:
    assert split_sentences("", "en") == []
    assert split_sentences(" \n\t\xa0", "ru") == []
    assert split_sentences("  Одно.  ", "ru") == [(2, 7)]


def test_offsets_do_not_trust_the_splitter(monkeypatch: pytest.MonkeyPatch) -> None:
    # A splitter that reports byte offsets and collapses spaces must still give exact spans.
    def fake(lang: str, text: str) -> list[dict[str, object]]:
        out, pos = [], 0
        for part in re.split(r"(?<=\.)\s+", text):
            start = len(text[:pos].encode())  # bytes, not characters
            out.append({"start_index": start, "end_index": start + len(part), "text": " ".join(part.split())})
            pos = text.index(part, pos) + len(part)
        return out

    monkeypatch.setattr(sentences.sentencex, "get_sentence_boundaries", fake)
    text = "Ёлка  горит.   Мальчик смотрит  в окно. Всё."
    assert pieces(text, "en") == ["Ёлка  горит.", "Мальчик смотрит  в окно.", "Всё."]


def test_segmenter_version_names_both_splitters() -> None:
    assert SEGMENTER_VERSION.startswith("sentences-")
    assert f"razdel-{metadata.version('razdel')}" in SEGMENTER_VERSION
    assert f"sentencex-{metadata.version('sentencex')}" in SEGMENTER_VERSION


# --- invariants over random text ----------------------------------------------------------------

TOKENS = [
    "Lenin", "Сталин", "the", "и", "т. е.", "и т. д.", "тов.", "V. I.", "S.S.", "F. 558.", "On. 1.", "Д. 5551.",
    "Л. 3–4.", "No.", "№", "371", "1920", "г.", "авг.", "[1920]", "[...]", "[…]", "Predrevsov[et]", "“", "”",
    "«", "»", '"', "(", ")", "[", "]", "—", "-", ".", "!", "?", "?!", "…", ",", ";", ":", "M.,", "Ibid.",
    "Там же.", "Autograph.", "1 .", "2On", "a", "Я", "\n", "\t", "\xa0", "  ",
]

random_paragraph = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=60).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=60).map("".join),
    st.text(max_size=200),
)


@settings(max_examples=300, deadline=None)
@given(text=random_paragraph, lang=st.sampled_from(["en", "ru", "de", "zz"]))
def test_spans_are_ordered_trimmed_and_cover_all_text(text: str, lang: str) -> None:
    for split in (split_sentences, splitter_spans):
        spans = split(text, lang)
        previous_end = 0
        for start, end in spans:
            assert previous_end <= start < end <= len(text)
            assert not text[start].isspace() and not text[end - 1].isspace()
            assert text[previous_end:start].strip() == ""  # nothing but whitespace between spans
            previous_end = end
        assert text[previous_end:].strip() == ""
        assert (spans == []) == (text.strip() == "")


# --- the hand-labelled gold set -----------------------------------------------------------------


def gold(lang: str) -> list[list[str]]:
    return parse_gold((GOLD / f"{lang}_gold.txt").read_text(encoding="utf-8"))


def test_gold_files_have_the_promised_size() -> None:
    assert sum(map(len, gold("en"))) >= 200
    assert sum(map(len, gold("ru"))) >= 150


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_boundary_f1_on_the_gold_set(lang: str) -> None:
    score = score_boundaries(gold(lang), lang)
    assert score.f1 >= 0.97, score
    # The baseline without the rule layer is well below: the rules are doing the work.
    assert score_boundaries(gold(lang), lang, splitter_spans).f1 < score.f1


def test_score_boundaries_counts_false_and_missed_splits() -> None:
    def one_segment(text: str, lang: str) -> list[tuple[int, int]]:
        return [(0, len(text))]

    assert score_boundaries([["A b.", "C d."], ["E."]], "en", one_segment) == BoundaryScore(0, 0, 1)
    assert score_boundaries([["It rains. We stay."]], "en") == BoundaryScore(0, 1, 0)
    assert score_boundaries([["It rains.", "We stay."]], "en").f1 == 1.0
    assert parse_gold("a\nb\n\n\nc\n") == [["a", "b"], ["c"]]
