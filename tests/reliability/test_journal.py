"""The journal at its edges: short writes, a full disk, a file-size limit, torn and glued lines.

A decision is acknowledged only when every byte of it is on disk; whatever a crash leaves in the
journal that is not a decision is cut away on the next open, kept in a side file and reported.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.core import decide
from workbench.core.errors import FileSystemError
from workbench.storage.alignment_codec import decision_to_dict
from workbench.storage.alignment_store import AlignmentFile, Session


def _doc(project: Path) -> Path:
    return project / "alignments" / "udhr" / "udhr.yaml"


def _note(session: Session, link: str, text: str):  # type: ignore[no-untyped-def]
    return decide.comment(session.state, link, text, "tester")


def _line(decision) -> bytes:  # type: ignore[no-untyped-def]
    return (json.dumps(decision_to_dict(decision), ensure_ascii=False, sort_keys=True) + "\n").encode()


def _side_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.with_suffix(".journal").name + ".torn-*"))


# ---------------------------------------------------------------------------------- short writes


def test_a_short_write_is_completed_before_the_decision_is_acknowledged(project: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = _doc(project)
    session = Session(AlignmentFile(path))
    decision = _note(session, "L3", "a note long enough to need many short writes " * 4)
    real_write = os.write
    calls = []

    def short_write(fd: int, data: bytes) -> int:  # the kernel may write fewer bytes than asked
        calls.append(len(data))
        return real_write(fd, bytes(data[:7]))

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", short_write)
        session.record(decision)
    assert len(calls) > 10
    file = AlignmentFile(path)
    assert file.journal_path.read_bytes() == _line(decision)
    assert decision.id in file.read().state.decision_ids


def _half_then(err: int):  # type: ignore[no-untyped-def]
    real_write = os.write
    state = {"calls": 0}

    def write(fd: int, data: bytes) -> int:
        state["calls"] += 1
        if state["calls"] == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(err, os.strerror(err))

    return write


@pytest.mark.parametrize(("err", "words"), [(errno.ENOSPC, "the disk is full"),
                                            (errno.EFBIG, "file-size limit")])
def test_a_full_disk_refuses_the_decision_and_cuts_the_journal_back(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    err: int, words: str) -> None:
    path = _doc(project)
    session = Session(AlignmentFile(path))
    first = _note(session, "L2", "kept")
    session.record(first)
    before = AlignmentFile(path).journal_path.read_bytes()
    refused = _note(session, "L3", "this one meets a full disk " * 10)
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", _half_then(err))
        with pytest.raises(FileSystemError) as caught:
            session.record(refused)
    message = str(caught.value)
    assert message.startswith(str(path.with_suffix(".journal"))) and words in message
    assert "not recorded" in message
    assert AlignmentFile(path).journal_path.read_bytes() == before  # no half line left behind
    assert refused.id not in session.state.decision_ids
    later = _note(session, "L4", "after the disk was freed")
    session.record(later)  # the journal goes on cleanly
    ids = AlignmentFile(path).read().state.decision_ids
    assert {first.id, later.id} <= ids and refused.id not in ids


def test_cli_decide_on_a_full_disk_is_one_line_and_exit_2(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    code = main(["--root", str(project), "decide", "udhr/udhr", "L3", "confirm"])
    monkeypatch.undo()
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""  # no decision id: nothing was acknowledged
    assert err.count("\n") == 1 and "alignments/udhr/udhr.journal" in err and "the disk is full" in err
    assert "Traceback" not in err


LIMITED = r"""
import resource, signal, sys
from workbench.cli import main   # imported before the limit, so no .pyc write meets it
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # then a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
sys.exit(main(["--root", sys.argv[1], "decide", "udhr/udhr", "L3", "comment", "--text", "x" * 400]))
"""


def _limited(project: Path, limit: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", LIMITED, str(project), str(limit)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "WORKBENCH_AUTHOR": "limited"})


def test_a_real_file_size_limit_at_the_journal_refuses_the_decision(project: Path) -> None:
    path = _doc(project)
    yaml_before = path.read_bytes()
    result = _limited(project, 200)  # the journal may grow to 200 bytes; the decision needs ~500
    assert result.returncode == 2, result.stderr
    assert "D-" not in result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "udhr.journal" in result.stderr and "file-size limit" in result.stderr
    journal = path.with_suffix(".journal")
    assert not journal.exists() or journal.read_bytes() == b""
    assert path.read_bytes() == yaml_before
    assert Session(AlignmentFile(path)).messages == []  # nothing torn was left to cut


def test_a_real_file_size_limit_at_the_save_keeps_the_file_and_the_decision(project: Path) -> None:
    path = _doc(project)
    yaml_before = path.read_bytes()
    result = _limited(project, len(yaml_before) - 100)  # the journal fits; the new YAML file does not
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "alignments/udhr/udhr.yaml" in result.stderr and "file-size limit" in result.stderr
    decision_id = result.stdout.strip()
    assert decision_id.startswith("D-")  # acknowledged: it is in the journal
    assert path.read_bytes() == yaml_before
    assert not list(path.parent.glob(".udhr.yaml.*.tmp"))
    assert decision_id in AlignmentFile(path).read().state.decision_ids


# ------------------------------------------------------------------------------- torn and glued


def test_a_torn_last_line_is_cut_on_open_kept_in_a_side_file_and_reported(project: Path) -> None:
    path = _doc(project)
    first = Session(AlignmentFile(path))
    kept = _note(first, "L2", "kept")
    first.record(kept)
    torn = _line(_note(first, "L3", "killed while being written"))[:40]
    journal = path.with_suffix(".journal")
    with open(journal, "ab") as handle:  # what kill -9 in the middle of an append leaves
        handle.write(torn)
    session = Session(AlignmentFile(path))
    assert len(session.messages) == 1
    assert "alignments/udhr/udhr.journal" in session.messages[0] and "40 byte(s)" in session.messages[0]
    sides = _side_files(path)
    assert len(sides) == 1 and sides[0].read_bytes() == torn and sides[0].name in session.messages[0]
    assert journal.read_bytes() == _line(kept)
    new = _note(session, "L4", "the next decision")
    session.record(new)
    ids = AlignmentFile(path).read().state.decision_ids
    assert {kept.id, new.id} <= ids


def test_an_append_never_glues_onto_a_torn_tail(project: Path) -> None:
    path = _doc(project)
    session = Session(AlignmentFile(path))  # open before the other writer is killed
    torn = _line(_note(session, "L3", "another process, killed mid-append"))[:55]
    with open(path.with_suffix(".journal"), "ab") as handle:
        handle.write(torn)
    new = _note(session, "L4", "recorded after the tear")
    session.record(new)
    assert new.id in AlignmentFile(path).read().state.decision_ids
    assert any("55 byte(s)" in m for m in session.messages)
    assert [p.read_bytes() for p in _side_files(path)] == [torn]
    assert AlignmentFile(path).journal_path.read_bytes() == _line(new)


def test_a_decision_glued_to_a_torn_line_by_an_older_version_is_recovered(project: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = _doc(project)
    session = Session(AlignmentFile(path))
    d1, d2, d3 = (_note(session, f"L{n}", f"note {n}") for n in (2, 3, 4))
    torn = _line(_note(session, "L5", "torn by a full disk"))[:70]
    journal = path.with_suffix(".journal")
    journal.write_bytes(_line(d1) + torn + _line(d2) + _line(d3))  # what the old append made
    # read-only: readable, the glued decision recovered, the damage reported by validate
    assert {d1.id, d2.id, d3.id} <= AlignmentFile(path).read().state.decision_ids
    assert main(["--root", str(project), "validate", str(path)]) == 1
    assert "udhr.journal: line 2 is torn" in capsys.readouterr().out
    # opening repairs it
    opened = Session(AlignmentFile(path))
    assert {d1.id, d2.id, d3.id} <= opened.state.decision_ids
    assert "1 decision(s) glued to them recovered" in opened.messages[0]
    assert journal.read_bytes() == _line(d1) + _line(d2) + _line(d3)
    assert [p.read_bytes() for p in _side_files(path)] == [torn + b"\n"]


def test_a_save_keeps_a_torn_end_in_a_side_file_before_emptying_the_journal(project: Path) -> None:
    path = _doc(project)
    session = Session(AlignmentFile(path))
    kept = _note(session, "L2", "kept")
    session.record(kept)
    torn = _line(_note(session, "L3", "another process, killed mid-append"))[:33]
    with open(path.with_suffix(".journal"), "ab") as handle:
        handle.write(torn)
    session.save()  # folding must not drop the torn bytes silently
    assert [p.read_bytes() for p in _side_files(path)] == [torn]
    assert any("33 byte(s)" in m for m in session.messages)
    assert path.with_suffix(".journal").read_bytes() == b""
    assert kept.id in AlignmentFile(path).read_yaml().decision_ids


def test_an_open_session_rereads_a_journal_another_process_repaired(project: Path) -> None:
    path = _doc(project)
    a = Session(AlignmentFile(path))
    d1 = _note(a, "L2", "one")
    a.record(d1)
    d2 = _note(a, "L3", "two")
    torn = _line(_note(a, "L5", "torn"))[:30]
    with open(path.with_suffix(".journal"), "ab") as handle:  # an older version glued d2 onto a torn line
        handle.write(torn + _line(d2))
    b = Session(AlignmentFile(path))  # repairs: the journal is rewritten, shorter
    d3 = _note(b, "L4", "three")
    d4 = _note(b, "L6", "four " * 40)  # the journal grows past a's old offset again
    b.record([d3, d4])
    a.refresh()
    assert {d1.id, d2.id, d3.id, d4.id} <= a.state.decision_ids


def test_cli_reports_the_cut_and_validate_names_the_side_file(project: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = _doc(project)
    path.with_suffix(".journal").write_bytes(b'{"action": "note", "aut')
    assert main(["--root", str(project), "decide", "udhr/udhr", "L3", "confirm"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("D-")
    assert "udhr.journal: cut away 23 byte(s)" in err and ".torn-" in err
    assert main(["--root", str(project), "validate", str(path)]) == 1
    out, _ = capsys.readouterr()
    side = _side_files(path)[0].name
    assert f"alignments/udhr/{side}: bytes cut out of the journal" in out


WRITER = r"""
import os, signal, sys
from pathlib import Path
from workbench.core import decide
from workbench.storage.alignment_store import Session, AlignmentFile

die_at, real_write, calls = int(sys.argv[2]), os.write, [0]

def write(fd, data):  # the die_at-th write reaches the disk in part, then the process is killed
    calls[0] += 1
    if calls[0] == die_at:
        cut = len(data) // 3 + (bytes(data[len(data) // 3 - 1:len(data) // 3]) == b"\n")  # inside a line
        real_write(fd, bytes(data[:cut]))
        os.kill(os.getpid(), signal.SIGKILL)
    return real_write(fd, data)

os.write = write
session = Session(AlignmentFile(Path(sys.argv[1])))
links = [lk.id for lk in session.state.links]
for k in range(1000):
    batch = [decide.comment(session.state, links[(k + i) % len(links)], f"{k}.{i} " * 50, "w")
             for i in range(1 + k % 3)]
    session.record(batch)
    print(*(d.id for d in batch), sep="\n", flush=True)
"""


@pytest.mark.slow
def test_kill_minus_nine_inside_an_append_loses_nothing_acknowledged(project: Path) -> None:
    """The writer is killed in the middle of a journal write (part of the bytes on disk) at a random
    append; the next open cuts the torn end, keeps every acknowledged decision and goes on cleanly."""
    path = _doc(project)
    journal = path.with_suffix(".journal")
    rng = random.Random(11)
    for round_ in range(8):
        proc = subprocess.run([sys.executable, "-c", WRITER, str(path), str(rng.randint(1, 40))],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == -signal.SIGKILL, proc.stderr
        acknowledged = {line for line in proc.stdout.splitlines() if line.startswith("D-")}
        assert AlignmentFile(path).scan_journal().tail > 0, (round_, proc.stdout.count("D-"))  # a torn end
        session = Session(AlignmentFile(path))
        assert acknowledged <= session.state.decision_ids, f"round {round_}"
        assert len(session.messages) == 1 and "never acknowledged" in session.messages[0]
        after = AlignmentFile(path).scan_journal()
        assert not after.damaged and not after.tail
        extra = _note(session, "L2", "after the kill")
        session.record(extra)
        assert extra.id in AlignmentFile(path).read().state.decision_ids
        if round_ % 2:
            session.save()  # fold now and then, so later rounds also start from a folded file
        journal.unlink(missing_ok=True) if round_ % 2 else None
    assert len(_side_files(path)) == 8


async def test_the_app_shows_what_opening_cut_from_the_journal(project: Path) -> None:
    from workbench.ui.app import make_app

    path = _doc(project)
    path.with_suffix(".journal").write_bytes(b'{"action": "confirm", "author": "killed mid-wri')
    app = make_app(str(project), document="udhr/udhr", author="tester", poll_interval=3600, save_interval=3600)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(50):
            if app.review is not None:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        shown = [n.message for n in app._notifications]
    assert any("udhr.journal: cut away 47 byte(s)" in m and ".torn-" in m for m in shown), shown


def test_a_lone_surrogate_from_the_command_line_is_refused_in_one_line(project: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    # a terminal in another encoding hands Python undecodable bytes as lone surrogates
    code = main(["--root", str(project), "decide", "udhr/udhr", "L3", "comment", "--text", "caf\udce9"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.count("\n") == 1 and "udhr.journal" in err and "not valid Unicode" in err
    assert not _doc(project).with_suffix(".journal").exists() or not _doc(project).with_suffix(".journal").read_bytes()
