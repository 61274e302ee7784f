"""What the integrity record (format version 3) and the strict YAML loader cost on load.

Usage: python benchmarks/integrity_cost.py

Decodes the store benchmark's 50,000-link file (2,000 decisions) with the integrity record checked, not
checked, and not checked with libyaml's plain safe loader swapped in for the one that refuses duplicate keys,
best of 3, twice alternated; and the sha256 of the body alone. No goal: a comparison (docs/benchmarks.md).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_bench import synthetic  # noqa: E402

from workbench.storage import alignment_codec as codec  # noqa: E402
from workbench.storage import yamlio  # noqa: E402


def best(fn: Callable[[], object], repeat: int = 3) -> float:
    out = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - start)
    return out


def main() -> int:
    text = codec.encode(synthetic(50_000, 2_000))
    body = codec.strip_seal(text)
    print(f"file: {len(text) / 1e6:.1f} MB")
    strict = yamlio._StrictLoader
    for round_ in (1, 2):
        checked = best(lambda: codec.decode(text, "f"))
        unchecked = best(lambda: codec.decode(text, "f", verify=False))
        yamlio._StrictLoader = yamlio._Loader  # type: ignore[misc]
        try:
            plain = best(lambda: codec.decode(text, "f", verify=False))
        finally:
            yamlio._StrictLoader = strict  # type: ignore[misc]
        digest = best(lambda: codec.digest(body))
        print(f"round {round_}: decode checked {checked:.3f} s, not checked {unchecked:.3f} s, not checked with the "
              f"plain loader {plain:.3f} s, sha256 {digest:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
