"""What the workbench accepts in short values and free text, and how it shows what it did not refuse.

* **Language codes** are BCP 47 tags in their canonical case, as far as this project needs them: a
  lower-case language (``ru``, ``en``, ``chu``), then optionally a script (``ru-Latn``), a region
  (``en-GB``, ``es-419``) and variants (``de-1901``, ``sl-rozaj``).
* **Control characters**: C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F). ``ESC [31m`` in an author's
  name recolours the terminal, a newline forges a line of ``workbench log``. Free text (a witness, an
  edit, a note) may hold TAB and LF, which the file formats define; a one-line value (an author, a
  reason code, a description) may hold none. Values are refused where they enter (command-line
  options, imports, PO files, the app's dialogs), and whatever is already in a file is shown escaped
  (``\\u001b``, the form JSON uses too) by the CLI and the app, never sent raw to the terminal.
* **Received file names** (``received.file`` in ``document.yaml``) are plain names: no folder, no
  ``..``, not hidden, so ``export-received`` cannot be steered outside its ``--out`` folder.
"""

from __future__ import annotations

import re

from workbench.core.actions import Action
from workbench.core.errors import InputError, Location
from workbench.core.models import Decision

LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?"
                      r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # TAB and LF belong to free text
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "TAB", 0x0A: "LF", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR",
          0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI"}


def is_language(code: str) -> bool:
    """True for a language code the workbench accepts (see the module docstring)."""
    return bool(LANGUAGE.match(code))


def language_problem(code: object) -> str | None:
    """Why ``code`` is not an accepted language code, or None when it is."""
    if isinstance(code, str) and is_language(code):
        return None
    return (f"language {code!r} is not a language code: write a lower-case BCP 47 tag such as ru, en, "
            "ru-Latn or en-GB")


def check_language(code: str, what: str = "language") -> str:
    """``code`` if it is an accepted language code; ``InputError`` otherwise."""
    problem = language_problem(code)
    if problem is not None:
        raise InputError(problem if what == "language" else f"{what}: {problem}")
    return code


def control_name(char: str) -> str:
    """``U+001B (ESC)`` for a control character."""
    code = ord(char)
    name = _NAMES.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def find_control(text: str, *, one_line: bool = False) -> tuple[int, int, str] | None:
    """The first refused control character of ``text`` as (line, column, char), 1-based; None if none.

    ``one_line`` refuses TAB and LF too."""
    match = (_LINE_CONTROL if one_line else _CONTROL).search(text)
    if match is None:
        return None
    at = match.start()
    line_start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at) + 1, at - line_start + 1, match.group()


def control_problem(text: str, *, one_line: bool = False) -> str | None:
    """A message for the first refused control character of ``text``, or None."""
    found = find_control(text, one_line=one_line)
    if found is None:
        return None
    line, column, char = found
    where = f"column {column}" if one_line or line == 1 else f"line {line}, column {column}"
    return f"contains the control character {control_name(char)} at {where}; control characters are not accepted"


def check_text(value: str, what: str, *, one_line: bool = False, location: Location | None = None) -> str:
    """``value`` if it holds no refused control character; ``InputError`` naming ``what`` otherwise."""
    problem = control_problem(value, one_line=one_line)
    if problem is not None:
        raise InputError(f"{what} {problem}", location)
    return value


def check_entered(decision: Decision) -> Decision:
    """Refuse control characters in what an editor typed into a decision (the app's dialogs): the author,
    reason and data values (one line each), the note, and the English of an edit. What a decision copies
    from the state (the ``before`` of a revert, a structural patch) is not the editor's typing."""
    for what, value, one_line in (("the author", decision.author, True), ("the reason", decision.reason, True),
                                  ("the note", decision.note, False),
                                  ("the edited English", decision.after if decision.action is Action.EDIT else None,
                                   False),
                                  ("the evidence", decision.data.evidence, True)):
        if value:
            check_text(value, what, one_line=one_line)
    return decision


def escape_controls(text: str, keep: str = "") -> str:
    """``text`` with every control character except those in ``keep`` shown as ``\\u001b``, so that nothing
    written to a terminal can move the cursor, recolour it or start a new line. The form is JSON's, so
    JSON output stays valid (``json.dumps`` leaves DEL and C1 characters raw)."""
    if not _LINE_CONTROL.search(text):
        return text
    return _LINE_CONTROL.sub(lambda m: m.group() if m.group() in keep else f"\\u{ord(m.group()):04x}", text)


def is_plain_file_name(name: object) -> bool:
    """True for a file name without folders, ``..``, a leading dot or control characters."""
    return (isinstance(name, str) and bool(name) and not name.startswith(".") and "/" not in name
            and "\\" not in name and not _LINE_CONTROL.search(name))
