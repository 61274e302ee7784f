"""Atomic saves and inter-process locks.

A save writes a temporary file in the same folder, fsyncs it, renames it over the target with
``os.replace`` and fsyncs the folder, so a reader (or a crash) sees the old file or the new one,
never a mix. Locks are ``flock`` on a hidden lock file beside the data.

A kill -9 between creating the temporary file and the rename leaves it behind. Its name is
``.<name>.<8 characters>.tmp`` (:func:`temp_files` finds exactly these); the next writer that holds
the file's lock removes them (:func:`remove_temp_files`), and ``.gitignore`` ignores them.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from workbench.core.errors import FileSystemError, InputError, Location

LOCK_TIMEOUT_S = 30.0

# Why an OS error happened, in words; others fall back to the system's own text.
_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file would exceed the file-size limit",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EIO: "input/output error (a failing disk?)",
}


def os_error(exc: OSError, label: str, doing: str) -> FileSystemError:
    """One located, readable error for an OS error while ``doing`` something with a file."""
    reason = _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()
    code = errno.errorcode.get(exc.errno or 0)
    return FileSystemError(f"{doing}: {reason}" + (f" ({code})" if code else ""), Location(label))


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd``: ``os.write`` may write fewer bytes than asked (a full
    disk, a file-size limit, a signal), so loop until all are written or the OS refuses with an error."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # no progress and no error: treat as a full disk rather than spin
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def write_synced_and_close(fd: int, data: bytes) -> None:
    """:func:`write_all`, fsync, and close ``fd`` whatever happens (a new file's whole content)."""
    try:
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def refuse_links(root: Path, *paths: Path) -> None:
    """Refuse to write ``paths`` (inside ``root``) when the path itself or a folder between ``root`` and
    it is a symbolic link: a link committed by a collaborator (``alignments/x -> ~``) would make a save,
    a journal append or an import write outside the project. ``validate`` reports the same links."""
    for path in paths:
        try:
            parts = path.relative_to(root).parts
        except ValueError:
            raise InputError("is outside the project folder; nothing was written", Location(str(path))) from None
        current = root
        for part in parts:
            current = current / part
            if current.is_symlink():
                raise InputError("is a symbolic link; the workbench does not write through links inside the "
                                 "project (replace it with a real folder or file)",
                                 Location(str(current.relative_to(root))))


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_pattern(path: Path) -> re.Pattern[str]:
    # eight characters: ours are hex; [a-z0-9_] also matches tempfile.mkstemp's, used before
    return re.compile(rf"^\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp$")


def _create_temp(path: Path) -> tuple[int, Path]:
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), tmp
        except FileExistsError:
            continue


_ANY_TEMP = re.compile(r"^\.(.+)\.[a-z0-9_]{8}\.tmp$")


def temp_target(path: Path) -> Path | None:
    """The file an atomic write was replacing, if ``path`` is one of its temporary files."""
    match = _ANY_TEMP.match(path.name)
    return path.with_name(match.group(1)) if match else None


def temp_files(path: Path) -> list[Path]:
    """Temporary files of interrupted atomic writes of ``path`` (``.<name>.<8 chars>.tmp``)."""
    pattern = _temp_pattern(path)
    try:
        names = os.listdir(path.parent)
    except FileNotFoundError:
        return []
    return sorted(path.parent / name for name in names if pattern.match(name))


def remove_temp_files(path: Path) -> list[Path]:
    """Remove what :func:`temp_files` finds. Only call it holding the lock every writer of ``path``
    takes: then no temporary file of ``path`` is being written, and each one found was left by a kill."""
    removed = []
    for tmp in temp_files(path):
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
            removed.append(tmp)
    return removed


def atomic_write_bytes(path: Path, data: bytes, label: str | None = None) -> None:
    """Replace ``path`` with ``data`` atomically and durably; OS errors become one
    :class:`FileSystemError` naming ``label`` (default: the path), and the old file stays."""
    name = label or str(path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_temp(path)
    except OSError as exc:
        raise os_error(exc, name, "cannot write") from None
    try:
        write_synced_and_close(fd, data)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise os_error(exc, name, "cannot write") from None
        raise
    try:
        fsync_dir(folder)
    except OSError as exc:
        raise os_error(exc, name, "written, but the folder could not be synced") from None


def atomic_write_text(path: Path, text: str, label: str | None = None) -> None:
    """Replace ``path`` with UTF-8 ``text`` atomically and durably."""
    atomic_write_bytes(path, text.encode("utf-8"), label)


def lock_path_for(path: Path) -> Path:
    """The hidden lock file that guards ``path``."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (through its lock file) for the ``with`` block."""
    lock = lock_path_for(path)
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise os_error(exc, str(lock), "cannot open the lock file; nothing was written") from None
    try:
        deadline = time.monotonic() + timeout
        delay = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise os_error(exc, str(lock), "cannot take the lock; nothing was written") from None
                if time.monotonic() > deadline:
                    raise InputError(f"another workbench process has held the lock for {timeout:.0f} s; "
                                     "try again when it has finished", Location(str(path))) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
