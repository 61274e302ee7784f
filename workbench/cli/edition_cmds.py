"""Edition commands: ``meta`` and ``decide-meta`` (metadata corrections), ``undo`` (revert a decision),
``report`` (the review report a second reader checks)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from workbench.cli.corpus_cmds import corpus_of, open_session
from workbench.core import decide
from workbench.core.errors import InputError
from workbench.core.export.report import document_report, render_report_html
from workbench.core.metadata import FIELDS, field_rows, hand_edits
from workbench.storage.atomic import atomic_write_bytes
from workbench.storage.config import default_author
from workbench.storage.volume_export import render_pdf

RAW = argparse.RawDescriptionHelpFormatter


def cmd_meta(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    ref = corpus.parse_address(args.document)
    meta = corpus.read_meta(ref)
    state = corpus.open_state(ref, missing_ok=True)
    rows = [{"field": row.spec.name, "label": row.spec.label, "value": row.value, "received": row.received,
             "decision": row.decision.id if row.decision else None,
             "reason": row.decision.reason if row.decision else None,
             "printed_from": list(row.printed_from)} for row in field_rows(meta, state)]
    edits = hand_edits(meta, state)
    if args.json:
        print(json.dumps({"document": str(ref), "fields": rows, "hand_edits": [e.message for e in edits]},
                         ensure_ascii=False, indent=2))
        return 1 if edits else 0
    for row in rows:
        value = str(row["value"]).replace("\n", " / ")
        extra = ""
        if row["decision"]:
            was = str(row["received"]).replace("\n", " / ")
            extra = f"   [{row['decision']}: {row['reason']}; received “{was}”]"
        elif row["printed_from"]:
            extra = f"   [printed from the English of {', '.join(row['printed_from'])}]"
        print(f"{row['field']:<34} {value}{extra}")
    for edit in edits:
        print(f"{ref}: {edit.message}", file=sys.stderr)
    return 1 if edits else 0


def cmd_decide_meta(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    ref = corpus.parse_address(args.document)
    file = corpus.alignment_file(ref)
    if not file.exists():
        raise InputError(f"{ref} has no alignment file yet; run 'workbench align {ref}'")
    meta = corpus.read_meta(ref)
    session = open_session(file)
    decision = decide.set_metadata(session.state, meta, args.field, args.value, args.author or default_author(),
                                   reason=args.reason or "", note=args.note)
    session.record(decision)
    print(decision.id, flush=True)
    session.save()
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    ref = corpus.parse_address(args.document)
    file = corpus.alignment_file(ref)
    if not file.exists():
        raise InputError(f"{ref} has no alignment file yet")
    session = open_session(file)
    decision = decide.revert(session.state, args.decision, args.author or default_author(), reason=args.reason)
    session.record(decision)
    print(decision.id, flush=True)
    session.save()
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    refs = corpus.documents(args.collection) if args.collection else []
    refs += [corpus.parse_address(a) for a in args.documents]
    if not refs:
        raise InputError("name documents (COLLECTION/DOC …) or --collection C")
    refs = list(dict.fromkeys(refs))
    reports = [document_report(corpus.read_meta(ref), corpus.open_state(ref)) for ref in refs]
    title = args.collection or ", ".join(str(r) for r in refs)
    page = render_report_html(reports, title)
    out = corpus.output_path(args.out, "--out", folder=False)
    data = render_pdf(page) if args.format == "pdf" else page.encode("utf-8")
    atomic_write_bytes(out, data)
    changed = sum(len(r.changes) for r in reports)
    print(f"wrote {args.out} ({len(reports)} document(s), {changed} link(s) changed or commented)")
    return 0


def register(sub: Any) -> None:
    """Add the edition commands to the CLI."""
    names = ", ".join(f.name for f in FIELDS)
    p = sub.add_parser("meta", help="a document's metadata as corrected, with the decisions behind it",
                       formatter_class=RAW, description="Print each metadata field of a document as every export "
                       "prints it, with the decision that corrected it and the value received, or the link whose "
                       "English prints it. Exit 1 when document.yaml was changed by hand (a value that differs from "
                       "what was received, with no decision explaining it).\n\nexample:\n  workbench meta "
                       "bolshevik-correspondence/091\n  workbench meta bolshevik-correspondence/091 --json")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("--json", action="store_true", help='print {"document", "fields": [{"field", "label", "value", '
                   '"received", "decision", "reason", "printed_from"}], "hand_edits"}')
    p.set_defaults(handler=cmd_meta)

    p = sub.add_parser("decide-meta", help="correct a field of a document's metadata (a decision with a reason)",
                       formatter_class=RAW, description="Record a correction of one metadata field and print the "
                       "decision's id. document.yaml keeps the value as received; every export prints the corrected "
                       "one. Correcting the archival reference's text parses its parts again; a part can be "
                       f"corrected alone. Fields: {names}. Undo with 'workbench undo DOC DECISION'.\n\nexample:\n"
                       "  workbench decide-meta bolshevik-correspondence/091 archival_reference 'RTsKhIDNI. F. 558. "
                       "Op. 1. D. 5551. L. 3-4. Autograph.' --reason 'archive name and Op. as printed in 1996'\n"
                       "  workbench decide-meta bolshevik-correspondence/092 source_page 148 --reason 'checked in "
                       "the printed book'")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("field", metavar="FIELD", help="the field, e.g. title, date, date_when, archival_reference, "
                   "archival_reference.repository, source_page")
    p.add_argument("value", metavar="VALUE", help="the corrected value ('' to clear it)")
    p.add_argument("--reason", help="why (required)")
    p.add_argument("--note", help="a longer remark kept with the decision")
    p.add_argument("--author", help="who decides (default: $WORKBENCH_AUTHOR, git user.name, login)")
    p.set_defaults(handler=cmd_decide_meta)

    p = sub.add_parser("undo", help="undo a decision (recorded as a new decision that reverts it)",
                       formatter_class=RAW, description="Revert one decision of a document by its id (as 'workbench "
                       "log' prints it) and print the id of the revert. The history keeps both.\n\nexample:\n"
                       "  workbench undo bolshevik-correspondence/091 D-1a2b3c4d5e")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("decision", metavar="DECISION", help="the id of the decision to undo")
    p.add_argument("--reason", help="why")
    p.add_argument("--author", help="who decides (default: $WORKBENCH_AUTHOR, git user.name, login)")
    p.set_defaults(handler=cmd_undo)

    p = sub.add_parser("report", help="the review report: every change MT → edition, with who, when and why",
                       formatter_class=RAW, description="Write the review report a second reader checks: for each "
                       "document, link by link, the word diff from the machine translation to the edition (deleted "
                       "words struck, inserted underlined) with the reason, author and time of each edit and the "
                       "comments; then the variant decisions with their evidence and certainty, the metadata "
                       "corrections, the editors' notes and the QA findings waived. HTML, or PDF through "
                       "WeasyPrint.\n\nexample:\n"
                       "  workbench report bolshevik-correspondence/092 --out /tmp/092-report.html\n"
                       "  workbench report --collection bolshevik-correspondence --format pdf --out /tmp/report.pdf")
    p.add_argument("documents", nargs="*", metavar="DOC", help="documents as COLLECTION/DOC")
    p.add_argument("--collection", help="every document of this collection")
    p.add_argument("--format", choices=["html", "pdf"], default="html", help="html (default) or pdf")
    p.add_argument("--out", required=True, help="the file to write")
    p.set_defaults(handler=cmd_report)
