"""The QA forms of the review screen: waive a finding (which check, and why), and add a glossary term
from the current link. Like every dialog they record nothing themselves: the screen does, through
``decide.waive`` and ``DocumentView.add_glossary_term``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, Select

from workbench.core.qa.glossary import Term
from workbench.core.qa.model import Finding
from workbench.ui import safe_text
from workbench.ui.screens.dialogs import Dialog, FormInput


@dataclass(frozen=True)
class WaiveAnswer:
    """The check whose findings on the link are set aside, and why."""

    check: str
    reason: str


class WaiveDialog(Dialog):
    """Waive the findings of one check on a link, with a reason (kept in the history)."""

    def __init__(self, link_id: str, findings: Sequence[Finding]) -> None:
        super().__init__()
        self.title_text = f"Waive a finding on {link_id} — it returns when the English changes"
        self.findings = list(findings)
        self.checks = list(dict.fromkeys(f.check for f in findings))

    def fields(self) -> ComposeResult:
        yield self.label("Check")
        options = []
        for check in self.checks:
            first = next(f for f in self.findings if f.check == check)
            options.append((safe_text.content(f"{check}: {first.message}"[:80]), check))
        yield Select(options, allow_blank=False, value=self.checks[0], id="check")
        yield self.label("Reason")
        yield FormInput(id="reason", placeholder="why the finding does not apply here")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def result(self) -> WaiveAnswer | None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#reason", Input).focus()
            safe_text.notify(self.app, "a waiver needs a reason", severity="warning")
            return None
        return WaiveAnswer(str(self.query_one("#check", Select).value), reason)


def _list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


class TermDialog(Dialog):
    """A glossary term from the current link: the Russian (any inflected form matches it), the accepted
    renderings, the forbidden ones, a note."""

    def __init__(self, link_id: str, russian: str, source: str = "", target: str = "", forbidden: str = "") -> None:
        super().__init__()
        self.title_text = f"Add a glossary term from {link_id}"
        self.russian = russian
        self.prefill = (source, target, forbidden)

    def fields(self) -> ComposeResult:
        yield self.label(f"Russian of the link: {self.russian[:160]}")
        yield self.label("Russian word or phrase (dictionary form)")
        yield FormInput(self.prefill[0], id="source", placeholder="e.g. Львов")
        yield self.label("Accepted English renderings (comma-separated)")
        yield FormInput(self.prefill[1], id="target", placeholder="e.g. Lvov")
        yield self.label("Forbidden renderings (comma-separated, optional)")
        yield FormInput(self.prefill[2], id="forbidden", placeholder="e.g. Lviv, Lions")
        yield self.label("Note (optional)")
        yield FormInput(id="note", placeholder="e.g. 1920 usage")

    def on_mount(self) -> None:
        self.query_one("#source", Input).focus()

    def result(self) -> Term | None:
        source = self.query_one("#source", Input).value.strip()
        target = _list(self.query_one("#target", Input).value)
        if not source or not target:
            self.query_one("#source" if not source else "#target", Input).focus()
            safe_text.notify(self.app, "a term needs its Russian and at least one accepted rendering",
                             severity="warning")
            return None
        return Term(source, target, _list(self.query_one("#forbidden", Input).value),
                    self.query_one("#note", Input).value.strip())
