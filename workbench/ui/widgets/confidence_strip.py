"""A sparkline over the whole document: where unreviewed and low-confidence links cluster.

Each cell of the strip stands for an equal share of the links; its height is how much that
stretch needs attention (1 − confidence for unreviewed links, full for flagged ones, nothing for
judged ones), its colour says whether it holds a low-confidence link. Clicking a cell, or moving
along the focused strip with ←/→ and pressing Enter, jumps to the neediest link of that stretch.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from workbench.ui.document_view import DocumentView
from workbench.ui.keymap import bindings

BARS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Bucket:
    """One cell of the strip: rows ``[start, end)``, mean need of attention, and where to jump."""

    start: int
    end: int
    level: float
    low: bool
    target: int


def buckets(view: DocumentView, cells: int) -> list[Bucket]:
    """Split the links into at most ``cells`` equal stretches and score each."""
    count = len(view.links)
    cells = max(1, min(cells, count))
    out: list[Bucket] = []
    for k in range(cells):
        start, end = k * count // cells, (k + 1) * count // cells
        if end <= start:
            continue
        out.append(score(view, start, end))
    return out


def score(view: DocumentView, start: int, end: int) -> Bucket:
    """The bucket of rows ``[start, end)``."""
    worst, worst_at, total, low = -1.0, start, 0.0, False
    for i in range(start, end):
        link = view.links[i]
        need = view.badness(link)
        total += need
        low = low or link.low_confidence
        if need > worst:
            worst, worst_at = need, i
    return Bucket(start, end, total / (end - start), low, worst_at)


class ConfidenceStrip(Widget, can_focus=True):
    """The sparkline; posts :class:`ConfidenceStrip.Jump` when the editor picks a place."""

    BINDINGS = bindings("strip")

    DEFAULT_CSS = """
    ConfidenceStrip { height: 1; background: $panel; }
    ConfidenceStrip:focus { background: $boost; }
    """

    position: reactive[int] = reactive(0)
    """The strip cell under the keyboard cursor."""

    class Jump(Message):
        """Go to a row."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Leave(Message):
        """Give the focus back to the links."""

    def __init__(self, view: DocumentView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.current = 0
        self._buckets: list[Bucket] = []
        self._starts: list[int] = []

    def reload(self, rows: set[int] | None = None) -> None:
        """The document changed: rescore the stretches holding ``rows`` (``None``: all)."""
        if rows is None or not self._buckets:
            self._rescore()
        else:
            for k in {self.bucket_at(i) for i in rows}:
                old = self._buckets[k]
                self._buckets[k] = score(self.view, old.start, old.end)
        self.refresh()

    def _rescore(self) -> None:
        self._buckets = buckets(self.view, self._cells())
        self._starts = [b.start for b in self._buckets]

    def _cells(self) -> int:
        return max(1, self.size.width - 2)

    def on_resize(self, event: events.Resize) -> None:
        self.reload()

    def set_current(self, index: int) -> None:
        """Show which stretch holds the current link (repaints only when that stretch changes)."""
        before = self.bucket_at(self.current)
        self.current = index
        if self.bucket_at(index) != before:
            self.refresh()

    def bucket_at(self, index: int) -> int:
        """The bucket holding row ``index``."""
        return max(0, bisect_right(self._starts, index) - 1) if self._starts else 0

    def render(self) -> Text:
        if not self._buckets:
            self._rescore()
        out = Text("▕", end="", no_wrap=True)
        styles = self.view.styles
        cells = self._cells()
        count = len(self._buckets)
        if not count:  # a document without links: an empty strip, nothing to jump to
            out.append(" " * cells, styles.muted)
            out.append("▏")
            return out
        here = self.bucket_at(self.current)
        for cell in range(cells):
            k = min(count - 1, cell * count // cells)
            bucket = self._buckets[k]
            bar = BARS[min(len(BARS) - 1, int(bucket.level * len(BARS)))]
            style = styles.low if bucket.low else (styles.flagged if bucket.level > 0.05 else styles.confirmed)
            if k == here:
                style = style + Style(reverse=True)
            if self.has_focus and k == self.position:
                style = style + Style(underline=True, bold=True)
            out.append(bar, style)
        out.append("▏")
        return out

    def bucket_of_cell(self, cell: int) -> int:
        """The bucket drawn in a strip cell (a short document's buckets span several cells)."""
        return min(len(self._buckets) - 1, cell * len(self._buckets) // self._cells())

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._buckets:
            return
        k = self.bucket_of_cell(max(0, min(offset.x - 1, self._cells() - 1)))
        self.position = k
        self.post_message(self.Jump(self._buckets[k].target))

    def on_focus(self) -> None:
        self.position = self.bucket_at(self.current)
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        """Move along the strip."""
        if self._buckets:
            self.position = max(0, min(self.position + step, len(self._buckets) - 1))

    def action_jump(self) -> None:
        """Jump to the neediest link of the stretch under the cursor."""
        if self._buckets:
            self.post_message(self.Jump(self._buckets[self.position].target))

    def action_leave(self) -> None:
        """Back to the links."""
        self.post_message(self.Leave())
