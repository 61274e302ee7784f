"""Corpus commands: import, export back to the received shape, status, validate, decide, log."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from workbench.cli.progress import Progress
from workbench.core import decide
from workbench.core.actions import Action
from workbench.core.documents import pending_source_message
from workbench.core.editors_notes import DEFAULT_KIND, NOTE_KINDS, note_by_id
from workbench.core.edits import distribute
from workbench.core.errors import InputError, WorkbenchError
from workbench.core.models import Alignment, Decision, Link, touched_ids
from workbench.core.qa.model import CHECK_IDS
from workbench.core.safe_values import escape_controls, is_plain_file_name
from workbench.storage.alignment_codec import decision_to_dict
from workbench.storage.alignment_store import AlignmentFile, Session
from workbench.storage.atomic import atomic_write_text, os_error
from workbench.storage.config import author_and_source
from workbench.storage.corpus import Corpus, DocRef
from workbench.storage.importers import (
    Imported,
    PairSide,
    export_collection_received,
    export_document_received,
    import_collection,
    import_pair,
    import_udhr,
)
from workbench.storage.validation import validate_paths, validate_project
from workbench.storage.variant_counts import full_status

RAW = argparse.RawDescriptionHelpFormatter


def corpus_of(args: argparse.Namespace) -> Corpus:
    """The project folder for a command."""
    return Corpus.find(getattr(args, "root", None))


def open_session(file: AlignmentFile) -> Session:
    """Open a document for recording; what opening repaired (a torn journal end) is said on stderr."""
    session = Session(file)
    for line in session.messages:
        print(f"workbench: {line}", file=sys.stderr)
    return session


def say(message: str) -> None:
    """Print a message about what a command found or repaired on stderr."""
    print(f"workbench: {message}", file=sys.stderr)


def _report(imported: list[Imported], bar: Progress) -> None:
    for item in imported:
        what = "kept existing alignment file" if item.links is None else f"{item.links} links"
        bar.step(str(item.ref), f"{item.ref}: {what}")


def cmd_import_collection(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    imported = import_collection(corpus, args.file, args.collection, force=args.force, on_message=say)
    _report(imported, Progress(len(imported)))
    for item in imported:
        meta = corpus.read_meta(item.ref)
        if meta.source_pending:
            print(f"{item.ref}: {pending_source_message(meta)}", file=sys.stderr)
            break
    print(f"imported {len(imported)} documents into texts/{args.collection}/")
    return 0


def _sides(args: argparse.Namespace) -> tuple[PairSide, PairSide]:
    return (PairSide(args.src, args.src_siglum, args.src_lang, args.src_description),
            PairSide(args.tgt, args.tgt_siglum, args.tgt_lang, args.tgt_description))


def cmd_import_pair(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    src, tgt = _sides(args)
    item = import_pair(corpus, args.collection, args.doc, src, tgt, title=args.title or "", force=args.force,
                       backend=args.backend, on_message=say)
    _report([item], Progress(1))
    print(f"imported {item.ref} ({src.siglum} → {tgt.siglum})")
    return 0


def cmd_import_udhr(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    src, tgt = _sides(args)
    item = import_udhr(corpus, args.collection, args.doc, src, tgt, force=args.force, backend=args.backend,
                       on_message=say)
    _report([item], Progress(1))
    print(f"imported {item.ref} ({src.siglum} → {tgt.siglum})")
    return 0


def cmd_export_received(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    out = corpus.output_path(args.out)
    files: list[tuple[str, str]] = []
    if args.collection:
        files.append(export_collection_received(corpus, args.collection))
    for address in args.documents:
        files.extend(export_document_received(corpus, corpus.parse_address(address)))
    if not files:
        raise InputError("name documents (COLLECTION/DOC …) or --collection C")
    for name, _ in files:  # the readers refuse such names already; a writer outside --out must be impossible
        if not is_plain_file_name(name):
            raise InputError(f"received file name {name!r} is not a plain file name; nothing was written")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, str(out), "cannot create the output folder") from None
    for name, text in files:
        atomic_write_text(out / name, text)
        print(out / name)
    return 0


# ---------------------------------------------------------------------------------- status, validate


def cmd_status(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    rows = []
    errors: list[str] = []
    for ref in corpus.documents(getattr(args, "collection", None)):
        try:  # one unreadable document must not hide the others
            meta = corpus.read_meta(ref)
            rows.append((meta, full_status(corpus, ref, meta, corpus.open_state(ref, missing_ok=True))))
        except WorkbenchError as err:
            errors.append(f"workbench: {err}")
    code = _report_errors(errors)
    if args.json:
        print(json.dumps({"documents": [s.as_json() for _, s in rows]}, ensure_ascii=False, indent=2))
        return code
    if not rows:
        print("no documents yet: import some with 'workbench import-collection' or 'workbench import-pair'")
        return 0
    head = f"{'document':<42} {'links':>5} {'conf':>5} {'rej':>4} {'flag':>4} {'low':>4} {'edit':>4} {'var':>4}  source"
    print(head)
    for meta, s in rows:
        source = "pending" if s.source_pending else meta.source
        name = f"{s.collection}/{s.id}"
        print(f"{name:<42} {s.links:>5} {s.confirmed:>5} {s.rejected:>4} {s.flagged:>4} {s.low_confidence:>4} "
              f"{s.edited:>4} {s.variants_unresolved:>4}  {source}")
    pending = [m for m, s in rows if s.source_pending]
    if pending:
        print(f"\n{len(pending)} document(s): source witness pending — add one with "
              "workbench add-witness DOC ru-1996 FILE --lang ru --description 'printed edition, 1996'")
    return code


def _report_errors(errors: list[str]) -> int:
    """Print errors of single documents on stderr; exit code 2 if there were any."""
    for line in errors:
        print(line, file=sys.stderr)
    return 2 if errors else 0


def cmd_validate(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    report = validate_paths(corpus, [corpus.inside(p) for p in args.paths]) if args.paths else validate_project(corpus)
    for line in report.errors + report.findings:
        print(line)
    if report.errors:
        print(f"{len(report.errors)} error(s), {len(report.findings)} finding(s)", file=sys.stderr)
        return 2
    if report.findings:
        print(f"{len(report.findings)} finding(s) in {report.checked} file(s)", file=sys.stderr)
        return 1
    print(f"ok: {report.checked} file(s) checked", file=sys.stderr)
    return 0


# -------------------------------------------------------------------------------------- decide, log


def cmd_decide(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    ref = corpus.parse_address(args.document)
    file = corpus.alignment_file(ref)
    if not file.exists():
        raise InputError(f"{ref} has no alignment file yet; run 'workbench align {ref}'")
    author, source = author_and_source(args.author)
    session = open_session(file)
    session.author_from = source
    state = session.state
    action = Action(args.action)
    if action.is_status:
        decision = decide.set_status(state, args.link, action, author, reason=args.reason, note=args.text)
    elif action is Action.EDIT:
        if args.text is None:
            raise InputError("edit needs --text 'the corrected English'")
        link = _link(state, args.link)
        decision = decide.edit(state, args.link, distribute(args.text, len(link.target)), author,
                               reason=args.reason)
    elif action is Action.ANNOTATE:
        decision = _annotate(state, args, author)
    elif action is Action.ANNOTATE_REMOVE:
        note_id = args.note_id or args.link
        found = note_by_id(state, note_id)
        if found is None:
            raise InputError(f"no editors' note {note_id!r} in {ref}; name it with --note-id (E1 …)")
        decision = decide.remove_annotation(state, note_id, author, reason=args.reason)
    elif action is Action.QA_WAIVE:
        decision = _waive(corpus, ref, state, args, author)
    else:
        if not args.text:
            raise InputError("comment needs --text 'the comment'")
        decision = decide.comment(state, args.link, args.text, author, reason=args.reason)
    session.record(decision)
    print(decision.id, flush=True)  # durable from here on, even if the save below fails
    session.save()
    return 0


def _annotate(state: Alignment, args: argparse.Namespace, author: str) -> Decision:
    """``decide DOC LINK annotate --text … --anchor 'words' [--kind K] [--note-id E1]``."""
    if not args.text:
        raise InputError("annotate needs --text 'the note'")
    note_id = args.note_id
    anchor = args.anchor
    kind = args.kind
    if note_id is not None:  # rewriting a note: what is not given stays as it was
        current = note_by_id(state, note_id)
        if current is None:
            raise InputError(f"no editors' note {note_id!r} in {state.document}")
        anchor = anchor if anchor is not None else current.anchor
        kind = kind or current.kind
    if anchor is None:
        raise InputError("annotate needs --anchor 'words of the English the note is about'")
    _link(state, args.link)
    return decide.annotate(state, args.link, args.text, anchor, author, kind=kind or DEFAULT_KIND, note_id=note_id,
                           reason=args.reason)


def _waive(corpus: Corpus, ref: DocRef, state: Alignment, args: argparse.Namespace, author: str) -> Decision:
    """A ``qa-waive`` of the open findings of ``--check`` on a link (or a metadata field such as
    ``archival_reference``), for the English as it now reads."""
    # the checks load rapidfuzz and the aligner's romanisation: imported when a waiver needs them
    from workbench.core.qa.run import meta_fields
    from workbench.core.qa.waivers import judged_text
    from workbench.storage.qa_runs import document_findings

    if not args.check:
        raise InputError("qa-waive needs --check ID (the check whose finding does not apply)")
    if not args.reason:
        raise InputError("qa-waive needs --reason 'why the finding does not apply'")
    findings = document_findings(corpus, [ref], [args.check] if args.check in CHECK_IDS else CHECK_IDS,
                                 states={str(ref): state})[str(ref)]
    fields = meta_fields(corpus.read_meta(ref))
    judged = judged_text(state, args.link, fields)
    if judged is None:
        raise InputError(f"{args.link!r} is neither a link of {ref} nor one of its metadata fields "
                         f"({', '.join(fields)})")
    open_checks = {f.check for f in findings if f.target == args.link and f.unwaived}
    return decide.waive(state, args.link, args.check, args.reason, author, judged=judged, open_checks=open_checks,
                        note=args.text)


def _link(state: Alignment, link_id: str) -> Link:
    try:
        return state.link(link_id)
    except KeyError:
        raise InputError(f"no link {link_id!r} in {state.document}; 'workbench log' and the app show link ids"
                         ) from None


def cmd_log(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    ref = corpus.parse_address(args.document)
    state = corpus.open_state(ref)
    decisions = [d for d in state.decisions if args.link is None or args.link in touched_ids(d)]
    commits = None
    if args.git:
        from workbench.storage.git_team import decision_commits

        commits = {i: c.commit for i, c in decision_commits(corpus.alignment_file(ref).path).items()}
    if args.json:
        rows = [decision_to_dict(d) | ({"commit": commits.get(d.id)} if commits is not None else {})
                for d in decisions]
        print(json.dumps({"document": str(ref), "revision": state.revision,
                          "decisions": rows}, ensure_ascii=False, indent=2))
        return 0
    if not decisions:
        print(f"{ref}: no decisions yet" + (f" on {args.link}" if args.link else ""))
        return 0
    for d in decisions:
        change = ""
        if d.before is not None or d.after is not None:
            before = (d.before or "").replace("\n", " ⏎ ")
            after = (d.after or "").replace("\n", " ⏎ ")
            change = f": {_short(before)} → {_short(after)}"
        extra = "".join(f" [{k}={v}]" for k, v in d.data.fields().items())
        reason = f" ({d.reason})" if d.reason else ""
        note = f" — {d.note}" if d.note else ""
        # one decision, one line: a newline or ESC from a hand-edited file is shown, never obeyed
        source = f"  (name from {d.author_from})" if d.author_from else ""  # last: the columns stay as they were
        commit = f"  commit {commits.get(d.id, '-')[:10]}" if commits is not None else ""
        print(escape_controls(f"{d.id}  {d.time}  {d.author}  {d.action} {d.target}{change}{reason}{note}{extra}"
                              f"{source}{commit}"))
    return 0


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# ------------------------------------------------------------------------------------------ register


def _pair_args(p: argparse.ArgumentParser, src_siglum: str, tgt_siglum: str) -> None:
    p.add_argument("src", metavar="SRC", help="source-language file (Russian)")
    p.add_argument("tgt", metavar="TGT", help="target-language file (English)")
    p.add_argument("--collection", required=True, help="collection id, e.g. garnett-stories")
    p.add_argument("--doc", required=True, help="document id inside the collection, e.g. khameleon")
    p.add_argument("--src-lang", default="ru", help="source language code (default ru)")
    p.add_argument("--tgt-lang", default="en", help="target language code (default en)")
    p.add_argument("--src-siglum", default=src_siglum, help=f"siglum of the source witness (default {src_siglum})")
    p.add_argument("--tgt-siglum", default=tgt_siglum, help=f"siglum of the target witness (default {tgt_siglum})")
    p.add_argument("--src-description", default="", help="what the source witness is")
    p.add_argument("--tgt-description", default="", help="what the target witness is")
    p.add_argument("--backend", default="auto", choices=["auto", "plain", "dictionary", "embeddings"],
                   help="aligner backend for the first alignment (default auto)")
    p.add_argument("--force", action="store_true", help="replace the texts of an existing document "
                   "(its alignment file and decisions are kept)")


def register(sub: Any) -> None:
    """Add the corpus commands to the CLI."""
    p = sub.add_parser("status", help="documents with their link, review and variant counts",
                       formatter_class=RAW, description="Show every document with its counts: links, confirmed, "
                       "rejected, flagged, low-confidence, edited, unresolved variants, and whether the source "
                       "witness is still pending.\n\nexample:\n  workbench status\n  workbench status --json")
    p.add_argument("--json", action="store_true", help='print {"documents": [{"collection", "id", "witnesses", '
                   '"links", "confirmed", "rejected", "flagged", "edited", "variants_unresolved", "source_pending"}]}')
    p.add_argument("--collection", help="only this collection")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("validate", help="check texts/ and alignments/ (or the given paths)",
                       formatter_class=RAW, description="Check document metadata, witness markup and alignment "
                       "files, and report what interrupted commands left (torn journal ends and their side files, "
                       "temporary files, witness files document.yaml does not list, .workbench-staging/). Problems "
                       "print as PATH:LINE:COL: message.\nExit 0: all good; 1: findings (e.g. a "
                       "witness changed since it was aligned); 2: a file could not be read or parsed."
                       "\n\nexample:\n  workbench validate\n  workbench validate alignments/udhr/udhr.yaml")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders inside the project "
                   "(default: texts/ and alignments/)")
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("import-collection", help="import a file of numbered documents (the seed's shape)",
                       formatter_class=RAW, description="Split a file of numbered documents ('No. 91' …) into a "
                       "collection: per document its metadata (number, title, date, addressee, place/date, "
                       "signature, archival reference, notes) and the English witness en-mt.txt with note markers "
                       "recognised. The file must rebuild byte for byte from what is imported, or nothing is "
                       "written.\n\nexample:\n  workbench import-collection seed.txt --collection "
                       "bolshevik-correspondence")
    p.add_argument("file", metavar="FILE", help="UTF-8 text file")
    p.add_argument("--collection", required=True, help="collection id to create")
    p.add_argument("--force", action="store_true", help="replace the texts of existing documents "
                   "(alignment files and decisions are kept)")
    p.set_defaults(handler=cmd_import_collection)

    p = sub.add_parser("import-pair", help="import two paragraph-per-line files as one document",
                       formatter_class=RAW, description="Import a source and a target file with one paragraph "
                       "per line (plain, or bilinguator markup: <h1>, <i>, <delimiter>) as one document with "
                       "two witnesses, and align them.\n\nexample:\n  workbench import-pair khameleon_ru.txt "
                       "khameleon_en.txt --collection garnett-stories --doc khameleon")
    _pair_args(p, "ru-edition", "en-translation")
    p.add_argument("--title", help="document title (default: the target file's <h1> title)")
    p.set_defaults(handler=cmd_import_pair)

    p = sub.add_parser("import-udhr", help="import UDHR-in-XML files (Russian and English) as one document",
                       formatter_class=RAW, description="Import two 'UDHR in XML' files as one document; the XML "
                       "is read without entities, DTDs or network access.\n\nexample:\n  workbench import-udhr "
                       "udhr_rus.xml udhr_eng.xml --collection udhr --doc udhr")
    _pair_args(p, "ru-un", "en-un")
    p.set_defaults(handler=cmd_import_udhr)

    p = sub.add_parser("export-received", help="write documents back in the shape they were imported from",
                       formatter_class=RAW, description="Write the witnesses back in their received shape (the "
                       "seed's web text, bilinguator files, UDHR XML). Unchanged witnesses give the imported "
                       "files byte for byte.\n\nexample:\n  workbench export-received --collection "
                       "bolshevik-correspondence --out /tmp/back")
    p.add_argument("documents", nargs="*", metavar="DOC", help="documents as COLLECTION/DOC")
    p.add_argument("--collection", help="a collection imported with import-collection (writes the whole file)")
    p.add_argument("--out", required=True, help="output folder")
    p.set_defaults(handler=cmd_export_received)

    p = sub.add_parser("decide", help="record one editorial decision on a link",
                       formatter_class=RAW, description="Record a decision on a link and print its id. Actions: "
                       "confirm, reject, flag, unconfirm, edit (--text is the corrected English), comment (--text "
                       "is the comment: kept in the history, never published), qa-waive (--check ID --reason "
                       "TEXT: set a QA finding aside while the English stays as it is), annotate (an editors' note: "
                       "--text is the note, --anchor the words of the link's English it is about, --kind "
                       "explanatory, biographical or textual; with --note-id E1 it rewrites that note), "
                       "annotate-remove (takes the note --note-id out). The decision is durable when the id is "
                       "printed.\n\nexample:\n  workbench decide "
                       "udhr/udhr L3 confirm\n  workbench decide bolshevik-correspondence/094 L7 edit --text "
                       "'So strike at Lvov: now you have time.' --reason mistranslation\n  workbench decide "
                       "udhr/udhr L11 qa-waive --check omission --reason 'the preamble has no Russian heading'\n"
                       "  workbench decide bolshevik-correspondence/092 L4 annotate --anchor 'Wrangel Front' --kind "
                       "explanatory --text 'The front against the White army of P. N. Wrangel in the Crimea and "
                       "northern Tavria.'")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("link", metavar="LINK", help="link id, e.g. L12 (annotate-remove: the note id also works)")
    p.add_argument("action", metavar="ACTION", choices=["confirm", "reject", "flag", "unconfirm", "edit", "comment",
                                                        "qa-waive", "annotate", "annotate-remove"],
                   help="confirm | reject | flag | unconfirm | edit | comment | qa-waive | annotate | "
                   "annotate-remove")
    p.add_argument("--text", help="the corrected English (edit), the comment (comment), the editors' note "
                   "(annotate), or a remark kept with a status decision")
    p.add_argument("--anchor", help="annotate: the words of the link's English the note is about")
    p.add_argument("--kind", choices=NOTE_KINDS, help="annotate: the kind of note (default explanatory)")
    p.add_argument("--note-id", help="annotate: rewrite this editors' note (E1 …); annotate-remove: the note")
    p.add_argument("--reason", help="reason code, e.g. mistranslation, name-spelling, omission, style")
    p.add_argument("--author", help="who decides (default: $WORKBENCH_AUTHOR, 'workbench config user.name', git "
                   "user.name, login)")
    p.add_argument("--check", metavar="ID", help="qa-waive: the QA check whose finding on LINK does not apply "
                   "(LINK may also be a metadata field, e.g. archival_reference)")
    p.set_defaults(handler=cmd_decide)

    p = sub.add_parser("log", help="the decision history of a document",
                       formatter_class=RAW, description="Print the decisions recorded for a document, oldest "
                       "first, each with its author and where the name came from (option, environment, config, "
                       "git, login)."
                       "\n\nexample:\n  workbench log udhr/udhr --link L3 --git\n  workbench log udhr/udhr --json")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("--link", help="only decisions that touched this link")
    p.add_argument("--json", action="store_true", help='print {"document", "revision", "decisions": [...]}')
    p.add_argument("--git", action="store_true", help="show the git commit that brought each decision in "
                   "('-' while it is not committed)")
    p.set_defaults(handler=cmd_log)


__all__ = ["register", "cmd_status"]
