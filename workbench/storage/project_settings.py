"""The project's shared settings, ``workbench.yaml`` at the project's root (committed, optional).

::

    roles:                        # the team (docs/collaboration.md)
      Anna Petrova: editor
      Boris Souvarine: reviewer
    house_style:                  # how the publication formats label and close their notes
      source_notes: as-printed
      editors_notes: letters
      editors_note_suffix: "— Ed."

One reader checks the whole file, so that a key meant for one part is never refused by another and
a misspelt key is refused wherever the file is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.core.export.style import DEFAULT_STYLE, EDITOR_STYLES, SOURCE_STYLES, HouseStyle
from workbench.core.review import ROLES
from workbench.storage.schema import Checker
from workbench.storage.textfile import read_text
from workbench.storage.yamlio import load

FILE_NAME = "workbench.yaml"
MAX_SETTINGS_BYTES = 256 * 1024
#: The top-level keys of ``workbench.yaml``.
KEYS = frozenset({"roles", "house_style"})


def _read(root: Path, label: str) -> tuple[dict[str, Any], Checker] | None:
    """The file's top-level mapping and its checker; None when the file is absent or empty."""
    path = root / FILE_NAME
    if not path.is_file():
        return None
    text = read_text(path, max_bytes=MAX_SETTINGS_BYTES, label=label)
    data: Any = load(text, label)
    if data is None:
        return None
    check = Checker(text, label)
    top = check.mapping(data, (), "workbench.yaml")
    check.only_keys(top, set(KEYS), (), "workbench.yaml")
    return top, check


def read_roles(root: Path, label: str = FILE_NAME) -> dict[str, str]:
    """Name → role (editor or reviewer) from ``workbench.yaml``; empty when the file or its ``roles`` is
    absent. A malformed file is a located ``FormatError``."""
    found = _read(root, label)
    if found is None:
        return {}
    top, check = found
    roles = check.mapping(top.get("roles") or {}, ("roles",), "'roles'")
    out: dict[str, str] = {}
    for name, role in roles.items():
        if not isinstance(name, str) or role not in ROLES:
            check.fail(f"each role must be one of {', '.join(ROLES)}, found {role!r} for {name!r}", ("roles", name))
        out[name] = role
    return out


def read_house_style(root: Path, label: str = FILE_NAME) -> HouseStyle:
    """The project's house style (the default when ``workbench.yaml`` or its ``house_style`` is absent);
    a bad value is a located ``FormatError``."""
    found = _read(root, label)
    if found is None or found[0].get("house_style") is None:
        return DEFAULT_STYLE
    top, check = found
    style = check.mapping(top["house_style"], ("house_style",), "'house_style'")
    keys = ("house_style",)
    check.only_keys(style, {"source_notes", "editors_notes", "editors_note_suffix"}, keys, "'house_style'")
    source = check.string(style, "source_notes", keys, required=False, default=DEFAULT_STYLE.source_notes)
    editors = check.string(style, "editors_notes", keys, required=False, default=DEFAULT_STYLE.editors_notes)
    suffix = check.string(style, "editors_note_suffix", keys, required=False,
                          default=DEFAULT_STYLE.editors_note_suffix)
    if source not in SOURCE_STYLES:
        check.fail(f"'source_notes' is one of {', '.join(SOURCE_STYLES)}, found {source!r}", keys + ("source_notes",))
    if editors not in EDITOR_STYLES:
        check.fail(f"'editors_notes' is one of {', '.join(EDITOR_STYLES)}, found {editors!r}",
                   keys + ("editors_notes",))
    return HouseStyle(source, editors, " ".join(suffix.split()))
