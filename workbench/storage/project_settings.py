"""The project's shared settings, ``workbench.yaml`` at the project's root (committed): the team's roles.

::

    roles:
      Anna Petrova: editor
      Boris Souvarine: reviewer
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.core.review import ROLES
from workbench.storage.schema import Checker
from workbench.storage.textfile import read_text
from workbench.storage.yamlio import load

FILE_NAME = "workbench.yaml"
MAX_SETTINGS_BYTES = 256 * 1024


def read_roles(root: Path) -> dict[str, str]:
    """Name → role (editor or reviewer) from ``workbench.yaml``; empty when the file or its ``roles`` is
    absent. A malformed file is a located ``FormatError``."""
    path = root / FILE_NAME
    if not path.is_file():
        return {}
    label = FILE_NAME
    text = read_text(path, max_bytes=MAX_SETTINGS_BYTES, label=label)
    data: Any = load(text, label)
    check = Checker(text, label)
    if data is None:
        return {}
    data = check.mapping(data, (), "workbench.yaml")
    check.only_keys(data, {"roles"}, (), "workbench.yaml")
    roles = check.mapping(data.get("roles") or {}, ("roles",), "'roles'")
    out: dict[str, str] = {}
    for name, role in roles.items():
        if not isinstance(name, str) or role not in ROLES:
            check.fail(f"each role must be one of {', '.join(ROLES)}, found {role!r} for {name!r}", ("roles", name))
        out[name] = role
    return out
