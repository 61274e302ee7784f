"""Who is editing: the author recorded with each decision."""

from __future__ import annotations

import getpass
import os
import subprocess


def default_author() -> str:
    """``$WORKBENCH_AUTHOR``, else git's ``user.name``, else the login name."""
    env = os.environ.get("WORKBENCH_AUTHOR", "").strip()
    if env:
        return env
    try:
        out = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=2)
        name = out.stdout.strip()
        if out.returncode == 0 and name:
            return name
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return getpass.getuser()
    except Exception:  # getpass raises various errors without a login name
        return "unknown"
