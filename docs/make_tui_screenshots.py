"""Regenerate the SVG screenshots in docs/ and print the keymap table of docs/tui.md.

Usage (from the project folder): .venv/bin/python docs/make_tui_screenshots.py
The app runs headless at 160×48 on a temporary copy of the sample corpus, and each screen is saved
with Textual's own ``export_screenshot``.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

from workbench.ui.app import make_app
from workbench.ui.screens.help import keymap_rows

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


async def shoot(project: Path) -> None:
    app = make_app(str(project), author="editor", poll_interval=3600, save_interval=3600)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        (DOCS / "tui-browser.svg").write_text(app.export_screenshot(title="workbench: collections"), "utf-8")
        app.open_document(app.corpus.parse_address("garnett-stories/khameleon"))
        await pilot.pause()
        await pilot.press("c", "c", "g", *"11", "enter")
        await pilot.pause()
        await pilot.press("e")
        app.review.editor.area.load_text("“Hold him! Ah… ah!” he shouts.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()  # the QA checks: their marks and counts
        await pilot.pause()
        (DOCS / "tui-review.svg").write_text(app.export_screenshot(title="workbench: review"), "utf-8")
        await pilot.press("e")
        await pilot.pause()
        (DOCS / "tui-editor.svg").write_text(app.export_screenshot(title="workbench: editing the English"),
                                             "utf-8")
        await pilot.press("escape", "escape")
        await pilot.pause()
        app.open_document(app.corpus.parse_address("bolshevik-correspondence/092"))
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        (DOCS / "tui-pending.svg").write_text(app.export_screenshot(title="workbench: source pending"), "utf-8")
        await pilot.press("V")
        await pilot.pause()
        (DOCS / "tui-variants.svg").write_text(app.export_screenshot(title="workbench: variants"), "utf-8")
        await pilot.press("question_mark")
        await pilot.pause()
        (DOCS / "tui-help.svg").write_text(app.export_screenshot(title="workbench: keys"), "utf-8")


def keymap_table() -> str:
    lines = ["| where | key | what it does | binding id |", "| --- | --- | --- | --- |"]
    for group, keys, description, binding_id in keymap_rows({}):
        keys = keys.replace("|", "\\|")
        lines.append(f"| {group} | `{keys}` | {description} | `{binding_id}` |")
    return "\n".join(lines)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in ("texts", "alignments"):
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("*.journal", ".*.lock"))
        asyncio.run(shoot(project))
    print(keymap_table())


if __name__ == "__main__":
    main()
