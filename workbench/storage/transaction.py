"""Multi-file changes (``import-*``, ``add-witness``) as transactions: all files or none.

Every new file is first written, complete and fsynced, into a hidden staging folder of the project
(``.workbench-staging/<command>-<time>-<pid>-<hex>/``, on the same file system, so a rename moves
it). A manifest lists where each staged file goes, in order. Then the files are renamed into place
one by one; the first rename is the commit point:

* before it (a kill while staging, an error, a refused input) nothing in ``texts/`` or
  ``alignments/`` has changed, and the staging folder is deleted — by the command itself, or, after
  a kill, by the next transaction (*roll back*);
* after it, the next transaction finishes the remaining renames (*roll forward*). Until then
  ``workbench validate`` reports the staging folder and any witness file ``document.yaml`` does not
  list yet.

One transaction runs at a time in a project (``.workbench-staging.lock``), and each one begins by
recovering what a killed one left, so none sees another's half state. The files a transaction moves
are written only by transactions, with one exception that the order takes care of: alignment files,
which editors' sessions write under the document's lock. A transaction that replaces an alignment
file holds that lock and makes it its first rename (so a kill never leaves it to be rolled forward
over an editor's later save); a transaction that creates one marks it ``create``: it is moved under
the lock, and only if no alignment file has appeared meanwhile.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from workbench.core.errors import InputError, Location
from workbench.storage.atomic import (
    atomic_write_bytes,
    file_lock,
    fsync_dir,
    os_error,
    refuse_links,
    remove_temp_files,
    write_all,
)

STAGING = ".workbench-staging"
MANIFEST = "manifest.json"
_LOCK_NAME = "workbench-staging"  # file_lock hides it: .workbench-staging.lock


@dataclass(frozen=True)
class Entry:
    """One staged file: where it goes (relative to the project) and its name in the staging folder."""

    dest: str
    staged: str
    create: bool = False  # an alignment file: moved under its lock, and never over one that appeared


@dataclass
class Transaction:
    """Files staged for one command; :meth:`commit` moves them into place (see the module docstring)."""

    root: Path
    command: str
    folder: Path
    entries: list[Entry] = field(default_factory=list)
    committed: bool = False
    kept: list[str] = field(default_factory=list)  # create entries not moved: a file was there first

    def add(self, dest: Path, data: str | bytes, *, create: bool = False) -> None:
        """Stage ``data`` for ``dest`` (a path inside the project); nothing outside staging changes yet."""
        if create and not self.entries:
            raise ValueError("the first file of a transaction is its commit point and must replace, not create")
        rel = _relative(self.root, dest)
        refuse_links(self.root, dest, self.folder)  # a link inside the project would move the file elsewhere
        staged = self.folder / str(len(self.entries))
        payload = data.encode("utf-8") if isinstance(data, str) else data
        try:
            fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                write_all(fd, payload)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise os_error(exc, _label(self.root, staged), f"cannot stage {rel}; nothing was changed") from None
        self.entries.append(Entry(rel, staged.name, create))

    def commit(self, after_moves: Callable[[], None] | None = None) -> None:
        """Write the manifest, then move the staged files into place in order.

        ``after_moves`` runs once every file is in place, e.g. to empty a journal whose decisions the
        new alignment file holds (a kill before it is harmless: replay skips what the file has)."""
        if not self.entries:
            return
        try:
            fsync_dir(self.folder)
        except OSError as exc:
            raise os_error(exc, _label(self.root, self.folder), "cannot stage; nothing was changed") from None
        manifest = {"command": self.command, "entries": [asdict(e) for e in self.entries]}
        atomic_write_bytes(self.folder / MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"),
                           _label(self.root, self.folder / MANIFEST))
        first = self.entries[0]
        try:
            _move(self.root, self.folder, first)
        except OSError as exc:
            raise os_error(exc, first.dest, "cannot move the new file into place; nothing was changed") from None
        self.committed = True
        try:
            self.kept = _roll_forward(self.root, self.folder, self.entries[1:])
        except OSError as exc:
            raise os_error(exc, _label(self.root, self.folder), f"{self.command} is half done: the rest is "
                           "finished by the next import or add-witness ('workbench validate' shows it)") from None
        _remove(self.folder)
        if after_moves is not None:
            after_moves()

    def discard(self) -> None:
        """Forget everything staged (before the commit point)."""
        _remove(self.folder)


def _relative(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        raise InputError("a transaction can only write inside the project", Location(str(path))) from None


def _label(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _move(root: Path, folder: Path, entry: Entry) -> bool:
    """Move one staged file into place; False if it was not moved (already moved, or a create whose
    destination exists: that file was there first and is kept). Idempotent, so recovery can repeat it."""
    src = folder / entry.staged
    dst = root / entry.dest
    if not src.exists():
        return True
    if entry.create and dst.exists():
        src.unlink()
        return False
    new_folder = not dst.parent.exists()
    dst.parent.mkdir(parents=True, exist_ok=True)
    remove_temp_files(dst)  # left by an older, non-transactional write that was killed
    os.replace(src, dst)
    fsync_dir(dst.parent)
    if new_folder:
        fsync_dir(dst.parent.parent)
    return True


def _roll_forward(root: Path, folder: Path, entries: list[Entry]) -> list[str]:
    kept = []
    for entry in entries:
        if entry.create:  # an alignment file: editors' sessions create and write it under this lock
            with file_lock(root / entry.dest):
                moved = _move(root, folder, entry)
        else:
            moved = _move(root, folder, entry)
        if not moved:
            kept.append(entry.dest)
    return kept


def _remove(folder: Path) -> None:
    """Delete a staging folder: the manifest first, so a kill midway never leaves a manifest whose
    first file is gone (which would read as committed)."""
    with contextlib.suppress(OSError):  # cleaning up is best effort: validate reports what stays
        (folder / MANIFEST).unlink()
        fsync_dir(folder)
    shutil.rmtree(folder, ignore_errors=True)
    with contextlib.suppress(OSError):  # the staging root goes when empty
        folder.parent.rmdir()


def recover(root: Path) -> list[str]:
    """Finish or undo what killed transactions left (the caller holds the staging lock); returns
    one message per staging folder."""
    staging = root / STAGING
    try:
        folders = sorted(p for p in staging.iterdir() if p.is_dir())
    except FileNotFoundError:
        return []
    messages = []
    for folder in folders:
        label = _label(root, folder)
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            command = str(manifest["command"])
            entries = [Entry(str(e["dest"]), str(e["staged"]), bool(e.get("create", False)))
                       for e in manifest["entries"]]
        except FileNotFoundError:
            _remove(folder)
            messages.append(f"{label}: removed what an interrupted command had staged (nothing had changed)")
            continue
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"the staging manifest cannot be read ({exc}); look at the folder and remove it",
                             Location(label)) from None
        if not entries or (folder / entries[0].staged).exists():
            _remove(folder)
            messages.append(f"{label}: undid an interrupted {command} (nothing had changed)")
            continue
        try:
            _roll_forward(root, folder, entries[1:])
        except OSError as exc:
            raise os_error(exc, label, f"cannot finish an interrupted {command}") from None
        _remove(folder)
        messages.append(f"{label}: finished an interrupted {command} ({len(entries)} file(s) in place)")
    with contextlib.suppress(OSError):  # an empty staging root (a failed mkdir) goes too
        staging.rmdir()
    return messages


def settle(root: Path, on_message: Callable[[str], None] | None = None) -> list[str]:
    """Take the staging lock and recover (what every transaction does first); returns the messages."""
    with file_lock(root / _LOCK_NAME):
        messages = recover(root)
    for message in messages:
        if on_message is not None:
            on_message(message)
    return messages


def leftovers(root: Path) -> list[str]:
    """Staging folders a killed command left, for ``validate`` (empty while a command is running)."""
    staging = root / STAGING
    if not staging.is_dir():
        return []
    try:
        with file_lock(root / _LOCK_NAME, timeout=0):
            folders = sorted(p for p in staging.iterdir() if p.is_dir())
    except InputError:
        return []  # a command is running: its staging is not a leftover
    out = []
    for folder in folders:
        label = _label(root, folder)
        manifest = folder / MANIFEST
        state = "an interrupted command, before anything changed"
        if manifest.exists():
            with contextlib.suppress(ValueError, KeyError, OSError, TypeError, IndexError):
                data = json.loads(manifest.read_text(encoding="utf-8"))
                first = data["entries"][0]["staged"]
                state = (f"an interrupted {data['command']}, "
                         + ("before anything changed" if (folder / first).exists() else "half done"))
        out.append(f"{label}: left by {state}; the next import or add-witness finishes or undoes it")
    return out


def _check_same_file_system(root: Path) -> None:
    device = os.stat(root).st_dev
    for name in ("texts", "alignments"):
        folder = root / name
        if folder.exists() and os.stat(folder).st_dev != device:
            raise InputError(f"{name}/ is on another file system than the project folder: multi-file commands "
                             "move files from .workbench-staging/ into place and need one file system",
                             Location(str(folder)))


@contextlib.contextmanager
def transaction(root: Path, command: str, on_message: Callable[[str], None] | None = None) -> Iterator[Transaction]:
    """Run a multi-file command as a transaction: take the project's staging lock, recover what a
    killed one left, yield a :class:`Transaction` to stage files in and ``commit``. An error before
    the commit point discards everything staged."""
    with file_lock(root / _LOCK_NAME):
        for message in recover(root):
            if on_message is not None:
                on_message(message)
        _check_same_file_system(root)
        name = f"{command}-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-{os.getpid()}-{secrets.token_hex(3)}"
        folder = root / STAGING / name
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            raise os_error(exc, _label(root, folder), "cannot stage; nothing was changed") from None
        tx = Transaction(root, command, folder)
        try:
            yield tx
        except BaseException:
            if not tx.committed:
                tx.discard()
            raise
        if not tx.committed:
            tx.discard()
