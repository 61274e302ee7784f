"""The workbench as a citizen of git: the merge driver for alignment files and its registration.

``git-setup`` writes one line to the repository's ``.gitattributes`` (committed, so every clone routes
alignment files to the driver) and the ``merge.workbench`` entry of ``.git/config`` (local to a clone, so
each editor runs it once). git then calls ``workbench merge-driver %O %A %B %P`` with the common base,
our version (the result goes there) and theirs; the merge itself is :func:`workbench.core.merge.merge`.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from workbench.core.errors import FormatError, InputError, Location
from workbench.core.merge import MergeRefused, merge
from workbench.core.models import Conflict
from workbench.storage.alignment_codec import decode, encode
from workbench.storage.alignment_store import MAX_ALIGNMENT_BYTES
from workbench.storage.atomic import atomic_write_text
from workbench.storage.textfile import read_text

DRIVER_NAME = "workbench"
ATTRIBUTE = f"merge={DRIVER_NAME}"


@dataclass(frozen=True)
class DriverResult:
    """What the merge driver did: git's exit code (0 merged, 1 left for a merge by hand) and lines to say."""

    code: int
    messages: tuple[str, ...]
    conflicts: tuple[Conflict, ...] = ()


def _read(path: Path, label: str) -> str:
    return read_text(path, max_bytes=MAX_ALIGNMENT_BYTES, label=label)


def run_merge_driver(base: Path, ours: Path, theirs: Path, name: str) -> DriverResult:
    """Merge the three versions git gives; the result replaces ``ours``. A file that does not parse, or
    changes decisions do not describe, leave ``ours`` untouched and return 1: git then marks the file
    conflicted and the editor merges it by hand."""
    try:
        texts = [_read(path, f"{name} ({which})") for path, which in ((base, "base"), (ours, "ours"),
                                                                       (theirs, "theirs"))]
        if not texts[0].strip():  # both sides added the file: without a base there is no history to replay
            if texts[1] == texts[2]:
                return DriverResult(0, ())
            return DriverResult(1, (f"{name}: both sides created this alignment file; keep one with "
                                    "'git checkout --ours/--theirs' and redo the other's decisions",))
        states = [decode(text, f"{name} ({which})") for text, which in zip(texts, ("base", "ours", "theirs"),
                                                                          strict=True)]
        result = merge(*states)
    except FormatError as err:
        return DriverResult(1, (f"cannot merge {name}: {err}",))
    except MergeRefused as err:
        return DriverResult(1, (f"cannot merge {name}: {err}",))
    atomic_write_text(ours, encode(result.state), name)
    lines = []
    if result.new_conflicts:
        lines.append(f"{name}: {len(result.new_conflicts)} conflict(s) kept with both sides; list them with "
                     f"'workbench conflicts {_address(name)}' and resolve each one")
    return DriverResult(0, tuple(lines), result.new_conflicts)


def _address(name: str) -> str:
    parts = Path(name).parts
    if len(parts) >= 2 and parts[-1].endswith(".yaml"):
        return f"{parts[-2]}/{parts[-1][:-5]}"
    return name


# --------------------------------------------------------------------------------------------- set-up


def _git(args: list[str], cwd: Path) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError) as exc:
        raise InputError(f"cannot run git: {exc}", Location(str(cwd))) from None
    if out.returncode != 0:
        raise InputError(f"git {' '.join(args)}: {out.stderr.strip() or 'failed'}", Location(str(cwd)))
    return out.stdout


def git_toplevel(root: Path) -> Path:
    """The top folder of the git repository holding ``root`` (``InputError`` when there is none)."""
    return Path(_git(["rev-parse", "--show-toplevel"], root).strip())


def driver_command() -> str:
    """The command git runs: this Python with ``-m workbench``, so the driver works whether or not the
    virtual environment is on git's PATH."""
    return f"{shlex.quote(sys.executable)} -m workbench merge-driver %O %A %B %P"


def git_setup(root: Path) -> list[str]:
    """Register the merge driver for the project at ``root``; returns what changed (nothing the second
    time)."""
    top = git_toplevel(root)
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    pattern = ("" if prefix in ("", ".") else prefix + "/") + "alignments/**/*.yaml"
    line = f"{pattern} {ATTRIBUTE}"
    changed: list[str] = []
    attributes = top / ".gitattributes"
    old = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    if line not in old.splitlines():
        atomic_write_text(attributes, old + ("" if not old or old.endswith("\n") else "\n") + line + "\n",
                          str(attributes))
        changed.append(f"{attributes}: added '{line}' (commit it: every clone then uses the driver)")
    wanted = {f"merge.{DRIVER_NAME}.name": "workbench alignment files: decisions replayed in time order",
              f"merge.{DRIVER_NAME}.driver": driver_command()}
    for key, value in wanted.items():
        current = subprocess.run(["git", "config", "--local", "--get", key], cwd=top, capture_output=True,
                                 text=True, timeout=20)
        if current.returncode != 0 or current.stdout.rstrip("\n") != value:
            _git(["config", "--local", key, value], top)
            changed.append(f".git/config: {key} = {value}")
    return changed


# ---------------------------------------------------------------------------------------- history


@dataclass(frozen=True)
class CommitInfo:
    """A git commit, as ``log --git`` and ``blame`` show it."""

    commit: str
    author: str
    date: str
    subject: str


_DECISION_LINE = re.compile(r"^\+\s*- id: (D-\S+)$")


def decision_commits(path: Path) -> dict[str, CommitInfo]:
    """For each decision id in the history of the alignment file at ``path``, the commit that first added
    it (one ``git log -p`` over the file's history, oldest first: a decision a merge brought in is found
    in the commit its editor made). Empty when the file is in no git repository."""
    try:
        git_toplevel(path.parent)
    except InputError:
        return {}
    text = _git(["log", "--reverse", "--no-color", "-U0", "-p", "--format=%x00%H%x09%an%x09%aI%x09%s", "--",
                 path.name], path.parent)
    found: dict[str, CommitInfo] = {}
    current: CommitInfo | None = None
    for line in text.split("\n"):
        if line.startswith("\0"):
            fields = line[1:].split("\t", 3)
            current = CommitInfo(*(fields + [""] * (4 - len(fields))))
            continue
        match = _DECISION_LINE.match(line)
        if match and current is not None:
            found.setdefault(match.group(1), current)
    return found
