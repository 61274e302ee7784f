"""Team commands: working on one project from several clones through git (``git-setup``,
``merge-driver``, ``conflicts``, ``resolve``), the integrity record (``reseal``), and who the editor is
(``config``). docs/collaboration.md describes the set-up."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workbench.core.errors import InputError
from workbench.storage.alignment_codec import reseal_text
from workbench.storage.atomic import atomic_write_text
from workbench.storage.textfile import read_text

RAW = argparse.RawDescriptionHelpFormatter


def _corpus(args: argparse.Namespace) -> Any:
    from workbench.storage.corpus import Corpus

    return Corpus.find(getattr(args, "root", None))


def cmd_reseal(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    for name in args.paths:
        path = corpus.inside(name)
        label = corpus.label(path)
        if path.suffix != ".yaml" or not path.is_file():
            raise InputError(f"{label}: reseal takes alignment files (alignments/COLLECTION/DOC.yaml)")
        with _lock(path):
            text = read_text(path, label=label)
            new = reseal_text(text, label)  # everything but the record is checked: a bad file stays refused
            if new != text:
                atomic_write_text(path, new, label)
                print(f"{label}: integrity record written")
            else:
                print(f"{label}: already sealed", file=sys.stderr)
    return 0


def _lock(path: Path) -> Any:
    from workbench.storage.atomic import file_lock

    return file_lock(path)


def register(sub: Any) -> None:
    """Add the team commands to the CLI."""
    p = sub.add_parser("reseal", help="write a new integrity record into alignment files changed by hand",
                       formatter_class=RAW, description="An alignment file ends with an integrity record (counts "
                       "and a sha256 digest) that every reader checks, so a file cut short or missing a block is "
                       "refused. After changing a file by hand on purpose, reseal it: everything else in it is "
                       "still checked.\n\nexample:\n  workbench reseal alignments/udhr/udhr.yaml")
    p.add_argument("paths", nargs="+", metavar="FILE", help="alignment files")
    p.set_defaults(handler=cmd_reseal)
