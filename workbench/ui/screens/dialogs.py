"""Small modal forms: note, go to link, search, split a segment, choose a segment, mark and policy.

Each returns its answer through ``dismiss`` (``None`` when cancelled) and records nothing itself;
the screen that opened it makes the decision, so every act goes through one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea
from textual.widgets.text_area import Selection

from workbench.core.variant_decisions import POLICIES
from workbench.ui import safe_text

NOTE_REASONS = ("mistranslation", "name-spelling", "number-or-date", "archival-reference", "omission",
                "addition", "terminology", "style", "query", "other")
VARIANT_REASONS = ("printed-edition", "autograph", "editorial-judgement", "house-style", "query", "other")
CERTAINTIES = (("certain (1.0)", "1.0"), ("probable (0.8)", "0.8"), ("possible (0.5)", "0.5"), ("doubtful (0.2)", "0.2"))
POLICY_LABELS = {"omit": "omit the struck words", "strike": "print them struck through",
                 "bracket": "print them in ⟦ ⟧", "note": "give them in a note"}


def _options(values: Sequence[str]) -> list[tuple[object, str]]:
    return [(safe_text.content(v), v) for v in values]


class Dialog(ModalScreen[object]):
    """A modal form with OK / Cancel; Escape cancels, Ctrl+S accepts."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "accept", "OK", id="dialog.accept"),
    ]
    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > VerticalScroll { width: 90; height: auto; max-height: 95%; border: thick $accent;
                              background: $surface; padding: 0 2; }
    Dialog .dialog-title { text-style: bold; margin-bottom: 1; }
    Dialog .dialog-label { color: $text-muted; margin-top: 1; }
    Dialog .dialog-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    Dialog .dialog-buttons Button { margin-left: 2; }
    Dialog TextArea { height: 8; }
    """

    title_text = ""
    #: ids of inputs whose Enter does something of its own instead of accepting the form
    OWN_ENTER: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(safe_text.text(self.title_text), classes="dialog-title")
            yield from self.fields()
            with Horizontal(classes="dialog-buttons"):
                yield Button(safe_text.content("OK"), variant="primary", id="ok")
                yield Button(safe_text.content("Cancel"), id="cancel")

    def fields(self) -> ComposeResult:
        """The form's widgets."""
        yield from ()

    def label(self, value: str) -> Static:
        """A field caption."""
        return Static(safe_text.text(value), classes="dialog-label")

    def result(self) -> object | None:
        """The answer, or None to keep the dialog open (after telling why)."""
        return None

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)

    def action_accept(self) -> None:
        """Close with the answer if the form is complete."""
        answer = self.result()
        if answer is not None:
            self.dismiss(answer)

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_accept()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id not in self.OWN_ENTER:
            self.action_accept()


@dataclass(frozen=True)
class NoteAnswer:
    """A note with its reason code."""

    reason: str
    text: str


class NoteDialog(Dialog):
    """A note on a link (or a variant) with a reason code."""

    def __init__(self, subject: str, reasons: Sequence[str] = NOTE_REASONS) -> None:
        super().__init__()
        self.title_text = f"Note on {subject}"
        self.reasons = reasons

    def fields(self) -> ComposeResult:
        yield self.label("Reason")
        yield Select(_options(self.reasons), allow_blank=False, value=self.reasons[0], id="reason")
        yield self.label("Note")
        yield Input(id="text", placeholder="what the editor should know")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def result(self) -> NoteAnswer | None:
        text = self.query_one("#text", Input).value.strip()
        if not text:
            safe_text.notify(self.app, "a note needs some text", severity="warning")
            return None
        return NoteAnswer(str(self.query_one("#reason", Select).value), text)


class GotoDialog(Dialog):
    """Go to a link by id (``L12`` or ``12``)."""

    title_text = "Go to link"

    def fields(self) -> ComposeResult:
        yield self.label("Link id")
        yield Input(id="link", placeholder="e.g. L12")

    def on_mount(self) -> None:
        self.query_one("#link", Input).focus()

    def result(self) -> str | None:
        value = self.query_one("#link", Input).value.strip()
        if not value:
            return None
        return f"L{value}" if value.isdigit() else value


@dataclass(frozen=True)
class SearchAnswer:
    """A search pattern; ``regex`` when it is a regular expression."""

    pattern: str
    regex: bool


class SearchDialog(Dialog):
    """Search both sides, by substring (case-insensitive) or regular expression."""

    title_text = "Search the Russian and the English"

    def __init__(self, last: SearchAnswer | None = None) -> None:
        super().__init__()
        self.last = last

    def fields(self) -> ComposeResult:
        yield self.label("Find")
        yield Input(self.last.pattern if self.last else "", id="pattern")
        yield Checkbox(safe_text.content("regular expression"), self.last.regex if self.last else False, id="regex")

    def on_mount(self) -> None:
        self.query_one("#pattern", Input).focus()

    def result(self) -> SearchAnswer | None:
        pattern = self.query_one("#pattern", Input).value
        if not pattern:
            return None
        return SearchAnswer(pattern, self.query_one("#regex", Checkbox).value)


@dataclass(frozen=True)
class SegmentChoice:
    """A segment, and for a split the character position to cut at."""

    segment: str
    offset: int = 0


class SplitSegmentDialog(Dialog):
    """Split one segment of the link: put the cursor where the new sentence starts."""

    title_text = "Split a segment — move the cursor to where the second sentence starts"

    def __init__(self, segments: Sequence[tuple[str, str]], guess: dict[str, int]) -> None:
        super().__init__()
        self.segments = list(segments)
        self.guess = guess

    def fields(self) -> ComposeResult:
        yield self.label("Segment")
        first = self.segments[0][0]
        yield Select([(safe_text.content(f"{sid}: {text[:70]}"), sid) for sid, text in self.segments],
                     allow_blank=False, value=first, id="segment")
        yield self.label("Text (cursor = split point)")
        yield TextArea(self.segments[0][1], id="text", read_only=True, soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        self._show(self.segments[0][0])

    def _show(self, segment_id: str) -> None:
        area = self.query_one("#text", TextArea)
        text = dict(self.segments)[segment_id]
        area.load_text(text)
        area.move_cursor(area.document.get_location_from_index(self.guess.get(segment_id, len(text) // 2)))
        area.focus()

    @on(Select.Changed, "#segment")
    def _segment_changed(self, event: Select.Changed) -> None:
        self._show(str(event.value))

    def result(self) -> SegmentChoice | None:
        area = self.query_one("#text", TextArea)
        offset = area.document.get_index_from_location(area.cursor_location)
        return SegmentChoice(str(self.query_one("#segment", Select).value), offset)


class ChooseSegmentDialog(Dialog):
    """Pick one segment (which one to join with the next)."""

    def __init__(self, title: str, segments: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.segments = list(segments)

    def fields(self) -> ComposeResult:
        yield Select([(safe_text.content(f"{sid}: {text[:70]}"), sid) for sid, text in self.segments],
                     allow_blank=False, value=self.segments[0][0], id="segment")

    def result(self) -> SegmentChoice | None:
        return SegmentChoice(str(self.query_one("#segment", Select).value))


@dataclass(frozen=True)
class MarkAnswer:
    """Words of a witness marked as struck."""

    witness: str
    start: int
    end: int
    text: str
    certainty: str
    evidence: str
    reason: str
    note: str


class MarkDialog(Dialog):
    """Mark the struck words of a variant: select them in the witness (or type them to find them)."""

    DEFAULT_CSS = """
    MarkDialog TextArea { height: 8; }
    """
    OWN_ENTER = ("find",)

    def __init__(self, variant_id: str, witnesses: Sequence[tuple[str, str]], default: str) -> None:
        super().__init__()
        self.title_text = f"Mark the struck words of {variant_id}"
        self.witnesses = dict(witnesses)
        self.default = default if default in self.witnesses else next(iter(self.witnesses))

    def fields(self) -> ComposeResult:
        yield self.label("Witness")
        yield Select(_options(list(self.witnesses)), allow_blank=False, value=self.default, id="witness")
        yield self.label("Select the words below, or type them here and press Enter to find them")
        yield Input(id="find", placeholder="the struck words")
        yield TextArea(self.witnesses[self.default], id="text", read_only=True, soft_wrap=True,
                       show_line_numbers=False)
        yield self.label("Certainty")
        yield Select([(safe_text.content(label), value) for label, value in CERTAINTIES], allow_blank=False,
                     value="1.0", id="certainty")
        yield self.label("Evidence")
        yield Input(id="evidence", placeholder="e.g. 1996 ed., p. 148")
        yield self.label("Reason")
        yield Select(_options(VARIANT_REASONS), allow_blank=False, value=VARIANT_REASONS[0], id="reason")
        yield self.label("Note (optional)")
        yield Input(id="note")

    def on_mount(self) -> None:
        self.query_one("#find", Input).focus()

    @on(Select.Changed, "#witness")
    def _witness_changed(self, event: Select.Changed) -> None:
        self.query_one("#text", TextArea).load_text(self.witnesses[str(event.value)])

    @on(Input.Submitted, "#find")
    def _find(self, event: Input.Submitted) -> None:
        event.stop()
        words = event.value
        area = self.query_one("#text", TextArea)
        at = area.text.find(words) if words else -1
        if at < 0:
            safe_text.notify(self.app, f"not found in the witness: {words}", severity="warning")
            return
        doc = area.document
        area.selection = Selection(doc.get_location_from_index(at), doc.get_location_from_index(at + len(words)))
        self.query_one("#evidence", Input).focus()

    def selected(self) -> tuple[int, int]:
        """Raw offsets of the selection in the witness."""
        area = self.query_one("#text", TextArea)
        start, end = sorted((area.selection.start, area.selection.end))
        doc = area.document
        return doc.get_index_from_location(start), doc.get_index_from_location(end)

    def result(self) -> MarkAnswer | None:
        start, end = self.selected()
        witness = str(self.query_one("#witness", Select).value)
        if end <= start:
            safe_text.notify(self.app, "select the struck words first (or type them and press Enter)",
                             severity="warning")
            return None
        evidence = self.query_one("#evidence", Input).value.strip()
        if not evidence:
            safe_text.notify(self.app, "give the evidence, e.g. 1996 ed., p. 148", severity="warning")
            return None
        text = self.witnesses[witness][start:end]
        return MarkAnswer(witness, start, end, text, str(self.query_one("#certainty", Select).value), evidence,
                          str(self.query_one("#reason", Select).value), self.query_one("#note", Input).value.strip())


@dataclass(frozen=True)
class PolicyAnswer:
    """How a variant's struck words are published, and why."""

    policy: str
    reason: str
    note: str


class PolicyDialog(Dialog):
    """Choose the publication policy of a variant."""

    def __init__(self, variant_id: str, current: str) -> None:
        super().__init__()
        self.title_text = f"How {variant_id} is published"
        self.current = current

    def fields(self) -> ComposeResult:
        yield self.label("Policy")
        yield Select([(safe_text.content(f"{p} — {POLICY_LABELS[p]}"), p) for p in POLICIES], allow_blank=False,
                     value=self.current, id="policy")
        yield self.label("Reason")
        yield Select(_options(VARIANT_REASONS), allow_blank=False, value=VARIANT_REASONS[0], id="reason")
        yield self.label("Note (optional)")
        yield Input(id="note")

    def on_mount(self) -> None:
        self.query_one("#policy", Select).focus()

    def result(self) -> PolicyAnswer:
        return PolicyAnswer(str(self.query_one("#policy", Select).value), str(self.query_one("#reason", Select).value),
                            self.query_one("#note", Input).value.strip())
