"""Collation speed: a Russian witness of the sample corpus against a changed copy of itself.

The copy drops every 40th word, swaps two neighbouring words every 60 words, writes «ё» as «е»
and strikes one sentence in ten (so the first witness has two layers). Repeated for larger texts
made by concatenating the witness with itself. Prints one line per size, the last line one JSON
object. Usage: python benchmarks/collate_bench.py [--repeat N]

No goal is set for collation speed (docs/variants.md gives the figures measured); ``GOALS`` is where
one would go.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from goals import Goal, checks_json, report

from workbench.core.segments import paragraphs
from workbench.core.variants.collate import collate
from workbench.core.variants.layers import AFTER, BEFORE, struck_passages
from workbench.core.variants.normalise import Normalisation
from workbench.core.variants.tokens import layer_tokens

ROOT = Path(__file__).resolve().parent.parent
WITNESS = ROOT / "texts/garnett-stories/malchik-u-khrista-na-yolke/ru-edition.txt"
GOALS: tuple[Goal, ...] = ()


def changed(text: str) -> str:
    words = text.split(" ")
    out = []
    for k, word in enumerate(words):
        if k % 40 == 39:
            continue
        out.append(word)
    for k in range(0, len(out) - 1, 60):
        out[k], out[k + 1] = out[k + 1], out[k]
    return " ".join(out).replace("ё", "е")


def struck(text: str) -> str:
    sentences = re.split(r"(?<=[.!?]) ", text)
    return " ".join(f"~~{s}~~" if k % 10 == 5 and "~" not in s and "*" not in s and "[" not in s and s.strip()
                    else s for k, s in enumerate(sentences))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    base = WITNESS.read_text(encoding="utf-8")
    results = {}
    for times in (1, 4, 16):
        a = struck("\n\n".join([base] * times))
        b = changed("\n\n".join([base] * times))
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            layers = [layer_tokens("ru-a", a, "ru", BEFORE), layer_tokens("ru-a", a, "ru", AFTER),
                      layer_tokens("ru-b", b, "ru")]
            coll = collate(layers, {"ru-a": paragraphs(a), "ru-b": paragraphs(b)}, struck_passages("ru-a", a),
                           Normalisation())
            best = min(best, time.perf_counter() - start)
        tokens = len(layers[0].tokens)
        print(f"{tokens:>7} tokens x 3 layers: {best:.2f} s, {len(coll.locations)} locations")
        results[f"tokens_{tokens}"] = {"seconds": round(best, 3), "locations": len(coll.locations)}
    print(json.dumps({**results, "goal_checks": checks_json(report(GOALS, results))}, ensure_ascii=False))


if __name__ == "__main__":
    main()
