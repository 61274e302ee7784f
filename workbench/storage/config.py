"""Who is editing: the author recorded with each decision, and the user's own settings.

The user's settings (``workbench config user.name "…"``) live outside every repository, in
``$WORKBENCH_CONFIG_DIR/config.yaml``, else ``$XDG_CONFIG_HOME/workbench/config.yaml`` (``~/.config`` by
default), beside the keymap. The author of a decision comes from, in this order: the ``--author`` option,
``$WORKBENCH_AUTHOR``, the user's config, git's ``user.name``, the login name; where it came from is
recorded with the decision (``author_from``) and shown by ``workbench log``.
"""

from __future__ import annotations

import getpass
import os
import subprocess
from pathlib import Path
from typing import Any

from workbench.core.errors import FormatError, InputError, Location
from workbench.core.safe_values import check_text
from workbench.storage.atomic import atomic_write_text
from workbench.storage.textfile import read_text
from workbench.storage.yamlio import dump, load

#: The settings ``workbench config`` knows, with what each is.
USER_KEYS = {"user.name": "your name, recorded as the author of your decisions",
             "user.initials": "your initials, shown where the name is too long"}
MAX_CONFIG_BYTES = 64 * 1024


def config_dir() -> Path:
    """The folder of the user's workbench settings (not inside any project)."""
    explicit = os.environ.get("WORKBENCH_CONFIG_DIR", "").strip()
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME", "").strip() or str(Path.home() / ".config")
    return Path(base) / "workbench"


def config_path() -> Path:
    """The user's settings file."""
    return config_dir() / "config.yaml"


def read_user_config() -> dict[str, str]:
    """The user's settings as ``{"user.name": …}``; an absent file is no settings, a bad one a ``FormatError``."""
    path = config_path()
    if not path.is_file():
        return {}
    label = str(path)
    data: Any = load(read_text(path, max_bytes=MAX_CONFIG_BYTES, label=label), label)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FormatError("the workbench config must be a mapping (user: {name: …})", Location(label, 1))
    out: dict[str, str] = {}
    for section, values in data.items():
        if not isinstance(values, dict):
            raise FormatError(f"'{section}' must be a mapping", Location(label))
        for key, value in values.items():
            name = f"{section}.{key}"
            if name not in USER_KEYS:
                raise FormatError(f"unknown setting {name!r} (known: {', '.join(USER_KEYS)})", Location(label))
            if not isinstance(value, str):
                raise FormatError(f"{name} must be text, found {value!r}", Location(label))
            out[name] = check_text(value, f"{name} in {label}", one_line=True)
    return out


def write_user_setting(key: str, value: str | None) -> Path:
    """Set (or with ``None`` remove) one setting; the file is written atomically. Returns its path."""
    if key not in USER_KEYS:
        raise InputError(f"unknown setting {key!r}; known: {', '.join(USER_KEYS)}")
    settings = read_user_config()
    if value is None:
        settings.pop(key, None)
    else:
        value = check_text(value.strip(), key, one_line=True)
        if not value:
            raise InputError(f"{key} cannot be empty")
        settings[key] = value
    nested: dict[str, dict[str, str]] = {}
    for name, item in sorted(settings.items()):
        section, _, field = name.partition(".")
        nested.setdefault(section, {})[field] = item
    path = config_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the config folder: {exc.strerror}", Location(str(path.parent))) from None
    atomic_write_text(path, dump(nested), str(path))
    return path


def _git_name() -> str | None:
    try:
        out = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=2)
        name = out.stdout.strip()
        if out.returncode == 0 and name:
            return check_text(name, "git's user.name", one_line=True)
    except (OSError, subprocess.SubprocessError):
        pass
    return None


def author_and_source(option: str | None = None) -> tuple[str, str]:
    """The author's name and where it came from (one of ``AUTHOR_SOURCES``: option, environment, config,
    git, login). A control character in the name (a newline would forge lines of ``workbench log``) is
    refused with the place the name came from."""
    if option and option.strip():
        return check_text(option.strip(), "--author", one_line=True), "option"
    env = os.environ.get("WORKBENCH_AUTHOR", "").strip()
    if env:
        return check_text(env, "$WORKBENCH_AUTHOR", one_line=True), "environment"
    configured = read_user_config().get("user.name")
    if configured:
        return configured, "config"
    git = _git_name()
    if git:
        return git, "git"
    try:
        return check_text(getpass.getuser(), "the login name", one_line=True), "login"
    except InputError:
        raise
    except Exception:  # getpass raises various errors without a login name
        return "unknown", "login"


def default_author() -> str:
    """The author's name when no ``--author`` is given (:func:`author_and_source`)."""
    return author_and_source()[0]
