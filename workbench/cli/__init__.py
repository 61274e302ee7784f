"""Command-line entry point: parse arguments, call core/storage, print. Exit codes: 0 ok, 1 findings,
2 bad input, 3 the review app stopped on an unexpected error (a bug). Each command group lives in its
own module with a ``register(subparsers)``; their order in :data:`COMMAND_GROUPS` is the order of ``--help``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from workbench import __version__
from workbench.cli import (
    align_cmds,
    align_doc_cmds,
    corpus_cmds,
    edition_cmds,
    export_cmds,
    open_cmd,
    qa_cmds,
    team_cmds,
    variant_cmds,
)
from workbench.core.errors import WorkbenchError
from workbench.core.safe_values import check_language, check_text, escape_controls

COMMAND_GROUPS = (corpus_cmds, align_doc_cmds, align_cmds, variant_cmds, qa_cmds, edition_cmds, export_cmds,
                  open_cmd, team_cmds)

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


# Options checked for every command that has them (core/safe_values.py): one-line values may hold no
# control character at all, free text TAB and LF; language options must be language codes.
ONE_LINE_OPTIONS = ("author", "reason", "evidence", "description", "src_description", "tgt_description",
                    "provenance", "title", "witness", "anchor", "note_id")
FREE_TEXT_OPTIONS = ("text", "note", "value")
LANGUAGE_OPTIONS = ("lang", "src_lang", "tgt_lang")


def _option_name(dest: str) -> str:
    return "VALUE" if dest == "value" else "--" + dest.replace("_", "-")


def check_options(args: argparse.Namespace) -> None:
    """Refuse control characters and bad language codes where they enter: on the command line."""
    for dest in ONE_LINE_OPTIONS + FREE_TEXT_OPTIONS:
        value = getattr(args, dest, None)
        if isinstance(value, str):
            check_text(value, _option_name(dest), one_line=dest in ONE_LINE_OPTIONS)
    for dest in LANGUAGE_OPTIONS:
        value = getattr(args, dest, None)
        if isinstance(value, str):
            check_language(value, _option_name(dest))


class EscapingStream:
    """stdout/stderr for a command: whatever it prints, a control character reaches the terminal as
    ``\\u001b`` (TAB and LF aside). A safety net: fields known to carry user text are escaped where they
    are printed. ``raw_stream`` is for the progress bar's own cursor movements."""

    def __init__(self, stream: TextIO) -> None:
        self.raw_stream = stream

    def write(self, text: str) -> int:
        return self.raw_stream.write(escape_controls(text, keep="\n\t"))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw_stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        handler = getattr(args, "default_handler", None) or _default
    # the app draws the terminal itself; every other command prints through the escaping streams
    streams = (sys.stdout, sys.stderr)
    if args.command not in (None, "open"):
        sys.stdout, sys.stderr = EscapingStream(sys.stdout), EscapingStream(sys.stderr)  # type: ignore[assignment]
    try:
        check_options(args)
        return handler(args)
    except WorkbenchError as err:
        print(f"workbench: {escape_controls(str(err))}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # the last resort; storage names what it was doing where it can
        where = " → ".join(str(name) for name in (exc.filename, exc.filename2) if name)
        print(escape_controls(f"workbench: {where + ': ' if where else ''}{exc.strerror or exc}"), file=sys.stderr)
        return 2
    finally:
        sys.stdout, sys.stderr = streams


def _default(args: argparse.Namespace) -> int:
    return open_cmd.open_app(args)
