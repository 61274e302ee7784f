"""OS errors — permission denied, ``--out`` that is a file, a full disk, a file-size limit, a read-only lock
or journal — print one line naming the path and what was being done, exit 2, never a traceback. As root
(where chmod denies nothing) the refusals are made by ``faults``, wrapping the os functions."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from reliability import faults
from reliability.catalogue import (
    assert_one_clear_message,
    run_main,
    run_process,
    snapshot,
)

DECIDE = ["decide", "udhr/udhr", "L1", "flag", "--author", "ed"]
UDHR = "alignments/udhr"


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    src, tgt = tmp_path / "ru.txt", tmp_path / "en.txt"
    src.write_text("Один.\n", encoding="utf-8")
    tgt.write_text("One.\n", encoding="utf-8")
    return src, tgt


def test_a_read_only_document_folder(project: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    faults.read_only_folder(monkeypatch, project / UDHR)
    before = snapshot(project)
    line = assert_one_clear_message(run_main(project, DECIDE, capsys), "permission denied", f"{UDHR}/.udhr.yaml.lock")
    assert "cannot open the lock file" in line
    assert snapshot(project) == before


def test_a_read_only_lock_file(project: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    lock = project / UDHR / ".udhr.yaml.lock"
    lock.touch()
    faults.read_only_file(monkeypatch, lock)
    line = assert_one_clear_message(run_main(project, DECIDE, capsys), "permission denied", f"{UDHR}/.udhr.yaml.lock")
    assert "cannot open the lock file" in line


def test_a_read_only_journal(project: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    journal = project / UDHR / "udhr.journal"
    journal.touch()
    faults.read_only_file(monkeypatch, journal)
    before = snapshot(project)
    line = assert_one_clear_message(run_main(project, DECIDE, capsys), "permission denied", f"{UDHR}/udhr.journal")
    assert "the decision was not recorded" in line
    assert snapshot(project) == before


def test_an_unreadable_journal(project: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    journal = project / UDHR / "udhr.journal"
    journal.touch()
    faults.unreadable(monkeypatch, journal)
    line = assert_one_clear_message(run_main(project, ["log", "udhr/udhr"], capsys), "permission denied",
                                    f"{UDHR}/udhr.journal")
    assert "cannot read the journal" in line


def test_a_journal_over_the_file_size_limit(project: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    faults.failing_os_write(monkeypatch, errno.EFBIG)
    line = assert_one_clear_message(run_main(project, DECIDE, capsys), "file-size limit (EFBIG)",
                                    f"{UDHR}/udhr.journal")
    assert "the decision was not recorded" in line


def test_a_full_disk_while_saving(project: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    faults.failing_saves(monkeypatch, errno.ENOSPC)
    run = run_main(project, DECIDE, capsys)
    line = assert_one_clear_message(run, "the disk is full (ENOSPC)", f"{UDHR}/udhr.yaml")
    assert "cannot write" in line
    assert run.stdout.startswith("D-")  # acknowledged before the save: it is durable in the journal
    assert (project / UDHR / "udhr.journal").read_text(encoding="utf-8").count("\n") == 1
    assert not [p.name for p in (project / UDHR).iterdir() if p.name.endswith(".tmp")]


def test_a_full_disk_while_exporting(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    faults.failing_saves(monkeypatch, errno.ENOSPC)
    out = tmp_path / "out"
    line = assert_one_clear_message(run_main(project, ["export", "--format", "po", "udhr/udhr", "--out", str(out)],
                                             capsys), "the disk is full (ENOSPC)", str(out / "udhr" / "udhr.po"))
    assert "cannot write" in line
    assert not list(out.rglob("*.tmp"))


def test_a_read_only_texts_folder_on_import(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt = _pair(tmp_path)
    faults.read_only_folder(monkeypatch, project / "texts")
    before = snapshot(project)
    run = run_main(project, ["import-pair", str(src), str(tgt), "--collection", "c", "--doc", "d",
                             "--backend", "plain"], capsys)
    line = assert_one_clear_message(run, "permission denied", "texts/c")
    assert "nothing was changed" in line
    assert snapshot(project) == before


def test_out_below_a_file(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "a-file"
    file.write_text("x", encoding="utf-8")
    for command in (["export", "--format", "md", "udhr/udhr"], ["export-received", "udhr/udhr"]):
        run = run_main(project, [*command, "--out", str(file / "sub")], capsys)
        assert_one_clear_message(run, "is not a folder", "a-file")
    assert file.read_text(encoding="utf-8") == "x"


def test_a_read_only_out_folder(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    faults.read_only_folder(monkeypatch, out)
    run = run_main(project, ["export-received", "udhr/udhr", "--out", str(out)], capsys)
    assert_one_clear_message(run, "permission denied", str(out))
    assert list(out.iterdir()) == []


def test_a_loss_report_that_cannot_be_written(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    faults.read_only_folder(monkeypatch, folder)
    run = run_main(project, ["export", "--format", "po", "udhr/udhr", "--out", str(tmp_path / "out"),
                             "--loss-report", str(folder / "loss.json")], capsys)
    assert_one_clear_message(run, "permission denied", "loss.json")


def test_an_unlistable_texts_folder(project: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    faults.unreadable(monkeypatch, project / "texts" / "udhr")
    assert_one_clear_message(run_main(project, ["status"], capsys), "Permission denied", "texts/udhr")


def test_an_unreadable_alignment_file(project: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    faults.unreadable(monkeypatch, project / UDHR / "udhr.yaml")
    assert_one_clear_message(run_main(project, ["log", "udhr/udhr"], capsys), "Permission denied", "udhr.yaml")


def test_any_other_os_error_is_one_line_with_its_path(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """The last resort in ``cli.main``: an OSError nobody caught is still one line naming its path."""
    from workbench.cli import corpus_cmds

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error", "/some/disk/file")

    monkeypatch.setattr(corpus_cmds, "full_status", broken)
    assert_one_clear_message(run_main(project, ["status"], capsys), "Input/output error", "/some/disk/file")


@pytest.mark.skipif(faults.ROOT, reason="root is not denied by chmod; the in-process tests above cover root")
def test_a_read_only_folder_as_a_real_process(project: Path) -> None:
    (project / UDHR).chmod(0o555)
    run = run_process(project, DECIDE)
    assert_one_clear_message(run, "permission denied", f"{UDHR}/.udhr.yaml.lock")
