"""Export commands: ``export`` (publication and interchange formats), ``import-po``, ``metrics``."""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workbench.cli.corpus_cmds import corpus_of
from workbench.cli.qa_cmds import finding_line
from workbench.core.documents import pending_source_message
from workbench.core.errors import InputError
from workbench.core.export.formats import FORMATS, NEEDS_SOURCE, check_formats
from workbench.core.export.gate import Blocker
from workbench.core.export.loss import report_lines
from workbench.core.export.policy import check_policy
from workbench.core.export.review import PUBLISHING
from workbench.core.export.text_view import READING, VIEWS
from workbench.core.gc_pause import gc_paused
from workbench.core.metrics import Metrics, corpus_metrics, signatures
from workbench.core.qa.model import Finding
from workbench.core.variant_decisions import DEFAULT_POLICY, POLICIES
from workbench.storage.config import default_author
from workbench.storage.corpus import Corpus, DocRef
from workbench.storage.exporters import (
    load_document,
    plan_export,
    write_export,
    write_loss_report,
)
from workbench.storage.po_import import import_po
from workbench.storage.project_settings import read_house_style
from workbench.storage.volume_export import check_volume_formats, plan_volume, write_volume

RAW = argparse.RawDescriptionHelpFormatter


def export_time() -> str:
    """Now as ISO 8601 UTC, or ``$SOURCE_DATE_EPOCH`` when set (reproducible exports)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_policy(value: str) -> str:
    """``struck=omit`` → ``omit``."""
    key, sep, policy = value.partition("=")
    if not sep or key.strip() != "struck":
        raise InputError(f"--policy {value!r}: write struck=POLICY, POLICY one of {', '.join(POLICIES)}")
    return check_policy(policy.strip())


def _refs(corpus: Corpus, args: argparse.Namespace) -> list[DocRef]:
    refs = corpus.documents(args.collection) if args.collection else []
    refs += [corpus.parse_address(a) for a in args.documents]
    if not refs:
        raise InputError("name documents (COLLECTION/DOC …) or --collection C")
    return list(dict.fromkeys(refs))


def _cmd_volume(args: argparse.Namespace, corpus: Corpus) -> int:
    if not args.collection or args.documents:
        raise InputError("--volume takes --collection C (and no DOC): a volume is a whole collection")
    formats = check_volume_formats(args.format)
    policy = parse_policy(args.policy) if args.policy else DEFAULT_POLICY
    out = corpus.output_path(args.out)
    from workbench.storage.qa_runs import open_errors_by_document
    qa_errors = open_errors_by_document(corpus, corpus.documents(args.collection))
    with gc_paused():
        plan = plan_volume(corpus, args.collection, formats, out, policy, draft=args.draft,
                           style=read_house_style(corpus.root),
                           qa=lambda doc: [finding_line(f) for f in qa_errors.get(doc.address, [])])
    if not _passes_gate(plan.blockers, args.draft):
        return 1
    for path in write_volume(plan):
        print(f"wrote {path}")
    print(f"volume of {len(plan.volume.documents)} document(s): {', '.join(formats)}")
    return 0


def _passes_gate(blockers: Sequence[Blocker], draft: bool) -> bool:
    """Print the publication gate's blockers: as refusals (False: write nothing, exit 1), or under
    ``--draft`` as notes on the draft written anyway (True)."""
    if blockers and not draft:
        for blocker in blockers:
            print(f"blocked: {blocker.line}", file=sys.stderr)
        count = len({b.document for b in blockers})
        print(f"nothing written: {len(blockers)} blocker(s) in {count} document(s) stop publication; resolve "
              "them, or write a draft with --draft", file=sys.stderr)
        return False
    for blocker in blockers:
        print(f"draft: {blocker.line}", file=sys.stderr)
    return True


def cmd_export(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    if args.volume:
        return _cmd_volume(args, corpus)
    try:
        formats = check_formats(args.format)
    except ValueError as err:
        raise InputError(f"--format: {err}") from None
    policy = parse_policy(args.policy) if args.policy else DEFAULT_POLICY
    out = corpus.output_path(args.out)
    loss_report = corpus.output_path(args.loss_report, "--loss-report", folder=False) if args.loss_report else None
    refs = _refs(corpus, args)
    docs = [load_document(corpus, ref) for ref in refs]
    style = read_house_style(corpus.root)
    # like the unconfirmed-links warning, QA errors concern the edition's English, not translation files
    from workbench.storage.qa_runs import open_errors_by_document
    qa_errors = open_errors_by_document(corpus, refs, {d.meta.address: d.state for d in docs}) \
        if args.strict or PUBLISHING & set(formats) else {}
    with gc_paused():
        plan = plan_export(docs, formats, out, policy, export_time(), view=args.text, draft=args.draft, style=style,
                           qa=lambda doc: [finding_line(f) for f in qa_errors.get(doc.address, [])])
    if not _passes_gate(plan.blockers, args.draft):
        return 1
    for line in report_lines(plan.losses):
        print(line)
    for warning in plan.warnings:
        print(f"warning: {warning.message}", file=sys.stderr)
    _print_qa_errors(qa_errors)
    if loss_report is not None:
        write_loss_report(loss_report, plan.losses, policy, plan.warnings,
                          [f for errors in qa_errors.values() for f in errors])
        print(f"loss report written to {args.loss_report}")
    if args.strict and qa_errors:
        total = sum(len(errors) for errors in qa_errors.values())
        print(f"workbench: --strict: {total} open QA error(s) in {len(qa_errors)} document(s); nothing exported "
              "(correct them, or waive them with 'workbench decide DOC LINK qa-waive')", file=sys.stderr)
        return 1
    pending = [d.meta for d in docs if d.meta.source_pending]
    if pending and any(f in NEEDS_SOURCE or f == "tei" for f in formats):
        print(f"{len(pending)} document(s) without a source witness; {pending_source_message(pending[0])}",
              file=sys.stderr)
    with gc_paused():
        written = write_export(plan)
    for path, (_, item) in zip(written, plan.outputs, strict=True):
        unit = {"tmx": "translation units", "po": "entries"}.get(item.format, "segments")
        print(f"wrote {path} ({item.units} {unit})")
    if not written:
        print("nothing written: every document was skipped (see the loss report)", file=sys.stderr)
        return 1
    return 0


def _print_qa_errors(qa_errors: dict[str, list[Finding]]) -> None:
    """The open QA errors: listed after the loss report, and one warning per document."""
    if not qa_errors:
        return
    print("open QA errors ('workbench qa DOC' lists every finding):")
    for errors in qa_errors.values():
        for finding in errors:
            print(f"  {finding_line(finding)}")
    for address, errors in qa_errors.items():
        checks = ", ".join(dict.fromkeys(f.check for f in errors))
        print(f"warning: {address}: {len(errors)} open QA error(s) ({checks})", file=sys.stderr)


def _word_diff(before: str, after: str) -> str:
    a, b = before.split(), after.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(a[i1:i2]))
        else:
            if i2 > i1:
                out.append("[-" + " ".join(a[i1:i2]) + "-]")
            if j2 > j1:
                out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def cmd_import_po(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    author = args.author or default_author()
    result = import_po(corpus, Path(args.file).resolve(), author, dry_run=args.dry_run)
    for message in result.ignored:
        print(message, file=sys.stderr)
    for o in result.outcomes:
        where = f"{o.document} {o.link}" + (f" (line {o.line})" if o.line else "")
        if o.kind == "conflict":
            print(f"{where}: CONFLICT: {o.message}")
        elif o.kind == "edit":
            print(f"{where}: edit: {_word_diff(o.before, o.after)}")
        elif o.kind == "comment":
            print(f"{where}: comment: {o.after}")
        else:
            print(f"{where}: {o.kind} ({o.message}: {o.before} → {o.after})")
    for plan in result.plans:
        if plan.stale:
            print(f"{plan.document}: {len(plan.stale)} entr{'y' if len(plan.stale) == 1 else 'ies'} unchanged in the "
                  f"PO file but changed in the project since the export ({', '.join(plan.stale[:10])}"
                  f"{' …' if len(plan.stale) > 10 else ''}); export again for the current text")
    planned = sum(1 for o in result.outcomes if o.decision is not None)
    conflicts = len(result.conflicts)
    if args.dry_run:
        print(f"dry run: {planned} decision(s) would be recorded, {conflicts} conflict(s); nothing written")
    else:
        print(f"{result.recorded} decision(s) recorded, {conflicts} conflict(s) not applied")
    return 1 if conflicts else 0


def _metrics_row(m: Metrics) -> str:
    values = []
    for name in ("chrF++", "TER", "BLEU"):
        score = m.score(name)
        values.append(f"{score.value:>7.2f}" if score else f"{'-':>7}")
    return f"{m.label:<46} {m.segments:>6} {m.edited:>6} {100 * m.edited_share:>6.1f}% " + " ".join(values)


def cmd_metrics(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    refs = _refs(corpus, args)
    states = []
    for ref in refs:
        states.append((str(ref), corpus.open_state(ref)))
    per_doc, pooled = corpus_metrics(states)
    if args.json:
        print(json.dumps({"documents": [m.as_json() for m in per_doc], "corpus": pooled.as_json(),
                          "signatures": signatures()}, ensure_ascii=False, indent=2))
        return 0
    print("MT as received against the edited English (TER against the post-edit = HTER)")
    print(f"{'document':<46} {'segs':>6} {'edited':>6} {'share':>7} {'chrF++':>7} {'TER':>7} {'BLEU':>7}")
    for m in per_doc:
        print(_metrics_row(m))
    print(_metrics_row(pooled))
    print("signatures:")
    for name, sig in signatures().items():
        print(f"  {name:<7} {sig}")
    return 0


def register(sub: Any) -> None:
    """Add the export commands to the CLI."""
    p = sub.add_parser("export", help="write the edition (md, html, docx, txt, tei) or interchange files (tmx, po)",
                       formatter_class=RAW, description="Write the edition — the English the decisions produce — "
                       "for publication (md, html, docx, txt), as bilingual TEI, or for translation tools (tmx: "
                       "confirmed links; po: every link, for Poedit/Weblate). Files go to OUT/<collection>/<doc>."
                       "<ext>. Before anything is written, a loss report lists what the format cannot carry.\n\n"
                       "Publishing formats (md, html, docx, txt, tei) pass a gate: a document with an unresolved "
                       "variant, links not confirmed, a note without a marker in the text, metadata edited by hand "
                       "in document.yaml or open QA errors is refused (exit 1, one line per blocker, nothing "
                       "written). --draft writes anyway and marks every output as a draft (a watermark line; "
                       "revisionDesc status=\"draft\" in TEI; X-Workbench-Draft in a PO header). Notes are labelled "
                       "by the house_style of workbench.yaml (default: the source's notes numbered as printed, "
                       "the editors' notes lettered and closed with '— Ed.').\n\n"
                       "Documents whose source witness is pending are skipped by tmx and po (and have no source "
                       "half in tei).\n\nexamples:\n  workbench export --format md,docx --collection "
                       "bolshevik-correspondence --out /tmp/edition\n  workbench export --volume --collection "
                       "bolshevik-correspondence --format html,pdf,tei --out /tmp/volume\n  workbench export --format "
                       "po udhr/udhr --out "
                       "/tmp/po --policy struck=bracket --loss-report /tmp/po/loss.json")
    p.add_argument("documents", nargs="*", metavar="DOC", help="documents as COLLECTION/DOC")
    p.add_argument("--format", required=True, help=f"one or more of {', '.join(FORMATS)} (comma-separated), or all")
    p.add_argument("--collection", help="every document of this collection")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--text", choices=VIEWS, default=READING, help="md, html, docx, txt: the reading text (as "
                   "published: crossed-out words out, abbreviations expanded) or the diplomatic text (every mark "
                   "shown: ⟨added⟩, ⟦old⟧⟨new⟩, unclear(?), [hand: …], ‖ f. 2 ‖, sic [sic]); default reading. "
                   "TEI encodes every mark either way")
    p.add_argument("--policy", help=f"struck=POLICY: how struck text is published ({'|'.join(POLICIES)}; "
                   f"default {DEFAULT_POLICY}); a variant-policy decision overrides it per variant")
    p.add_argument("--loss-report", metavar="FILE", help="also write the loss report as JSON")
    p.add_argument("--draft", action="store_true", help="write even when the publication gate refuses, marking "
                   "every output as a draft")
    p.add_argument("--volume", action="store_true", help="with --collection: the whole volume (front matter, "
                   "contents, documents in order, index, archival sources) as md, html (a page per document and "
                   "an index page), tei (teiCorpus) or pdf (WeasyPrint); files OUT/<collection>/volume.*")
    p.add_argument("--strict", action="store_true", help="write nothing while a document has an open QA error "
                   "(exit 1); see 'workbench qa'")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import-po", help="bring a translator's PO file back as decisions",
                       formatter_class=RAW, description="Read a PO file made by 'workbench export --format po' and "
                       "edited in Poedit or Weblate: a changed msgstr becomes an edit decision, clearing or "
                       "setting fuzzy a confirm/unconfirm decision, a new translator comment a note. An entry "
                       "whose link changed in the project since the export is a conflict: reported, not applied "
                       "(exit 1).\n\nexamples:\n  workbench import-po /tmp/po/udhr/udhr.po --dry-run\n  workbench "
                       "import-po /tmp/po/udhr/udhr.po --author 'A. Editor'")
    p.add_argument("file", metavar="FILE", help="the PO file")
    p.add_argument("--author", help="who decides (default: $WORKBENCH_AUTHOR, git user.name, login)")
    p.add_argument("--dry-run", action="store_true", help="show the changes as a word diff; record nothing")
    p.set_defaults(handler=cmd_import_po)

    p = sub.add_parser("metrics", help="post-editing metrics: chrF++, TER (HTER), BLEU, share edited",
                       formatter_class=RAW, description="Score the MT as received against the edited English, per "
                       "document and pooled over the documents: chrF++ (higher is better), TER against the "
                       "editors' post-edit, i.e. HTER (lower is better), BLEU, and the share of segments edited. "
                       "Each score comes with its sacrebleu signature.\n\nexamples:\n  workbench metrics "
                       "--collection bolshevik-correspondence\n  workbench metrics udhr/udhr --json")
    p.add_argument("documents", nargs="*", metavar="DOC", help="documents as COLLECTION/DOC")
    p.add_argument("--collection", help="every document of this collection")
    p.add_argument("--json", action="store_true", help='print {"documents": [...], "corpus": {...}, '
                   '"signatures": {...}}')
    p.set_defaults(handler=cmd_metrics)
