"""Helpers of the bad-input catalogue: run the CLI in-process (or, for a few cases, as a real process),
and check the house rule — exit 2, one line on stderr naming the file, no traceback, nothing written."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from cli_helpers import Run, run_main  # noqa: F401  (the catalogue's tests import them from here)

BAD = Path(__file__).resolve().parent / "data" / "bad"
ALIGNMENT = "alignments/udhr/udhr.yaml"
DOCUMENT = "texts/udhr/udhr/document.yaml"
WITNESS = "texts/udhr/udhr/en-un.txt"
COLLECTION = "texts/bolshevik-correspondence/collection.yaml"


def run_process(root: Path, args: list[str], timeout: float = 120) -> Run:
    """``workbench --root ROOT ARGS`` as a real process."""
    proc = subprocess.run([sys.executable, "-m", "workbench", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` with its hash (lock files aside: taking a lock may create one)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.name.endswith(".lock")}


def assert_one_clear_message(run: Run, words: str, names: str) -> str:
    """Exit 2, no traceback, exactly one line on stderr, holding ``words`` and naming ``names``."""
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr + run.stdout
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert words in lines[0], lines[0]
    assert names in lines[0], lines[0]
    return lines[0]
