"""TUI benchmark on a synthetic 10,000-link document (headless Textual, 160×48).

Figures:
  * start to first paint — from building the app (which opens the alignment file and reads both
    witnesses) to the first line of the link grid being drawn, with the review screen on top;
  * cursor step p50 / p95 — one ↓ key: the key handled, the messages it caused processed, and the
    screen's pending repaint done (forced at once instead of waiting for the next 60 fps frame).
    Keys pressed in quick succession only note the row for the detail pane, which catches up
    60 ms after the last one (a single step shows its link at once);
  * detail pane p50 / p95 — describing one link in the detail pane and repainting it;
  * operation + durable save p50 / p95 — a confirm: the decision made, fsynced to the journal,
    the view rebuilt and repainted (same forcing);
  * fold — folding the journal into the YAML file (what quit and autosave do), for reference;
  * peak RSS of the process.

Usage: python benchmarks/tui_bench.py [--links 10000] [--steps 300] [--ops 100]
Each figure with a goal is printed beside it (``MISSED`` when it is not met); the last line printed
is one JSON object with every figure, the goals and the checks (``make bench`` reads it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from goals import Goal, checks_json, report  # noqa: E402
from textual import events  # noqa: E402
from ui_helpers import write_synthetic  # noqa: E402
from words import EN, RU  # noqa: E402

from workbench.ui.app import make_app  # noqa: E402
from workbench.ui.widgets.link_grid import LinkGrid  # noqa: E402

GOALS = (Goal("first_paint_s", 1.0, "s", "start to first paint"),
         Goal("cursor_p95_ms", 16.0, "ms", "cursor step p95"),
         Goal("op_durable_p95_ms", 50.0, "ms", "operation + durable save p95"),
         Goal("peak_rss_mb", 300.0, "MB", "peak RSS"))


def sentence(rng: random.Random, words: list[str], marks: bool) -> str:
    """A sentence of random words; some carry struck, italic, supplied and note-reference marks."""
    picked = [rng.choice(words) for _ in range(rng.randint(6, 22))]
    if marks:
        picked[1] = f"~~{picked[1]}~~"
        picked[3] = f"*{picked[3]}*"
        picked[-1] = f"{picked[-1]}[^1]"
    text = " ".join(picked).capitalize() + "."
    return text


def build(root: Path, links: int, seed: int = 7) -> None:
    """A project holding one document of ``links`` 1-1 links in paragraphs of five sentences."""
    rng = random.Random(seed)
    src = [[sentence(rng, RU, (p * 5 + k) % 10 == 3) for k in range(5)] for p in range(links // 5)]
    tgt = [[sentence(rng, EN, False) for _ in range(5)] for _ in range(links // 5)]
    scores = [round(rng.random(), 3) for _ in range(links)]
    (root / "texts").mkdir(parents=True)
    write_synthetic(root, "bench", "big", tgt, src, scores=scores, title="Synthetic 10k-link document")


def percentile(values: list[float], share: float) -> float:
    """The value under which ``share`` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def measure(root: Path, steps: int, ops: int) -> dict[str, float]:
    first_paint: list[float] = []
    original = LinkGrid.render_line

    def spy(self: LinkGrid, y: int):  # type: ignore[no-untyped-def]
        if not first_paint:
            first_paint.append(time.perf_counter())
        return original(self, y)

    LinkGrid.render_line = spy  # type: ignore[method-assign]
    start = time.perf_counter()
    app = make_app(str(root), document="bench/big", author="bench", poll_interval=3600, save_interval=3600)
    async with app.run_test(size=(160, 48)) as pilot:
        while not first_paint:
            await pilot.pause()
        paint = first_paint[0] - start
        LinkGrid.render_line = original  # type: ignore[method-assign]
        review = app.review
        assert review is not None

        screen = app.screen

        nodes = [app, screen, *screen.walk_children(with_self=False)]

        def settled() -> bool:
            return all(node._message_queue.empty() for node in nodes)

        def pending() -> bool:
            return bool(screen._layout_required or screen._repaint_required or screen._scroll_required
                        or screen._dirty_widgets)

        async def drain(done) -> None:  # type: ignore[no-untyped-def]
            # Run the loop until the work is done and nothing waits to be painted; a pending repaint is
            # done at once (what the next 60 fps frame would do), so frame pacing is not counted.
            give_up = time.perf_counter() + 30
            while True:
                if time.perf_counter() > give_up or not app.is_running:
                    raise RuntimeError("the app stopped or never finished the step")
                if settled() and pending():
                    screen._on_timer_update()
                if done() and settled() and not pending():
                    return
                await asyncio.sleep(0)

        async def timed(key: str, done) -> float:  # type: ignore[no-untyped-def]
            # Pilot.press waits for the process to look idle (≥ 40 ms of sleeping), so the key is sent
            # straight to the driver instead.
            target = review.grid.cursor + 1
            t0 = time.perf_counter()
            event = events.Key(key, None)
            event.set_sender(app)
            app._driver.send_message(event)
            await drain(lambda: done(target))
            return (time.perf_counter() - t0) * 1000

        cursor = [await timed("down", lambda t: review.grid.cursor == t) for _ in range(steps)]
        await pilot.pause(0.2)
        detail = []
        for index in range(0, steps):
            t0 = time.perf_counter()
            review.detail.show(index)
            await drain(lambda: True)
            detail.append((time.perf_counter() - t0) * 1000)
        await pilot.press("home")
        durable = [await timed("c", lambda t: review.detail.shown == t) for _ in range(ops)]
        assert len(review.view.state.decisions) == ops, "every confirm must be recorded"
        t0 = time.perf_counter()
        review.view.save()
        fold = time.perf_counter() - t0
    return {
        "first_paint_s": round(paint, 3),
        "cursor_p50_ms": round(statistics.median(cursor), 2),
        "cursor_p95_ms": round(percentile(cursor, 0.95), 2),
        "detail_p50_ms": round(statistics.median(detail), 2),
        "detail_p95_ms": round(percentile(detail, 0.95), 2),
        "op_durable_p50_ms": round(statistics.median(durable), 2),
        "op_durable_p95_ms": round(percentile(durable, 0.95), 2),
        "fold_save_ms": round(fold * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--links", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--ops", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        t0 = time.perf_counter()
        build(root, args.links)
        print(f"built a {args.links}-link document in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        figures = asyncio.run(measure(root, args.steps, args.ops))
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    figures["links"] = args.links
    for name, value in figures.items():
        print(f"{name:>20}: {value}")
    checks = report(GOALS, figures)
    print(json.dumps({"benchmark": "tui", **figures, "goals": {c.goal.figure: c.goal.limit for c in checks},
                      "met": {c.goal.figure: c.met for c in checks}, "goal_checks": checks_json(checks),
                      "python": platform.python_version(), "machine": platform.machine()}))


if __name__ == "__main__":
    main()
