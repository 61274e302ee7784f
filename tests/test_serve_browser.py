"""``workbench serve`` in a real browser: headless Chromium (Debian's, /usr/bin/chromium) driven by
Playwright for Python. The test starts the server on a free port, opens the page, waits for the
collection browser (read from the terminal stream the page receives over its websocket: xterm.js draws
on a canvas), opens a document and confirms a link with keys, and finds the decision in the file.
Skipped only when Chromium, Playwright or textual-serve are missing."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from ui_helpers import write_synthetic

from workbench.storage.alignment_store import AlignmentFile

CHROMIUM = "/usr/bin/chromium"
playwright_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("textual_serve")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and shutil.which("chromium") is None,
                                reason="chromium is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(root: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "WORKBENCH_AUTHOR": "browser-editor", "TERM": "xterm-256color"}
    proc = subprocess.Popen([sys.executable, "-m", "workbench", "--root", str(root), "serve", "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"serve did not start: {proc.communicate()[0][-2000:]!r}") from None
                time.sleep(0.1)
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 15)  # the server and the app process it started for the page
        proc.wait(timeout=20)


def wait_until(page: object, condition: Callable[[], bool], what: str, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        page.wait_for_timeout(100)  # type: ignore[attr-defined]


def test_serve_opens_a_document_and_confirms_a_link_in_chromium(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "texts").mkdir(parents=True)
    path = write_synthetic(root, "synth", "doc", [["First sentence.", "Second one."]], [["Первое.", "Второе."]],
                           title="A served letter")
    port = free_port()
    frames: list[str] = []

    def seen(text: str) -> Callable[[], bool]:
        return lambda: text in "".join(frames)

    with served(root, port), playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(
                f if isinstance(f, str) else f.decode("utf-8", "replace"))))
            page.goto(f"http://127.0.0.1:{port}/")
            wait_until(page, seen("Collections of the project"), "the collection browser")
            wait_until(page, seen("A served letter"), "the document's row")
            page.locator(".textual-terminal").click()
            before = len(frames)
            page.keyboard.press("Enter")
            wait_until(page, lambda: "First sentence." in "".join(frames[before:]), "the review screen")
            page.keyboard.press("c")
            wait_until(page, lambda: len(AlignmentFile(path).read().state.decisions) == 1, "the decision")
            page.keyboard.press("Control+s")
            wait_until(page, lambda: bool(AlignmentFile(path).read_yaml().decisions), "the save")
        finally:
            browser.close()
    (decision,) = AlignmentFile(path).read_yaml().decisions
    assert (decision.action, decision.target, decision.author) == ("confirm", "L1", "browser-editor")
