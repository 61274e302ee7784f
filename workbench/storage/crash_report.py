"""The report of an unexpected error (a bug) in the review app, kept in a file for a bug report.

The terminal gets one message; the traceback, which a maintainer needs and an editor does not,
goes to a file in the system's temporary folder. Nothing of the project is written here.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def write_crash_report(text: str) -> Path | None:
    """Write ``text`` to a new ``workbench-crash-*.txt`` in the temporary folder; ``None`` when that fails
    (the caller still reports the error, just without the file)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    try:
        handle, name = tempfile.mkstemp(prefix=f"workbench-crash-{stamp}-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError:
        return None
    return Path(name)
