"""Witness and variant commands: add-witness, variants, collate, decide-variant."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from workbench.cli.corpus_cmds import open_session, say
from workbench.core import decide
from workbench.core.apparatus import ApparatusNote, apparatus_notes
from workbench.core.documents import DocumentMeta
from workbench.core.errors import InputError
from workbench.core.models import Alignment, Decision
from workbench.core.variant_decisions import POLICIES
from workbench.core.variants.collate import Collation
from workbench.core.variants.normalise import RULES, Normalisation, parse_rules
from workbench.core.variants.readings import (
    UNRESOLVED,
    Variant,
    collate_witnesses,
    document_variants,
    witness_issues,
)
from workbench.core.variants.table import rows
from workbench.storage.config import default_author
from workbench.storage.corpus import Corpus, DocRef
from workbench.storage.witnesses import ROLES, add_witness, read_tei_witness

RAW = argparse.RawDescriptionHelpFormatter
EMPTY = "—"


def _corpus(args: argparse.Namespace) -> Corpus:
    return Corpus.find(getattr(args, "root", None))


def load_document(corpus: Corpus, ref: DocRef) -> tuple[DocumentMeta, Alignment | None, dict[str, str]]:
    """A document's metadata, alignment state (None without an alignment file) and witness texts."""
    meta = corpus.read_meta(ref)
    state = corpus.open_state(ref, missing_ok=True)
    return meta, state, {w.siglum: corpus.read_witness(ref, w.siglum) for w in meta.witnesses}


def _rules(args: argparse.Namespace) -> Normalisation:
    return parse_rules(args.normalise)


# ------------------------------------------------------------------------------------ add-witness


def cmd_add_witness(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    ref = corpus.parse_address(args.document)
    added = add_witness(corpus, ref, args.siglum, args.file, language=args.lang, description=args.description,
                        provenance=args.provenance or "", role=args.role, author=args.author or default_author(),
                        backend=args.backend, on_message=say)
    where = corpus.label(corpus.witness_path(ref, added.siglum))
    print(f"added {added.siglum} to {ref} as {added.role} witness ({where})")
    if added.became_source:
        print(f"source: {added.siglum}; aligned with the English: {added.links} links "
              f"(kept {added.kept_decisions} decision(s) and {added.kept_edits} edit(s))")
    if added.collated_with:
        print(f"collated with {added.collated_with}: {added.variants} variant location(s); "
              f"see 'workbench collate {ref} --witnesses {added.collated_with},{added.siglum}'")
    return 0


def cmd_import_tei(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    ref = corpus.parse_address(f"{args.collection}/{args.doc}")
    found = read_tei_witness(args.file, lenient=args.lenient)
    for skipped in found.skipped:
        print(f"{args.file}:{skipped.line}: <{skipped.name}> kept as its text only (--lenient)", file=sys.stderr)
    language = args.lang or found.language
    if not language:
        raise InputError(f"{args.file}: the TEI gives no xml:lang; say the witness's language with --lang")
    description = args.description or f"TEI transcription{': ' + found.title if found.title else ''}"
    added = add_witness(corpus, ref, args.siglum, args.file, language=language, description=description,
                        provenance=args.provenance or f"imported from {Path(args.file).name} (TEI P5)",
                        role=args.role, author=args.author or default_author(), backend=args.backend,
                        on_message=say, text=found.witness_text)
    print(f"imported {args.file} into {ref} as {added.siglum} ({added.role} witness, "
          f"{len(found.witness_text.split(chr(10) + chr(10)))} paragraph(s)"
          + (f", {len(found.skipped)} element(s) kept as text" if found.skipped else "") + ")")
    if added.became_source:
        print(f"source: {added.siglum}; aligned with the English: {added.links} links "
              f"(kept {added.kept_decisions} decision(s) and {added.kept_edits} edit(s))")
    if added.collated_with:
        print(f"collated with {added.collated_with}: {added.variants} variant location(s)")
    return 0


# --------------------------------------------------------------------------------------- variants


def _reading_line(name: str, text: str, width: int) -> str:
    return f"    {name:<{width}}  {text or EMPTY}"


def _note_json(note: ApparatusNote) -> dict[str, Any]:
    return {"anchor": note.anchor, "text": note.text, "status": note.status, "english": note.english}


def _print_variant(v: Variant, note: ApparatusNote | None) -> None:
    policy = ""
    if v.policy is not None:
        policy = f"  policy {v.policy}" + ("" if v.policy_decided else " (default)")
    adopted = f"  adopted {v.adopted}" if v.adopted else ""
    moved = f"  moved ↔ {', '.join(v.moved)}" if v.moved else ""
    print(f"{v.id}  {v.kind}  {v.status}{policy}{adopted}{moved}")
    if v.origin == "import":
        print(f"    witness {', '.join(v.witnesses)}" + (f", note {v.witness_note}" if v.witness_note else "")
              + (f": {v.description}" if v.description else ""))
        if not v.readings:
            print("    words: not marked yet (nothing is guessed)")
    width = max((len(n) for n in v.readings), default=0)
    for name, text in v.readings.items():
        print(_reading_line(name, text, width))
    if note is not None:
        print(f"    apparatus ({note.status}, at {note.anchor or 'no English'}): {note.text}")


def cmd_variants(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    ref = corpus.parse_address(args.document)
    meta, state, witnesses = load_document(corpus, ref)
    variants = document_variants(meta, state, witnesses, _rules(args))
    issues = witness_issues(meta, variants)
    notes = {n.variant: n for n in apparatus_notes(meta, state, witnesses)} if state else {}
    if args.json:
        listed = [{**v.as_json(), "apparatus": _note_json(notes[v.id]) if v.id in notes else None} for v in variants]
        print(json.dumps({"document": str(ref), "variants": listed,
                          "issues": [i.as_json() for i in issues]}, ensure_ascii=False, indent=2))
        return 0
    open_count = sum(1 for v in variants if v.status == UNRESOLVED)
    print(f"{ref}: {len(variants)} variant(s), {open_count} unresolved; {len(issues)} witness issue(s)")
    for v in variants:
        _print_variant(v, notes.get(v.id))
    if issues:
        print("witness issues:")
        for issue in issues:
            note = f" note {issue.witness_note}" if issue.witness_note else ""
            print(f"  {issue.witness}{note}: {issue.kind}: {issue.message}")
    return 0


# ---------------------------------------------------------------------------------------- collate


def _collation_json(collation: Collation, texts: dict[str, str]) -> dict[str, Any]:
    out = []
    for row in rows(collation, texts, only_variants=True):
        for loc in row.locations:
            out.append({"id": loc.id, "kind": loc.kind, "segment": row.segment.id, "paragraph": loc.paragraph,
                        "moved": list(loc.moved), "readings": {r.witness: r.text for r in loc.readings}})
    return {"witnesses": list(collation.names), "base": collation.names[0],
            "normalisation": list(collation.rules.names), "locations": out}


def cmd_collate(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    ref = corpus.parse_address(args.document)
    meta, _, witnesses = load_document(corpus, ref)
    names = [n.strip() for n in args.witnesses.split(",") if n.strip()]
    if not names:
        raise InputError("--witnesses needs sigla separated by commas, e.g. ru-autograph,ru-1996")
    collation = collate_witnesses(meta, witnesses, names, _rules(args))
    if args.json:
        print(json.dumps({"document": str(ref), **_collation_json(collation, witnesses)}, ensure_ascii=False,
                         indent=2))
        return 0
    print(f"{ref}: {', '.join(collation.names)} (base {collation.names[0]}); "
          f"normalised: {collation.rules.describe()}")
    width = max(len(n) for n in collation.names)
    table = rows(collation, witnesses, only_variants=not args.all)
    for row in table:
        print()
        print(f"{row.segment.id} (p{row.segment.paragraph})")
        for cell in row.cells:
            print(_reading_line(cell.witness, cell.text, width))
        for loc in row.locations:
            moved = f"  moved ↔ {', '.join(loc.moved)}" if loc.moved else ""
            print(f"  {loc.id}  {loc.kind}{moved}")
            for names_, reading in loc.groups():
                print(f"      {' = '.join(names_)}: {reading.text or EMPTY}")
    print()
    print(f"{len(collation.locations)} variant location(s)")
    return 0


# ---------------------------------------------------------------------------------- decide-variant


def _find_words(text: str, words: str, witness: str) -> tuple[int, int]:
    count = text.count(words)
    if count == 0:
        raise InputError(f"the words are not in {witness} as given; copy them exactly from the witness")
    if count > 1:
        raise InputError(f"the words occur {count} times in {witness}; give more of them so they occur once")
    start = text.index(words)
    return start, start + len(words)


def _make_decision(args: argparse.Namespace, meta: DocumentMeta, state: Alignment, witnesses: dict[str, str],
                   variant: Variant, author: str) -> Decision:
    common: dict[str, Any] = {"reason": args.reason, "note": args.note, "evidence": args.evidence,
                              "certainty": args.certainty}
    action, value = args.action, args.value
    context = decide.VariantContext(meta, witnesses)
    if action == "adopt":
        if value not in variant.witnesses:
            raise InputError(f"adopt one of {', '.join(variant.witnesses)} at {variant.id}")
        return decide.adopt_reading(state, variant.id, value, author, **common)
    if action == "policy":
        if value not in POLICIES:
            raise InputError(f"policy is one of {', '.join(POLICIES)}")
        return decide.set_policy(state, context, variant.id, value, author, **common)
    if action == "wording":
        if not value:
            raise InputError("wording needs the text of the note")
        return decide.set_wording(state, context, variant.id, value, author, **common)
    if action == "mark":
        witness = args.witness or (variant.witnesses[0] if variant.witnesses else None)
        if witness not in witnesses or not value:
            raise InputError("mark needs the words (VALUE) and --witness SIGLUM holding them")
        start, end = _find_words(witnesses[witness], value, witness)
        return decide.mark_struck(state, variant.id, author, witness=witness, start=start, end=end,
                                  witness_text=witnesses[witness], **common)
    if action == "resolve":
        return decide.resolve_variant(state, variant.id, author, **common)
    text = value or args.note
    if not text:
        raise InputError("comment needs its text")
    return decide.comment(state, variant.id, text, author, reason=args.reason)


def cmd_decide_variant(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    ref = corpus.parse_address(args.document)
    meta, state, witnesses = load_document(corpus, ref)
    if state is None:
        raise InputError(f"{ref} has no alignment file yet; run 'workbench align {ref}'")
    variant = next((v for v in document_variants(meta, state, witnesses) if v.id == args.variant), None)
    if variant is None:
        raise InputError(f"no variant {args.variant!r} in {ref}; 'workbench variants {ref}' lists them")
    session = open_session(corpus.alignment_file(ref))
    decision = _make_decision(args, meta, session.state, witnesses, variant, args.author or default_author())
    session.record(decision)
    print(decision.id, flush=True)  # durable from here on, even if the save below fails
    session.save()
    for note in apparatus_notes(meta, session.state, witnesses):
        if note.variant == variant.id:
            print(f"apparatus ({note.status}, at {note.anchor}): {note.text}")
    return 0


# --------------------------------------------------------------------------------------- register


def _normalise_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--normalise", default="all", metavar="RULES",
                   help=f"differences that do not count: some of {', '.join(RULES)} (comma-separated), "
                   "'all' (default) or 'none'")


def register(sub: Any) -> None:
    """Add the witness and variant commands to the CLI."""
    p = sub.add_parser("add-witness", help="add a witness (a text of a document) from a file",
                       formatter_class=RAW, description="Add a witness to a document: the file's transcription "
                       "markup is checked, it is written as texts/COLLECTION/DOC/SIGLUM.txt and listed in "
                       "document.yaml with its language, description and provenance. A witness added while the "
                       "document's source is pending becomes its source (unless --role other) and is aligned "
                       "with the English, keeping every decision and edit. A witness in the language of another "
                       "is collated with it.\n\nexample:\n  workbench add-witness bolshevik-correspondence/092 "
                       "ru-1996 ru-1996.txt --lang ru --description 'Printed edition, 1996, p. 148'")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("siglum", metavar="SIGLUM", help="the witness's siglum, e.g. ru-autograph, ru-1996, en-garnett")
    p.add_argument("file", metavar="FILE", help="UTF-8 text in transcription markup (see docs/transcription.md)")
    p.add_argument("--lang", required=True, help="language code, e.g. ru or en")
    p.add_argument("--description", required=True, help="what the witness is, e.g. 'Autograph, pencil'")
    p.add_argument("--provenance", help="where the text comes from")
    p.add_argument("--role", choices=ROLES, help="source, target or other (default: source when the "
                   "document's source is pending and the language is not the target's, else other)")
    p.add_argument("--backend", default="auto", choices=["auto", "plain", "dictionary", "embeddings"],
                   help="aligner backend when the witness becomes the source (default auto)")
    p.add_argument("--author", help="who adds it (default: $WORKBENCH_AUTHOR, git user.name, login)")
    p.set_defaults(handler=cmd_add_witness)

    p = sub.add_parser("variants", help="the variants of a document with their status, readings and decisions",
                       formatter_class=RAW, description="List a document's variants: the locations where its "
                       "witnesses of one language (and the layers of a witness with struck text) differ, and the "
                       "variants recorded at import; then the issues of the witness as received (notes without "
                       "markers …).\n\nexample:\n  workbench variants bolshevik-correspondence/092\n  workbench "
                       "variants bolshevik-correspondence/092 --json")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("--json", action="store_true", help='print {"variants": [{"id", "kind", "status", '
                   '"witnesses", "readings", "policy", …}], "issues": [...]}')
    _normalise_arg(p)
    p.set_defaults(handler=cmd_variants)

    p = sub.add_parser("collate", help="the collation table of some witnesses of one language",
                       formatter_class=RAW, description="Collate witnesses of one language, the first as base, "
                       "and print the base segments that have variants: the text of every witness there, then "
                       "each variant location with the witnesses grouped by reading. A witness with struck text "
                       "takes part with both layers; name one layer as SIGLUM@before or SIGLUM@after."
                       "\n\nexample:\n  workbench collate fixture/telegram --witnesses ru-autograph,ru-1996\n  "
                       "workbench collate fixture/telegram --witnesses ru-autograph@after,ru-1996 "
                       "--normalise case,yo")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("--witnesses", required=True, metavar="A,B[,C]", help="sigla (or layers) to collate, base first")
    p.add_argument("--all", action="store_true", help="print every segment, not only those with variants")
    p.add_argument("--json", action="store_true", help='print {"witnesses", "base", "normalisation", '
                   '"locations": [{"id", "kind", "segment", "readings"}]}')
    _normalise_arg(p)
    p.set_defaults(handler=cmd_collate)

    p = sub.add_parser("decide-variant", help="record a decision on a variant",
                       formatter_class=RAW, description="Record a decision on a variant and print its id, then "
                       "the variant's English apparatus note if it has one. Actions:\n"
                       "  adopt SIGLUM    the reading that becomes the base of the edition\n"
                       "  policy P        how struck text is published: omit, strike, bracket or note\n"
                       "  mark 'WORDS'    mark the words of a variant in --witness (resolves it)\n"
                       "  resolve         resolve it without marking words (say why with --note)\n"
                       "  wording 'TEXT'  your own English for its apparatus note\n"
                       "  comment 'TEXT'  a comment on the variant (kept in the history, never published)\n"
                       "\nexample:\n  workbench decide-variant fixture/telegram ru-autograph.p1.66 policy note "
                       "--reason authorial-deletion --evidence '1996 ed., p. 148' --certainty 0.9\n"
                       "  workbench decide-variant bolshevik-correspondence/092 V1 mark 'The last one is "
                       "redundant in my opinion .' --witness en-mt --evidence '1996 ed., p. 148'")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("variant", metavar="VARIANT", help="variant id, as 'workbench variants' lists it")
    p.add_argument("action", choices=["adopt", "policy", "mark", "resolve", "wording", "comment"],
                   help="adopt | policy | mark | resolve | wording | note")
    p.add_argument("value", nargs="?", metavar="VALUE", help="siglum, policy, words or text (see above)")
    p.add_argument("--witness", help="mark: the witness whose words are marked")
    p.add_argument("--reason", help="rationale code, e.g. authorial-deletion, printed-reading, conjecture")
    p.add_argument("--note", help="why (kept with the decision)")
    p.add_argument("--evidence", help="e.g. '1996 ed., p. 148'")
    p.add_argument("--certainty", type=float, help="0–1")
    p.add_argument("--author", help="who decides (default: $WORKBENCH_AUTHOR, git user.name, login)")
    p.set_defaults(handler=cmd_decide_variant)

    p = sub.add_parser("import-tei", help="import a TEI P5 transcription as a witness of a document",
                       formatter_class=RAW, description="Read a TEI P5 transcription (add, subst, del, hi, "
                       "unclear, gap, note@place, handShift, pb, choice with abbr/expan or sic/corr, supplied, "
                       "lb; see docs/transcription.md) into a witness in transcription markup and add it to the "
                       "document as add-witness does. The XML is read safely: no DTD, no entities, no network. "
                       "An element it does not support is refused with its name and line (exit 2) unless "
                       "--lenient, which keeps its text and reports each one.\n\nexample:\n  workbench "
                       "import-tei autograph.xml --collection manuscripts --doc telegram --siglum ru-autograph")
    p.add_argument("file", metavar="FILE", help="TEI P5 XML file")
    p.add_argument("--collection", required=True, help="the document's collection")
    p.add_argument("--doc", required=True, help="the document's id inside the collection")
    p.add_argument("--siglum", required=True, help="the new witness's siglum, e.g. ru-autograph")
    p.add_argument("--lang", help="language code (default: the TEI's xml:lang)")
    p.add_argument("--description", help="what the witness is (default: 'TEI transcription: ' + its title)")
    p.add_argument("--provenance", help="where the text comes from (default: the file's name)")
    p.add_argument("--role", choices=ROLES, help="source, target or other (as for add-witness)")
    p.add_argument("--lenient", action="store_true", help="keep the text of unsupported elements (each reported)")
    p.add_argument("--backend", default="auto", choices=["auto", "plain", "dictionary", "embeddings"],
                   help="aligner backend when the witness becomes the source (default auto)")
    p.add_argument("--author", help="who imports it (default: $WORKBENCH_AUTHOR, git user.name, login)")
    p.set_defaults(handler=cmd_import_tei)


__all__ = ["register", "load_document"]
