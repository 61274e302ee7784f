"""Input beyond what segmentation and the aligner can hold is refused before any work, with the limit and
the place: a paragraph (a line of a received file) over 100,000 characters, a witness over 3,000,000,
an ``align-text`` line over 100,000 characters or more than 50,000 sentences. A 10 MB one-line file
used to take 1.5 GB and minutes (figures in docs/reliability.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reliability.catalogue import assert_one_clear_message, run_main, snapshot
from workbench.core.aligner.align import MAX_ALIGN_SENTENCES, MAX_SENTENCE_CHARS
from workbench.core.segments import MAX_PARAGRAPH_CHARS, MAX_WITNESS_CHARS

SENTENCE = "The committee met in Moscow on the fifth of August. "


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_limits_are_what_the_docs_say() -> None:
    assert (MAX_PARAGRAPH_CHARS, MAX_WITNESS_CHARS, MAX_SENTENCE_CHARS, MAX_ALIGN_SENTENCES) == (
        100_000, 3_000_000, 100_000, 50_000)


def test_align_text_refuses_a_long_line(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long = _write(tmp_path / "long.txt", "Short one.\n" + "x" * (MAX_SENTENCE_CHARS + 1) + "\n")
    small = _write(tmp_path / "small.txt", "One.\nTwo.\n")
    run = run_main(project, ["align-text", str(small), str(long), "--src-lang", "en", "--tgt-lang", "en"], capsys)
    assert_one_clear_message(run, "100,000", f"{long}:2:")


def test_align_text_refuses_too_many_sentences(project: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    many = _write(tmp_path / "many.txt", "A line.\n" * (MAX_ALIGN_SENTENCES + 1))
    small = _write(tmp_path / "small.txt", "One.\n")
    run = run_main(project, ["align-text", str(many), str(small), "--src-lang", "en", "--tgt-lang", "en"], capsys)
    assert_one_clear_message(run, "up to 50,000", f"{many}:{MAX_ALIGN_SENTENCES + 1}:")


def test_the_aligner_refuses_too_many_sentences_before_working() -> None:
    from workbench.core.aligner.align import align
    from workbench.core.errors import InputError

    with pytest.raises(InputError, match="50,000 per side"):
        align(["x."] * (MAX_ALIGN_SENTENCES + 1), ["y."], source_lang="en", target_lang="en", backend="plain")


def test_import_pair_refuses_a_ten_megabyte_line_before_parsing(project: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    one_line = _write(tmp_path / "one-line.txt", SENTENCE * (10 * 1024 * 1024 // len(SENTENCE)) + "\n")
    small = _write(tmp_path / "small.txt", "Один.\n")
    before = snapshot(project)
    run = run_main(project, ["import-pair", str(small), str(one_line), "--collection", "c", "--doc", "d"], capsys)
    assert_one_clear_message(run, "paragraph may have up to 100,000", f"{one_line}:1:")
    assert snapshot(project) == before


def test_import_pair_names_the_line_of_a_long_paragraph(project: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    text = _write(tmp_path / "en.txt", "First.\nSecond.\n" + SENTENCE * (MAX_PARAGRAPH_CHARS // len(SENTENCE) + 1)
                  + "\nLast.\n")
    small = _write(tmp_path / "ru.txt", "Один.\n")
    run = run_main(project, ["import-pair", str(small), str(text), "--collection", "c", "--doc", "d"], capsys)
    assert_one_clear_message(run, "100,000", f"{text}:3:")


def test_import_pair_refuses_a_witness_too_large_to_align(project: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    paragraph = SENTENCE * 20 + "\n"
    big = _write(tmp_path / "big.txt", paragraph * (MAX_WITNESS_CHARS // len(paragraph) + 1))
    small = _write(tmp_path / "small.txt", "Один.\n")
    before = snapshot(project)
    run = run_main(project, ["import-pair", str(small), str(big), "--collection", "c", "--doc", "d"], capsys)
    assert_one_clear_message(run, "up to 3,000,000", str(big))
    assert snapshot(project) == before


def test_add_witness_refuses_a_long_paragraph(project: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    text = _write(tmp_path / "fr.txt", "Article premier\n\nDeux\nlignes " + "mot " * (MAX_PARAGRAPH_CHARS // 4) + "\n")
    before = snapshot(project)
    run = run_main(project, ["add-witness", "udhr/udhr", "fr-un", str(text), "--lang", "fr", "--description", "x",
                             "--role", "other", "--author", "a"], capsys)
    assert_one_clear_message(run, "paragraphs may have up to 100,000", f"{text}:3:")
    assert snapshot(project) == before


def test_segmentation_keeps_one_paragraph_in_memory_at_a_time() -> None:
    """Paragraphs are produced one by one for segmentation, with compact offset maps."""
    import types

    from workbench.core.segments import iter_paragraphs

    paragraphs = iter_paragraphs("One.\n\nTwo.\n")
    assert isinstance(paragraphs, types.GeneratorType)
    first = next(paragraphs)
    assert first.text == "One." and list(first.raw_start) == [0, 1, 2, 3] and first.raw_start.itemsize == 8
