"""The English editor: a TextArea docked under the links; Tab saves and moves to the next link.

The text is the link's English in transcription markup, exactly as stored (so ``[^2]`` note
references and ``[supplied]`` words stay where they are). The editor only reports what the editor
typed; the review screen turns it into a decision.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, TextArea

from workbench.ui import safe_text
from workbench.ui.keymap import bindings


class EnglishEditor(Vertical):
    """Hidden until ``open``; posts :class:`Saved` or :class:`Closed`."""

    BINDINGS = bindings("editor")

    DEFAULT_CSS = """
    EnglishEditor { height: auto; max-height: 12; display: none; border-top: solid $accent; }
    EnglishEditor.-open { display: block; }
    EnglishEditor > #editor-label { height: 1; color: $text-muted; }
    EnglishEditor > TextArea { height: auto; min-height: 3; max-height: 9; }
    """

    class Saved(Message):
        """The editor saved the English of a link; ``advance`` asks for the next link."""

        def __init__(self, link_id: str, text: str, advance: bool) -> None:
            super().__init__()
            self.link_id = link_id
            self.text = text
            self.advance = advance

    class Closed(Message):
        """The editor closed without saving."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.link_id: str | None = None
        self.label = Static(safe_text.text(""), id="editor-label")
        self.area = TextArea(id="editor-area", soft_wrap=True, tab_behavior="focus", show_line_numbers=False)

    def compose(self) -> ComposeResult:
        yield self.label
        yield self.area

    @property
    def is_open(self) -> bool:
        """True while the editor is shown."""
        return self.has_class("-open")

    def open(self, link_id: str, text: str, caption: str) -> None:
        """Show the editor on a link's English."""
        self.link_id = link_id
        self.label.update(safe_text.text(caption))
        self.area.load_text(text)
        self.add_class("-open")
        self.area.focus()
        self.area.move_cursor(self.area.document.end)

    def close(self) -> None:
        """Hide the editor."""
        self.remove_class("-open")
        self.link_id = None

    def _save(self, advance: bool) -> None:
        if self.link_id is not None:
            self.post_message(self.Saved(self.link_id, self.area.text, advance))

    def action_save_next(self) -> None:
        """Save and move to the next link."""
        self._save(True)

    def action_save_edit(self) -> None:
        """Save and stay."""
        self._save(False)

    def action_cancel_edit(self) -> None:
        """Close without saving."""
        self.close()
        self.post_message(self.Closed())
