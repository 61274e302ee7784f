"""Validation gaps: a file that names another document, bad language codes, and malformed version-0
files — each refused with one located message, never a ValueError or KeyError from inside."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reliability.catalogue import (
    ALIGNMENT,
    DOCUMENT,
    assert_one_clear_message,
    run_main,
    snapshot,
)
from workbench.core.errors import FormatError
from workbench.storage.alignment_codec import decode, reseal_text

V0: dict[str, Any] = {
    "schema": "workbench-alignment", "version": 0, "document": "c/d", "revision": 3,
    "witnesses": {"source": {"siglum": "ru-x", "language": "ru", "sha256": "a" * 64},
                  "target": {"siglum": "en-mt", "language": "en", "sha256": "c" * 64}},
    "segments": {"source": [{"id": "s1", "span": [0, 6], "text": "Привет", "paragraph": 0}],
                 "target": [{"id": "t1", "span": [0, 5], "text": "Hello", "paragraph": 0, "note": "1"}]},
    "links": [{"id": "L1", "source": ["s1"], "target": ["t1"], "status": "confirmed", "score": 0.9,
               "origin": "aligner"}],
    "edits": {"t1": "Hi"},
    "decisions": [],
}


def test_the_version_0_example_still_migrates() -> None:
    state = decode(json.dumps(V0), "old.yaml")
    assert state.link("L1").source == ("s1",) and state.edits == {"t1": "Hi"}


@pytest.mark.parametrize("path, value, words", [
    (("segments", "target", 0, "span"), [0], "'span'"),
    (("segments", "target", 0, "span"), "0-5", "'span'"),
    (("segments", "target", 0, "span"), ["a", "b"], "'span'"),
    (("segments", "target", 0, "paragraph"), "x", "'paragraph'"),
    (("segments", "target", 0), {"span": [0, 5]}, "'id' is missing"),
    (("links", 0), {"source": [], "target": ["t1"]}, "'id' is missing"),
    (("links", 0, "source"), "s1", "'source'"),
    (("links", 0, "target"), [1, 2], "'target'"),
    (("links", 0, "score"), "high", "'score'"),
    (("links", 0, "status"), "maybe", "status must be one of"),
    (("edits",), ["t1"], "'edits'"),
])
def test_malformed_version_0_files_are_refused_with_their_place(path: tuple[Any, ...], value: Any,
                                                                 words: str) -> None:
    data = copy.deepcopy(V0)
    where: Any = data
    for key in path[:-1]:
        where = where[key]
    where[path[-1]] = value
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with pytest.raises(FormatError) as info:
        decode(text, "old.yaml")
    assert words in info.value.message
    assert info.value.location.path == "old.yaml" and info.value.location.line is not None


JSONISH = st.recursive(st.none() | st.booleans() | st.integers(-3, 10**6) | st.floats(allow_nan=False)
                       | st.text(max_size=12),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                   max_size=3),
                       max_leaves=8)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, prefix + (index,))
    return out


PATHS = _paths(V0)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), JSONISH), min_size=1, max_size=4))
def test_fuzzed_version_0_files_raise_only_format_errors(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    data = copy.deepcopy(V0)
    for path, value in changes:
        where: Any = data
        try:
            for key in path[:-1]:
                where = where[key]
            where[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change replaced a parent
    text = json.dumps(data, ensure_ascii=False)
    try:
        decode(text, "old.yaml")
    except FormatError as err:
        assert err.location.path == "old.yaml"


# ------------------------------------------------------------------------------------ another document


def test_an_alignment_file_naming_another_document_is_refused(project: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = project / ALIGNMENT
    text = path.read_text(encoding="utf-8")
    # resealed, as a hand edit made on purpose would be: the file is whole, but names another document
    edited = text.replace("document: udhr/udhr", "document: garnett-stories/khameleon")
    path.write_text(reseal_text(edited, str(path)), encoding="utf-8")
    before = snapshot(project)
    for args in (["log", "udhr/udhr"], ["decide", "udhr/udhr", "L1", "flag", "--author", "a"]):
        line = assert_one_clear_message(run_main(project, args, capsys), "garnett-stories/khameleon", "udhr.yaml:3:")
        assert "alignment file of udhr/udhr" in line
    assert snapshot(project) == before
    run = run_main(project, ["validate", str(project / ALIGNMENT)], capsys)
    assert run.returncode == 2 and "udhr.yaml:3:" in run.stdout


def test_a_document_yaml_naming_another_document_is_refused(project: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = project / DOCUMENT
    path.write_text(path.read_text(encoding="utf-8").replace("\nid: udhr\n", "\nid: other\n"), encoding="utf-8")
    before = snapshot(project)
    run = run_main(project, ["export", "--format", "md", "udhr/udhr", "--out", str(tmp_path / "out")], capsys)
    assert_one_clear_message(run, "says it is document udhr/other", "document.yaml:4:")
    assert snapshot(project) == before and not (tmp_path / "out").exists()
    assert run_main(project, ["validate", str(project / DOCUMENT)], capsys).returncode == 2


# -------------------------------------------------------------------------------------- language codes


@pytest.mark.parametrize("code", ["ru", "en", "chu", "ru-Latn", "en-GB", "es-419", "de-1901", "sl-rozaj",
                                  "zh-Hant-TW"])
def test_good_language_codes(code: str) -> None:
    from workbench.core.safe_values import is_language

    assert is_language(code)


@pytest.mark.parametrize("code", ["", "RU", "Russian", "r", "russ", "ru_RU", "ru-", "en-gb", "ru-latn", "../x",
                                  "ru\n", "en GB", "ru-Latn-"])
def test_bad_language_codes(code: str) -> None:
    from workbench.core.safe_values import is_language

    assert not is_language(code)


def test_a_bad_language_in_document_yaml_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / DOCUMENT
    path.write_text(path.read_text(encoding="utf-8").replace("language: en\n", "language: English\n"), encoding="utf-8")
    assert_one_clear_message(run_main(project, ["status"], capsys), "'English' is not a language code",
                             "document.yaml:")


def test_a_bad_language_in_an_alignment_file_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / ALIGNMENT
    path.write_text(path.read_text(encoding="utf-8").replace("language: ru\n", "language: ru_RU\n", 1),
                    encoding="utf-8")
    assert_one_clear_message(run_main(project, ["log", "udhr/udhr"], capsys), "'ru_RU' is not a language code",
                             "udhr.yaml:")


@pytest.mark.parametrize("args", [
    ["import-pair", "{f}", "{f}", "--collection", "c", "--doc", "d", "--src-lang", "Russian"],
    ["align-text", "{f}", "{f}", "--src-lang", "ru", "--tgt-lang", "EN"],
    ["add-witness", "udhr/udhr", "fr-un", "{f}", "--lang", "fr_FR", "--description", "x"],
])
def test_bad_language_options_are_refused(args: list[str], project: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "t.txt"
    file.write_text("One.\n", encoding="utf-8")
    before = snapshot(project)
    run = run_main(project, [a.replace("{f}", str(file)) for a in args], capsys)
    assert_one_clear_message(run, "is not a language code", "-lang")
    assert snapshot(project) == before


def test_names_with_a_trailing_newline_are_refused(project: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "t.txt"
    file.write_text("One.\n", encoding="utf-8")
    before = snapshot(project)
    run = run_main(project, ["import-pair", str(file), str(file), "--collection", "c\n", "--doc", "d",
                             "--src-siglum", "ru-x", "--tgt-siglum", "en-x"], capsys)
    assert_one_clear_message(run, "is not a valid name", "collection")
    run = run_main(project, ["add-witness", "udhr/udhr", "fr-un\n", str(file), "--lang", "fr", "--description", "x"],
                   capsys)
    assert_one_clear_message(run, "is not valid", "siglum")
    assert snapshot(project) == before
