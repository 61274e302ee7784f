"""Who is editing: the author recorded with each decision."""

from __future__ import annotations

import getpass
import os
import subprocess

from workbench.core.errors import InputError
from workbench.core.safe_values import check_text


def default_author() -> str:
    """``$WORKBENCH_AUTHOR``, else git's ``user.name``, else the login name.

    A control character in the name (a newline would forge lines of ``workbench log``) is refused with
    the place the name came from."""
    env = os.environ.get("WORKBENCH_AUTHOR", "").strip()
    if env:
        return check_text(env, "$WORKBENCH_AUTHOR", one_line=True)
    try:
        out = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=2)
        name = out.stdout.strip()
        if out.returncode == 0 and name:
            return check_text(name, "git's user.name", one_line=True)
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return check_text(getpass.getuser(), "the login name", one_line=True)
    except InputError:
        raise
    except Exception:  # getpass raises various errors without a login name
        return "unknown"
