"""Reading text files strictly: UTF-8 without BOM, LF line endings, a size limit.

Each problem is one ``FormatError`` naming the file, line and column; nothing is guessed.
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.errors import FormatError, InputError, Location
from workbench.core.safe_values import control_name, find_control

MAX_TEXT_BYTES = 40 * 1024 * 1024


def read_bytes(path: Path, *, max_bytes: int = MAX_TEXT_BYTES, label: str | None = None) -> bytes:
    """Read a file's bytes, refusing missing, non-regular and oversized files."""
    name = label or str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", Location(name)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", Location(name)) from None
    if not path.is_file():
        raise InputError("not a regular file", Location(name))
    if st.st_size > max_bytes:
        raise FormatError(
            f"file is {st.st_size / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB limit",
            Location(name),
        )
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", Location(name)) from None


def decode_strict(data: bytes, name: str, *, allow_crlf: bool = False) -> str:
    """Decode UTF-8, refusing a BOM, invalid bytes, NUL characters and (unless allowed) CRLF."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise FormatError("starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM",
                          Location(name, 1, 1))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError("is UTF-16; save it as UTF-8", Location(name, 1, 1))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise FormatError(
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x}); the file may be in another encoding "
            "such as Windows-1251 or KOI8-R — convert it to UTF-8",
            Location(name, line, col),
        ) from None
    if "\x00" in text:
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        raise FormatError("contains a NUL character (binary data?)", Location(name, line, at - text.rfind("\n", 0, at)))
    if not allow_crlf and "\r" in text:
        at = text.index("\r")
        line = text.count("\n", 0, at) + 1
        raise FormatError("has CR (Windows or old Mac) line endings; convert them to LF",
                          Location(name, line, at - text.rfind("\n", 0, at)))
    return text


def read_text(path: Path, *, max_bytes: int = MAX_TEXT_BYTES, label: str | None = None,
              allow_crlf: bool = False) -> str:
    """Read a UTF-8 text file strictly (see :func:`decode_strict`)."""
    name = label or str(path)
    return decode_strict(read_bytes(path, max_bytes=max_bytes, label=name), name, allow_crlf=allow_crlf)


def refuse_controls(text: str, name: str) -> str:
    """``text`` if it holds no control character other than TAB and LF; a ``FormatError`` at the first one
    otherwise. Imports call this: an ``ESC [31m`` in a witness would reach every terminal that shows it."""
    found = find_control(text)
    if found is not None:
        line, column, char = found
        raise FormatError(f"contains the control character {control_name(char)}; texts may hold no control "
                          "characters other than tab and line feed", Location(name, line, column))
    return text
