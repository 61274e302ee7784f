"""Helpers for the witness/variant tests: a private copy of the fixture project, its loading, and a
deterministic aligner and clock (the real aligner is exercised once, in test_add_witness)."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Sequence
from pathlib import Path

from workbench.core.decisions import Clock
from workbench.core.documents import DocumentMeta
from workbench.core.models import Alignment
from workbench.storage.corpus import Corpus, DocRef

FIXTURE = Path(__file__).resolve().parent / "data" / "variants"
ADDRESS = "fixture/telegram"


def copy_fixture(tmp_path: Path) -> Path:
    """The fixture project (texts/ and alignments/) copied into ``tmp_path``."""
    root = tmp_path / "vproject"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("*.journal", ".*.lock"))
    return root


def load(root: Path, address: str = ADDRESS) -> tuple[Corpus, DocRef, DocumentMeta, Alignment, dict[str, str]]:
    """Corpus, document ref, metadata, alignment state and witness texts of a document."""
    corpus = Corpus(root)
    ref = corpus.parse_address(address)
    meta = corpus.read_meta(ref)
    state = corpus.open_state(ref)
    return corpus, ref, meta, state, {w.siglum: corpus.read_witness(ref, w.siglum) for w in meta.witnesses}


def one_to_one(src: Sequence[str], tgt: Sequence[str], sp: Sequence[int], tp: Sequence[int]):  # type: ignore[no-untyped-def]
    """An aligner stand-in: sentence k ↔ sentence k, leftovers alone."""
    n = min(len(src), len(tgt))
    beads = [((k,), (k,), 1.0, 0.9) for k in range(n)]
    beads += [((k,), (), 1.0, 0.5) for k in range(n, len(src))]
    beads += [((), (k,), 1.0, 0.5) for k in range(n, len(tgt))]
    return beads, {"aligner": "one-to-one"}


def fixed_clock() -> Clock:
    """Decision ids D-0000000001… and one fixed time."""
    counter = itertools.count(1)
    return Clock(new_id=lambda: f"D-{next(counter):010d}", now=lambda: "2026-01-01T00:00:00.000Z")
