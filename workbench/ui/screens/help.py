"""The help screen: every binding with its key (after the user's keymap), what it does, and its id."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from workbench.ui import safe_text
from workbench.ui.keymap import GROUP_TITLES, KEYS, effective_key

KEY_NAMES = {"question_mark": "?", "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
             "left_curly_bracket": "{", "right_curly_bracket": "}", "escape": "Esc", "enter": "Enter",
             "delete": "Del", "tab": "Tab"}


def key_label(keys: str) -> str:
    """Keys as a person reads them (``left_square_bracket`` → ``[``)."""
    return " / ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


def keymap_rows(keymap: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(group title, keys, description, id) for every binding, in table order."""
    return [(GROUP_TITLES[spec.group], key_label(effective_key(spec.id, keymap)), spec.description, spec.id)
            for spec in KEYS]


class HelpScreen(ModalScreen[None]):
    """Lists the keymap; any of Esc, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 110; height: 90%; border: thick $accent; background: $surface; padding: 0 1; }
    HelpScreen DataTable { height: 1fr; }
    """

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe_text.text("Keys — remap any of them by id in a keymap file "
                                        "(see docs/tui.md); Ctrl+P opens the command palette", Style(bold=True)))
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        table.add_columns("where", "key", "what it does", "binding id")
        last = ""
        for group, keys, description, binding_id in keymap_rows(self.keymap):
            table.add_row(safe_text.text(group if group != last else "", Style(bold=True)),
                          safe_text.text(keys, Style(bold=True)), safe_text.text(description),
                          safe_text.text(binding_id, Style(dim=True)))
            last = group
        table.focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
