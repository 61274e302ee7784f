"""YAML anchors and aliases are refused in every file the project reads as YAML, before any alias is
expanded: a "billion laughs" file of a few hundred bytes would otherwise take gigabytes and minutes."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import FormatError
from workbench.storage.alignment_codec import decode
from workbench.storage.document_store import read_collection, read_document
from workbench.storage.keymap_file import read_keymap
from workbench.storage.yamlio import load

BAD = Path(__file__).resolve().parent / "data" / "bad"


def bomb(levels: int = 10, width: int = 10) -> str:
    """A flow sequence whose last item expands to width**(levels-1) strings (10**9 by default)."""
    chain = ["&a0 lol"] + [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "[" + ", ".join(chain) + "]"


def test_a_bomb_is_refused_at_the_loader_with_its_place() -> None:
    with pytest.raises(FormatError) as info:
        load(f"schema: x\nlaughs: {bomb()}\n", "f.yaml")
    assert str(info.value).startswith("f.yaml:2:10: YAML anchor &a0:")


@pytest.mark.parametrize("case", ["yaml-alias-bomb.yaml", "doc-alias-bomb.yaml", "collection-alias-bomb.yaml"])
def test_bombs_in_project_files_are_refused(case: str, tmp_path: Path) -> None:
    path = BAD / case
    read = {"yaml-alias-bomb.yaml": lambda: decode(path.read_text(encoding="utf-8"), case),
            "doc-alias-bomb.yaml": lambda: read_document(path, case),
            "collection-alias-bomb.yaml": lambda: read_collection(path, case)}[case]
    with pytest.raises(FormatError) as info:
        read()
    assert "anchors and aliases are not accepted" in info.value.message
    assert info.value.location.path == case and info.value.location.line and info.value.location.column


def test_a_keymap_bomb_is_refused(tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.yaml"
    keymap.write_text(f"review.confirm: {bomb()}\n", encoding="utf-8")
    with pytest.raises(FormatError, match="anchors and aliases"):
        read_keymap(keymap, {"review.confirm"}, "keymap.yaml")


@pytest.mark.parametrize("text, where", [
    ("a: &x 1\nb: 2\n", "1:4: YAML anchor &x"),                        # an anchor alone
    ("base: &b {k: v}\nother:\n  <<: *b\n", "1:7: YAML anchor &b"),   # a merge key
    ("- &s one\n- *s\n", "1:3: YAML anchor &s"),
])
def test_anchors_aliases_and_merge_keys_are_refused(text: str, where: str) -> None:
    with pytest.raises(FormatError) as info:
        load(text, "f.yaml")
    assert str(info.value).startswith(f"f.yaml:{where}")


def test_an_undefined_alias_is_a_located_syntax_error() -> None:
    with pytest.raises(FormatError) as info:
        load("a: *nothing\n", "f.yaml")
    assert info.value.location.line == 1


def test_ampersands_and_asterisks_in_text_are_not_anchors() -> None:
    text = ("note: R&D and *italic* words & more\n"
            "quoted: '&x *y'\n"
            "block: |\n  s1 0-9 p0 | *Italic* &amp; ~~struck~~ &x\n")
    data = load(text, "f.yaml")
    assert data["note"] == "R&D and *italic* words & more"
    assert data["quoted"] == "&x *y"
    assert data["block"].endswith("&amp; ~~struck~~ &x\n")
