"""`workbench open` in a real terminal (tmux): keys sent as a person types them, the screen read back.

Skipped only when tmux is absent (``.ci/run`` installs it). The app runs on a copy of the sample
corpus; afterwards ``workbench log`` must show every act, and the journal must be folded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")

WORKBENCH = Path(sys.executable).parent / "workbench"
DOC = "garnett-stories/khameleon"


class Terminal:
    """One detached tmux session running a command."""

    def __init__(self, command: str, cwd: Path, env: dict[str, str]) -> None:
        self.name = f"wb-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "160", "-y", "48",
                        f"cd {cwd} && env -u COLUMNS -u LINES {exports} {command}"], check=True)
        # a server started earlier may impose its own default size on new detached sessions
        subprocess.run(["tmux", "set-option", "-t", self.name, "window-size", "manual"], capture_output=True)
        subprocess.run(["tmux", "resize-window", "-t", self.name, "-x", "160", "-y", "48"], capture_output=True)

    def screen(self) -> str:
        out = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return out.stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys], check=True)

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0

    def wait(self, condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
        """Poll the terminal until ``condition`` holds (the app runs in another process)."""
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {what}; the screen shows:\n{self.screen()}")
            time.sleep(0.05)

    def see(self, text: str, timeout: float = 30.0) -> None:
        self.wait(lambda: text in self.screen(), repr(text), timeout)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def test_review_in_a_terminal_then_log_shows_every_act(project: Path) -> None:
    env = {"WORKBENCH_AUTHOR": "tmux-editor", "TERM": "xterm-256color", "XDG_CONFIG_HOME": str(project / "cfg")}
    term = Terminal(f"{WORKBENCH} open {DOC}", project, env)
    try:
        term.see("— A Chameleon")
        links = int(term.screen().split(" links ·")[0].split("·")[-1].strip())
        term.see("Антон Павлович Чехов")  # Russian beside English
        term.keys("c")
        term.see("1 confirmed")
        term.keys("m")  # merge L2 with L3
        term.see(f"{links - 1} links")
        term.keys("C-z")  # undo the merge
        term.see(f"{links} links")
        term.keys("e")
        term.see("Editing the English of")
        term.keys(" (edited)", literal=True)
        term.see("(edited)")
        term.keys("Tab")  # saves, goes on to the next link with the editor still open
        term.see("1 edited")
        term.keys("Escape")
        term.wait(lambda: "Editing the English of" not in term.screen(), "the editor to close")
        term.keys("up")
        term.see("Word diff, received → edited")
        term.keys("?")
        term.see("review.confirm")
        term.keys("Escape")
        term.wait(lambda: "review.confirm" not in term.screen(), "the help to close")
        term.keys("q")
        term.wait(lambda: not term.alive(), "the app to quit")
    finally:
        term.close()
    out = subprocess.run([str(WORKBENCH), "log", DOC], cwd=project, capture_output=True, text=True,
                         env={**os.environ, **env})
    assert out.returncode == 0, out.stderr
    acts = [line.split()[3] for line in out.stdout.splitlines()]
    assert acts == ["confirm", "merge", "revert", "edit"]
    assert all("tmux-editor" in line for line in out.stdout.splitlines())
    assert "(edited)" in out.stdout
    journal = project / "alignments" / "garnett-stories" / "khameleon.journal"
    assert not journal.exists() or journal.stat().st_size == 0  # quitting folded it into the YAML
