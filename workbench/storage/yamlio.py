"""YAML in and out: libyaml's safe loader and dumper only, errors with file and line.

Values that YAML 1.1 turns into booleans or numbers behind a user's back (``No``, ``On``, ``010``)
are caught by the schema checks, which require strings where strings belong. Anchors and aliases
are refused before anything is built: the project never writes them, and nine nested aliases (a
"billion laughs" file of a few hundred bytes) expand to gigabytes wherever the value is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from workbench.core.errors import FormatError, Location
from workbench.core.gc_pause import gc_paused

try:
    _Loader: type = yaml.CSafeLoader
    _BaseDumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader
    _BaseDumper = yaml.SafeDumper


class Block(str):
    """A string written as a literal block scalar (``|``): one item per line, diff-friendly."""


class Dumper(_BaseDumper):  # type: ignore[misc]
    """The project's dumper: safe, deterministic, blocks for multi-line text."""


def _represent_str(dumper: yaml.BaseDumper, value: str) -> yaml.ScalarNode:
    style = "|" if ("\n" in value and not value.startswith(" ")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)


Dumper.add_representer(Block, _represent_str)
Dumper.add_representer(str, _represent_str)


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A key given twice in one mapping (PyYAML would keep the last one silently)."""

    def __init__(self, key: str, first: yaml.Mark, second: yaml.Mark) -> None:
        super().__init__(problem=f"key '{key}' appears twice (first at line {first.line + 1})", problem_mark=second)


class _StrictLoader(_Loader):  # type: ignore[misc]
    """The safe loader, refusing a key given twice in any mapping, however deep.

    Only the constructor is Python (the parser stays libyaml's), so the check costs a set per mapping.
    Keys compare by their written value: ``'a'`` and ``a`` are the same key."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[str, yaml.Mark] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                first = seen.get(key_node.value)
                if first is not None:
                    raise DuplicateKeyError(str(key_node.value), first, key_node.start_mark)
                seen[key_node.value] = key_node.start_mark
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]


def dump(data: Any) -> str:
    """Serialise to YAML text: unicode kept, keys in insertion order, long lines unwrapped."""
    with gc_paused():
        return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=4096,
                         default_flow_style=False)


def _check_top_keys(text: str, path: str, keys: tuple[str, ...]) -> None:
    """PyYAML keeps the last of two equal keys silently; a hand edit that duplicates a top-level key
    must fail. Only the format's own keys need checking: any other key is refused as unknown."""
    for key in keys:
        needle = "\n" + key + ":"
        first = text.find(needle) if not text.startswith(key + ":") else -1
        second = text.find(needle, first + 1)
        if second >= 0:
            line = text.count("\n", 0, second + 1) + 1
            raise FormatError(f"key '{key}' appears twice", Location(path, line, 1))


# An anchor is '&' directly followed by its name; without one no alias can resolve either (an alias
# to an undefined anchor is a syntax error), so text without this needs no event pass.
_ANCHOR_MARK = re.compile(r"&\S")


def refuse_anchors(text: str, path: str) -> None:
    """Refuse YAML anchors (``&name``) and aliases (``*name``), naming the first one's line and column.

    Runs on the parser's events, which never expand an alias, so a bomb is refused in the time it
    takes to read its bytes. Syntax errors are left to the loader, which reports them."""
    if not _ANCHOR_MARK.search(text):
        return
    try:
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent):
                what = f"alias *{anchor}"
            elif anchor:
                what = f"anchor &{anchor}"
            else:
                continue
            mark = event.start_mark
            raise FormatError(f"YAML {what}: anchors and aliases are not accepted in workbench files "
                              "(they can make a small file expand to gigabytes); write each value out",
                              Location(path, mark.line + 1 if mark else None, mark.column + 1 if mark else None))
    except yaml.YAMLError:
        return


_CONFLICT_MARKER = re.compile(r"^(<{7}|>{7}|\|{7})( |$)", re.MULTILINE)


def refuse_conflict_markers(text: str, path: str) -> None:
    """Git's conflict markers (``<<<<<<<``, ``|||||||``, ``>>>>>>>``) at the start of a line: the file was
    merged line by line, without the workbench's merge driver. Said so, with the way out."""
    found = _CONFLICT_MARKER.search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        raise FormatError("git conflict markers: this file was merged line by line, not by the workbench's merge "
                          "driver; run 'workbench git-setup', then 'git checkout -m -- FILE' to merge it again "
                          "(docs/collaboration.md)", Location(path, line, 1))


def load(text: str, path: str, top_keys: tuple[str, ...] = ()) -> Any:
    """Parse YAML safely; syntax errors become ``FormatError`` with line and column; git conflict
    markers, a key given twice in any mapping, and any anchor or alias, are refused."""
    refuse_conflict_markers(text, path)
    _check_top_keys(text, path, top_keys)
    refuse_anchors(text, path)
    try:
        with gc_paused():
            return yaml.load(text, Loader=_StrictLoader)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        raise FormatError(exc.problem or "a key appears twice",
                          Location(path, mark.line + 1 if mark else None, mark.column + 1 if mark else None)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "YAML syntax error"
        raise FormatError(f"YAML syntax error: {problem}",
                          Location(path, mark.line + 1 if mark else None, mark.column + 1 if mark else None)) from None
    except yaml.YAMLError as exc:
        raise FormatError(f"YAML error: {exc}", Location(path)) from None


def _children(node: yaml.Node) -> Iterator[tuple[Any, yaml.Node, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key.value, key, value
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            yield index, value, value


def locate(text: str, keys: tuple[Any, ...], line_in_block: int | None = None) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the value at ``keys``; of a line inside a block scalar if given.

    Used only to word error messages, so it re-reads the text with node marks (slow path).
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None, None
    best: yaml.Node | None = node
    key_node: yaml.Node | None = None
    for key in keys:
        if node is None:
            break
        found = None
        for name, knode, vnode in _children(node):
            if name == key:
                found = (knode, vnode)
                break
        if found is None:
            break
        key_node, node = found
        best = node
    if best is None:
        return None, None
    if line_in_block is not None and isinstance(best, yaml.ScalarNode) and best.style in ("|", ">"):
        return best.start_mark.line + 2 + line_in_block, best.start_mark.column + 1
    target = key_node if isinstance(best, (yaml.MappingNode, yaml.SequenceNode)) and key_node else best
    return target.start_mark.line + 1, target.start_mark.column + 1
