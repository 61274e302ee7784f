"""Reading a user keymap: a YAML mapping of binding id → keys, remapping the app's bindings.

Example ``~/.config/workbench/keymap.yaml``::

    review.confirm: enter        # one key
    review.merge_next: m,plus    # alternatives, comma-separated

The file is found through ``--keymap FILE``, else ``$WORKBENCH_KEYMAP``, else
``$XDG_CONFIG_HOME/workbench/keymap.yaml`` (``~/.config`` by default) when it exists.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from pathlib import Path

from workbench.storage.schema import Checker, type_name
from workbench.storage.textfile import read_text
from workbench.storage.yamlio import load

MAX_KEYMAP_BYTES = 256 * 1024
_KEYS = re.compile(r"^[A-Za-z0-9_+\-]+(,[A-Za-z0-9_+\-]+)*\Z")


def default_keymap_path() -> Path | None:
    """The keymap file to use when none is given, or None when there is none."""
    env = os.environ.get("WORKBENCH_KEYMAP", "").strip()
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME", "").strip() or str(Path.home() / ".config")
    path = Path(base) / "workbench" / "keymap.yaml"
    return path if path.is_file() else None


def read_keymap(path: Path, known_ids: Collection[str], label: str | None = None) -> dict[str, str]:
    """Read and check a keymap file; ``FormatError`` names the file and line of the first problem.

    Every id must be one of ``known_ids`` (a typo would otherwise silently do nothing) and every
    value a key name or comma-separated key names such as ``ctrl+s`` or ``m,plus``.
    """
    name = label or str(path)
    text = read_text(path, max_bytes=MAX_KEYMAP_BYTES, label=name)
    data = load(text, name)
    check = Checker(text, name)
    if data is None:
        return {}
    mapping = check.mapping(data, (), "a keymap (binding id: keys)")
    out: dict[str, str] = {}
    for binding_id, keys in mapping.items():
        if not isinstance(binding_id, str) or binding_id not in known_ids:
            check.fail(f"unknown binding id {binding_id!r}; '?' in the app lists the ids", (binding_id,))
        if not isinstance(keys, str):
            check.fail(f"keys for {binding_id} must be a string such as 'ctrl+s', found {type_name(keys)}",
                       (binding_id,))
        compact = keys.replace(" ", "")
        if not _KEYS.match(compact):
            check.fail(f"keys for {binding_id} must be key names separated by commas, e.g. 'm,plus'; "
                       f"got {keys!r}", (binding_id,))
        out[binding_id] = compact
    return out
