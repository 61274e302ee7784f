"""Making the operating system say no: read-only folders and files, unreadable ones, a full disk, a file
size limit.

As an ordinary user a test uses the real thing (``chmod``). As root, ``chmod`` denies nothing, so the
same refusal is made by wrapping the ``os``/``io`` functions the workbench calls (``os.open``,
``os.mkdir``, ``os.replace``, ``open`` …) to raise the ``OSError`` the kernel would raise, with the
path in it. ``ROOT`` tells which of the two a run used.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = os.geteuid() == 0
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _error(code: int, path: Any) -> OSError:
    return OSError(code, os.strerror(code), os.fspath(path))


def _writes(mode: str) -> bool:
    return any(c in mode for c in "wax+")


def _deny(monkeypatch: pytest.MonkeyPatch, denied: Callable[[Path, str], bool], code: int = errno.EACCES) -> None:
    """Wrap the file functions so that ``denied(path, how)`` (how: read, write, create, list) raises."""
    real_open, real_io_open, real_mkdir = os.open, io.open, os.mkdir
    real_replace, real_rename, real_truncate, real_listdir, real_scandir = (
        os.replace, os.rename, os.truncate, os.listdir, os.scandir)

    def fake_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        p = Path(os.fspath(path))
        how = "create" if flags & os.O_CREAT and not p.exists() else "write" if flags & _WRITE_FLAGS else "read"
        if denied(p, how) or (how == "create" and denied(p.parent, "create")):
            raise _error(code, path)
        return real_open(path, flags, *args, **kwargs)

    def fake_io_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, bytes, os.PathLike)):
            p = Path(os.fspath(file))
            how = "read" if not _writes(mode) else "create" if not p.exists() else "write"
            if denied(p, how) or (how == "create" and denied(p.parent, "create")):
                raise _error(code, file)
        return real_io_open(file, mode, *args, **kwargs)

    def fake_mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        if denied(Path(os.fspath(path)).parent, "create"):
            raise _error(code, path)
        real_mkdir(path, *args, **kwargs)

    def fake_replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if denied(Path(os.fspath(dst)).parent, "create") or denied(Path(os.fspath(dst)), "write"):
            raise _error(code, dst)
        real_replace(src, dst, *args, **kwargs)

    def fake_rename(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if denied(Path(os.fspath(dst)).parent, "create"):
            raise _error(code, dst)
        real_rename(src, dst, *args, **kwargs)

    def fake_truncate(path: Any, length: int) -> None:
        if not isinstance(path, int) and denied(Path(os.fspath(path)), "write"):
            raise _error(code, path)
        real_truncate(path, length)

    def fake_listdir(path: Any = ".") -> list[str]:
        if denied(Path(os.fspath(path)), "list"):
            raise _error(code, path)
        return real_listdir(path)

    def fake_scandir(path: Any = ".") -> Any:
        if not isinstance(path, int) and denied(Path(os.fspath(path)), "list"):
            raise _error(code, path)
        return real_scandir(path)

    for module, name, fake in ((os, "open", fake_os_open), (io, "open", fake_io_open),
                               (builtins, "open", fake_io_open), (os, "mkdir", fake_mkdir),
                               (os, "replace", fake_replace), (os, "rename", fake_rename),
                               (os, "truncate", fake_truncate), (os, "listdir", fake_listdir),
                               (os, "scandir", fake_scandir)):
        monkeypatch.setattr(module, name, fake)


def _same(a: Path, b: Path) -> bool:
    return os.path.abspath(a) == os.path.abspath(b)


def read_only_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Nothing can be created, renamed or replaced in ``folder`` (existing files stay writable)."""
    if not ROOT:
        folder.chmod(0o555)  # pytest's clean-up of tmp_path copes with the modes left behind
        return
    _deny(monkeypatch, lambda p, how: how == "create" and _same(p, folder))


def read_only_file(monkeypatch: pytest.MonkeyPatch, file: Path) -> None:
    """``file`` can be read but not written."""
    if not ROOT:
        file.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        return
    _deny(monkeypatch, lambda p, how: how == "write" and _same(p, file))


def unreadable(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """``path`` (a file, or a folder that cannot be listed) cannot be read."""
    if not ROOT:
        path.chmod(0)
        return
    _deny(monkeypatch, lambda p, how: how in ("read", "list") and _same(p, path))


def failing_os_write(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Every ``os.write`` fails with ``code`` (EFBIG: the file-size limit; ENOSPC: the disk is full)."""
    def fake_write(fd: int, data: bytes) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "write", fake_write)


def failing_saves(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Writing the temporary file of an atomic save (``.<name>.<8 chars>.tmp``) fails with ``code``: the
    disk fills up mid-save, while the journal (written before) still takes its line."""
    real_open, real_write, real_close = os.open, os.write, os.close
    temp_fds: set[int] = set()

    def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        fd = real_open(path, flags, *args, **kwargs)
        name = Path(os.fspath(path)).name
        if name.startswith(".") and name.endswith(".tmp"):
            temp_fds.add(fd)
        return fd

    def fake_write(fd: int, data: Any) -> int:
        if fd in temp_fds:
            raise OSError(code, os.strerror(code))
        return real_write(fd, data)

    def fake_close(fd: int) -> None:
        temp_fds.discard(fd)
        real_close(fd)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "write", fake_write)
    monkeypatch.setattr(os, "close", fake_close)
