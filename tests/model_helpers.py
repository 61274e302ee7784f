"""A small alignment state for store and model tests."""

from __future__ import annotations

from workbench.core.models import Alignment, Link, Segment, Status, WitnessRef


def tiny(n: int = 4) -> Alignment:
    """``n`` sentences a side in 1-1 links, nothing decided."""
    src = tuple(Segment(f"s{i}", i * 10, i * 10 + 9, f"Русский {i}.", i) for i in range(1, n + 1))
    tgt = tuple(Segment(f"t{i}", i * 10, i * 10 + 9, f"English {i}.", i) for i in range(1, n + 1))
    links = tuple(Link(f"L{i}", (f"s{i}",), (f"t{i}",), Status.AUTO, 0.9, "aligner") for i in range(1, n + 1))
    return Alignment("c/d", 0, WitnessRef("ru-x", "ru", "a" * 64), WitnessRef("en-x", "en", "b" * 64),
                     src, tgt, links, {}, (), {"segmenter": "test"})
