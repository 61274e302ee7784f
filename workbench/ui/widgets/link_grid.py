"""The link list: one line per link (marks, id, Russian, English, status), drawn with the line API.

Only the visible lines are ever rendered, so a 10,000-link document paints as fast as a short
one, and a structural change (a merge removes a row) is a new list plus a refresh rather than a
table rebuild. Rows come from :class:`~workbench.ui.document_view.DocumentView`, which caches
the cells; the grid caches nothing but column widths.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment as RichSegment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.ui import safe_text
from workbench.ui.document_view import DocumentView

MARKS_WIDTH = 4
ID_WIDTH = 6
STATUS_WIDTH = 17
SEPARATOR = " │ "


@dataclass(frozen=True)
class Columns:
    """Column widths for a grid width (the two text columns share what is left)."""

    source: int
    target: int

    @classmethod
    def for_width(cls, width: int, pending: bool) -> Columns:
        """Widths for a grid ``width`` cells wide; no Russian column while the source is pending."""
        fixed = MARKS_WIDTH + ID_WIDTH + 1 + STATUS_WIDTH + len(SEPARATOR) * (1 if pending else 2)
        free = max(10, width - fixed)
        if pending:
            return cls(0, free)
        return cls(free // 2, free - free // 2)


def fit(value: Text, width: int) -> Text:
    """A one-line copy of ``value`` cut to ``width`` cells with an ellipsis and padded."""
    line = value.copy()
    line.end = ""
    if "\n" in line.plain:
        line = Text(" ", end="").join(line.split("\n", allow_blank=True))
    line.truncate(width, overflow="ellipsis", pad=True)
    return line


class LinkGrid(ScrollView, can_focus=True):
    """The scrolling list of links with a row cursor."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
    ]

    COMPONENT_CLASSES = {"link-grid--cursor", "link-grid--cursor-blurred"}

    DEFAULT_CSS = """
    LinkGrid { background: $surface; overflow-x: hidden; }
    LinkGrid > .link-grid--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    LinkGrid > .link-grid--cursor-blurred { background: $block-cursor-blurred-background; }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """The row of the current link."""

    class CursorMoved(Message):
        """The current link changed."""

        def __init__(self, grid: LinkGrid, index: int) -> None:
            super().__init__()
            self.grid = grid
            self.index = index

        @property
        def control(self) -> LinkGrid:
            """The grid that posted the message."""
            return self.grid

        def can_replace(self, message: Message) -> bool:
            # holding an arrow key queues many moves; only the last one matters to the detail pane
            return isinstance(message, LinkGrid.CursorMoved)

    class ColumnsChanged(Message):
        """Column widths changed (the header line follows)."""

        def __init__(self, columns: Columns) -> None:
            super().__init__()
            self.columns = columns

    def __init__(self, view: DocumentView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self._columns = Columns.for_width(80, view.pending)
        self._columns_width = 0
        # rows drawn before, without the cursor; dropped when their link changes
        self._strips: LRUCache[int, Strip] = LRUCache(1024)

    # -- model --

    @property
    def count(self) -> int:
        """Number of rows."""
        return len(self.view.links)

    def reload(self, rows: set[int] | None = None) -> None:
        """The document changed: repaint ``rows`` (``None``: resize and repaint everything)."""
        if rows is None:
            self._strips.clear()
            size = Size(self.size.width, self.count)
            if self.virtual_size != size:
                self.virtual_size = size
            self.set_cursor(min(self.cursor, max(0, self.count - 1)), notify=False)
            self.refresh()
            return
        for index in rows:
            self._strips.discard(index)
            self.refresh_line(index)

    def restyle(self) -> None:
        """Colours changed (a new theme): draw every row again."""
        self._strips.clear()
        self.refresh()

    def on_mount(self) -> None:
        self.virtual_size = Size(self.size.width, self.count)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.count)

    def columns(self) -> Columns:
        """The column widths for the width rows are drawn in (the scrollbar takes its share)."""
        width = self.scrollable_content_region.width
        if width != self._columns_width:
            self._columns = Columns.for_width(width, self.view.pending)
            self._columns_width = width
            self._strips.clear()
            self.post_message(self.ColumnsChanged(self._columns))
        return self._columns

    # -- cursor --

    def set_cursor(self, index: int, *, force: bool = False, notify: bool = True) -> None:
        """Move the cursor to a row and scroll it into view; ``notify`` posts :class:`CursorMoved`."""
        if not self.count:
            return
        index = max(0, min(index, self.count - 1))
        old = self.cursor
        if index != old:
            self.cursor = index
        self._scroll_to_cursor()
        self.refresh_line(old)
        self.refresh_line(index)
        if notify and (index != old or force):
            self.post_message(self.CursorMoved(self, index))

    def _scroll_to_cursor(self) -> None:
        # When the cursor leaves the view, the view jumps half a page (as mutt and less do) rather
        # than one line: a scroll repaints every visible row and the scrollbar, and stepping through
        # a long document should pay that once per half page, not on every key.
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_offset.y)
        if not top <= self.cursor < top + height:
            self.scroll_to(y=max(0, self.cursor - height // 2), animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        """Move the cursor up or down."""
        self.set_cursor(self.cursor + step)

    def action_page(self, step: int) -> None:
        """Move a page up or down."""
        self.set_cursor(self.cursor + step * max(1, self.scrollable_content_region.height - 1))

    def action_edge(self, end: int) -> None:
        """Go to the first or the last row."""
        self.set_cursor(self.count - 1 if end else 0)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        self.set_cursor(round(self.scroll_offset.y) + offset.y)

    def on_focus(self) -> None:
        self.refresh_line(self.cursor)

    def on_blur(self) -> None:
        self.refresh_line(self.cursor)

    # -- drawing --

    def row_text(self, index: int) -> Text:
        """The whole line of a row as Text (tests read it; render_line draws it)."""
        marks, source, target, status = self.view.cells(index)
        link = self.view.links[index]
        cols = self.columns()
        parts: list[Text] = [fit(marks, MARKS_WIDTH), fit(safe_text.text(link.id), ID_WIDTH), Text(" ")]
        if not self.view.pending:
            parts += [fit(source, cols.source), Text(SEPARATOR)]
        parts += [fit(target, cols.target), Text(SEPARATOR), fit(status, STATUS_WIDTH)]
        return Text.assemble(*parts, end="")

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = round(scroll_y) + y
        width = self.scrollable_content_region.width
        self.columns()  # a width change drops the cached rows first (and the header follows, rows or not)
        if index >= self.count or index < 0:
            return Strip([RichSegment(" " * width, self.rich_style)], width)
        strip = self._strips.get(index)
        if strip is None:
            segments = list(self.row_text(index).render(self.app.console))
            strip = Strip(segments).adjust_cell_length(width).apply_style(self.rich_style)
            self._strips.set(index, strip)
        if index == self.cursor:
            name = "link-grid--cursor" if self.has_focus else "link-grid--cursor-blurred"
            component = self.get_component_rich_style(name)
            # the focused cursor also sets the text colour: coloured text (edited English, supplied
            # words) must stay readable on the cursor's background; struck and italic stay visible
            cursor = Style(bgcolor=component.bgcolor, color=component.color if self.has_focus else None)
            strip = Strip(list(RichSegment.apply_style(strip, None, cursor)), strip.cell_length)
        return strip.crop(round(scroll_x), round(scroll_x) + width)


def header_text(columns: Columns, pending: bool) -> Text:
    """The column header line above the grid."""
    parts: list[Text] = [fit(Text(""), MARKS_WIDTH), fit(Text("link"), ID_WIDTH), Text(" ")]
    if not pending:
        parts += [fit(Text("Russian (source)"), columns.source), Text(SEPARATOR)]
    parts += [fit(Text("English (target)"), columns.target), Text(SEPARATOR), fit(Text("status  conf."), STATUS_WIDTH)]
    return Text.assemble(*parts, end="", style=Style(bold=True))
