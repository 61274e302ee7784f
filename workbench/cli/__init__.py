"""Command-line entry point: parse arguments, call core/storage, print. Exit codes: 0 ok, 1 findings,
2 bad input, 3 the review app stopped on an unexpected error (a bug). Each command group lives in its
own module with a ``register(subparsers)``; their order in :data:`COMMAND_GROUPS` is the order of ``--help``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from workbench import __version__
from workbench.cli import align_cmds, align_doc_cmds, corpus_cmds, export_cmds, open_cmd, variant_cmds
from workbench.core.errors import WorkbenchError

COMMAND_GROUPS = (corpus_cmds, align_doc_cmds, align_cmds, variant_cmds, export_cmds, open_cmd)

EPILOG = """\
Documents are addressed as COLLECTION/DOC, e.g. bolshevik-correspondence/092.
Exit codes: 0 ok, 1 findings (e.g. validation problems), 2 bad input, 3 the review app
stopped on an unexpected error (a bug; the journal keeps every decision).
Run 'workbench COMMAND --help' for the options of one command."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own exit code is 2 as well
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every registered command."""
    parser = _Parser(
        prog="workbench",
        description="Translation-alignment and textual-variant workbench. "
        "With no command it opens the review app on the corpus.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("--root", default=None, help="project folder holding texts/ and alignments/ "
                        "(default: the current folder or the nearest parent that has texts/)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_GROUPS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        handler = getattr(args, "default_handler", None) or _default
    try:
        return handler(args)
    except WorkbenchError as err:
        print(f"workbench: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _default(args: argparse.Namespace) -> int:
    return open_cmd.open_app(args)
