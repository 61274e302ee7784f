"""Helpers for the team tests: clocks that give each editor distinct ids and ordered times, and real git
repositories in a temporary folder (no global git config, no network)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from workbench.core.decisions import Clock


def editor_clock(name: str, start: int = 0, step: int = 2) -> Clock:
    """Ids ``D-<name><n>`` (hex-looking) and times that increase by ``step`` seconds from ``start``."""
    counter = iter(range(10_000))

    def now() -> str:
        n = start + step * next(times)
        return f"2026-12-01T10:{n // 60:02d}:{n % 60:02d}.000Z"

    times = iter(range(10_000))
    return Clock(new_id=lambda: f"D-{name}{next(counter):09d}", now=now)


def git_env(home: Path) -> dict[str, str]:
    """An environment where git reads no user or system config but the one given here."""
    env = dict(os.environ)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), GIT_CONFIG_NOSYSTEM="1",
               GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="Test",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_TERMINAL_PROMPT="0")
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return env


def git(cwd: Path, *args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run git in ``cwd``; fails the test with git's output when ``check`` and git fails."""
    out = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    if check and out.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    return out
