"""``workbench qa`` (the quality checks of the English) and ``workbench queue`` (links by risk)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from workbench.core.errors import InputError
from workbench.core.qa.model import CHECK_IDS, Finding, counts
from workbench.storage.corpus import Corpus, DocRef

RAW = argparse.RawDescriptionHelpFormatter

QA_HELP = f"""\
Run the quality checks on the English of documents and print what they find, one finding a line:
the document, the link (or the metadata field), the check, the severity, the message, and the
suggested replacement where there is one. Waived findings (workbench decide DOC LINK qa-waive) are
left out unless --include-waived; a waiver no longer holds once the English it judged has changed.
The checks (docs/qa.md): {", ".join(CHECK_IDS)}.
The glossary is texts/<collection>/glossary.yaml (with the project's glossary.yaml beneath it).
Exit code 0 when nothing is open, 1 when findings are open, 2 on bad input.

example:
  workbench qa --collection bolshevik-correspondence
  workbench qa udhr/udhr --check number,glossary --json"""

QUEUE_HELP = """\
List the links of a document by risk, riskiest first: open QA findings (by severity), the aligner's
confidence for unreviewed links, flagged links, edits not yet confirmed, and variants the link touches.
Confirmed links without findings are not listed. docs/qa.md gives the weights.

example:
  workbench queue bolshevik-correspondence/094 --limit 10"""


def _targets(corpus: Corpus, args: argparse.Namespace) -> list[DocRef]:
    """The documents named, else those of --collection, else (--all or nothing) every aligned document."""
    refs = [corpus.parse_address(a) for a in args.documents]
    if args.collection:
        refs += [r for r in corpus.documents(args.collection) if corpus.alignment_path(r).exists()]
        if not refs:
            raise InputError(f"collection {args.collection!r} has no aligned document")
    if args.all or not refs:
        refs = [r for r in corpus.documents() if corpus.alignment_path(r).exists()]
    return list(dict.fromkeys(refs))


def parse_checks(value: str | None) -> tuple[str, ...]:
    """``--check number,glossary`` → the check ids; an unknown id is bad input."""
    if value is None:
        return CHECK_IDS
    wanted = tuple(dict.fromkeys(c.strip() for c in value.split(",") if c.strip()))
    unknown = [c for c in wanted if c not in CHECK_IDS]
    if unknown or not wanted:
        raise InputError(f"--check: unknown check {', '.join(unknown) or repr(value)}; the checks are "
                         f"{', '.join(CHECK_IDS)}")
    return wanted


def finding_line(finding: Finding) -> str:
    """One finding as ``workbench qa`` prints it."""
    place = finding.link or finding.field or "-"
    span = f" [{finding.span[0]}:{finding.span[1]}]" if finding.span else ""
    suggestion = f" → {finding.suggestion}" if finding.suggestion is not None else ""
    waived = " (waived)" if finding.waived else ""
    return (f"{finding.document} {place} {finding.check} {finding.severity.value}{waived}: "
            f"{finding.message}{span}{suggestion}")


def cmd_qa(args: argparse.Namespace) -> int:
    from workbench.storage.qa_runs import document_findings  # the checks' libraries load only when run

    corpus = Corpus.find(args.root)
    checks = parse_checks(args.check)
    refs = _targets(corpus, args)
    found = document_findings(corpus, refs, checks)
    every = [f for fs in found.values() for f in fs]
    shown = every if args.include_waived else [f for f in every if f.unwaived]
    tally = counts(every)
    if args.json:
        print(json.dumps({"findings": [f.as_json() for f in shown], "counts": tally}, ensure_ascii=False,
                         indent=2))
    else:
        for finding in shown:
            print(finding_line(finding))
        waived = sum(1 for f in every if f.waived)
        summary = ", ".join(f"{n} {name}(s)" for name, n in tally.items())
        print(f"{len(refs)} document(s): {summary}" + (f"; {waived} waived" if waived else ""))
    return 1 if any(tally.values()) else 0


def cmd_queue(args: argparse.Namespace) -> int:
    from workbench.core.qa.risk import review_queue, variant_touches
    from workbench.storage.qa_runs import document_findings

    corpus = Corpus.find(args.root)
    ref = corpus.parse_address(args.document)
    if args.limit is not None and args.limit < 1:
        raise InputError("--limit must be 1 or more")
    state = corpus.open_state(ref)
    findings = document_findings(corpus, [ref], states={str(ref): state})[str(ref)]
    items = review_queue(state, findings, variant_touches(corpus.read_meta(ref), state))
    if args.limit is not None:
        items = items[:args.limit]
    if args.json:
        print(json.dumps({"document": str(ref), "queue": [i.as_json() for i in items]}, ensure_ascii=False,
                         indent=2))
        return 0
    if not items:
        print(f"{ref}: nothing to review")
    for item in items:
        print(f"{item.risk:6.2f}  {item.link:<6} {'; '.join(item.reasons)}")
    return 0


def register(sub: Any) -> None:
    """Add ``qa`` and ``queue`` to the CLI."""
    p = sub.add_parser("qa", help="quality checks of the English (glossary, numbers, names, spacing …)",
                       formatter_class=RAW, description=QA_HELP)
    p.add_argument("documents", nargs="*", metavar="DOC", help="documents as COLLECTION/DOC")
    p.add_argument("--collection", help="every aligned document of a collection")
    p.add_argument("--all", action="store_true", help="every aligned document of the project (the default)")
    p.add_argument("--check", metavar="ID,…", help="run only these checks (comma-separated ids)")
    p.add_argument("--include-waived", action="store_true", help="also list waived findings, marked (waived)")
    p.add_argument("--json", action="store_true",
                   help='print {"findings": [...], "counts": {"error", "warning", "info"}}')
    p.set_defaults(handler=cmd_qa)

    p = sub.add_parser("queue", help="a document's links by risk: what to review first",
                       formatter_class=RAW, description=QUEUE_HELP)
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("--limit", type=int, metavar="N", help="only the N riskiest links")
    p.add_argument("--json", action="store_true",
                   help='print {"document", "queue": [{"link", "risk", "reasons", "findings"}]}')
    p.set_defaults(handler=cmd_queue)
