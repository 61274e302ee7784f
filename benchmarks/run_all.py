"""Run every benchmark and print each figure beside its goal (``make bench``).

Runs the ``benchmarks/*_bench.py`` scripts one after another in child processes (their output passes
through), reads the JSON line each prints last, and ends with a summary: every goal with the figure
this run measured, ``✗ MISSED`` where it is not met. The goals live in each script (``GOALS``).

Exit status: 0 when every goal measured is met (a benchmark without its data, such as the aligner's
gold sets, is skipped and says so), 1 when a goal is missed or a benchmark fails.

Latency figures move with the machine's load, so the load average is printed before and after each
benchmark: on a busy machine, run a missed latency goal again before believing it.

    .venv/bin/python benchmarks/run_all.py                        # all; align needs ../shared/eval
    .venv/bin/python benchmarks/run_all.py --only tui,store
    .venv/bin/python benchmarks/run_all.py --eval /work/shared/eval
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from goals import Check, checks_from_json, line

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BENCHMARKS = ("store", "segment", "collate", "export", "tui", "qa", "align")
# nltk's Gale–Church on the whole book is a baseline with no goal: ~400 s and 2.5 GB on this machine.
DEFAULT_ARGS = {"align": ["--skip-nltk-book"]}

OK = "ok"
MISSED = "missed"
FAILED = "failed"
SKIPPED = "skipped"


@dataclass
class Outcome:
    """What one benchmark gave: its status, its goal checks and, when skipped or failed, why."""

    name: str
    status: str
    checks: list[Check] = field(default_factory=list)
    message: str = ""
    seconds: float = 0.0


def outcome(name: str, returncode: int, last_line: str, seconds: float = 0.0) -> Outcome:
    """Judge a finished benchmark from its exit status and the last line it printed."""
    if returncode != 0:
        return Outcome(name, FAILED, message=f"exit status {returncode}", seconds=seconds)
    try:
        data: Any = json.loads(last_line)
    except json.JSONDecodeError:
        return Outcome(name, FAILED, message="its last line is not the JSON line of figures", seconds=seconds)
    if not isinstance(data, dict) or not isinstance(data.get("goal_checks"), list):
        return Outcome(name, FAILED, message="its JSON line has no goal_checks", seconds=seconds)
    if data.get("skipped"):
        return Outcome(name, SKIPPED, message=str(data["skipped"]), seconds=seconds)
    checks = checks_from_json(data["goal_checks"])
    status = MISSED if any(c.met is False for c in checks) else OK
    return Outcome(name, status, checks, seconds=seconds)


def summary(outcomes: Sequence[Outcome]) -> tuple[list[str], int]:
    """The summary lines and the exit status (1 when a goal is missed or a benchmark failed)."""
    lines = ["", "== every figure beside its goal =="]
    for item in outcomes:
        head = f"{item.name} ({item.seconds:.0f} s)"
        if item.status in (FAILED, SKIPPED):
            mark = "✗ FAILED" if item.status == FAILED else "skipped"
            lines.append(f"{head}: {mark}: {item.message}")
            continue
        if not item.checks:
            lines.append(f"{head}: no goal set (figures in its JSON line)")
            continue
        lines.append(f"{head}:")
        lines.extend("  " + line(check) for check in item.checks)
    missed = [f"{o.name}: {c.goal.name}" for o in outcomes for c in o.checks if c.met is False]
    failed = [o.name for o in outcomes if o.status == FAILED]
    if missed:
        lines.append(f"✗ {len(missed)} goal(s) MISSED: " + "; ".join(missed))
    if failed:
        lines.append(f"✗ {len(failed)} benchmark(s) FAILED: " + ", ".join(failed))
    if not missed and not failed:
        lines.append("every goal measured is met")
    return lines, 1 if missed or failed else 0


def machine() -> str:
    """``date``, CPU count and model, for the record."""
    cpu = platform.processor() or "?"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(row.split(":", 1)[1].strip() for row in Path("/proc/cpuinfo").read_text().splitlines()
                   if row.startswith("model name"))
    return (f"{time.strftime('%a %b %d %H:%M:%S %Z %Y')}; nproc {os.cpu_count()}; {cpu}; "
            f"Python {platform.python_version()}")


def load_average() -> str:
    """The 1, 5 and 15 minute load averages."""
    try:
        return " ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "?"


def run(name: str, args: Sequence[str]) -> Outcome:
    """Run one benchmark, echoing its output; judge it by its last line."""
    script = HERE / f"{name}_bench.py"
    command = [sys.executable, str(script), *args]
    print(f"\n== {name}: {' '.join(['python', f'benchmarks/{script.name}', *args])}  (load average "
          f"{load_average()})", flush=True)
    start = time.perf_counter()
    last = ""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, encoding="utf-8", env=env) as proc:
        assert proc.stdout is not None
        for text in proc.stdout:
            sys.stdout.write(text)
            sys.stdout.flush()
            if text.strip():
                last = text.strip()
    seconds = time.perf_counter() - start
    print(f"== {name}: {seconds:.0f} s, load average {load_average()}", flush=True)
    return outcome(name, proc.returncode, last, seconds)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(BENCHMARKS),
                        help=f"comma list of benchmarks to run (default: all of {', '.join(BENCHMARKS)})")
    parser.add_argument("--eval", type=Path, help="folder of the aligner's gold sets (align_bench.py --eval)")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHMARKS)}")
    print(f"# {machine()}")
    outcomes = []
    for name in names:
        extra = list(DEFAULT_ARGS.get(name, []))
        if name == "align" and args.eval is not None:
            extra += ["--eval", str(args.eval)]
        outcomes.append(run(name, extra))
    lines, status = summary(outcomes)
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
