"""Benchmark goals: each figure beside its goal, marked when the goal is missed.

Each benchmark script keeps its goals in one ``GOALS`` tuple of :class:`Goal`, and at the end calls
:func:`report` with its figures: it prints one line per goal (figure, goal, ``ok`` or ``MISSED``) and
returns the checks, which go into the script's JSON line as ``"goal_checks"`` (:func:`checks_json`).
``benchmarks/run_all.py`` (``make bench``) reads that list from every script's JSON line, prints
them all together and exits non-zero when a goal is missed.

A figure the run did not measure (a backend this machine lacks, a gold set that is absent) is
reported as ``not measured`` and is neither met nor missed.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

MISSED = "MISSED"
MET = "ok"
NOT_MEASURED = "not measured"


@dataclass(frozen=True)
class Goal:
    """A goal on one figure: ``figure`` is its key in the script's figures (a dotted path such as
    ``en.rules.f1`` for nested ones); met when the value is at most ``limit`` (or at least, for
    ``at_least``)."""

    figure: str
    limit: float
    unit: str = ""
    label: str = ""
    at_least: bool = False

    @property
    def name(self) -> str:
        """How the figure is called in the report."""
        return self.label or self.figure

    def met_by(self, value: float) -> bool:
        """True when ``value`` meets the goal (a NaN never does)."""
        if math.isnan(value):
            return False
        return value >= self.limit if self.at_least else value <= self.limit

    def describe(self) -> str:
        """``≤ 300 MB``, ``≥ 0.97``."""
        return f"{'≥' if self.at_least else '≤'} {_number(self.limit)}{_unit(self.unit)}"


@dataclass(frozen=True)
class Check:
    """A goal with the value this run measured (``None``: not measured)."""

    goal: Goal
    value: float | None

    @property
    def met(self) -> bool | None:
        """Whether the goal is met; ``None`` when the figure was not measured."""
        return None if self.value is None else self.goal.met_by(self.value)

    @property
    def verdict(self) -> str:
        """``ok``, ``MISSED`` or ``not measured``."""
        return NOT_MEASURED if self.met is None else MET if self.met else MISSED


def figure(figures: Mapping[str, Any], path: str) -> float | None:
    """The value at a dotted path of the figures, or ``None`` when it is absent."""
    node: Any = figures
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    if isinstance(node, bool) or not isinstance(node, (int, float)):
        return None
    return float(node)


def check(goals: Sequence[Goal], figures: Mapping[str, Any]) -> list[Check]:
    """Each goal against its figure."""
    return [Check(goal, figure(figures, goal.figure)) for goal in goals]


def line(check: Check, width: int = 40) -> str:
    """``peak RSS                  352.7 MB   goal ≤ 300 MB   MISSED``"""
    goal = check.goal
    value = "—" if check.value is None else f"{_number(check.value)}{_unit(goal.unit)}"
    mark = "✗ MISSED" if check.met is False else check.verdict
    return f"{goal.name:<{width}} {value:>14}   goal {goal.describe():<12} {mark}"


def report(goals: Sequence[Goal], figures: Mapping[str, Any], out: TextIO | None = None) -> list[Check]:
    """Print each figure beside its goal; returns the checks (for the JSON line)."""
    stream = out or sys.stdout
    checks = check(goals, figures)
    if checks:
        print("goals:", file=stream)
    for item in checks:
        print("  " + line(item), file=stream)
    missed = [c.goal.name for c in checks if c.met is False]
    if missed:
        print(f"  {len(missed)} goal(s) missed: {', '.join(missed)}", file=stream)
    return checks


def checks_json(checks: Sequence[Check]) -> list[dict[str, Any]]:
    """The checks as the JSON line carries them (``run_all.py`` reads them back)."""
    return [{"figure": c.goal.figure, "label": c.goal.name, "value": c.value, "limit": c.goal.limit,
             "unit": c.goal.unit, "at_least": c.goal.at_least, "met": c.met} for c in checks]


def checks_from_json(items: Sequence[Mapping[str, Any]]) -> list[Check]:
    """The checks of a JSON line, as :func:`checks_json` wrote them."""
    out = []
    for item in items:
        goal = Goal(str(item["figure"]), float(item["limit"]), str(item.get("unit", "")),
                    str(item.get("label", "")), bool(item.get("at_least", False)))
        value = item.get("value")
        out.append(Check(goal, None if value is None else float(value)))
    return out


def _number(value: float) -> str:
    return f"{value:g}"


def _unit(unit: str) -> str:
    if not unit:
        return ""
    return unit if unit in ("×", "%") else f" {unit}"
