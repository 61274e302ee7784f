"""Sentence segmentation: boundary accuracy on the gold set and throughput on ~5 MB per language.

Usage: .venv/bin/python benchmarks/segment_bench.py [--mb 5] [--repeat 3]

For each language it prints boundary precision/recall/F1 of ``split_sentences`` (splitter + rule
layer) and, as a baseline in the same run, of the bare splitter (razdel for ru, sentencex for en),
then sentences per second when a synthetic witness (the gold paragraphs repeated to ``--mb``
megabytes of UTF-8) is segmented paragraph by paragraph, best of ``--repeat`` runs. The goal
(boundary F1 ≥ 0.97 per language with the rule layer) is printed beside each F1 (``MISSED`` when it
is not met); the last line is one JSON object with every figure and the checks (``make bench``
reads it).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from goals import Goal, checks_json, report  # noqa: E402

from workbench.core.sentences import (  # noqa: E402  (the path is set up just above)
    SEGMENTER_VERSION,
    Span,
    parse_gold,
    score_boundaries,
    split_sentences,
    splitter_spans,
)

GOLD = ROOT / "tests" / "data" / "segmentation"
LANGS = ("en", "ru")
GOALS = tuple(Goal(f"{lang}.rules.f1", 0.97, "", f"{lang} boundary F1 (splitter + rules)", at_least=True)
              for lang in LANGS)
SPLITTERS: dict[str, Callable[[str, str], list[Span]]] = {"rules": split_sentences, "raw": splitter_spans}


def synthetic_witness(paragraphs: list[str], megabytes: float) -> list[str]:
    """The gold paragraphs repeated until their UTF-8 size reaches ``megabytes``."""
    size = sum(len(p.encode("utf-8")) + 1 for p in paragraphs)
    copies = max(1, round(megabytes * 1_000_000 / size))
    return paragraphs * copies


def throughput(split: Callable[[str, str], list[Span]], paragraphs: list[str], lang: str,
               repeat: int) -> dict[str, float]:
    best = float("inf")
    count = 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = sum(len(split(p, lang)) for p in paragraphs)
        best = min(best, time.perf_counter() - start)
    megabytes = sum(len(p.encode("utf-8")) + 1 for p in paragraphs) / 1_000_000
    return {
        "sentences": count,
        "seconds": round(best, 3),
        "sentences_per_second": round(count / best),
        "mb_per_second": round(megabytes / best, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the synthetic witness per language")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    args = parser.parse_args()

    results: dict[str, object] = {
        "segmenter_version": SEGMENTER_VERSION,
        "python": platform.python_version(),
    }
    for lang in LANGS:
        gold = parse_gold((GOLD / f"{lang}_gold.txt").read_text(encoding="utf-8"))
        sentences = sum(map(len, gold))
        boundaries = sum(len(p) - 1 for p in gold)
        print(f"[{lang}] gold: {len(gold)} paragraphs, {sentences} sentences, {boundaries} boundaries")
        per_lang: dict[str, object] = {"gold_sentences": sentences, "gold_boundaries": boundaries}
        paragraphs = [" ".join(p) for p in gold]
        witness = synthetic_witness(paragraphs, args.mb)
        mb = sum(len(p.encode("utf-8")) + 1 for p in witness) / 1_000_000
        for name, split in SPLITTERS.items():
            score = score_boundaries(gold, lang, split)
            speed = throughput(split, witness, lang, args.repeat)
            print(
                f"[{lang}] {name:5}  P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}"
                f"  (tp {score.tp}, false splits {score.fp}, missed {score.fn})"
                f"  | {mb:.2f} MB, {len(witness)} paragraphs: {speed['sentences']} sentences in"
                f" {speed['seconds']:.3f} s = {speed['sentences_per_second']:,} sent/s"
            )
            per_lang[name] = {
                "precision": round(score.precision, 4),
                "recall": round(score.recall, 4),
                "f1": round(score.f1, 4),
                "tp": score.tp,
                "fp": score.fp,
                "fn": score.fn,
                "witness_mb": round(mb, 2),
                **speed,
            }
        results[lang] = per_lang
    results["goal_checks"] = checks_json(report(GOALS, results))
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
