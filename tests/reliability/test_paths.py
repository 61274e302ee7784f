"""Writes stay where they belong: ``export-received`` inside ``--out``; nothing through a symbolic link
inside the project; no export into ``texts/``, ``alignments/`` or the project folder itself."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reliability.catalogue import assert_one_clear_message, run_main, snapshot


def _set_received_file(project: Path, old: str, new: str, where: str = "texts/udhr/udhr/document.yaml") -> None:
    path = project / where
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("name", ["../../escaped.xml", "../escaped.xml", "sub/escaped.xml", ".hidden.xml"])
def test_export_received_never_writes_outside_out(name: str, project: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _set_received_file(project, "file: udhr_eng.xml", f"file: {name}")
    out = tmp_path / "a" / "b" / "out"
    line = assert_one_clear_message(run_main(project, ["export-received", "udhr/udhr", "--out", str(out)], capsys),
                                    "must be a plain file name", "texts/udhr/udhr/document.yaml")
    assert line.split(":")[2].isdigit()  # "workbench: FILE:LINE:COL: …" names the line of the bad name
    assert not out.exists() and not (tmp_path / "a" / "escaped.xml").exists()


def test_an_absolute_received_file_is_refused(project: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "elsewhere.xml"
    _set_received_file(project, "file: udhr_eng.xml", f"file: {target}")
    run = run_main(project, ["export-received", "udhr/udhr", "--out", str(tmp_path / "out")], capsys)
    assert_one_clear_message(run, "must be a plain file name", "document.yaml")
    assert not target.exists()


def test_a_collection_received_file_is_refused(project: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _set_received_file(project, "file: 000_45c230aea59484e0.txt", "file: ../../escaped.txt",
                       "texts/bolshevik-correspondence/collection.yaml")
    run = run_main(project, ["export-received", "--collection", "bolshevik-correspondence", "--out",
                             str(tmp_path / "x" / "out")], capsys)
    assert_one_clear_message(run, "must be a plain file name", "collection.yaml")
    assert not (tmp_path / "escaped.txt").exists()


def _outside_copy(project: Path, tmp_path: Path, rel: str) -> Path:
    """Move ``rel`` out of the project and leave a symbolic link to it in its place."""
    outside = tmp_path / "outside" / Path(rel).name
    outside.parent.mkdir(exist_ok=True)
    shutil.move(str(project / rel), outside)
    os.symlink(outside, project / rel)
    return outside


@pytest.mark.parametrize("rel", ["alignments/udhr", "alignments/udhr/udhr.yaml", "alignments"])
def test_a_decision_is_not_written_through_a_link(rel: str, project: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    outside = _outside_copy(project, tmp_path, rel)
    before = snapshot(outside.parent)
    run = run_main(project, ["decide", "udhr/udhr", "L1", "flag", "--author", "a"], capsys)
    assert_one_clear_message(run, "is a symbolic link", rel)
    assert snapshot(outside.parent) == before


def test_a_linked_journal_is_not_appended_to(project: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    os.symlink(victim, project / "alignments/udhr/udhr.journal")
    run = run_main(project, ["decide", "udhr/udhr", "L1", "flag", "--author", "a"], capsys)
    assert_one_clear_message(run, "is a symbolic link", "alignments/udhr/udhr.journal")
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_an_import_is_not_written_through_a_linked_collection(project: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, project / "texts" / "linked")
    src, tgt = tmp_path / "ru.txt", tmp_path / "en.txt"
    src.write_text("Один.\n", encoding="utf-8")
    tgt.write_text("One.\n", encoding="utf-8")
    run = run_main(project, ["import-pair", str(src), str(tgt), "--collection", "linked", "--doc", "d",
                             "--backend", "plain"], capsys)
    assert_one_clear_message(run, "is a symbolic link", "texts/linked")
    assert list(outside.iterdir()) == []


def test_add_witness_is_not_written_through_a_linked_document_folder(project: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    outside = _outside_copy(project, tmp_path, "texts/udhr/udhr")
    before = snapshot(outside)
    new = tmp_path / "fr.txt"
    new.write_text("Article premier\n", encoding="utf-8")
    run = run_main(project, ["add-witness", "udhr/udhr", "fr-un", str(new), "--lang", "fr", "--description", "x",
                             "--role", "other", "--author", "a"], capsys)
    assert_one_clear_message(run, "is a symbolic link", "texts/udhr/udhr")
    assert snapshot(outside) == before


def test_validate_reports_links_inside_the_project(project: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _outside_copy(project, tmp_path, "alignments/udhr")
    run = run_main(project, ["validate"], capsys)
    assert run.returncode == 2
    assert "alignments/udhr: is a symbolic link" in run.stdout


@pytest.mark.parametrize("out", ["texts", "texts/udhr/udhr", "alignments", "alignments/new", ".", "{root}"])
@pytest.mark.parametrize("command", [["export", "--format", "md", "udhr/udhr"], ["export-received", "udhr/udhr"]])
def test_out_inside_the_project_data_is_refused(out: str, command: list[str], project: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    out = out.replace("{root}", str(project))
    before = snapshot(project)
    run = run_main(project, [*command, "--out", out], capsys)
    assert_one_clear_message(run, "--out", out)
    assert snapshot(project) == before


def test_out_that_is_a_file_is_refused(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "a-file"
    file.write_text("x", encoding="utf-8")
    for command in (["export", "--format", "md", "udhr/udhr"], ["export-received", "udhr/udhr"]):
        assert_one_clear_message(run_main(project, [*command, "--out", str(file)], capsys), "is not a folder",
                                 "a-file")
    assert file.read_text(encoding="utf-8") == "x"


def test_a_loss_report_into_the_project_data_is_refused(project: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    report = project / "alignments" / "udhr" / "loss.json"
    run = run_main(project, ["export", "--format", "md", "udhr/udhr", "--out", str(tmp_path / "out"),
                             "--loss-report", str(report)], capsys)
    assert_one_clear_message(run, "--loss-report", "loss.json")
    assert not report.exists() and not (tmp_path / "out").exists()


def test_an_export_outside_the_data_folders_still_works(project: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    run = run_main(project, ["export-received", "udhr/udhr", "--out", "exports"], capsys)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (project / "exports").iterdir()) == ["udhr_eng.xml", "udhr_rus.xml"]
