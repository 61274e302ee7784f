"""``workbench align``: (re-)align documents in the project, keeping every editor decision; ``workbench
reanchor``: re-anchor a document on its corrected witness."""

from __future__ import annotations

import argparse
from typing import Any

from workbench.cli.progress import Progress
from workbench.core.bulk_align import realign_document
from workbench.core.documents import pending_source_message
from workbench.core.errors import InputError
from workbench.storage.alignments import check_witnesses, create_alignment_file, make_align_fn
from workbench.storage.config import default_author
from workbench.storage.corpus import Corpus, DocRef
from workbench.storage.reanchoring import reanchor_document

HELP = """\
Align the source and target witnesses of documents and write their alignment files. A document
without an alignment file gets one (for a document whose source witness is
pending: its English segments, one 0-1 link each). In a document that has one, confirmed, rejected and flagged
links, and every link a decision names (notes, edits, structural acts), are kept exactly as they
are; only the stretches of unreviewed links between them are re-aligned, and links the aligner
finds again keep their ids. Documents whose source witness is pending are reported and skipped.
The backends used (plain, dictionary, embeddings) are printed for each document.

example:
  workbench align udhr/udhr
  workbench align --collection garnett-stories --backend plain
  workbench align --all"""


def _targets(corpus: Corpus, args: argparse.Namespace) -> list[DocRef]:
    if args.all:
        return corpus.documents()
    refs = [corpus.parse_address(a) for a in args.documents]
    if args.collection:
        refs += corpus.documents(args.collection)
    if not refs:
        raise InputError("name documents (COLLECTION/DOC …), --collection C, or --all")
    return refs


def cmd_align(args: argparse.Namespace) -> int:
    corpus = Corpus.find(args.root)
    refs = _targets(corpus, args)
    findings = 0
    progress = Progress(len(refs))
    for ref in refs:
        head = f"{ref}:"
        meta = corpus.read_meta(ref)
        file = corpus.alignment_file(ref)
        if not file.exists():
            state = create_alignment_file(corpus, ref, args.backend)
            backend = state.signature.get("aligner.backend", "none: source pending") if state else "?"
            progress.step(str(ref), f"{head} created, {len(state.links) if state else 0} links (backend {backend})")
            continue
        if meta.source_pending:
            progress.step(str(ref), f"{head} skipped — {pending_source_message(meta)}")
            continue
        with file.lock():
            state = file.read().state
            problems = check_witnesses(corpus, ref, state)
            if problems:
                findings += 1
                progress.step(str(ref), "\n".join(f"{head} not aligned: {p.message}" for p in problems))
                continue
            source = corpus.read_witness(ref, meta.source)
            target = corpus.read_witness(ref, meta.target)
            align_fn = make_align_fn(state.source.language if state.source else "ru", state.target.language,
                                     args.backend)
            result, signature = realign_document(state, align_fn, source, target)
            if result.state != state:
                file.write(result.state)
        backend = signature.get("backend", "—") if signature else "—"
        message = (f"{head} {len(result.state.links)} links: {result.changed} new or changed, {result.kept} kept, "
                   f"{result.fixed} fixed by editors (backend {backend})")
        recorded = state.signature.get("aligner.backend", "")
        missing = [part for part in recorded.split("+") if part and part not in backend.split("+")]
        if signature and missing and args.backend == "auto":
            message += (f"\n{head} note: the file was aligned with {'+'.join(missing)}, which this machine "
                        "lacks (pip install 'workbench[embeddings]' adds embeddings); links found again were kept "
                        "as they were")
        progress.step(str(ref), message)
    return 1 if findings else 0


def register(sub: Any) -> None:
    """Add ``align`` to the CLI."""
    p = sub.add_parser("align", help="align documents' witnesses, keeping every editor decision",
                       formatter_class=argparse.RawDescriptionHelpFormatter, description=HELP)
    p.add_argument("documents", nargs="*", metavar="DOC", help="documents as COLLECTION/DOC")
    p.add_argument("--collection", help="every document of a collection")
    p.add_argument("--all", action="store_true", help="every document of the project")
    p.add_argument("--backend", default="auto", choices=["auto", "plain", "dictionary", "embeddings"],
                   help="aligner backend (default auto: whatever this machine has)")
    p.set_defaults(handler=cmd_align)

    p = sub.add_parser("reanchor", help="re-anchor a document's alignment on its corrected witness text",
                       formatter_class=argparse.RawDescriptionHelpFormatter, description=REANCHOR_HELP)
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("--backend", default="auto", choices=["auto", "plain", "dictionary", "embeddings"],
                   help="aligner backend for the changed stretches (default auto)")
    p.add_argument("--author", help="who re-anchors (default: $WORKBENCH_AUTHOR, git user.name, login)")
    p.set_defaults(handler=cmd_reanchor)


REANCHOR_HELP = """\
A corrected transcription changes a witness's text, and 'align' refuses the document until its
alignment is re-anchored. This maps the old segments onto the new text (a segment whose text is
unchanged keeps its id), keeps every link and decision whose text is unchanged, re-aligns only the
stretches that changed, and lists each decision that no longer applies (a confirmed link whose
Russian changed goes back to auto; an edit of a changed English sentence is dropped): none is
dropped silently. The decision log keeps them all, with a 'reanchor' record.

example:
  workbench reanchor manuscripts/telegram"""


def cmd_reanchor(args: argparse.Namespace) -> int:
    corpus = Corpus.find(args.root)
    ref = corpus.parse_address(args.document)
    done = reanchor_document(corpus, ref, args.author or default_author(), args.backend)
    if not done:
        print(f"{ref}: no witness changed since it was aligned; nothing to re-anchor")
        return 0
    for item in done:
        r = item.result
        print(f"{ref}: {item.side.value} witness {item.siglum} re-anchored: {r.kept_segments} segment(s) kept, "
              f"{len(r.new_segments)} new ({', '.join(r.new_segments) or '—'}), {len(r.removed_segments)} gone "
              f"({', '.join(r.removed_segments) or '—'}); {r.kept_links} link(s) kept as they were")
        for old, new in r.realigned:
            print(f"  re-aligned {', '.join(old) or '(insertion)'} → {', '.join(new) or '—'}")
        if r.lapsed:
            print(f"  {len(r.lapsed)} decision(s) no longer apply:")
            for lapsed in r.lapsed:
                print(f"    {lapsed.decision or '(edit)'}: {lapsed.what}")
        else:
            print("  every decision still applies")
    return 0
