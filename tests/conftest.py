"""Shared fixtures: a private copy of the sample corpus for tests that write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of texts/ and alignments/ in a temporary project folder."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("texts", "alignments"):
        shutil.copytree(PROJECT / name, root / name, ignore=shutil.ignore_patterns("*.journal", ".*.lock"))
    return root


@pytest.fixture()
def empty_project(tmp_path: Path) -> Path:
    """An empty project folder (texts/ and alignments/ exist, nothing in them)."""
    root = tmp_path / "empty"
    (root / "texts").mkdir(parents=True)
    (root / "alignments").mkdir()
    return root


@pytest.fixture(autouse=True)
def _user_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test reads and writes the user's workbench settings (``workbench config``) in a folder of
    its own, never the real ~/.config/workbench."""
    folder = tmp_path_factory.mktemp("user-config")
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(folder))
    return folder
