"""Every key binding of the app in one table: id, default key, action, description.

Screens build their ``BINDINGS`` from this table, the help screen and ``docs/tui.md`` list it, and
a user keymap file (read by ``workbench.storage.keymap_file``) remaps any binding by its id, e.g.
``review.confirm: enter``. Keys use Textual's names (``left_square_bracket`` for ``[``).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class KeySpec:
    """One binding: ``id`` is stable (keymaps use it); ``show`` puts it in the footer."""

    id: str
    key: str
    action: str
    description: str
    group: str
    show: bool = True
    priority: bool = False

    def binding(self) -> Binding:
        """The Textual binding."""
        return Binding(self.key, self.action, self.description, show=self.show, id=self.id,
                       priority=self.priority, tooltip=self.description)


GROUP_TITLES = {
    "app": "Everywhere",
    "browser": "Collection browser",
    "review": "Review: links",
    "structure": "Review: grouping and segments",
    "jump": "Review: moving around",
    "editor": "English editor",
    "strip": "Confidence strip",
    "variants": "Variant panel",
    "conflicts": "Merge conflicts",
    "metadata": "Metadata panel",
}

KEYS: tuple[KeySpec, ...] = (
    KeySpec("app.help", "question_mark", "app.help", "Help", "app"),
    KeySpec("app.quit", "q", "app.quit", "Quit", "app"),
    # collection browser
    KeySpec("browser.open", "enter", "open_document", "Open", "browser"),
    KeySpec("browser.refresh", "r", "refresh", "Refresh", "browser"),
    # review: status, edits, notes
    KeySpec("review.confirm", "c", "confirm", "Confirm", "review"),
    KeySpec("review.reject", "x", "reject", "Reject", "review"),
    KeySpec("review.flag", "f", "flag", "Flag", "review"),
    KeySpec("review.unconfirm", "a", "unconfirm", "Back to auto", "review", show=False),
    KeySpec("review.edit", "e", "edit", "Edit English", "review"),
    KeySpec("review.comment", "n", "comment", "Comment", "review"),
    KeySpec("review.editors_note", "E", "editors_note", "Editors' note (make or rewrite)", "review", show=False),
    KeySpec("review.metadata", "D", "metadata", "Document metadata", "review", show=False),
    KeySpec("review.undo", "ctrl+z", "undo", "Undo", "review"),
    KeySpec("review.redo", "ctrl+y", "redo", "Redo", "review"),
    KeySpec("review.save", "ctrl+s", "save", "Save", "review", show=False),
    KeySpec("review.variants", "V", "variants", "Variants", "review"),
    KeySpec("review.collation", "C", "collation", "Collation", "review", show=False),
    KeySpec("review.metrics", "percent_sign", "metrics", "Post-editing metrics", "review", show=False),
    KeySpec("review.back", "escape", "back", "Documents", "review", show=False),
    KeySpec("review.conflicts", "K", "conflicts", "Merge conflicts", "review", show=False),
    # review: grouping and segments
    KeySpec("review.merge_next", "m", "merge_next", "Merge ↓", "structure"),
    KeySpec("review.merge_previous", "M", "merge_previous", "Merge ↑", "structure", show=False),
    KeySpec("review.split", "s", "split", "Split", "structure"),
    KeySpec("review.shift_source_up", "left_square_bracket", "shift('source', 'first')",
            "First Russian sentence → previous link", "structure", show=False),
    KeySpec("review.shift_source_down", "right_square_bracket", "shift('source', 'last')",
            "Last Russian sentence → next link", "structure", show=False),
    KeySpec("review.shift_target_up", "left_curly_bracket", "shift('target', 'first')",
            "First English sentence → previous link", "structure", show=False),
    KeySpec("review.shift_target_down", "right_curly_bracket", "shift('target', 'last')",
            "Last English sentence → next link", "structure", show=False),
    KeySpec("review.insert", "i", "insert_row", "Insert empty row below", "structure", show=False),
    KeySpec("review.delete_row", "delete", "delete_row", "Delete empty row", "structure", show=False),
    KeySpec("review.swap", "w", "swap", "Swap with previous (cross order)", "structure", show=False),
    KeySpec("review.split_segment", "S", "split_segment", "Split a segment (sentence boundary)", "structure",
            show=False),
    KeySpec("review.merge_segment", "J", "merge_segment", "Join a segment with the next", "structure",
            show=False),
    KeySpec("review.realign", "R", "realign", "Re-align to next judged link", "structure", show=False),
    # review: moving around
    KeySpec("review.next_unconfirmed", "u", "next_unconfirmed", "Next unconfirmed", "jump"),
    KeySpec("review.next_flagged", "F", "next_flagged", "Next flagged", "jump", show=False),
    KeySpec("review.next_low", "l", "next_low", "Next low confidence", "jump", show=False),
    KeySpec("review.next_variant", "v", "next_variant", "Next unresolved variant", "jump", show=False),
    KeySpec("review.search", "slash", "search", "Search", "jump"),
    KeySpec("review.search_next", "N", "search_next", "Next match", "jump", show=False),
    KeySpec("review.goto", "g", "goto", "Go to link", "jump", show=False),
    KeySpec("review.strip", "o", "focus_strip", "Confidence strip", "jump", show=False),
    # review: QA findings and the review queue
    KeySpec("review.next_finding", "exclamation_mark", "next_finding", "Next finding", "jump"),
    KeySpec("review.next_risk", "t", "next_risk", "Next by risk (review queue)", "jump", show=False),
    KeySpec("review.waive", "W", "waive", "Waive a finding (with a reason)", "review", show=False),
    KeySpec("review.apply_suggestion", "A", "apply_suggestion", "Apply the finding's suggestion", "review",
            show=False),
    KeySpec("review.add_term", "G", "add_term", "Add a glossary term from this link", "review", show=False),
    # English editor (inside the TextArea: priority so Tab does not move focus)
    KeySpec("editor.save_next", "tab", "save_next", "Save, next link", "editor", priority=True),
    KeySpec("editor.save", "ctrl+s", "save_edit", "Save and close", "editor", priority=True),
    KeySpec("editor.cancel", "escape", "cancel_edit", "Close without saving", "editor", priority=True),
    # confidence strip
    KeySpec("strip.left", "left", "move(-1)", "Left", "strip", show=False),
    KeySpec("strip.right", "right", "move(1)", "Right", "strip", show=False),
    KeySpec("strip.jump", "enter", "jump", "Jump there", "strip"),
    KeySpec("strip.leave", "escape", "leave", "Back to links", "strip"),
    # metadata panel
    KeySpec("metadata.correct", "e", "correct", "Correct the field", "metadata"),
    KeySpec("metadata.undo", "ctrl+z", "undo", "Undo", "metadata"),
    KeySpec("metadata.back", "escape", "back", "Back", "metadata"),
    # variant panel
    KeySpec("variants.mark", "m", "mark", "Mark struck words", "variants"),
    KeySpec("variants.policy", "p", "policy", "Publication policy", "variants"),
    KeySpec("variants.show", "enter", "show_links", "Show links", "variants"),
    KeySpec("variants.undo", "ctrl+z", "undo", "Undo", "variants"),
    KeySpec("variants.back", "escape", "back", "Back", "variants"),
    # manuscripts
    KeySpec("review.text_view", "d", "toggle_text_view", "Diplomatic/reading view", "review", show=False),
    KeySpec("review.reanchor", "ctrl+r", "reanchor", "Re-anchor on a corrected witness", "review", show=False),
    # merge conflicts (docs/collaboration.md)
    KeySpec("conflicts.keep", "k", "keep", "Keep the decisions in force", "conflicts"),
    KeySpec("conflicts.take", "t", "take", "Take the set-aside side", "conflicts"),
    KeySpec("conflicts.back", "escape", "back", "Back", "conflicts"),
)

KEYS_BY_ID = {spec.id: spec for spec in KEYS}


def bindings(*groups: str) -> list[Binding]:
    """The bindings of some groups, in table order."""
    return [spec.binding() for spec in KEYS if spec.group in groups]


def effective_key(binding_id: str, keymap: dict[str, str]) -> str:
    """The key a binding answers to after the user's keymap."""
    return keymap.get(binding_id, KEYS_BY_ID[binding_id].key)
