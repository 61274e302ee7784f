"""Keymap files (read by storage, checked against the app's binding ids) and `workbench open` bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.cli import main
from workbench.core.errors import FormatError
from workbench.storage.keymap_file import read_keymap
from workbench.ui.keymap import KEYS, KEYS_BY_ID


def test_every_binding_has_a_unique_id_and_a_description() -> None:
    assert len(KEYS_BY_ID) == len(KEYS)
    assert all(spec.id and spec.description and "." in spec.id for spec in KEYS)


def test_a_keymap_file_is_read_and_checked(tmp_path: Path) -> None:
    good = tmp_path / "keys.yaml"
    good.write_text("review.confirm: enter\nreview.merge_next: m, plus\n", encoding="utf-8")
    assert read_keymap(good, KEYS_BY_ID) == {"review.confirm": "enter", "review.merge_next": "m,plus"}
    typo = tmp_path / "typo.yaml"
    typo.write_text("review.confirm: enter\nreview.confrim: c\n", encoding="utf-8")
    with pytest.raises(FormatError) as err:
        read_keymap(typo, KEYS_BY_ID)
    assert "review.confrim" in str(err.value) and ":2:" in str(err.value)
    bad = tmp_path / "bad.yaml"
    bad.write_text("review.confirm: [enter]\n", encoding="utf-8")
    with pytest.raises(FormatError, match="must be a string"):
        read_keymap(bad, KEYS_BY_ID)
    odd = tmp_path / "odd.yaml"
    odd.write_text("review.confirm: 'c;d'\n", encoding="utf-8")
    with pytest.raises(FormatError, match="key names separated by commas"):
        read_keymap(odd, KEYS_BY_ID)


def test_open_refuses_bad_input_with_one_line(project: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "open", "udhr/nothing"]) == 2
    assert "unknown document" in capsys.readouterr().err
    typo = tmp_path / "typo.yaml"
    typo.write_text("review.confrim: c\n", encoding="utf-8")
    assert main(["--root", str(project), "open", "udhr/udhr", "--keymap", str(typo)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "review.confrim" in err and "Traceback" not in err


def test_docs_list_every_binding() -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "tui.md").read_text(encoding="utf-8")
    missing = [spec.id for spec in KEYS if f"`{spec.id}`" not in docs]
    assert not missing, f"docs/tui.md does not list {missing}"
