"""``workbench open [PATH | DOC]``: the review app (also what ``workbench`` alone runs)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench.core.errors import InputError, Location
from workbench.storage.corpus import Corpus, DocRef
from workbench.storage.keymap_file import default_keymap_path, read_keymap

RAW = argparse.RawDescriptionHelpFormatter


def resolve_target(root: str | None, target: str | None) -> tuple[Corpus, DocRef | None]:
    """The project and the document to open from ``--root`` and the optional PATH or DOC argument.

    ``target`` may be a document address (``udhr/udhr``), a project folder, a document folder
    (``texts/udhr/udhr``) or an alignment file (``alignments/udhr/udhr.yaml``).
    """
    if not target:
        return Corpus.find(root), None
    path = Path(target)
    if path.is_dir() and (path / "texts").is_dir():
        return Corpus(path), None
    if path.exists():
        resolved = path.resolve()
        corpus = Corpus.find(root, start=resolved if resolved.is_dir() else resolved.parent)
        inside = corpus.inside(str(resolved))
        rel = inside.relative_to(corpus.root).parts
        if len(rel) == 3 and rel[0] == "alignments" and rel[2].endswith(".yaml"):
            return corpus, corpus.parse_address(f"{rel[1]}/{rel[2][:-5]}")
        if len(rel) >= 3 and rel[0] == "texts":
            return corpus, corpus.parse_address(f"{rel[1]}/{rel[2]}")
        raise InputError("give a document as COLLECTION/DOC, a document folder under texts/, an alignment file "
                         "under alignments/, or a project folder", Location(target))
    corpus = Corpus.find(root)
    return corpus, corpus.parse_address(target)


def open_app(args: argparse.Namespace) -> int:
    """Start the app; bad input (unknown document, bad keymap) is one line and exit 2 before it starts."""
    # Textual loads here, not at the top: every other command starts without paying for it.
    from workbench.ui.app import WorkbenchApp
    from workbench.ui.keymap import KEYS_BY_ID

    corpus, ref = resolve_target(getattr(args, "root", None), getattr(args, "target", None))
    keymap_arg = getattr(args, "keymap", None)
    keymap_path = Path(keymap_arg) if keymap_arg else default_keymap_path()
    keymap = read_keymap(keymap_path, KEYS_BY_ID) if keymap_path is not None else {}
    if ref is not None:
        file = corpus.alignment_file(ref)
        if not file.exists():
            raise InputError(f"{ref} has no alignment file yet; run 'workbench align {ref}' first")
    app = WorkbenchApp(corpus, document=ref, author=getattr(args, "author", None), keymap=keymap)
    result = app.run()
    return result if isinstance(result, int) else 0


def register(sub: Any) -> None:
    """Add ``open`` to the CLI."""
    p = sub.add_parser("open", help="open the review app (the default command)", formatter_class=RAW,
                       description="Open the review app on the project: the collection browser, or the review "
                       "screen of one document. Every act is a decision, durable at once and undoable; '?' in "
                       "the app lists the keys.\n\nexample:\n  workbench open\n  workbench open "
                       "garnett-stories/khameleon\n  workbench open alignments/udhr/udhr.yaml --keymap my-keys.yaml")
    p.add_argument("target", nargs="?", metavar="PATH | DOC", help="a document (COLLECTION/DOC), a document folder, "
                   "an alignment file, or a project folder (default: the collection browser of this project)")
    p.add_argument("--keymap", help="YAML file of binding id: keys (default: $WORKBENCH_KEYMAP, else "
                   "~/.config/workbench/keymap.yaml when it exists)")
    p.add_argument("--author", help="who decides (default: $WORKBENCH_AUTHOR, git user.name, login)")
    p.set_defaults(handler=open_app)
