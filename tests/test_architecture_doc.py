"""docs/architecture.md names every module of the package, so the map cannot fall behind the code."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_module_is_in_the_architecture_page() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = []
    for path in sorted((ROOT / "workbench").rglob("*.py")):
        if path.name in ("__init__.py", "__main__.py") and path.parent.name != "cli":
            continue
        rel = path.relative_to(ROOT / "workbench")
        # named by its file name in its package's table, or with its sub-package (screens/review.py)
        if f"`{path.name}`" not in text and f"{rel.parent.name}/{path.name}" not in text and path.name not in text:
            missing.append(str(rel))
    assert not missing, f"docs/architecture.md does not name: {missing}"
