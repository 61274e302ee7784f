"""Layout templates: lines with ``{field}`` and ``{p:N}`` placeholders, ``{{``/``}}`` for braces."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from workbench.core.errors import FormatError

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([a-z_]+)(?::(\d+))?\}")


def literal(text: str) -> str:
    """A template line that renders as ``text`` exactly."""
    return text.replace("{", "{{").replace("}", "}}")


def fill(
    template: str,
    fields: Mapping[str, str],
    indexed: Mapping[str, Callable[[int], str]],
) -> str:
    """Render one template line: ``{name}`` from ``fields``, ``{name:N}`` from ``indexed[name](N)``."""

    def sub(match: re.Match[str]) -> str:
        token = match.group()
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name, index = match.group(1), match.group(2)
        if index is not None:
            if name not in indexed:
                raise FormatError(f"layout refers to unknown item {{{name}:{index}}}")
            return indexed[name](int(index))
        if name not in fields:
            raise FormatError(f"layout refers to unknown field {{{name}}}")
        return fields[name]

    return _PLACEHOLDER.sub(sub, template)
