"""Small modal forms: note, go to link, search, split a segment, choose a segment, mark and policy.

Each returns its answer through ``dismiss`` (``None`` when cancelled) and records nothing itself;
the screen that opened it makes the decision, so every act goes through one place.

Keys are the same in every form, so that typing never goes astray: Tab and Shift+Tab move between
the fields only (the OK and Cancel buttons are for the mouse; their keys are Enter or Ctrl+S, and
Escape); Enter accepts the form from any field (except where Enter has a job of its own: an open
list, the "find" field of the mark form); the focused field is highlighted and its caption is
marked ``▶`` (a mark that shows in any theme and any number of colours); and a character typed,
or text pasted, while a list, a check box or the witness text has the focus goes into the next
text field instead of being lost.

Typed characters are routed by :meth:`Dialog.route_key`, which the app calls as it takes each key
from the terminal (``WorkbenchApp.on_event``): the character goes into the text field and the
focus moves there at once, so the keys after it go straight to the field, in order, however fast
they come. Routing them later, when a key has reached the form, dropped the spaces and letters of
a fast typist: those keys were still on their way to the list when the focus left it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea
from textual.widgets._select import SelectOverlay
from textual.widgets.text_area import Selection

from workbench.core.variant_decisions import POLICIES
from workbench.ui import safe_text

CURRENT_MARK = "▶ "

NOTE_REASONS = ("mistranslation", "name-spelling", "number-or-date", "archival-reference", "omission",
                "addition", "terminology", "style", "query", "other")
VARIANT_REASONS = ("printed-edition", "autograph", "editorial-judgement", "house-style", "query", "other")
CERTAINTIES = (("certain (1.0)", "1.0"), ("probable (0.8)", "0.8"), ("possible (0.5)", "0.5"),
               ("doubtful (0.2)", "0.2"))
POLICY_LABELS = {"omit": "omit the struck words", "strike": "print them struck through",
                 "bracket": "print them in ⟦ ⟧", "note": "give them in a note"}


def _options(values: Sequence[str]) -> list[tuple[object, str]]:
    return [(safe_text.content(v), v) for v in values]


def one_line(text: str) -> str:
    """Pasted text for a one-line field: every line kept, joined by single spaces."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def find_words(text: str, words: str) -> tuple[int, int] | None:
    """Where ``words`` are in ``text`` (start, end), any run of spaces or line breaks matching the spaces
    between them (the words as typed or pasted on one line may cross a line of the witness)."""
    pattern = r"\s+".join(re.escape(word) for word in words.split())
    found = re.search(pattern, text) if pattern else None
    return found.span() if found else None


def takes_text(widget: Widget) -> bool:
    """True for a field that keeps what is typed into it (a text field, an editable text area)."""
    return isinstance(widget, Input) or (isinstance(widget, TextArea) and not widget.read_only)


class FormInput(Input):
    """A form's one-line text field; a paste of several lines keeps them all (Input keeps the first)."""

    def _on_paste(self, event: events.Paste) -> None:
        # Input's own paste handler runs after this one (handlers run down the class hierarchy)
        # and inserts the first line of what it is given: give it the whole paste as one line.
        event.text = one_line(event.text)


class Caption(Static):
    """A field's caption; marked ``▶`` and highlighted while its field has the focus."""

    def __init__(self, value: str) -> None:
        super().__init__(safe_text.text(f"  {value}"), classes="dialog-label")
        self.value = value

    def mark(self, current: bool) -> None:
        """Show (or stop showing) that this caption's field has the focus."""
        if current != self.has_class("-current"):
            self.set_class(current, "-current")
            self.update(safe_text.text(f"{CURRENT_MARK if current else '  '}{self.value}"))


class Dialog(ModalScreen[object]):
    """A modal form with OK / Cancel: Enter (from any field) or Ctrl+S accepts, Escape cancels,
    Tab moves between the fields (see the module docstring)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "accept", "OK", id="dialog.accept"),
        # priority: a Select would open its list on Enter, a Checkbox toggle; in a form Enter accepts
        Binding("enter", "submit", "OK", id="dialog.submit", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > VerticalScroll { width: 90; height: auto; max-height: 95%; border: thick $accent;
                              background: $surface; padding: 0 2; }
    Dialog .dialog-title { text-style: bold; margin-bottom: 1; }
    Dialog .dialog-label { color: $text-muted; margin-top: 1; }
    Dialog .dialog-label.-current { color: $accent; text-style: bold; }
    Dialog .dialog-hint { color: $text-muted; margin-top: 1; }
    Dialog .dialog-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    Dialog .dialog-buttons Button { margin-left: 2; }
    Dialog TextArea { height: 8; }
    Dialog Input, Dialog TextArea { border: tall $panel-lighten-2; }
    Dialog Input:focus, Dialog TextArea:focus { border: tall $accent; background: $accent 15%; }
    Dialog Select > SelectCurrent { border: tall $panel-lighten-2; }
    Dialog Select:focus > SelectCurrent { border: tall $accent; background: $accent 15%; }
    Dialog Checkbox:focus { border: tall $accent; background: $accent 15%; }
    """

    title_text = ""
    #: ids of inputs whose Enter does something of its own instead of accepting the form
    OWN_ENTER: tuple[str, ...] = ()
    #: where typing goes from a field that takes no text, when not the next text field (id → id)
    TYPE_INTO: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(can_focus=False):
            yield Static(safe_text.text(self.title_text), classes="dialog-title")
            for field in self.fields():
                if isinstance(field, Input):  # Tab back into a field to go on typing, not to replace it
                    field.select_on_focus = False
                yield field
            yield Static(safe_text.text("Tab: next field · Enter: OK · Esc: cancel"), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                # the buttons take no focus, so Tab never leaves the fields (they answer to the mouse)
                ok = Button(safe_text.content("OK"), variant="primary", id="ok")
                cancel = Button(safe_text.content("Cancel"), id="cancel")
                ok.can_focus = cancel.can_focus = False
                yield ok
                yield cancel

    def fields(self) -> ComposeResult:
        """The form's widgets."""
        yield from ()

    def label(self, value: str) -> Caption:
        """A field caption."""
        return Caption(value)

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

    def action_submit(self) -> None:
        """Enter: accept the form."""
        self.action_accept()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter accepts, except where the focused widget has its own use for it (then the key
        goes on to that widget)."""
        if action == "submit":
            return not self._enter_is_own()
        return True

    def _enter_is_own(self) -> bool:
        focused = self.focused
        if isinstance(focused, SelectOverlay):  # an open list: Enter picks the option
            return True
        if isinstance(focused, Input) and focused.id in self.OWN_ENTER:
            return True
        return isinstance(focused, TextArea) and not focused.read_only

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the caption of the focused field."""
        current = self._caption_of(event.widget)
        for caption in self.query(Caption):
            caption.mark(caption is current)

    def _caption_of(self, widget: Widget) -> Widget | None:
        siblings = list(widget.parent.children) if widget.parent is not None else []
        if widget not in siblings:
            return None
        for sibling in reversed(siblings[:siblings.index(widget)]):
            if sibling.has_class("dialog-label"):
                return sibling
        return None

    def route_key(self, event: events.Key) -> bool:
        """A character typed on a field that takes no text goes into the text field it belongs to,
        and the focus moves there at once; Tab and Shift+Tab on a text field move the focus at once
        too; True when the key was taken. Space keeps its own use on
        a list (open it) and a check box (tick it), except where ``TYPE_INTO`` sends typing on."""
        focused = self.focused
        char = event.character
        if event.key in ("tab", "shift+tab") and isinstance(focused, Input):
            # now too: the characters typed after Tab must find the focus on the next field, not on this one
            self.focus_next() if event.key == "tab" else self.focus_previous()
            return True
        if (focused is None or not event.is_printable or char is None or takes_text(focused)
                or isinstance(focused, SelectOverlay)):
            return False
        if char == " " and focused.id not in self.TYPE_INTO:
            return False
        target = self._text_field_for(focused)
        if target is None:
            return False
        self.set_focus(target)  # now, not later: the next key must find the focus on the field
        target.insert_text_at_cursor(char)
        return True

    def on_paste(self, event: events.Paste) -> None:
        """A paste on a field that takes no text goes into the text field it belongs to."""
        focused = self.focused
        if focused is None or takes_text(focused):
            return
        target = self._text_field_for(focused)
        if target is None:
            return
        event.stop()
        self.set_focus(target)
        target.insert_text_at_cursor(one_line(event.text))

    def _text_field_for(self, widget: Widget) -> Input | None:
        """The field typing on ``widget`` belongs to: ``TYPE_INTO``, else the next text field."""
        if widget.id in self.TYPE_INTO:
            return self.query_one(f"#{self.TYPE_INTO[widget.id]}", Input)
        chain = self.focus_chain
        if widget not in chain:
            return None
        start = chain.index(widget)
        for other in chain[start + 1:] + chain[:start]:
            if isinstance(other, Input):
                return other
        return None

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_accept()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()



@dataclass(frozen=True)
class CommentAnswer:
    """A comment with its reason code."""

    reason: str
    text: str


class CommentDialog(Dialog):
    """An editor's comment on a link (or a variant) with a reason code."""

    def __init__(self, subject: str, reasons: Sequence[str] = NOTE_REASONS) -> None:
        super().__init__()
        self.title_text = f"Comment on {subject}"
        self.reasons = reasons

    def fields(self) -> ComposeResult:
        yield self.label("Reason")
        yield Select(_options(self.reasons), allow_blank=False, value=self.reasons[0], id="reason")
        yield self.label("Comment")
        yield FormInput(id="text", placeholder="what the next editor should know (never published)")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def result(self) -> CommentAnswer | None:
        text = self.query_one("#text", Input).value.strip()
        if not text:
            self.query_one("#text", Input).focus()
            safe_text.notify(self.app, "a comment needs some text", severity="warning")
            return None
        return CommentAnswer(str(self.query_one("#reason", Select).value), text)


class GotoDialog(Dialog):
    """Go to a link by id (``L12`` or ``12``)."""

    title_text = "Go to link"

    def fields(self) -> ComposeResult:
        yield self.label("Link id")
        yield FormInput(id="link", placeholder="e.g. L12")

    def on_mount(self) -> None:
        self.query_one("#link", Input).focus()

    def result(self) -> str | None:
        value = self.query_one("#link", Input).value.strip()
        if not value:
            self.query_one("#link", Input).focus()
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
        yield FormInput(self.last.pattern if self.last else "", id="pattern")
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
    TYPE_INTO = {"text": "find"}  # typing on the witness text looks for the words

    def __init__(self, variant_id: str, witnesses: Sequence[tuple[str, str]], default: str) -> None:
        super().__init__()
        self.title_text = f"Mark the struck words of {variant_id}"
        self.witnesses = dict(witnesses)
        self.default = default if default in self.witnesses else next(iter(self.witnesses))

    def fields(self) -> ComposeResult:
        yield self.label("Witness")
        yield Select(_options(list(self.witnesses)), allow_blank=False, value=self.default, id="witness")
        yield self.label("Select the words below, or type them here and press Enter to find them")
        yield FormInput(id="find", placeholder="the struck words")
        yield TextArea(self.witnesses[self.default], id="text", read_only=True, soft_wrap=True,
                       show_line_numbers=False)
        yield self.label("Certainty")
        yield Select([(safe_text.content(label), value) for label, value in CERTAINTIES], allow_blank=False,
                     value="1.0", id="certainty")
        yield self.label("Evidence")
        yield FormInput(id="evidence", placeholder="e.g. 1996 ed., p. 148")
        yield self.label("Reason")
        yield Select(_options(VARIANT_REASONS), allow_blank=False, value=VARIANT_REASONS[0], id="reason")
        yield self.label("Note (optional)")
        yield FormInput(id="note")

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
        found = find_words(area.text, words)
        if found is None:
            safe_text.notify(self.app, f"not found in the witness: {words}", severity="warning")
            return
        doc = area.document
        area.selection = Selection(doc.get_location_from_index(found[0]), doc.get_location_from_index(found[1]))
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
            self.query_one("#find", Input).focus()
            safe_text.notify(self.app, "select the struck words first (or type them and press Enter)",
                             severity="warning")
            return None
        evidence = self.query_one("#evidence", Input).value.strip()
        if not evidence:
            self.query_one("#evidence", Input).focus()
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
        yield FormInput(id="note")

    def on_mount(self) -> None:
        self.query_one("#policy", Select).focus()

    def result(self) -> PolicyAnswer:
        return PolicyAnswer(str(self.query_one("#policy", Select).value), str(self.query_one("#reason", Select).value),
                            self.query_one("#note", Input).value.strip())


class NameDialog(Dialog):
    """Asked once, at the first decision, when no name is configured: who the editor is. The answer is
    kept in the user's settings (``workbench config user.name``), outside the project."""

    title_text = "Your name, recorded with each of your decisions"

    def __init__(self, guess: str) -> None:
        super().__init__()
        self.guess = guess

    def fields(self) -> ComposeResult:
        yield self.label("Name (kept in your settings; 'workbench config user.name' changes it; empty: the one shown)")
        yield FormInput(placeholder=self.guess, id="name")
        yield self.label("Initials (optional)")
        yield FormInput(id="initials")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def result(self) -> tuple[str, str] | None:
        name = " ".join(self.query_one("#name", Input).value.split()) or " ".join(self.guess.split())
        if not name:
            self.query_one("#name", Input).focus()
            return None
        return name, " ".join(self.query_one("#initials", Input).value.split())


# ------------------------------------------------------------------------------------ editors' notes


@dataclass(frozen=True)
class EditorsNoteAnswer:
    """An editors' note to make (``note_id`` None) or rewrite: its kind, anchor words and text."""

    note_id: str | None
    kind: str
    anchor: str
    text: str


@dataclass(frozen=True)
class EditorsNoteDraft:
    """An editors' note already on the link, as the form offers it for rewriting."""

    note_id: str
    kind: str
    anchor: str
    text: str


NEW_NOTE = "new"


class EditorsNoteDialog(Dialog):
    """Make an editors' note on a link, or rewrite one it has: which note, its kind, the words of the
    English it hangs on, and its text (transcription markup: ``*italic*``)."""

    def __init__(self, link_id: str, english: str, notes: Sequence[EditorsNoteDraft], kinds: Sequence[str]) -> None:
        super().__init__()
        self.title_text = f"Editors' note on {link_id}"
        self.english = english
        self.notes = {n.note_id: n for n in notes}
        self.kinds = kinds

    def fields(self) -> ComposeResult:
        first = next(iter(self.notes.values()), None)
        options: list[tuple[object, str]] = [(safe_text.content("a new note"), NEW_NOTE)]
        options += [(safe_text.content(f"{n.note_id}: “{n.anchor}” — {n.text[:40]}"), n.note_id)
                    for n in self.notes.values()]
        yield self.label("Note")
        yield Select(options, allow_blank=False, value=first.note_id if first else NEW_NOTE, id="which")
        yield self.label("Kind")
        yield Select(_options(self.kinds), allow_blank=False, value=first.kind if first else self.kinds[0],
                     id="kind")
        yield self.label("Anchor: words of the English the note is about")
        yield Static(safe_text.text(self.english), classes="dialog-hint")
        yield FormInput(value=first.anchor if first else "", id="anchor", placeholder="e.g. Wrangel Front")
        yield self.label("Note (published after the text, closed by the house style's “— Ed.”)")
        yield FormInput(value=first.text if first else "", id="text", placeholder="explanatory, biographical or "
                        "textual note; *italic*")

    def on_mount(self) -> None:
        self.query_one("#anchor" if not self.notes else "#text", Input).focus()

    @on(Select.Changed, "#which")
    def _which(self, event: Select.Changed) -> None:
        note = self.notes.get(str(event.value))
        self.query_one("#anchor", Input).value = note.anchor if note else ""
        self.query_one("#text", Input).value = note.text if note else ""
        if note is not None:
            self.query_one("#kind", Select).value = note.kind

    def result(self) -> EditorsNoteAnswer | None:
        anchor = self.query_one("#anchor", Input).value.strip()
        text = self.query_one("#text", Input).value.strip()
        for value, field, what in ((anchor, "#anchor", "words of the English to hang the note on"),
                                   (text, "#text", "some text")):
            if not value:
                self.query_one(field, Input).focus()
                safe_text.notify(self.app, f"an editors' note needs {what}", severity="warning")
                return None
        which = str(self.query_one("#which", Select).value)
        return EditorsNoteAnswer(None if which == NEW_NOTE else which, str(self.query_one("#kind", Select).value),
                                 anchor, text)


# ------------------------------------------------------------------------------------------ metadata


@dataclass(frozen=True)
class MetadataAnswer:
    """A corrected metadata value and why."""

    value: str
    reason: str


class MetadataDialog(Dialog):
    """Correct one field of the document's metadata: the new value and the reason (required)."""

    def __init__(self, label: str, value: str) -> None:
        super().__init__()
        self.title_text = f"Correct the {label}"
        self.value = value

    def fields(self) -> ComposeResult:
        yield self.label("Value (empty clears it)")
        yield FormInput(value=self.value, id="value")
        yield self.label("Reason (required: the source you checked, what was wrong)")
        yield FormInput(id="reason", placeholder="e.g. as printed in the 1996 edition, p. 147")

    def on_mount(self) -> None:
        self.query_one("#value", Input).focus()

    def result(self) -> MetadataAnswer | None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#reason", Input).focus()
            safe_text.notify(self.app, "a correction needs a reason", severity="warning")
            return None
        return MetadataAnswer(self.query_one("#value", Input).value, reason)
