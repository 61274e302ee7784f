"""`make bench` reporting: a missed goal is marked and makes the exit status non-zero; a figure not
measured and a benchmark skipped for want of its data are neither met nor missed. (Logic only: no
benchmark is run and nothing is timed.)"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import run_all  # noqa: E402
from goals import Goal, check, checks_json, report  # noqa: E402

GOALS = (Goal("peak_rss_mb", 300.0, "MB", "peak RSS"), Goal("op.p95_ms", 50.0, "ms", "operation p95"),
         Goal("en.f1", 0.97, "", "en F1", at_least=True))


def test_a_goal_is_met_or_missed_on_its_side_of_the_limit() -> None:
    checks = check(GOALS, {"peak_rss_mb": 352.7, "op": {"p95_ms": 50.0}, "en": {"f1": 0.96}})
    assert [c.met for c in checks] == [False, True, False]  # at most 300; exactly 50 meets ≤ 50; ≥ 0.97
    assert [c.met for c in check(GOALS, {"peak_rss_mb": 99.8, "op": {"p95_ms": 50.01}, "en": {"f1": 0.97}})] \
        == [True, False, True]


def test_a_figure_not_measured_is_neither_met_nor_missed() -> None:
    checks = check(GOALS, {"peak_rss_mb": 120, "en": {"f1": True}})  # op absent; a bool is no figure
    assert [c.met for c in checks] == [True, None, None]
    assert [c.verdict for c in checks] == ["ok", "not measured", "not measured"]


def test_the_report_prints_each_figure_beside_its_goal_and_marks_a_miss(capsys: pytest.CaptureFixture[str]) -> None:
    report(GOALS, {"peak_rss_mb": 352.7, "op": {"p95_ms": 41.2}, "en": {"f1": 0.998}})
    lines = capsys.readouterr().out.splitlines()
    rss = next(text for text in lines if "peak RSS" in text and "goal" in text)
    assert "352.7 MB" in rss and "≤ 300 MB" in rss and "MISSED" in rss
    op = next(text for text in lines if "operation p95" in text)
    assert "41.2 ms" in op and "≤ 50 ms" in op and "MISSED" not in op and op.rstrip().endswith("ok")
    assert "≥ 0.97" in next(text for text in lines if "en F1" in text)
    assert lines[-1].strip() == "1 goal(s) missed: peak RSS"


def json_line(figures: dict[str, object], **extra: object) -> str:
    return json.dumps({**figures, "goal_checks": checks_json(check(GOALS, figures)), **extra})


def test_a_missed_goal_makes_make_bench_exit_non_zero() -> None:
    met = run_all.outcome("store", 0, json_line({"peak_rss_mb": 99.8, "op": {"p95_ms": 30}, "en": {"f1": 1}}))
    missed = run_all.outcome("tui", 0, json_line({"peak_rss_mb": 347.0, "op": {"p95_ms": 30}, "en": {"f1": 1}}))
    assert (met.status, missed.status) == (run_all.OK, run_all.MISSED)
    assert run_all.summary([met])[1] == 0
    lines, status = run_all.summary([met, missed])
    assert status == 1
    assert any("347 MB" in text and "≤ 300 MB" in text and "✗ MISSED" in text for text in lines)
    assert lines[-1] == "✗ 1 goal(s) MISSED: tui: peak RSS"


def test_a_skipped_benchmark_passes_and_a_failed_one_does_not() -> None:
    skipped = run_all.outcome("align", 0, json.dumps({"skipped": "no gold set in ../shared/eval", "goal_checks": []}))
    assert skipped.status == run_all.SKIPPED
    lines, status = run_all.summary([skipped])
    assert status == 0 and "align (0 s): skipped: no gold set in ../shared/eval" in lines
    crashed = run_all.outcome("export", 1, "Traceback (most recent call last):")
    no_json = run_all.outcome("export", 0, "some text")
    no_goals = run_all.outcome("export", 0, json.dumps({"figures": 1}))
    for item in (crashed, no_json, no_goals):
        assert item.status == run_all.FAILED
        assert run_all.summary([skipped, item])[1] == 1


def test_a_benchmark_without_goals_is_listed_and_passes() -> None:
    item = run_all.outcome("collate", 0, json.dumps({"tokens_2293": {"seconds": 0.3}, "goal_checks": []}))
    lines, status = run_all.summary([item])
    assert status == 0 and "collate (0 s): no goal set (figures in its JSON line)" in lines
