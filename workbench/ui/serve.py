"""``workbench serve``: the review app in a web browser, through textual-serve.

textual-serve runs one ``workbench open`` process per browser tab and relays its terminal over a
websocket; the page draws it with xterm.js. It listens on 127.0.0.1 unless told otherwise: the app can
change every document of the project, so reaching it from other machines should go through SSH port
forwarding (docs/collaboration.md), not an open port.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from workbench.core.errors import InputError


def serve_command(root: Path, author: str | None = None) -> str:
    """The command textual-serve runs for each browser tab: this Python's workbench on the project."""
    parts = [sys.executable, "-m", "workbench", "--root", str(root), "open"]
    if author:
        parts += ["--author", author]
    return " ".join(shlex.quote(p) for p in parts)


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, author: str | None = None) -> None:
    """Serve the app until interrupted (Ctrl+C)."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise InputError("serving needs textual-serve: pip install 'workbench[serve]' "
                         "(or pip install textual-serve)") from None
    if not 0 < port < 65536:
        raise InputError(f"--port must be between 1 and 65535, not {port}")
    server = Server(serve_command(root, author), host=host, port=port, title=f"workbench — {root.name}")
    print(f"workbench: serving {root} at http://{host}:{port} (Ctrl+C stops)", file=sys.stderr, flush=True)
    server.serve()
