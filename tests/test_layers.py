"""The layout is the architecture: core is pure, storage does files, only ui imports Textual."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "workbench"


def test_core_and_storage_do_not_load_textual_or_rich() -> None:
    code = (
        "import json, sys, pkgutil, importlib\n"
        "import workbench.core, workbench.storage\n"
        "for pkg in (workbench.core, workbench.storage):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "print(json.dumps(sorted(k for k in sys.modules if k.split('.')[0] in ('textual', 'rich'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


#: Names core may take from otherwise banned modules: an in-memory buffer is not a file.
IN_MEMORY = {("io", "BytesIO")}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if all((node.module, alias.name) in IN_MEMORY for alias in node.names):
                continue
            found.add(node.module)
    return found


def test_core_is_pure() -> None:
    banned = {"yaml", "textual", "rich", "workbench.storage", "workbench.ui", "workbench.cli",
              "pathlib", "shutil", "tempfile", "fcntl", "io"}
    for path in (PKG / "core").rglob("*.py"):
        for name in _imports(path):
            assert not any(name == b or name.startswith(b + ".") for b in banned), f"{path}: imports {name}"
        text = path.read_text(encoding="utf-8")
        assert "open(" not in text.replace(".open(", ""), f"{path}: core must not open files"


def test_only_ui_imports_textual_and_storage_does_not_import_ui() -> None:
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG)
        names = _imports(path)
        if rel.parts[0] != "ui":
            assert not any(n.split(".")[0] in ("textual",) for n in names), f"{rel}: imports textual"
        if rel.parts[0] in ("core", "storage"):
            assert not any(n.split(".")[0] == "rich" for n in names), f"{rel}: imports rich"
            assert not any(n.startswith("workbench.ui") or n.startswith("workbench.cli") for n in names), rel
