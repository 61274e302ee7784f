"""Temporary files of atomic writes that a kill -9 interrupted: removed on the next open under the
lock (only the project's own pattern, only the document's own), reported by validate, ignored by git."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.storage.alignment_store import AlignmentFile, Session

KILLED_SAVE = r"""
import os, signal, sys
from pathlib import Path
from workbench.core import decide
from workbench.storage.alignment_store import Session, AlignmentFile

def killed(src, dst):  # the new file is written and synced; kill -9 before it replaces the old one
    os.kill(os.getpid(), signal.SIGKILL)

session = Session(AlignmentFile(Path(sys.argv[1])))
session.record(decide.comment(session.state, session.state.links[0].id, "before the kill", "w"))
print("recorded", flush=True)
os.replace = killed
session.save()
"""


def _doc(project: Path) -> Path:
    return project / "alignments" / "udhr" / "udhr.yaml"


def test_a_temp_file_left_by_kill_minus_nine_mid_save_is_removed_on_the_next_open(project: Path) -> None:
    path = _doc(project)
    before = path.read_bytes()
    run = subprocess.run([sys.executable, "-c", KILLED_SAVE, str(path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == -signal.SIGKILL and run.stdout == "recorded\n", run.stderr
    left = list(path.parent.glob(".udhr.yaml.*.tmp"))
    assert len(left) == 1 and left[0].stat().st_size > len(before) // 2  # the whole new file, never renamed
    assert path.read_bytes() == before  # the old file is intact
    session = Session(AlignmentFile(path))
    assert not list(path.parent.glob(".udhr.yaml.*.tmp"))
    assert session.state.decisions[-1].note == "before the kill"  # the decision came back from the journal


def test_only_the_documents_own_temp_files_are_removed(project: Path) -> None:
    folder = _doc(project).parent
    ours = [folder / ".udhr.yaml.0a1b2c3d.tmp", folder / ".udhr.yaml.k_x9ab2z.tmp"]  # ours, and mkstemp's
    others = [folder / ".other.yaml.0a1b2c3d.tmp",   # another document's, guarded by another lock
              folder / ".udhr.yaml.0a1b2c3.tmp",     # not eight characters
              folder / ".udhr.yaml.0A1B2C3D.tmp",    # not our alphabet
              folder / "udhr.yaml.0a1b2c3d.tmp",     # not hidden
              folder / ".udhr.yaml.0a1b2c3d.tmp.keep"]
    for tmp in ours + others:
        tmp.write_text("left behind")
    Session(AlignmentFile(_doc(project)))
    assert [p.exists() for p in ours] == [False, False]
    assert all(p.exists() for p in others)


def test_validate_reports_a_leftover_temp_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tmp = _doc(project).parent / ".udhr.yaml.0a1b2c3d.tmp"
    tmp.write_text("left behind")
    assert main(["--root", str(project), "validate"]) == 1
    out = capsys.readouterr().out
    assert "alignments/udhr/.udhr.yaml.0a1b2c3d.tmp: left by a save that was interrupted" in out


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_ignores_temp_files_torn_side_files_and_staging(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "alignments" / "udhr").mkdir(parents=True)
    (repo / "texts" / "udhr" / "udhr").mkdir(parents=True)
    shutil.copy(Path(__file__).resolve().parents[2] / ".gitignore", repo / ".gitignore")
    ignored = ["alignments/udhr/.udhr.yaml.0a1b2c3d.tmp", "texts/udhr/udhr/.document.yaml.0a1b2c3d.tmp",
               "texts/udhr/udhr/.ru-un.txt.k_x9ab2z.tmp", "alignments/udhr/udhr.journal.torn-20261207T001656Z",
               ".workbench-staging/tx-1/0", ".workbench-staging.lock"]
    kept = ["alignments/udhr/udhr.yaml", "texts/udhr/udhr/ru-un.txt", "alignments/udhr/udhr.conflicts.jsonl"]
    for name in ignored + kept:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("x")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    status = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=all"],
                            capture_output=True, text=True, check=True).stdout
    listed = {line[3:] for line in status.splitlines()}
    assert set(kept) <= listed
    assert not set(ignored) & listed
