"""Running the CLI in the test's own process: ``workbench.cli.main`` with stdout and stderr captured.

Starting a Python process per command costs about a second (imports); in-process runs cost what the
command itself costs. A few tests still run real processes, where the process boundary is the point
(exit codes from argparse, ``python -m workbench``, kill -9).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from workbench.cli import main


@dataclass(frozen=True)
class Run:
    """What one CLI run gave back (the same fields as ``subprocess.CompletedProcess``)."""

    returncode: int
    stdout: str
    stderr: str


def run_main(root: Path | None, args: list[str], capsys: pytest.CaptureFixture[str],
             cwd: Path | None = None) -> Run:
    """``workbench [--root ROOT] ARGS`` in this process (from ``cwd`` when given). An exception that
    escapes ``main`` is a traceback a user would have seen, so it is not caught: the test fails with it."""
    capsys.readouterr()
    argv = (["--root", str(root)] if root is not None else []) + args
    here = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own errors and --help
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        if cwd is not None:
            os.chdir(here)
    out, err = capsys.readouterr()
    return Run(code, out, err)
