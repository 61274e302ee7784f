"""Multi-file commands (import-collection, import-pair, add-witness) are transactions: an error or a
kill -9 at any point leaves, once the next command has recovered, either nothing or everything.

Each case runs the command once cleanly to learn the "everything" state and how many write-side
system calls it makes, then again with a failure (in-process: an OSError at the k-th call) or a
kill -9 (a forked child that kills itself before its n-th call) injected at sampled points.
"""

from __future__ import annotations

import errno
import os
import random
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.core import decide
from workbench.storage.alignment_store import AlignmentFile, Session
from workbench.storage.transaction import STAGING, settle

PROJECT = Path(__file__).resolve().parents[2]
RECEIVED = PROJECT / "tests" / "data" / "received"
NEW_WITNESS = "The first line of another English text.\n\nIts second paragraph, a sentence or two.\n"


def _empty(root: Path) -> Path:
    (root / "texts").mkdir(parents=True)
    (root / "alignments").mkdir()
    return root


def _sample(root: Path) -> Path:
    root.mkdir(parents=True)
    for name in ("texts", "alignments"):
        shutil.copytree(PROJECT / name, root / name, ignore=shutil.ignore_patterns("*.journal", ".*.lock"))
    (root / "inbox").mkdir()
    (root / "inbox" / "en-other.txt").write_text(NEW_WITNESS, encoding="utf-8")
    return root


# command name → (make a project in a folder, argv after --root)
CASES: dict[str, tuple[Callable[[Path], Path], Callable[[Path], list[str]]]] = {
    "add-witness": (_sample, lambda root: ["add-witness", "udhr/udhr", "en-other", str(root / "inbox" / "en-other.txt"),
                                           "--lang", "en", "--description", "another English text",
                                           "--author", "tester"]),
    "import-collection": (_empty, lambda root: ["import-collection", str(RECEIVED / "000_45c230aea59484e0.txt"),
                                                "--collection", "bolshevik-correspondence"]),
    "import-pair": (_empty, lambda root: ["import-pair", str(RECEIVED / "aptekarsha_ru.txt"),
                                          str(RECEIVED / "aptekarsha_en.txt"), "--collection", "garnett-stories",
                                          "--doc", "aptekarsha", "--backend", "plain"]),
}

_IDS = re.compile(rb"D-[0-9a-f]{10}")
_TIMES = re.compile(rb"time: '[^']*'")
_SEAL = re.compile(rb"\n  sha256: [0-9a-f]{64}\n\Z")  # the integrity record's digest covers the ids and times


def snapshot(root: Path) -> dict[str, bytes]:
    """texts/ and alignments/ as a reader sees them (decision ids and times masked; locks, temp
    files and an empty journal are not content)."""
    out = {}
    for top in ("texts", "alignments"):
        for path in sorted((root / top).rglob("*")):
            if not path.is_file() or path.name.startswith("."):
                continue
            data = path.read_bytes()
            if path.suffix == ".journal" and not data:
                continue
            data = _TIMES.sub(b"time: ?", _IDS.sub(b"D-?", data))
            out[str(path.relative_to(root))] = _SEAL.sub(b"\n  sha256: ?\n", data)
    return out


def _run(root: Path, argv: list[str]) -> int:
    return main(["--root", str(root), *argv])


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, bytes], dict[str, bytes]]]:
    """For each command: the project before and after a clean run."""
    out = {}
    for name, (make, argv) in CASES.items():
        root = make(tmp_path_factory.mktemp(name.replace("-", "_")) / "p")
        before = snapshot(root)
        assert _run(root, argv(root)) == 0
        out[name] = (before, snapshot(root))
    return out


# ------------------------------------------------------------------------------ injected errors

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT


class Faults:
    """Count write-side calls (replace, rename, fsync, write, mkdir, open for writing) and make the
    ``fail_at``-th one raise ``error``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail_at: int | None = None, error: int = errno.ENOSPC):
        self.calls = 0
        self.fail_at = fail_at
        self.error = error
        for name in ("replace", "rename", "fsync", "write", "mkdir"):
            monkeypatch.setattr(os, name, self._wrap(getattr(os, name)))
        real_open = os.open

        def open_(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
            if flags & WRITE_FLAGS:
                self._tick()
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", open_)

    def _tick(self) -> None:
        self.calls += 1
        if self.calls == self.fail_at:
            raise OSError(self.error, os.strerror(self.error))

    def _wrap(self, real):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            self._tick()
            return real(*args, **kwargs)
        return call


def _count(name: str, tmp_path: Path) -> int:
    make, argv = CASES[name]
    root = make(tmp_path / "count")
    with pytest.MonkeyPatch.context() as patch:
        faults = Faults(patch)
        assert _run(root, argv(root)) == 0
    return faults.calls


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_an_os_error_at_any_write_leaves_nothing_or_everything(name: str, tmp_path: Path, reference,  # type: ignore[no-untyped-def]
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    before, after = reference[name]
    total = _count(name, tmp_path)
    rng = random.Random(name)
    points = sorted({1, 2, total, total - 1, *rng.sample(range(1, total + 1), min(total, 6))})
    make, argv = CASES[name]
    outcomes = []
    for k in points:
        root = make(tmp_path / f"k{k}")
        capsys.readouterr()
        with pytest.MonkeyPatch.context() as patch:
            Faults(patch, fail_at=k, error=errno.ENOSPC if k % 2 else errno.EACCES)
            code = _run(root, argv(root))
        err = capsys.readouterr().err
        assert "Traceback" not in err
        if code != 0:
            assert code == 2 and err.strip().startswith("workbench: ") and err.count("workbench: ") == 1, err
        settle(root)
        state = snapshot(root)
        assert state in (before, after), f"k={k}: half done"
        assert not (root / STAGING).exists()
        outcomes.append(state == after)
    print(f"{name}: failed at {len(points)} of {total} calls; {sum(outcomes)} ended with everything, "
          f"{len(outcomes) - sum(outcomes)} with nothing")
    assert not all(outcomes) and any(outcomes)  # both ends were reached


# ----------------------------------------------------------------------------------- kill -9

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT
_TRACED = ("replace", "rename", "fsync", "write", "mkdir", "unlink", "rmdir")


def _child(die_at: int, argv: list[str], out_fd: int) -> None:
    """In the forked child: count the write-side system calls, SIGKILL itself at call ``die_at`` (0: never;
    the clean run writes its trace), run the command, and leave without running any of pytest's code."""
    os.dup2(out_fd, 2)
    sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115 - the child's stderr for its whole life
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    calls = [0]

    def tick(name: str, args: tuple[object, ...]) -> None:
        calls[0] += 1
        if die_at == 0:
            first = str(args[0]) if args and isinstance(args[0], str | os.PathLike) else ""
            print("call", calls[0], name, first, file=sys.stderr)
        if calls[0] == die_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def wrap(name: str, real: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object, **kwargs: object) -> object:
            tick(name, args)
            return real(*args, **kwargs)
        return call

    for name in _TRACED:
        setattr(os, name, wrap(name, getattr(os, name)))
    real_open = os.open

    def open_(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & _WRITE_FLAGS:
            tick("open", (str(path),))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    os.open = open_  # type: ignore[assignment]
    try:
        code = main(argv)
        print("calls", calls[0], file=sys.stderr)
        sys.stderr.flush()
    finally:
        os._exit(locals().get("code", 70))


def _killed(root: Path, argv: list[str], die_at: int) -> subprocess.CompletedProcess[str]:
    """The command in a forked child (the modules are already imported, so a run costs only its own
    work), killed with SIGKILL at its ``die_at``-th write-side call."""
    out = os.open(root.parent / f"{root.name}.stderr", os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        pid = os.fork()
        if pid == 0:
            _child(die_at, ["--root", str(root), *argv], out)
        _, status = os.waitpid(pid, 0)
        os.lseek(out, 0, os.SEEK_SET)
        err = os.read(out, 1 << 24).decode("utf-8", "replace")
    finally:
        os.close(out)
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    return subprocess.CompletedProcess([], code, "", err)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_kill_minus_nine_at_any_point_leaves_nothing_or_everything(name: str, tmp_path: Path, reference,  # type: ignore[no-untyped-def]
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    before, after = reference[name]
    make, argv = CASES[name]
    clean = make(tmp_path / "clean")
    run = _killed(clean, argv(clean), 0)
    assert run.returncode == 0, run.stderr
    total = int(run.stderr.rsplit("calls ", 1)[1])
    replaces = [(int(n), arg) for n, call, arg in re.findall(r"^call (\d+) (\w+) (.*)$", run.stderr, re.MULTILINE)
                if call == "replace"]
    # the moves out of staging (without staging: every rename into place)
    moves = [n for n, arg in replaces if f"/{STAGING}/" in arg and not arg.endswith(".tmp")] or [n for n, _ in replaces]
    assert moves, "the trace shows no file moved into place"
    rng = random.Random(f"kill {name}")
    aimed = {moves[0], moves[0] + 1, moves[len(moves) // 2], moves[-1], moves[-1] + 1}  # the commit window
    points = sorted({1, total, *aimed, *rng.sample(range(2, total), min(total - 2, 2))})
    outcomes = []
    halves = 0
    for n in points:
        root = make(tmp_path / f"n{n}")
        run = _killed(root, argv(root), n)
        assert run.returncode == -signal.SIGKILL, run.stderr
        half = snapshot(root) not in (before, after)
        staged = (root / STAGING).exists() and any((root / STAGING).iterdir())
        capsys.readouterr()
        code = _run(root, ["validate"])
        out = capsys.readouterr().out
        if half:  # a reader may see a half state until the next command recovers: validate says so
            halves += 1
            assert code == 1 and "left by an interrupted" in out, out
        if staged:
            assert ".workbench-staging/" in out
        settle(root)
        state = snapshot(root)
        assert state in (before, after), f"n={n} of {total}: half done after recovery"
        outcomes.append(state == after)
    print(f"{name}: killed at {len(points)} of {total} calls; {halves} left a half state (recovered); "
          f"{sum(outcomes)} ended with everything, {len(outcomes) - sum(outcomes)} with nothing")
    assert not all(outcomes) and any(outcomes)
    assert halves or len(moves) == 1  # a kill inside the commit was seen, and recovered


# -------------------------------------------------------------------------------- add-witness

def test_add_witness_folds_an_open_sessions_journal_and_the_session_goes_on(tmp_path: Path) -> None:
    root = _sample(tmp_path / "p")
    path = root / "alignments" / "udhr" / "udhr.yaml"
    session = Session(AlignmentFile(path))
    first = decide.comment(session.state, "L2", "recorded before add-witness", "anna")
    session.record(first)
    assert _run(root, CASES["add-witness"][1](root)) == 0
    assert not path.with_suffix(".journal").exists() or path.with_suffix(".journal").read_bytes() == b""
    on_disk = AlignmentFile(path).read_yaml()
    assert first.id in on_disk.decision_ids and on_disk.decisions[-1].action == "add-witness"
    session.refresh()
    later = decide.comment(session.state, "L3", "after", "anna")
    session.record(later)
    assert {first.id, later.id} <= AlignmentFile(path).read().state.decision_ids


def test_validate_reports_an_orphan_witness_and_a_leftover_staging_folder(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = _sample(tmp_path / "p")
    (root / "texts" / "udhr" / "udhr" / "en-orphan.txt").write_text("Left behind.\n", encoding="utf-8")
    (root / STAGING / "add-witness-20261207T000000Z-1-abcdef").mkdir(parents=True)
    assert _run(root, ["validate"]) == 1
    out = capsys.readouterr().out
    assert "texts/udhr/udhr/en-orphan.txt: a witness file that document.yaml does not list" in out
    assert (".workbench-staging/add-witness-20261207T000000Z-1-abcdef: left by an interrupted command, before "
            "anything changed") in out


def test_an_import_whose_alignment_fails_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    import workbench.storage.alignments as alignments
    from workbench.core.errors import OperationError

    def failing(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        def run(*a: object) -> None:
            raise OperationError("the aligner gave up")
        return run

    monkeypatch.setattr(alignments, "make_align_fn", failing)
    root = _empty(tmp_path / "p")
    code = _run(root, CASES["import-pair"][1](root))
    assert code == 2 and capsys.readouterr().err == "workbench: the aligner gave up\n"
    assert snapshot(root) == {} and not (root / STAGING).exists()
