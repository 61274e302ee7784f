"""The help screen: every binding with its key (after the user's keymap), what it does, and its id."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.keys import key_to_character
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from workbench.ui import safe_text
from workbench.ui.keymap import GROUP_TITLES, KEYS, effective_key

#: Keys that are not characters, as a keyboard labels them; every other key name Textual knows
#: (``percent_sign``, ``left_square_bracket`` …) is shown as its character.
KEY_NAMES = {"escape": "Esc", "enter": "Enter", "delete": "Del", "tab": "Tab", "space": "Space",
             "backspace": "Backspace", "insert": "Ins", "home": "Home", "end": "End", "pageup": "PgUp",
             "pagedown": "PgDn", "left": "←", "right": "→", "up": "↑", "down": "↓", "plus": "+", "minus": "-",
             "slash": "/", "backslash": "\\", "underscore": "_"}


def _one_key(key: str) -> str:
    *modifiers, base = key.strip().split("+")
    name = KEY_NAMES.get(base) or key_to_character(base) or base
    if not modifiers:
        return name
    return "+".join(m.capitalize() for m in modifiers) + "+" + (name.upper() if len(name) == 1 else name)


def key_label(keys: str) -> str:
    """Keys as a person reads them: ``left_square_bracket`` → ``[``, ``percent_sign`` → ``%``,
    ``ctrl+s`` → ``Ctrl+S``, ``escape`` → ``Esc``; alternatives joined by `` / ``."""
    return " / ".join(_one_key(k) for k in keys.split(","))


def keymap_rows(keymap: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(group title, keys, description, id) for every binding, in table order."""
    return [(GROUP_TITLES[spec.group], key_label(effective_key(spec.id, keymap)), spec.description, spec.id)
            for spec in KEYS]


class HelpScreen(ModalScreen[None]):
    """Lists the keymap; any of Esc, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 96; max-width: 100%; height: 90%; border: thick $accent; background: $surface;
                            padding: 0 1; }
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
        # three columns and a heading row per group, so the longest binding id fits the box whole
        table: DataTable[Text] = self.query_one(DataTable)
        table.add_columns("key", "what it does", "binding id")
        last = ""
        for group, keys, description, binding_id in keymap_rows(self.keymap):
            if group != last:
                table.add_row(safe_text.text(""), safe_text.text(group, Style(bold=True, underline=True)),
                              safe_text.text(""))
                last = group
            table.add_row(safe_text.text(keys, Style(bold=True)), safe_text.text(description),
                          safe_text.text(binding_id, Style(dim=True)))
        table.focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
