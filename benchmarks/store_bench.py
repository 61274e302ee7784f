"""Alignment-store benchmark: load and save of a 50,000-link file, peak RSS, and decision-durable
latency on a 10,000-link file. Baselines measured in the same run: the same data in a
mapping-per-item YAML layout (load/save), and durability by rewriting the whole file per decision.

Usage: python benchmarks/store_bench.py [--links 50000] [--decide-links 10000] [--decisions 300]
Each figure with a goal is printed beside it (``MISSED`` when it is not met); the last line printed
is one JSON object with every figure and the checks (``make bench`` reads it).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from goals import Goal, checks_json, report
from words import EN as WORDS
from words import RU

from workbench.core.decide import set_status
from workbench.core.decisions import Clock, apply
from workbench.core.models import Alignment, Decision, Link, Segment, Status, WitnessRef
from workbench.storage.alignment_store import AlignmentFile, Session
from workbench.storage.yamlio import dump, load

GOALS = (Goal("load_s", 1.0, "s", "load of the big file (--links)"),
         Goal("save_s", 1.0, "s", "save of the big file (--links)"),
         Goal("durable_p95_ms", 50.0, "ms", "decision durable p95 (--decide-links)"))


def sentence(rng: random.Random, words: list[str]) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(6, 22))).capitalize() + "."


def synthetic(links: int, decisions: int, seed: int = 1) -> Alignment:
    rng = random.Random(seed)
    src, tgt, lks = [], [], []
    pos_s = pos_t = 0
    for i in range(1, links + 1):
        s, t = sentence(rng, RU), sentence(rng, WORDS)
        src.append(Segment(f"s{i}", pos_s, pos_s + len(s), s, i // 5))
        tgt.append(Segment(f"t{i}", pos_t, pos_t + len(t), t, i // 5))
        pos_s += len(s) + 1
        pos_t += len(t) + 1
        lks.append(Link(f"L{i}", (f"s{i}",), (f"t{i}",), Status.AUTO, round(rng.random(), 3), "aligner"))
    state = Alignment("bench/doc", 0, WitnessRef("ru-x", "ru", "a" * 64), WitnessRef("en-x", "en", "b" * 64),
                      tuple(src), tuple(tgt), tuple(lks), {f"t{i}": sentence(rng, WORDS) for i in range(1, links, 7)},
                      (), {"segmenter": "bench"})
    counter = iter(range(1, 10**9))
    clock = Clock(new_id=lambda: f"D-{next(counter):08x}", now=lambda: "2026-11-27T12:00:00.000Z")
    made: list[Decision] = []
    for k in range(decisions):
        link = f"L{1 + (k * 7919) % links}"
        if state.link(link).status is Status.AUTO:
            d = set_status(state, link, "confirm", "bench", clock=clock)
            state = apply(state, d)
            made.append(d)
    return state


def mapping_layout(state: Alignment) -> dict[str, object]:
    """The straightforward layout (one mapping per item): the baseline this format is compared with."""
    return {
        "segments": {"source": [{"id": s.id, "span": [s.start, s.end], "text": s.text} for s in state.source_segments],
                     "target": [{"id": s.id, "span": [s.start, s.end], "text": s.text} for s in state.target_segments]},
        "links": [{"id": lk.id, "source": list(lk.source), "target": list(lk.target), "status": lk.status.value,
                   "score": lk.confidence, "origin": lk.origin} for lk in state.links],
        "edits": dict(state.edits),
        "decisions": [{"id": d.id, "time": d.time, "author": d.author, "action": str(d.action), "target": d.target,
                       "before": d.before, "after": d.after} for d in state.decisions],
    }


def timed(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


LOAD_CHILD = """
import resource, sys, time
from pathlib import Path
from workbench.storage.alignment_store import AlignmentFile
t = time.perf_counter(); AlignmentFile(Path(sys.argv[1])).read(); t = time.perf_counter() - t
print(t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--links", type=int, default=50_000)
    parser.add_argument("--decide-links", type=int, default=10_000)
    parser.add_argument("--decisions", type=int, default=300)
    args = parser.parse_args()
    out: dict[str, object] = {"machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
                              "python": platform.python_version()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = synthetic(args.links, decisions=args.links // 10)
        file = AlignmentFile(folder / "big.yaml")
        file.create(big)
        size_mb = file.path.stat().st_size / 1e6
        save_s = timed(lambda: file.write(big))
        load_s = timed(lambda: file.read())
        child = subprocess.run([sys.executable, "-c", LOAD_CHILD, str(file.path)], capture_output=True, text=True,
                               check=True).stdout.split()
        base_text = dump(mapping_layout(big))
        base_path = folder / "baseline.yaml"
        base_path.write_text(base_text, encoding="utf-8")
        base_save_s = timed(lambda: dump(mapping_layout(big)), repeat=1)
        base_load_s = timed(lambda: load(base_path.read_text(encoding="utf-8"), "baseline"), repeat=1)
        print(f"50k-link file: {size_mb:.1f} MB; save {save_s:.3f} s, load {load_s:.3f} s "
              f"(child process: {float(child[0]):.3f} s, peak RSS {float(child[1]):.0f} MB)")
        print(f"  baseline mapping-per-item YAML ({len(base_text) / 1e6:.1f} MB): dump {base_save_s:.3f} s, "
              f"load {base_load_s:.3f} s")
        out.update({"links": args.links, "file_mb": round(size_mb, 2), "save_s": round(save_s, 3),
                    "load_s": round(load_s, 3), "load_child_s": round(float(child[0]), 3),
                    "load_peak_rss_mb": round(float(child[1])), "baseline_mapping_dump_s": round(base_save_s, 3),
                    "baseline_mapping_load_s": round(base_load_s, 3)})

        # durable-decision latency on a 10k-link file
        mid = synthetic(args.decide_links, decisions=0, seed=2)
        mfile = AlignmentFile(folder / "mid.yaml")
        mfile.create(mid)
        session = Session(mfile)
        lat: list[float] = []
        for k in range(args.decisions):
            link = f"L{1 + (k * 31) % args.decide_links}"
            state = session.state
            action = "confirm" if state.link(link).status is Status.AUTO else "unconfirm"
            d = set_status(state, link, action, "bench")
            start = time.perf_counter()
            session.record(d)
            lat.append((time.perf_counter() - start) * 1000)
        fold_s = timed(session.save, repeat=1)
        # baseline: durability by rewriting the whole file for every decision
        rewrite: list[float] = []
        state = session.state
        for k in range(20):
            link = f"L{2 + (k * 37) % args.decide_links}"
            d = set_status(state, link, "flag", "bench")
            start = time.perf_counter()
            state = apply(state, d)
            mfile.write(state)
            rewrite.append((time.perf_counter() - start) * 1000)
        q = statistics.quantiles(lat, n=100)
        rq = statistics.quantiles(rewrite, n=20)
        print(f"10k-link file: decision durable p50 {statistics.median(lat):.2f} ms, p95 {q[94]:.2f} ms, "
              f"max {max(lat):.2f} ms over {len(lat)} decisions; fold {fold_s:.3f} s")
        print(f"  baseline whole-file rewrite per decision: p50 {statistics.median(rewrite):.1f} ms, "
              f"p95 {rq[18]:.1f} ms")
        out.update({"decide_links": args.decide_links, "decisions": len(lat),
                    "durable_p50_ms": round(statistics.median(lat), 2), "durable_p95_ms": round(q[94], 2),
                    "durable_max_ms": round(max(lat), 2), "fold_s": round(fold_s, 3),
                    "baseline_rewrite_p50_ms": round(statistics.median(rewrite), 1),
                    "baseline_rewrite_p95_ms": round(rq[18], 1)})
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    checks = report(GOALS, out)
    out["goals_met"] = {c.goal.figure: c.met for c in checks}
    out["goal_checks"] = checks_json(checks)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
