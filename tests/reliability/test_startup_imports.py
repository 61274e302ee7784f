"""Opening the app imports neither the aligner nor numpy and rapidfuzz: the browser's count of
collated variants needs the number parsers, which live apart from the aligner (core/language) so
that `workbench open` does not pay ≈ 19 MB and a few tenths of a second at start for an aligner it
does not use (docs/benchmarks.md, TUI)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("numpy", "rapidfuzz", "workbench.core.aligner")


def test_the_app_and_the_variant_count_leave_the_aligner_unimported() -> None:
    # a fresh interpreter: this test process has imported everything already
    code = ("import sys, workbench.ui.app, workbench.storage.variant_counts; "
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
