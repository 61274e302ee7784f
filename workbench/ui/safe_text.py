"""The one door through which user text reaches the screen.

Transcriptions are full of square brackets (``[1920]``, ``Predrevsov[et]``, ``[...]``, ``[^2]``);
any Textual or Rich API that parses markup would drop ``[in]`` silently or crash on ``[/foo]``.
Everything shown here is built as ``rich.text.Text`` (for DataTable cells and line-API strips) or
``textual.content.Content`` (for Static and Label) from plain strings, never parsed; and
notifications always pass ``markup=False``. Fixed labels written in this package may use the
helpers too — one door is easier to check than two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rich.style import Style
from rich.text import Text
from textual.content import Content

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel


def text(value: str, style: str | Style = "") -> Text:
    """A Rich ``Text`` that shows ``value`` literally (no markup, no emoji codes)."""
    return Text(value, style=style, end="", no_wrap=False)


def content(value: str) -> Content:
    """A Textual ``Content`` that shows ``value`` literally."""
    return Content(value)


def join(parts: Iterable[Text], separator: str = " ") -> Text:
    """Join Texts with a literal separator."""
    return Text(separator, end="").join(parts)


def assemble(*parts: Text | tuple[str, str | Style] | str) -> Text:
    """Concatenate literal pieces: plain strings, ``(string, style)`` pairs and Texts.

    ``Text.assemble`` never parses markup, but it is wrapped here so callers need no other door.
    """
    return Text.assemble(*parts, end="")


def lines(rows: Iterable[Text]) -> Text:
    """Texts one per line."""
    return Text("\n", end="").join(rows)


def notify(app: "App[object]", message: str, *, severity: "SeverityLevel" = "information",
           title: str = "", timeout: float | None = None) -> None:
    """A notification whose message and title are shown literally."""
    app.notify(message, title=title, severity=severity, timeout=timeout, markup=False)
