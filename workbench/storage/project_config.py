"""``workbench.yaml`` at the project's root: settings of the whole project (optional).

Read here: ``house_style`` (how the publication formats label and close their notes,
:class:`workbench.core.export.style.HouseStyle`). Other keys are left to the parts that own them,
so that one file can carry several parts' settings.
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.export.style import DEFAULT_STYLE, EDITOR_STYLES, SOURCE_STYLES, HouseStyle
from workbench.storage.schema import Checker
from workbench.storage.textfile import read_text
from workbench.storage.yamlio import load

FILE_NAME = "workbench.yaml"
MAX_BYTES = 256 * 1024


def read_house_style(root: Path, label: str = FILE_NAME) -> HouseStyle:
    """The project's house style (the default when ``workbench.yaml`` or its ``house_style`` is absent);
    a bad value is a located ``FormatError``."""
    path = root / FILE_NAME
    if not path.is_file():
        return DEFAULT_STYLE
    text = read_text(path, max_bytes=MAX_BYTES, label=label)
    data = load(text, label)
    check = Checker(text, label)
    if data is None:
        return DEFAULT_STYLE
    top = check.mapping(data, (), "workbench.yaml")
    if top.get("house_style") is None:
        return DEFAULT_STYLE
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
