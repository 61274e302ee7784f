"""The bad-input catalogue (tests/reliability/data/bad/): one clear message naming the file, exit 2, no
traceback, nothing written. Cases run in-process through ``workbench.cli.main``; a few also run as real
processes, so the module entry point and the exit code a shell sees are covered too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reliability.catalogue import (
    ALIGNMENT,
    BAD,
    COLLECTION,
    DOCUMENT,
    WITNESS,
    assert_one_clear_message,
    run_main,
    run_process,
    snapshot,
)

LOG = ["log", "udhr/udhr"]
EXPORT_BACK = ["export-received", "udhr/udhr", "--out", "{tmp}/out"]
IMPORT_SEED = ["import-collection", "{case}", "--collection", "fresh"]
IMPORT_UDHR = ["import-udhr", "{case}", "{case}", "--collection", "u", "--doc", "d"]
IMPORT_PAIR = ["import-pair", "{case}", "{case}", "--collection", "p", "--doc", "d", "--src-siglum", "ru-x",
               "--tgt-siglum", "en-x"]

# case file → (where it goes in a project copy, or None for an input file; command; words the message has)
CASES: dict[str, tuple[str | None, list[str], str]] = {
    "yaml-syntax.yaml": (ALIGNMENT, LOG, "YAML syntax error"),
    "yaml-tab-indent.yaml": (ALIGNMENT, LOG, "YAML syntax error"),
    "not-a-mapping.yaml": (ALIGNMENT, LOG, "must be a mapping"),
    "wrong-schema.yaml": (ALIGNMENT, LOG, "'schema' must be"),
    "unknown-version.yaml": (ALIGNMENT, LOG, "newer"),
    "version-not-a-number.yaml": (ALIGNMENT, LOG, "whole number"),
    "missing-revision.yaml": (ALIGNMENT, LOG, "'revision' is missing"),
    "boolean-author-no.yaml": (ALIGNMENT, LOG, "boolean"),
    "boolean-action-on.yaml": (ALIGNMENT, LOG, "boolean"),
    "duplicate-link-ids.yaml": (ALIGNMENT, LOG, "duplicate link id L1"),
    "duplicate-segment-ids.yaml": (ALIGNMENT, LOG, "duplicate segment id t1"),
    "duplicate-decision-ids.yaml": (ALIGNMENT, LOG, "duplicate decision id"),
    "duplicate-top-key.yaml": (ALIGNMENT, LOG, "appears twice"),
    "link-to-missing-segment.yaml": (ALIGNMENT, LOG, "t7, which does not exist"),
    "segment-in-two-links.yaml": (ALIGNMENT, LOG, "in two links"),
    "unknown-status.yaml": (ALIGNMENT, LOG, "status must be one of"),
    "score-out-of-range.yaml": (ALIGNMENT, LOG, "outside 0–1"),
    "span-backwards.yaml": (ALIGNMENT, LOG, "before its start"),
    "unknown-top-key.yaml": (ALIGNMENT, LOG, "unknown key 'revison'"),
    "edit-of-source-segment.yaml": (ALIGNMENT, LOG, "not a target segment"),
    "links-not-a-block.yaml": (ALIGNMENT, LOG, "block of lines"),
    "empty.yaml": (ALIGNMENT, LOG, "empty"),
    "bom.yaml": (ALIGNMENT, LOG, "byte-order mark"),
    "crlf.yaml": (ALIGNMENT, LOG, "line endings"),
    "cp1251.yaml": (ALIGNMENT, LOG, "not valid UTF-8"),
    "utf16.yaml": (ALIGNMENT, LOG, "UTF-16"),
    "nul-byte.yaml": (ALIGNMENT, LOG, "NUL"),
    "doc-boolean-title.yaml": (DOCUMENT, ["status"], "boolean"),
    "doc-unknown-target-witness.yaml": (DOCUMENT, ["status"], "en-xx"),
    "doc-wrong-schema-version.yaml": (DOCUMENT, ["status"], "version 7"),
    "doc-witnesses-not-a-list.yaml": (DOCUMENT, ["status"], "must be a list"),
    "witness-unclosed-struck.txt": (WITNESS, EXPORT_BACK, "never closed"),
    "witness-stray-bracket.txt": (WITNESS, EXPORT_BACK, "without an opening"),
    "witness-crossed-marks.txt": (WITNESS, EXPORT_BACK, "still open"),
    "witness-cp1251.txt": (WITNESS, EXPORT_BACK, "not valid UTF-8"),
    "seed-crlf.txt": (None, IMPORT_SEED, "line endings"),
    "seed-utf16.txt": (None, IMPORT_SEED, "UTF-16"),
    "seed-koi8r.txt": (None, IMPORT_SEED, "not valid UTF-8"),
    "seed-no-documents.txt": (None, IMPORT_SEED, "no document found"),
    "udhr-billion-laughs.xml": (None, IMPORT_UDHR, "DOCTYPE"),
    "udhr-external-entity.xml": (None, IMPORT_UDHR, "DOCTYPE"),
    "udhr-network-dtd.xml": (None, IMPORT_UDHR, "DOCTYPE"),
    "udhr-not-wellformed.xml": (None, IMPORT_UDHR, "not well-formed"),
    "pair-unclosed-italic.txt": (None, IMPORT_PAIR, "<i> is never closed"),
    # hostile files (issue 9 §3)
    "yaml-alias-bomb.yaml": (ALIGNMENT, LOG, "anchors and aliases are not accepted"),
    "doc-alias-bomb.yaml": (DOCUMENT, ["status"], "anchors and aliases are not accepted"),
    "doc-received-file-escapes.yaml": (DOCUMENT, EXPORT_BACK, "must be a plain file name"),
    "doc-received-file-absolute.yaml": (DOCUMENT, EXPORT_BACK, "must be a plain file name"),
    "udhr-late-doctype.xml": (None, IMPORT_UDHR, "DOCTYPE"),
    "pair-escape-sequence.txt": (None, IMPORT_PAIR, "U+001B (ESC)"),
    "collection-alias-bomb.yaml": (COLLECTION, ["export-received", "--collection", "bolshevik-correspondence",
                                                "--out", "{tmp}/out"], "anchors and aliases are not accepted"),
}


def test_catalogue_has_at_least_25_cases() -> None:
    files = {p.name for p in BAD.iterdir() if not p.name.startswith("_")}
    assert files == set(CASES)
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gets_one_message_and_exit_2(case: str, project: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    place, args, words = CASES[case]
    source = BAD / case
    if place is not None:
        shutil.copyfile(source, project / place)
        names = Path(place).name
    else:
        names = case
    args = [a.replace("{case}", str(source)).replace("{tmp}", str(tmp_path)) for a in args]
    before = snapshot(project)
    assert_one_clear_message(run_main(project, args, capsys), words, names)
    assert snapshot(project) == before, "a failed command must write nothing"
    assert not (tmp_path / "out").exists()


# A few cases as real processes: the module entry point, and the exit code a shell sees.
PROCESS_CASES = ("yaml-syntax.yaml", "nul-byte.yaml", "udhr-billion-laughs.xml", "doc-boolean-title.yaml")


@pytest.mark.parametrize("case", PROCESS_CASES)
def test_bad_input_as_a_real_process(case: str, project: Path, tmp_path: Path) -> None:
    place, args, words = CASES[case]
    source = BAD / case
    if place is not None:
        shutil.copyfile(source, project / place)
    args = [a.replace("{case}", str(source)).replace("{tmp}", str(tmp_path)) for a in args]
    before = snapshot(project)
    assert_one_clear_message(run_process(project, args), words, Path(place).name if place else case)
    assert snapshot(project) == before


def test_path_escaping_the_project_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proc = run_main(project, ["validate", str(project / ".." / "..")], capsys)
    assert_one_clear_message(proc, "escapes the project", "..")


def test_fifty_megabyte_file_is_refused_quickly(project: Path) -> None:
    big = project / ALIGNMENT
    with open(big, "wb") as handle:
        handle.write(b"schema: workbench-alignment\n")
        handle.write(b"#" + b"x" * (50 * 1024 * 1024) + b"\n")
    before = snapshot(project)
    proc = run_process(project, LOG)
    assert_one_clear_message(proc, "over the 40 MB limit", "udhr.yaml")
    assert snapshot(project) == before


def test_unknown_document_and_bad_names(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for args, words, names in ((["log", "udhr/nosuch"], "unknown document", "udhr/nosuch"),
                               (["log", "../etc"], "not a valid name", "../etc"),
                               (["log", "udhr"], "COLLECTION/DOC", "udhr"),
                               (["status", "--collection", "../x"], "not a valid name", "../x")):
        assert_one_clear_message(run_main(project, args, capsys), words, names)


def test_validate_reports_located_lines_for_a_bad_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copyfile(BAD / "link-to-missing-segment.yaml", project / ALIGNMENT)
    proc = run_main(project, ["validate"], capsys)
    assert proc.returncode == 2
    [line] = [x for x in proc.stdout.splitlines() if "udhr.yaml" in x]
    path, lineno, col, _ = line.split(":", 3)
    assert path == ALIGNMENT and int(lineno) == 25 and int(col) >= 1


def test_hostile_xml_never_reaches_the_network_or_files(tmp_path: Path) -> None:
    from workbench.core.errors import FormatError
    from workbench.core.received.udhr import safe_parse_xml

    for case in ("udhr-billion-laughs.xml", "udhr-external-entity.xml", "udhr-network-dtd.xml"):
        with pytest.raises(FormatError):
            safe_parse_xml((BAD / case).read_bytes(), case)
    # even without the DOCTYPE refusal, the parser settings expand nothing
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring((BAD / "udhr-external-entity.xml").read_bytes(), parser)
    assert "root:" not in etree.tostring(root, encoding="unicode")
