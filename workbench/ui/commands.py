"""Command palette entries, titled "noun: verb" (``link: merge with next``, ``document: save``).

The entries of the screen the palette was opened from are offered, each running the same action
as its key binding, so the palette and the keys cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from workbench.ui.keymap import KEYS_BY_ID

#: palette title for each binding id (bindings left out here are reachable by key only)
TITLES: dict[str, str] = {
    "browser.open": "document: open",
    "browser.refresh": "collection: refresh counts",
    "review.confirm": "link: confirm",
    "review.reject": "link: reject",
    "review.flag": "link: flag",
    "review.unconfirm": "link: back to auto",
    "review.edit": "link: edit English",
    "review.comment": "link: add comment",
    "review.editors_note": "link: editors' note (make or rewrite)",
    "review.metadata": "document: metadata (correct title, date, archival reference …)",
    "review.merge_next": "link: merge with next",
    "review.merge_previous": "link: merge with previous",
    "review.split": "link: split",
    "review.swap": "link: swap with previous (cross order)",
    "review.insert": "link: insert empty row below",
    "review.delete_row": "link: delete empty row",
    "review.shift_source_up": "sentence: move first Russian sentence to previous link",
    "review.shift_source_down": "sentence: move last Russian sentence to next link",
    "review.shift_target_up": "sentence: move first English sentence to previous link",
    "review.shift_target_down": "sentence: move last English sentence to next link",
    "review.split_segment": "segment: split at a sentence boundary",
    "review.merge_segment": "segment: join with next",
    "review.realign": "alignment: re-align from here",
    "review.undo": "document: undo",
    "review.redo": "document: redo",
    "review.save": "document: save",
    "review.back": "document: back to collections",
    "review.variants": "variants: open panel",
    "review.collation": "document: collation view (witnesses side by side)",
    "review.metrics": "document: post-editing metrics (chrF++, TER, BLEU)",
    "review.next_unconfirmed": "jump: next unconfirmed",
    "review.next_flagged": "jump: next flagged",
    "review.next_low": "jump: next low confidence",
    "review.next_variant": "jump: next unresolved variant",
    "review.next_finding": "jump: next QA finding",
    "review.next_risk": "jump: next in the review queue (risk order)",
    "review.waive": "finding: waive (with a reason)",
    "review.apply_suggestion": "finding: apply the suggestion",
    "review.add_term": "glossary: add a term from this link",
    "review.goto": "jump: go to link",
    "review.search": "search: find",
    "review.search_next": "search: next match",
    "review.strip": "strip: focus confidence strip",
    "metadata.correct": "metadata: correct the field",
    "metadata.undo": "document: undo",
    "metadata.back": "metadata: back to review",
    "variants.mark": "variant: mark struck words",
    "variants.policy": "variant: choose publication policy",
    "variants.show": "variant: show its links",
    "variants.undo": "document: undo",
    "variants.back": "variant: back to review",
}


def screen_commands(screen: Screen[object]) -> Iterator[tuple[str, str, str]]:
    """(title, help, action) for the bindings of a screen that have a palette title; the help
    names the key that does the same, as the user's keymap has it."""
    for binding in screen.BINDINGS:
        binding_id = getattr(binding, "id", None)
        if binding_id in TITLES:
            spec = KEYS_BY_ID[binding_id]
            key = screen.app.get_key_display(binding) if screen.is_attached else spec.key
            yield TITLES[binding_id], f"{spec.description} — key {key}", spec.action


class WorkbenchCommands(Provider):
    """The palette entries of the current screen."""

    def _entries(self) -> list[tuple[str, str, str]]:
        return list(screen_commands(self.screen))

    async def discover(self) -> Hits:
        for title, help_text, action in self._entries():
            yield DiscoveryHit(title, partial(self.screen.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.screen.run_action, action), help=help_text)
