"""Generate docs/cli.md from the argument parser, so the CLI reference cannot drift from the code.

Usage: ``python -m workbench.cli.docgen > docs/cli.md`` (tests/test_cli.py checks it is current).
"""

from __future__ import annotations

import argparse
import os

from workbench.cli import build_parser

HEADER = """# Command-line reference

Generated from the commands' own `--help` by `python -m workbench.cli.docgen > docs/cli.md`; a test keeps it
current. Documents are addressed as `COLLECTION/DOC` (e.g. `bolshevik-correspondence/092`). Exit codes: 0 ok,
1 findings, 2 bad input (one message naming the file and place; nothing written).
"""


def generate() -> str:
    """The Markdown reference of every command."""
    os.environ["COLUMNS"] = "100"  # stable wrapping of argparse's help text
    parser = build_parser()
    parts = [HEADER, "## workbench\n", "```\n" + parser.format_help().rstrip() + "\n```\n"]
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        parts.append(f"## workbench {name}\n")
        parts.append("```\n" + command.format_help().rstrip() + "\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(generate(), end="")
