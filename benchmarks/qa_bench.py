"""QA benchmark: ``workbench qa --all`` on the sample corpus (a fresh process, imports and the word list
included), and every check on a 10,000-link document, with the re-check of one edited link that the
review app runs after an edit.

The 10,000-link document repeats the links of the Garnett stories (Russian and English of real prose,
403 links) until it has ``--links`` links, in paragraphs of five, with the seed collection's glossary.

Usage: python benchmarks/qa_bench.py [--links 10000] [--runs 3]
Each figure with a goal is printed beside it (``MISSED`` when it is not met); the last line printed is
one JSON object with every figure and the checks (``make bench`` reads it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from goals import Goal, checks_json, report

from workbench.core.documents import DocumentMeta
from workbench.core.models import Alignment, Link, Segment, Status, WitnessRef
from workbench.core.qa.consistency import NameIndex
from workbench.core.qa.document import QADocument
from workbench.core.qa.run import DocumentQA, QAContext
from workbench.storage.corpus import Corpus
from workbench.storage.glossary_store import load_glossary
from workbench.storage.qa_runs import document_findings, word_list

ROOT = Path(__file__).resolve().parent.parent
GOALS = (Goal("qa_all_s", 2.0, "s", "workbench qa --all, sample corpus (process)"),
         Goal("doc_10k_s", 5.0, "s", "every check, one document of --links links"))


def cli_start_seconds(runs: int) -> float:
    """Median wall time of ``workbench --help``: the interpreter and the CLI's imports, which every command
    pays (the baseline of the figure above)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "workbench", "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def qa_all_seconds(runs: int) -> tuple[float, int]:
    """Median wall time of ``workbench qa --all --json`` in a fresh process, and its finding count."""
    times = []
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "workbench", "--root", str(ROOT), "qa", "--all", "--json"],
                              capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"workbench qa failed: {proc.stderr}")
        count = len(json.loads(proc.stdout)["findings"])
    return statistics.median(times), count


def big_document(links: int) -> QADocument:
    """A document of ``links`` 1-1 links made of the Garnett stories' links, repeated."""
    corpus = Corpus(ROOT)
    pairs: list[tuple[str, str]] = []
    for ref in corpus.documents("garnett-stories"):
        state = corpus.open_state(ref)
        for link in state.links:
            if link.source and link.target:
                pairs.append((" ".join(state.segment(s).text for s in link.source), state.english(link)))
    src, tgt, lks = [], [], []
    pos_s = pos_t = 0
    for i in range(1, links + 1):
        ru, en = pairs[(i - 1) % len(pairs)]
        src.append(Segment(f"s{i}", pos_s, pos_s + len(ru), ru, i // 5))
        tgt.append(Segment(f"t{i}", pos_t, pos_t + len(en), en, i // 5))
        pos_s += len(ru) + 1
        pos_t += len(en) + 1
        lks.append(Link(f"L{i}", (f"s{i}",), (f"t{i}",), Status.AUTO, 0.8, "aligner"))
    state = Alignment("bench/doc", 0, WitnessRef("ru-x", "ru", "a" * 64), WitnessRef("en-x", "en", "b" * 64),
                      tuple(src), tuple(tgt), tuple(lks), {}, (), {"segmenter": "bench"})
    return QADocument(DocumentMeta("bench", "doc", title="A long document"), state)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    load = os.getloadavg()[0]
    qa_all, found = qa_all_seconds(args.runs)
    print(f"workbench qa --all (sample corpus, {found} findings): median of {args.runs} runs {qa_all:.2f} s")
    start_s = cli_start_seconds(args.runs)
    print(f"workbench --help (interpreter and CLI imports only): median {start_s:.2f} s")
    corpus = Corpus(ROOT)
    start = time.perf_counter()
    document_findings(corpus, [r for r in corpus.documents() if corpus.alignment_path(r).exists()])
    in_process = time.perf_counter() - start
    print(f"qa of every document in this process (imports done; the word list and morphology load on the way): "
          f"{in_process:.2f} s")

    doc = big_document(args.links)
    context = QAContext(load_glossary(ROOT, "bolshevik-correspondence"), word_list(), NameIndex())
    start = time.perf_counter()
    qa = DocumentQA(doc, context)
    findings = qa.findings()
    doc_s = time.perf_counter() - start
    print(f"every check on {args.links} links: {doc_s:.2f} s ({len(findings)} findings)")

    # the review app after an edit: the edited link checked again (and the document-wide checks)
    middle = doc.state.links[args.links // 2]
    edited = replace(doc.state, edits={middle.target[0]: "The the soldiers lost six guns ."})
    start = time.perf_counter()
    qa.refresh(QADocument(doc.meta, edited), [middle.id])
    after = qa.findings()
    refresh_s = time.perf_counter() - start
    print(f"re-check after one edit: {refresh_s * 1000:.0f} ms ({len(after)} findings)")

    figures = {"qa_all_s": round(qa_all, 3), "qa_all_findings": found, "cli_start_s": round(start_s, 3),
               "qa_all_in_process_s": round(in_process, 3), "load_average": round(load, 2),
               "doc_10k_s": round(doc_s, 3),
               "doc_links": args.links, "doc_findings": len(findings), "refresh_one_link_ms": round(refresh_s * 1000),
               "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
               "python": platform.python_version()}
    checks = report(GOALS, figures)
    print(json.dumps({**figures, "goal_checks": checks_json(checks)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
