"""Small typed accessors for validating loaded YAML, with messages that give the file and line."""

from __future__ import annotations

from typing import Any, NoReturn

from workbench.core.errors import FormatError, Location
from workbench.storage.yamlio import locate

_TYPE_NAMES = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "a mapping",
               type(None): "empty", str: "a string"}


def type_name(value: Any) -> str:
    """How a YAML value reads to a user."""
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class Checker:
    """Validates one loaded YAML document; every failure names the file and the line."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path

    def fail(self, message: str, keys: tuple[Any, ...] = (), line_in_block: int | None = None) -> NoReturn:
        """Raise a ``FormatError`` located at ``keys``."""
        line, col = locate(self.text, keys, line_in_block)
        raise FormatError(message, Location(self.path, line, col))

    def mapping(self, value: Any, keys: tuple[Any, ...], what: str) -> dict[str, Any]:
        """``value`` must be a mapping."""
        if not isinstance(value, dict):
            self.fail(f"{what} must be a mapping, found {type_name(value)}", keys)
        return value

    def sequence(self, value: Any, keys: tuple[Any, ...], what: str) -> list[Any]:
        """``value`` must be a list (an absent or empty value reads as an empty list)."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(f"{what} must be a list, found {type_name(value)}", keys)
        return value

    def string(self, data: dict[str, Any], key: str, keys: tuple[Any, ...], *, required: bool = True,
               default: str = "") -> str:
        """``data[key]`` must be a string; YAML 1.1 booleans such as No/On are named as the cause."""
        if key not in data or data[key] is None:
            if required:
                self.fail(f"'{key}' is missing", keys)
            return default
        value = data[key]
        if isinstance(value, bool):
            self.fail(f"'{key}' must be a string, but YAML read {value!r} as a boolean "
                      "(No/Yes/On/Off are booleans in YAML 1.1): put the value in quotes", keys + (key,))
        if isinstance(value, (int, float)):
            self.fail(f"'{key}' must be a string, but YAML read a number: put the value in quotes",
                      keys + (key,))
        if not isinstance(value, str):
            self.fail(f"'{key}' must be a string, found {type_name(value)}", keys + (key,))
        return value

    def optional_string(self, data: dict[str, Any], key: str, keys: tuple[Any, ...]) -> str | None:
        """``data[key]`` as :meth:`string` checks it, or ``None`` when absent or empty."""
        if data.get(key) is None:
            return None
        return self.string(data, key, keys)

    def integer(self, data: dict[str, Any], key: str, keys: tuple[Any, ...], *, minimum: int = 0) -> int:
        """``data[key]`` must be an integer ≥ ``minimum``."""
        if key not in data:
            self.fail(f"'{key}' is missing", keys)
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"'{key}' must be a whole number, found {type_name(value)}", keys + (key,))
        if value < minimum:
            self.fail(f"'{key}' must be at least {minimum}, found {value}", keys + (key,))
        return value

    def number(self, data: dict[str, Any], key: str, keys: tuple[Any, ...]) -> float | None:
        """``data[key]`` must be a number or absent."""
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"'{key}' must be a number, found {type_name(value)}", keys + (key,))
        return float(value)

    def only_keys(self, data: dict[str, Any], allowed: set[str], keys: tuple[Any, ...], what: str) -> None:
        """Refuse keys a format does not define (a typo should not pass silently)."""
        for key in data:
            if not isinstance(key, str):
                self.fail(f"{what}: keys must be strings, found {type_name(key)} {key!r}", keys)
            if key not in allowed:
                self.fail(f"{what}: unknown key '{key}' (expected one of: {', '.join(sorted(allowed))})",
                          keys + (key,))
