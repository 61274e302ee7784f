"""The key bar: the screen's shown bindings on one line at the foot of the screen.

Textual's ``Footer`` builds one widget per key and rebuilds them all whenever the bindings may have
changed — each focus change, each screen change. On the review screen that cost about a quarter of
the app's CPU time per key press (measured on the TUI tests: 35 s of user time with it, 25 s
without). This bar is one widget drawing one line, rebuilt only when the keys it shows really
change; a click on a key presses that key, as the footer's buttons do.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from workbench.ui import safe_text


class KeyBar(Widget):
    """The shown bindings of the screen as ``key description`` pairs, with the command palette last."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's own keyword
        super().__init__(id=id)
        self._shown: tuple[tuple[str, str, str, bool], ...] = ()
        self._spans: list[tuple[int, int, str]] = []  # (first cell, end cell, key) of each entry

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        shown = self.entries()
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def entries(self) -> tuple[tuple[str, str, str, bool], ...]:
        """(key, key as shown, description, enabled) of each binding the bar shows, one per action."""
        out: list[tuple[str, str, str, bool]] = []
        actions: set[str] = set()
        palette = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
                continue
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            out.append((binding.key, self.app.get_key_display(binding), binding.description, enabled))
        if palette is not None:
            out.append(palette)
        return tuple(out)

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        dim = Style(dim=True)
        self._spans = []
        entries = list(self._shown)
        palette = entries.pop() if entries and entries[-1][0] == self.app.COMMAND_PALETTE_BINDING else None
        line = Text(end="", no_wrap=True, overflow="crop")
        tail = self._entry(palette, key_style, description_style, dim) if palette else Text("")
        room = self.size.width - tail.cell_len
        for entry in entries:
            piece = self._entry(entry, key_style, description_style, dim)
            if line.cell_len + piece.cell_len > room:
                break  # the palette keeps its place at the right end; the keys that do not fit are in ? help
            self._spans.append((line.cell_len, line.cell_len + piece.cell_len, entry[0]))
            line.append_text(piece)
        if palette is not None:
            line.append(" " * max(0, room - line.cell_len))
            self._spans.append((line.cell_len, line.cell_len + tail.cell_len, palette[0]))
            line.append_text(tail)
        return line

    @staticmethod
    def _entry(entry: tuple[str, str, str, bool], key_style: Style, description_style: Style, dim: Style) -> Text:
        _key, shown, description, enabled = entry
        off = Style() if enabled else dim
        out = safe_text.text(f" {shown} ", key_style + off)
        if description:
            out.append_text(safe_text.text(f"{description}  ", description_style + off))
        return out

    def on_click(self, event: events.Click) -> None:
        """A click on an entry presses its key."""
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
