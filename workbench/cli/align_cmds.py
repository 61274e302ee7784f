"""Alignment commands: ``align-text`` (two sentence files → beads) and ``eval-align`` (scores)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from workbench.core.aligner.align import BACKENDS, align
from workbench.core.aligner.score import BeadPair, evaluate, format_bead
from workbench.core.errors import InputError
from workbench.storage.align_files import read_beads, read_sentences
from workbench.storage.align_resources import load_resources

RAW = argparse.RawDescriptionHelpFormatter

ALIGN_TEXT_HELP = """\
Align two texts given as one sentence per line and print the beads, one per line, in the
gold format of the evaluation sets: [i, j]:[k] with 0-based line numbers of SRC and TGT, and
[] for an empty side (an untranslated or added sentence). Every line of both files appears in
exactly one bead, in order. A blank line is refused with its file and line number (it would be
aligned as a sentence, and skipping it would shift the numbers of every bead after it), and so is
an empty file (exit 2).

The aligner finds anchors first (numbers, incl. Russian number words; names through
romanisation; cognates; punctuation) and then runs a banded dynamic programme between them,
so whole books align in seconds. Optional backends add a bilingual dictionary (Debian's
dict-freedict-eng-rus, English-Russian only) or multilingual sentence embeddings
(pip install 'workbench[embeddings]'); 'auto' uses whatever is installed. The backends used,
with the aligner's parameters, are reported on stderr.

example:
  workbench align-text story.ru.txt story.en.txt --src-lang ru --tgt-lang en
  workbench align-text a.txt b.txt --src-lang de --tgt-lang fr --backend plain > pred.txt
  workbench eval-align gold.txt pred.txt"""

EVAL_HELP = """\
Score predicted alignments against gold ones with strict and lax precision, recall and F1
(Sennrich & Volk 2011, as used by Vecalign, Bertalign and SentAlign). Precision judges every
predicted bead, insertions and deletions included: strict if an identical bead is in the
gold, lax if it shares a source-target sentence link with one. Recall judges every gold bead
the same way after beads with an empty side were removed from both alignments.

Several GOLD PRED pairs may be given (gold1 pred1 gold2 pred2 ...): their counts are pooled
(summed before dividing), as papers report a multi-document set.

example:
  workbench eval-align gold.txt pred.txt
  workbench eval-align doc1.gold doc1.pred doc2.gold doc2.pred --json"""


def cmd_align_text(args: argparse.Namespace) -> int:
    """Align two sentence files and print the beads."""
    source = read_sentences(Path(args.src))
    target = read_sentences(Path(args.tgt))
    resources = load_resources(args.backend, args.src_lang, args.tgt_lang)
    result = align(source, target, source_lang=args.src_lang, target_lang=args.tgt_lang, backend=args.backend,
                   resources=resources)
    out = sys.stdout
    for bead in result.beads:
        out.write(format_bead(bead.source, bead.target) + "\n")
    print(f"aligned {len(source)} + {len(target)} sentences into {len(result.beads)} beads; "
          f"backend {result.signature.get('backend', '?')}", file=sys.stderr)
    print(f"signature: {result.signature_line()}", file=sys.stderr)
    return 0


def cmd_eval_align(args: argparse.Namespace) -> int:
    """Score GOLD PRED pairs (pooled) and print strict and lax P/R/F1."""
    files: list[str] = args.files
    if len(files) < 2 or len(files) % 2:
        raise InputError(f"eval-align needs GOLD PRED pairs; got {len(files)} file(s)")
    documents: list[tuple[list[BeadPair], list[BeadPair]]] = []
    for gold_path, pred_path in zip(files[::2], files[1::2], strict=False):
        documents.append((read_beads(Path(gold_path)), read_beads(Path(pred_path))))
    scores = evaluate(documents)
    if args.json:
        print(json.dumps(scores.as_dict()))
        return 0
    c = scores.counts
    print(f"documents: {len(documents)}; predicted beads: {c.predicted}; gold beads (no empty side): {c.gold}")
    for name, prf in (("strict", scores.strict), ("lax", scores.lax)):
        print(f"{name:<7} P {prf.p:.4f}  R {prf.r:.4f}  F1 {prf.f1:.4f}")
    return 0


def register(sub: Any) -> None:
    """Add the alignment commands to the CLI."""
    p = sub.add_parser("align-text", help="align two sentence-per-line files and print the beads",
                       formatter_class=RAW, description=ALIGN_TEXT_HELP)
    p.add_argument("src", metavar="SRC", help="source text, one sentence per line (UTF-8)")
    p.add_argument("tgt", metavar="TGT", help="target text, one sentence per line (UTF-8)")
    p.add_argument("--src-lang", required=True, help="source language code, e.g. ru")
    p.add_argument("--tgt-lang", required=True, help="target language code, e.g. en")
    p.add_argument("--backend", choices=BACKENDS, default="auto",
                   help="auto (whatever is installed), plain (no dictionary, no model), dictionary, embeddings")
    p.set_defaults(handler=cmd_align_text)

    p = sub.add_parser("eval-align", help="strict and lax P/R/F1 of predicted beads against gold beads",
                       formatter_class=RAW, description=EVAL_HELP)
    p.add_argument("files", nargs="+", metavar="GOLD PRED", help="a gold file and a predicted file, "
                   "in the format [i, j]:[k] one bead per line; repeat the pair to pool documents")
    p.add_argument("--json", action="store_true",
                   help='print {"strict": {"p", "r", "f1"}, "lax": {"p", "r", "f1"}}')
    p.set_defaults(handler=cmd_eval_align)
