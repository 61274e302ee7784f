"""``workbench open [PATH | DOC]``: the review app (also what ``workbench`` alone runs)."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path
from typing import Any

import workbench
from workbench.core.errors import InputError, Location
from workbench.storage.corpus import Corpus, DocRef
from workbench.storage.crash_report import write_crash_report
from workbench.storage.keymap_file import default_keymap_path, read_keymap

RAW = argparse.RawDescriptionHelpFormatter

#: exit code of ``workbench open`` when an unexpected error (a bug) stopped the app: neither 1
#: (findings) nor 2 (bad input), so a script can tell a crash from both
EXIT_INTERNAL_ERROR = 3


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
        corpus.open_state(ref)  # a damaged file (cut short, a block lost) is refused before the app starts
    app = WorkbenchApp(corpus, document=ref, author=getattr(args, "author", None), keymap=keymap, ask_name=True)
    result = app.run()
    if app.crash is not None:
        return report_crash(app.crash)
    return result if isinstance(result, int) else 0


def where_raised(error: BaseException) -> str:
    """The innermost place in the workbench's own code an error came from (``path:line``), else the last one."""
    frames = traceback.extract_tb(error.__traceback__)
    root = Path(workbench.__file__).resolve().parent.parent
    ours = [f for f in frames if Path(f.filename).resolve().is_relative_to(root / "workbench")]
    candidates = ours or list(frames)
    if not candidates:
        return ""
    frame = candidates[-1]
    path = Path(frame.filename).resolve()
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    return f"{shown}:{frame.lineno}"


def report_crash(error: BaseException) -> int:
    """One message for an unexpected error in the app (the traceback goes to a report file)."""
    detail = "".join(traceback.format_exception(error))
    report = write_crash_report(f"workbench {workbench.__version__}: unexpected error in the review app\n\n{detail}")
    where = where_raised(error)
    summary = f"{type(error).__name__}: {error}" + (f" (at {where})" if where else "")
    print(f"workbench: the review app stopped on an unexpected error: {summary}. Every decision the app "
          "showed is in the document's journal and comes back when you open it again. "
          + (f"Details for a bug report: {report}" if report else "No report file could be written."),
          file=sys.stderr)
    return EXIT_INTERNAL_ERROR


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
