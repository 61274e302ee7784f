"""The detail pane: everything about the current link, full length.

Sections: the link line, the Russian, the English as received, the edited English, the word diff
MT → edited, comments, editors' notes, readings and variants touching the link, and the link's decision history. It
is one Text, wrapped once per link and drawn line by line.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.core.editors_notes import notes_on
from workbench.core.models import Decision, Link, Side
from workbench.core.word_diff import changed, word_diff
from workbench.ui import safe_text
from workbench.ui.document_view import DocumentView

HEADING = Style(bold=True, underline=True)


def _heading(title: str) -> Text:
    return safe_text.text(title, HEADING)


def _decision_line(d: Decision) -> Text:
    out = safe_text.text(f"{d.time[:19].replace('T', ' ')}  {d.author}  {d.action}", Style(bold=True))
    if d.action.is_status and d.before:
        out.append(safe_text.visible(f"  {d.before} → {d.after}"))
    if d.data.reverts:
        out.append(safe_text.visible(f"  (undoes {d.data.reverts})"))
    if d.data.redoes:
        out.append(safe_text.visible(f"  (redoes {d.data.redoes})"))
    if d.reason:
        out.append(safe_text.visible(f"  [{d.reason}]"))
    if d.note:
        out.append(safe_text.visible(f"  {d.note}"))
    return out


def highlighted(text: str, spans: list[tuple[int, int]], style: Style) -> Text:
    """``text`` with each span in ``style`` (the places the QA findings point at)."""
    out = Text(end="")
    at = 0
    for start, end in sorted(spans):
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue
        out.append(safe_text.visible(text[at:start]))
        out.append(safe_text.visible(text[start:end]), style)
        at = end
    out.append(safe_text.visible(text[at:]))
    return out


def findings_section(view: DocumentView, link: Link) -> list[Text]:
    """The QA findings of a link: each with its severity, check, message and suggestion, waived ones
    marked, and the English with the spans of the open ones highlighted."""
    if view.qa_error:
        return [Text(""), safe_text.text(f"QA checks: {view.qa_error}", view.styles.low)]
    found = view.findings.get(link.id, [])
    if not found:
        return []
    open_ones = [f for f in found if f.unwaived]
    parts = [Text(""), _heading(f"Findings ({len(open_ones)} open" + (f", {len(found) - len(open_ones)} waived)"
                                                                     if len(found) > len(open_ones) else ")"))]
    colour = {"error": view.styles.low, "warning": view.styles.flagged, "info": view.styles.muted}
    for f in sorted(found, key=lambda f: (f.waived, f.severity.rank)):
        line = safe_text.text(f"{f.severity.value:<7} {f.check}: ", view.styles.muted if f.waived
                              else colour[f.severity.value] + Style(bold=True))
        line.append(safe_text.visible(f.message), view.styles.muted if f.waived else Style())
        if f.suggestion is not None and not f.waived:
            line.append(safe_text.visible(f"  → {f.suggestion}"), view.styles.inserted)
        if f.waived:
            line.append(" (waived)", view.styles.muted)
        parts.append(line)
    spans = [f.span for f in open_ones if f.span is not None]
    if spans and view.qa_current:
        parts.append(safe_text.assemble(("in the English: ", view.styles.muted),
                                        highlighted(view.english(link), spans, Style(reverse=True, bold=True))))
    return parts


def describe(view: DocumentView, link: Link) -> Text:
    """The whole detail text of a link."""
    parts: list[Text] = []
    score = "—" if link.confidence is None else f"{link.confidence:.3f}"
    parts.append(safe_text.text(f"{link.id}  {link.kind}  {link.status.value}  confidence {score}  "
                                f"origin {link.origin}", Style(bold=True)))
    parts += findings_section(view, link)
    if view.pending:
        parts += [Text(""), safe_text.text(view.pending_line(), view.styles.flagged)]
    else:
        ids = " ".join(link.source) or "—"
        parts += [Text(""), _heading(f"Russian ({ids})"),
                  view.side_text(link, Side.SOURCE) if link.source else safe_text.text("(none)", view.styles.muted)]
    ids = " ".join(link.target) or "—"
    parts += [Text(""), _heading(f"English as received ({ids})"),
              view.side_text(link, Side.TARGET) if link.target else safe_text.text("(none)", view.styles.muted)]
    parts += [Text(""), _heading("Edited English")]
    if view.edited(link):
        parts.append(safe_text.text(view.english(link), view.styles.edited))
        pieces = word_diff(view.mt(link), view.english(link))
        parts += [Text(""), _heading("Word diff, received → edited")]
        parts.append(view.diff_text(link) if changed(pieces) else safe_text.text("(no change)", view.styles.muted))
    else:
        parts.append(safe_text.text("(not edited — press e to edit)", view.styles.muted))
    comments = view.comments(link)
    if comments:
        parts += [Text(""), _heading("Comments")]
        for d in comments:
            line = safe_text.text(f"[{d.reason}] " if d.reason else "", Style(bold=True))
            line.append(safe_text.visible(d.note or ""))
            line.append(safe_text.visible(f"  — {d.author}, {d.time[:10]}"), view.styles.muted)
            parts.append(line)
    own = notes_on(view.state, link.id)
    if own:
        parts += [Text(""), _heading("Editors' notes (press E to make or rewrite)")]
        for note in own:
            line = safe_text.text(f"{note.id} ({note.kind}) on “{note.anchor}”: ", Style(bold=True))
            line.append(safe_text.visible(note.text))
            line.append(safe_text.visible(f"  — {note.author}, {note.time[:10]}"), view.styles.muted)
            parts.append(line)
    readings = view.readings(link)
    touching = view.variant_links.get(link.id, [])
    if readings or touching:
        parts += [Text(""), _heading("Readings and variants")]
        for label, reading in readings:
            parts.append(safe_text.assemble((f"{label}: ", Style(bold=True)), reading))
        for variant_id in touching:
            row = view.variant(variant_id)
            style = view.styles.flagged if row.status == "unresolved" else Style()
            line = safe_text.text(f"{row.id} {row.kind} — {row.status}, published as {row.policy}", style)
            if row.mark is not None:
                line.append(safe_text.visible(f"; marked in {row.mark.witness}: "))
                line.append(safe_text.visible(row.mark.text), view.styles.struck)
                if row.mark.evidence:
                    line.append(safe_text.visible(f" (evidence: {row.mark.evidence})"))
            parts.append(line)
            if row.description:
                parts.append(safe_text.text(row.description, view.styles.muted))
    history = view.history(link)
    parts += [Text(""), _heading(f"History ({len(history)})")]
    if history:
        commits = view.commits
        for d in history:
            line = _decision_line(d)
            if d.id in commits:  # the git commit that brought the decision in
                line.append(safe_text.visible(f"  commit {commits[d.id][:10]}"), view.styles.muted)
            parts.append(line)
    else:
        parts.append(safe_text.text("no decisions yet", view.styles.muted))
    return safe_text.lines(parts)


class DetailPane(ScrollView, can_focus=True):
    """The description of the current link, wrapped to the pane and drawn with the line API.

    The virtual height never drops below the pane's height, so showing another link of ordinary
    length repaints the pane's lines without a screen layout (which would repaint every widget).
    """

    BINDINGS = [
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("down", "scroll_down", "Scroll down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]
    DEFAULT_CSS = """
    DetailPane { padding: 0 1; overflow-x: hidden; }
    """

    def __init__(self, view: DocumentView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.text = safe_text.text("")
        self.shown = -1
        self._strips: list[Strip] = []
        self._wrapped_width = 0

    def show(self, index: int) -> None:
        """Describe the link at row ``index``."""
        self.shown = index
        if not self.view.links:
            self.text = safe_text.text("this document has no links")
        else:
            self.text = describe(self.view, self.view.links[index])
        before = len(self._strips)
        self._wrap()
        scrolled = round(self.scroll_offset.y) != 0
        self.scroll_to(y=0, animate=False, immediate=True)
        if scrolled:
            self.refresh()
        else:  # lines below both the old and the new text are blank either way
            self.refresh(Region(0, 0, self.size.width, max(before, len(self._strips))))

    def _wrap(self) -> None:
        width = max(10, self.scrollable_content_region.width)
        console = self.app.console
        lines = self.text.wrap(console, width)
        self._strips = [Strip(list(line.render(console)), line.cell_len) for line in lines]
        self._wrapped_width = width
        size = Size(width, max(len(self._strips), self.scrollable_content_region.height))
        if self.virtual_size != size:
            self.virtual_size = size

    def on_resize(self, event: events.Resize) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = round(scroll_y) + y
        width = self.scrollable_content_region.width
        strip = self._strips[index] if 0 <= index < len(self._strips) else Strip.blank(width)
        return strip.adjust_cell_length(width).apply_style(self.rich_style)

    def plain(self) -> str:
        """The text shown (tests compare it)."""
        return self.text.plain
