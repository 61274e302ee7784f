"""A progress bar on stderr for commands that work through many documents.

On a terminal it redraws one line (``[██████░░░░]  6/14  garnett-stories/khameleon``); when stderr
is a file or a pipe it prints one line per step instead, so logs stay readable. Written here
because it is a dozen lines and the CLI must not depend on Rich (only the UI layer may).
"""

from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 24


class Progress:
    """Counts steps of ``total`` and shows them."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = max(total, 1)
        self.done = 0
        stream = stream or sys.stderr
        # the bar moves the cursor itself: past the CLI's escaping stream (it prints only checked names)
        self.stream = getattr(stream, "raw_stream", stream)
        self.live = hasattr(self.stream, "isatty") and self.stream.isatty()

    def bar(self, label: str) -> str:
        """The bar line for the current count."""
        filled = round(WIDTH * self.done / self.total)
        return f"[{'█' * filled}{'░' * (WIDTH - filled)}] {self.done:>{len(str(self.total))}}/{self.total}  {label}"

    def step(self, label: str, message: str = "") -> None:
        """One step done; ``message`` is printed on its own line (kept above the bar)."""
        self.done += 1
        if self.live:
            self.stream.write("\r\x1b[2K")
            if message:
                self.stream.write(message + "\n")
            self.stream.write(self.bar(label))
            if self.done >= self.total:
                self.stream.write("\n")
        else:
            self.stream.write(self.bar(label) + (f"  {message}" if message else "") + "\n")
        self.stream.flush()
