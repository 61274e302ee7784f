"""The one door through which user text reaches the screen.

Transcriptions are full of square brackets (``[1920]``, ``Predrevsov[et]``, ``[...]``, ``[^2]``);
any Textual or Rich API that parses markup would drop ``[in]`` silently or crash on ``[/foo]``.
Everything shown here is built as ``rich.text.Text`` (for DataTable cells and line-API strips) or
``textual.content.Content`` (for Static and Label) from plain strings, never parsed; and
notifications always pass ``markup=False``. Fixed labels written in this package may use the
helpers too — one door is easier to check than two.

Control characters (``ESC [31m`` in an author's name, a C1 ``CSI`` in a witness) are shown as
``\u001b`` (:func:`visible`), never sent to the terminal, where they would recolour or break the grid.
LF and TAB are kept: a detail pane shows several lines, and Rich lays out tabs itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.content import Content

from workbench.core.safe_values import escape_controls

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel


def visible(value: str) -> str:
    """``value`` with its control characters (other than LF and TAB) written out as ``\\u001b``; for the
    few places that append user text to a ``Text`` they are building."""
    return escape_controls(value, keep="\n\t")


def text(value: str, style: str | Style = "") -> Text:
    """A Rich ``Text`` that shows ``value`` literally (no markup, no emoji codes, no control characters)."""
    return Text(visible(value), style=style, end="", no_wrap=False)


def content(value: str) -> Content:
    """A Textual ``Content`` that shows ``value`` literally."""
    return Content(visible(value))


def join(parts: Iterable[Text], separator: str = " ") -> Text:
    """Join Texts with a literal separator."""
    return Text(separator, end="").join(parts)


def assemble(*parts: Text | tuple[str, str | Style] | str) -> Text:
    """Concatenate literal pieces: plain strings, ``(string, style)`` pairs and Texts.

    ``Text.assemble`` never parses markup, but it is wrapped here so callers need no other door.
    """
    safe = [visible(p) if isinstance(p, str) else (visible(p[0]), p[1]) if isinstance(p, tuple) else p
            for p in parts]
    return Text.assemble(*safe, end="")


def lines(rows: Iterable[Text]) -> Text:
    """Texts one per line."""
    return Text("\n", end="").join(rows)


def notify(app: App[object], message: str, *, severity: SeverityLevel = "information",
           title: str = "", timeout: float | None = None) -> None:
    """A notification whose message and title are shown literally."""
    app.notify(visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False)
