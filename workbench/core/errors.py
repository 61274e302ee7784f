"""Typed errors that carry a location, so the CLI and the TUI can print one readable line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, and optionally a 1-based line and column, or an object id."""

    path: str | None = None
    line: int | None = None
    column: int | None = None
    item: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.path:
            parts.append(self.path)
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        text = ":".join(parts)
        if self.item:
            text = f"{text} ({self.item})" if text else self.item
        return text


class WorkbenchError(Exception):
    """Base of every error the workbench reports to a user instead of a traceback."""

    exit_code = 2

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location or Location()

    def with_path(self, path: str) -> WorkbenchError:
        """Return the same error with the file path filled in (lower layers know only lines)."""
        loc = self.location
        err = type(self).__new__(type(self))
        WorkbenchError.__init__(err, self.message, Location(path, loc.line, loc.column, loc.item))
        for key, value in self.__dict__.items():
            if key not in ("message", "location"):
                setattr(err, key, value)
        return err

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message


class MarkupError(WorkbenchError):
    """Unbalanced or malformed transcription markup."""


class FormatError(WorkbenchError):
    """A file whose content does not follow its format (YAML, schema, received shape)."""


class InputError(WorkbenchError):
    """Bad input that is not a file format problem: a wrong path, an unknown document, a bad option."""


class ConflictError(WorkbenchError):
    """A save or decision that collides with changes made elsewhere; nothing was written."""

    def __init__(self, message: str, links: tuple[str, ...] = (), location: Location | None = None) -> None:
        super().__init__(message, location)
        self.links = links


class FileSystemError(WorkbenchError):
    """The operating system refused to write (or read) a file: disk full, file too large, permission
    denied, read-only. What was being written was not acknowledged and leaves no partial trace."""


class OperationError(WorkbenchError):
    """An editorial operation that cannot be applied to the current state (e.g. merge past the end)."""
