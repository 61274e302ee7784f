"""The search: a chain of anchors, then a dynamic programme inside a band around it.

Cells are stored row by row (one row per source position ``i``) in a band of ``K`` target positions
starting at ``off[i]``; ``off`` never decreases, so every predecessor of a row is a contiguous,
shifted slice of an earlier row and each row is a handful of numpy operations. Time and memory are
``O((n + m) · K)``: linear in the text for a fixed band width.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import cast

import numpy as np

from workbench.core.aligner.beads import BEAD_TYPES

INF = np.float64(1e18)
# Texts with at most this many DP cells are aligned without a band (exact search).
FULL_SEARCH_CELLS = 3_000_000
# The re-estimated length variance is kept at least this high: the first pass's 1-1 beads are the
# easy ones, so their spread understates the text's (measured: 1.0–1.5 on the gold sets; the floor
# gained 0.01–0.02 strict F1 on the EN–RU book, see docs/alignment.md).
VARIANCE_FLOOR = 2.5
# Rows whose bead costs are computed together (bounds the temporary arrays).
BLOCK_ROWS = 512


@dataclass(frozen=True)
class Family:
    """One similarity feature family: a vector per sentence on each side, compared by the cosine of
    the summed vectors of a bead. ``weight`` is the cost bonus for a perfect match per sentence of the
    bead; ``centre`` is subtracted from the cosine first (for embeddings, whose unrelated pairs are not
    at 0)."""

    name: str
    source: np.ndarray
    target: np.ndarray
    weight: float
    centre: float = 0.0


@dataclass(frozen=True)
class CostParams:
    """Parameters of the bead cost. ``priors`` are bead-shape probabilities; ``ratio`` and ``variance``
    the length model (target characters per source character, and the variance per character of the
    difference, as in Gale & Church 1993); ``skip`` the cost of a 0-1 or 1-0 bead that opens a run of
    them and ``skip_extend`` of each further one (affine, like gaps in sequence alignment); ``cross`` the cost of
    a bead that spans a paragraph boundary on one side; ``mismatch`` the cost of a bead boundary that is
    a paragraph boundary on one side only."""

    priors: dict[tuple[int, int], float]
    ratio: float = 1.0
    variance: float = 6.8
    skip: float = 6.0
    skip_extend: float = 2.0
    cross: float = 2.5
    mismatch: float = 1.5
    length_cap: float = 30.0

    def prior_cost(self, shape: tuple[int, int]) -> float:
        """-log of the prior probability of a bead shape."""
        return -math.log(max(self.priors.get(shape, 1e-6), 1e-6))


DEFAULT_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.85, (1, 2): 0.05, (2, 1): 0.05, (2, 2): 0.01, (1, 3): 0.007, (3, 1): 0.007,
    (0, 1): 0.01, (1, 0): 0.01,
}


@dataclass
class Band:
    """Which target positions each source row may visit: ``off[i] .. off[i] + width - 1``."""

    off: np.ndarray
    width: int

    @staticmethod
    def around(centre: np.ndarray, width: int, m: int) -> Band:
        """A band of ``width`` columns centred on ``centre[i]`` (one float per row), clamped so the
        first row starts at 0 and the last row reaches ``m``, and never moving left."""
        width = min(width, m + 1)
        off = np.clip(np.rint(centre).astype(np.int64) - width // 2, 0, m + 1 - width)
        off[0] = 0
        off[-1] = m + 1 - width
        off = np.maximum.accumulate(off)
        return Band(off, width)

    @staticmethod
    def full(n: int, m: int) -> Band:
        """Every column in every row (exact search)."""
        return Band(np.zeros(n + 1, dtype=np.int64), m + 1)


@dataclass
class _Prepared:
    ls: np.ndarray  # cumulative source lengths, n + 1
    lt: np.ndarray
    psrc: np.ndarray | None
    ptgt: np.ndarray | None
    families: list[Family]
    turn_s: np.ndarray | None = None  # does a speech turn start with this sentence (quote or dash)?
    turn_t: np.ndarray | None = None
    turn_weight: float = 0.0
    run_norm_s: list[dict[int, np.ndarray]] = field(default_factory=list)
    run_norm_t: list[dict[int, np.ndarray]] = field(default_factory=list)


def _run_norms(x: np.ndarray) -> dict[int, np.ndarray]:
    """Norm of the sum of the vectors of 1, 2 and 3 consecutive sentences, for every start, from the
    dot products of neighbours (no copy of the vectors); one zero where the text is shorter than the
    run (such beads are masked out anyway)."""
    def dots(shift: int) -> np.ndarray:
        out: np.ndarray = np.einsum("ij,ij->i", x[:len(x) - shift], x[shift:]).astype(np.float64)
        return out

    q = dots(0)
    out: dict[int, np.ndarray] = {1: np.sqrt(q) if len(x) else np.zeros(1)}
    a1 = dots(1) if len(x) > 1 else np.zeros(0)
    out[2] = np.sqrt(np.maximum(q[:-1] + q[1:] + 2 * a1, 0)) if len(x) > 1 else np.zeros(1)
    if len(x) > 2:
        out[3] = np.sqrt(np.maximum(q[:-2] + q[1:-1] + q[2:] + 2 * (a1[:-1] + a1[1:] + dots(2)), 0))
    else:
        out[3] = np.zeros(1)
    return out


def prepare(src_len: np.ndarray, tgt_len: np.ndarray, families: list[Family],
            src_par: Sequence[int] | np.ndarray | None, tgt_par: Sequence[int] | np.ndarray | None) -> _Prepared:
    """Cumulative lengths, paragraph arrays and run norms shared by every pass."""
    prep = _Prepared(
        np.concatenate([[0.0], np.cumsum(src_len, dtype=np.float64)]),
        np.concatenate([[0.0], np.cumsum(tgt_len, dtype=np.float64)]),
        None if src_par is None else np.asarray(src_par, dtype=np.int64),
        None if tgt_par is None else np.asarray(tgt_par, dtype=np.int64),
        families,
    )
    prep.run_norm_s = [_run_norms(f.source) for f in families]
    prep.run_norm_t = [_run_norms(f.target) for f in families]
    return prep


def _band_dots(f: Family, band: Band, n: int, m: int) -> np.ndarray:
    """P[i, k] = source[i] · target[off[i] + k] for the rows 0..n-1 (zero outside the text)."""
    width = band.width
    out = np.zeros((n, width), dtype=np.float32)
    cols = np.arange(width)
    for r0 in range(0, n, BLOCK_ROWS):
        r1 = min(n, r0 + BLOCK_ROWS)
        c0 = int(band.off[r0])
        c1 = min(m, int(band.off[r1 - 1]) + width)
        if c1 <= c0:
            continue
        dense = f.source[r0:r1] @ f.target[c0:c1].T  # rows × window, one BLAS call per block
        idx = (band.off[r0:r1] - c0)[:, None] + cols[None, :]
        valid = idx < (c1 - c0)
        out[r0:r1] = np.where(valid, np.take_along_axis(dense, np.minimum(idx, c1 - c0 - 1), axis=1), 0)
    return out


@dataclass
class PassResult:
    """The beads of one pass as (source start, source count, target start, target count, cost)."""

    beads: list[tuple[int, int, int, int, float]]
    touched_edge: bool
    dp: np.ndarray | None = None  # best cost of reaching each band cell (kept for margins)


def _bead_costs(prep: _Prepared, dots: list[np.ndarray], band: Band, params: CostParams,
                rows: np.ndarray, shape: tuple[int, int], n: int, m: int,
                detail: bool = False) -> np.ndarray | dict[str, np.ndarray]:
    """Cost of the bead ``shape`` ending at every cell of the given rows (inf where impossible)."""
    a, b = shape
    j = band.off[rows][:, None] + np.arange(band.width)[None, :]
    valid = (rows[:, None] >= a) & (j >= b) & (j <= m)
    i2 = np.broadcast_to(rows[:, None], j.shape)
    i0 = np.maximum(i2 - a, 0)
    j0 = np.clip(j - b, 0, m)
    j1 = np.clip(j, 0, m)
    if a == 0 or b == 0:
        cost = np.full(j.shape, params.skip + params.prior_cost((1, 1)), dtype=np.float64)
        return np.where(valid, cost, INF)
    length = length_cost(prep.ls[i2] - prep.ls[i0], prep.lt[j1] - prep.lt[j0], params)
    cost = length + params.prior_cost(shape)
    bonus = np.zeros(j.shape, dtype=np.float64)
    for f_index, family in enumerate(prep.families):
        bonus += family.weight * _family_match(prep, dots[f_index], f_index, family, band, rows, j, valid,
                                               (a, b), (i0, j0))
    cost = cost - bonus
    if prep.turn_s is not None and prep.turn_t is not None and prep.turn_weight:
        # A speech turn that starts a bead on one side only: dialogue lines rarely change places.
        cost = cost + prep.turn_weight * (prep.turn_s[np.minimum(i0, n - 1)] != prep.turn_t[np.minimum(j0, m - 1)])
    if prep.psrc is not None and prep.ptgt is not None:
        cost = cost + _paragraph_cost(prep, params, i0, i2, j0, j1, n, m)
    if detail:
        return {"length": np.where(valid, length, 0.0), "bonus": np.where(valid, bonus, 0.0),
                "cost": np.where(valid, cost, INF)}
    return np.where(valid, cost, INF)


def length_cost(ls: np.ndarray, lt: np.ndarray, params: CostParams) -> np.ndarray:
    """Gale–Church's length term: the squared, variance-scaled difference between the target length
    and ``ratio`` times the source length, halved (the negative log of a normal density, without its
    constant), capped at ``length_cap`` so that one bad bead cannot outweigh the anchors around it."""
    mean = (ls + lt / params.ratio) / 2.0
    delta = (lt - params.ratio * ls) / np.sqrt(params.variance * mean + 1.0)
    return np.minimum(delta * delta / 2.0, params.length_cap)


def _family_match(prep: _Prepared, p: np.ndarray, f_index: int, family: Family, band: Band, rows: np.ndarray,
                  j: np.ndarray, valid: np.ndarray, shape: tuple[int, int],
                  starts: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """How well a bead's sentences match in one family (before the family weight).

    Each sentence of the thinner side (the source when equal) is compared with the summed vectors of
    the other side: Σ_u (cos(u, Σ other) − centre). A bead thus earns about what its sentences would
    earn in separate beads; a wrong 2-2 earns less than its two 1-1 beads, a true 2-1 more than its 1-1
    part alone."""
    a, b = shape
    i0, j0 = starts
    pair = {}
    for u in range(1, a + 1):
        src_row = np.maximum(rows - u, 0)
        for v in range(1, b + 1):
            col = j - v - band.off[src_row][:, None]
            ok = valid & (col >= 0) & (col < band.width)
            pair[u, v] = np.where(ok, p[src_row[:, None], np.clip(col, 0, band.width - 1)], 0.0)
    # Thin side = source when a <= b. Each thin sentence u scores cos(u, sum of the thick side).
    thin_norms, thick_runs = (prep.run_norm_s[f_index][1], prep.run_norm_t[f_index][b]) if a <= b else \
        (prep.run_norm_t[f_index][1], prep.run_norm_s[f_index][a])
    thick_start = j0 if a <= b else i0
    thick = thick_runs[np.minimum(thick_start, len(thick_runs) - 1)]
    total = np.zeros(j.shape, dtype=np.float64)
    for u in range(1, min(a, b) + 1):
        if a <= b:
            dot = sum(pair[u, v] for v in range(1, b + 1))
            norm_u = thin_norms[np.clip(rows - u, 0, len(thin_norms) - 1)][:, None]
        else:
            dot = sum(pair[w, u] for w in range(1, a + 1))
            norm_u = thin_norms[np.clip(j - u, 0, len(thin_norms) - 1)]
        denom = norm_u * thick
        total += np.where(denom > 0, dot / np.where(denom > 0, denom, 1.0) - family.centre, 0.0)
    return total


def _paragraph_cost(prep: _Prepared, params: CostParams, i0: np.ndarray, i2: np.ndarray,
                    j0: np.ndarray, j1: np.ndarray, n: int, m: int) -> np.ndarray:
    ps, pt = prep.psrc, prep.ptgt
    assert ps is not None and pt is not None
    cross = (ps[np.minimum(i2 - 1, n - 1)] != ps[i0]).astype(np.float64)
    cross += (pt[np.clip(j1 - 1, 0, m - 1)] != pt[np.clip(j0, 0, m - 1)])
    end_s = (i2 >= n) | (ps[np.minimum(i2, n - 1)] != ps[np.clip(i2 - 1, 0, n - 1)])
    end_t = (j1 >= m) | (pt[np.minimum(j1, m - 1)] != pt[np.clip(j1 - 1, 0, m - 1)])
    total: np.ndarray = params.cross * cross + params.mismatch * (end_s != end_t)
    return total


def _shifted(row: np.ndarray, shift: int) -> np.ndarray:
    """``out[k] = row[k + shift]`` where that exists, else infinity."""
    width = len(row)
    out = np.full(width, INF)
    lo, hi = max(0, -shift), min(width, width - shift)
    if lo < hi:
        out[lo:hi] = row[lo + shift:hi + shift]
    return out


@dataclass
class _Tables:
    """The DP tables of one pass. ``dp`` is the best cost of each cell; ``best``/``arg`` the best cost
    and shape over beads that are not insertions (what an insertion run starts from); ``gap``/``gap_ext``
    the best cost of a run of deletions (1-0) ending in the cell and whether it extends a run;
    ``run_start`` the column where a cell's run of insertions (0-1) starts."""

    dp: np.ndarray
    best: np.ndarray
    arg: np.ndarray
    gap: np.ndarray
    gap_ext: np.ndarray
    run_start: np.ndarray


SKIP_ID = {(0, 1): BEAD_TYPES.index((0, 1)), (1, 0): BEAD_TYPES.index((1, 0))}


def run_pass(prep: _Prepared, band: Band, params: CostParams) -> PassResult:
    """One banded dynamic programme; returns the best path's beads.

    Insertions and deletions cost ``skip`` to open a run and ``skip_extend`` for each further bead of
    the run (affine gaps), because untranslated passages come in runs: eleven untranslated opening
    paragraphs are one editorial fact, not eleven."""
    n, m = len(prep.ls) - 1, len(prep.lt) - 1
    width = band.width
    dots = [_band_dots(f, band, n, m) for f in prep.families]
    t = _Tables(np.full((n + 1, width), INF), np.full((n + 1, width), INF, dtype=np.float32),
                np.full((n + 1, width), -1, dtype=np.int8), np.full((n + 1, width), INF, dtype=np.float32),
                np.zeros((n + 1, width), dtype=bool), np.full((n + 1, width), -1, dtype=np.int32))
    cols = np.arange(width)
    open_cost = params.skip + params.prior_cost((1, 1))
    ext = params.skip_extend
    valid0 = cols <= m
    t.best[0, 0], t.arg[0, 0] = 0.0, -2  # -2 marks the origin
    t.dp[0] = np.where(valid0, np.where(cols == 0, 0.0, open_cost + (cols - 1) * ext), INF)
    t.run_start[0, 1:] = 0
    shapes = [s for s in BEAD_TYPES if s[0] > 0 and s[1] > 0]
    shape_ids = {s: BEAD_TYPES.index(s) for s in shapes}
    for r0 in range(1, n + 1, BLOCK_ROWS):
        rows = np.arange(r0, min(n + 1, r0 + BLOCK_ROWS))
        costs = {s: cast(np.ndarray, _bead_costs(prep, dots, band, params, rows, s, n, m)) for s in shapes}
        for offset, i in enumerate(rows):
            valid_col = (band.off[i] + cols) <= m
            best = np.full(width, INF)
            arg = np.full(width, -1, dtype=np.int8)
            for shape in shapes:
                a, b = shape
                if i - a < 0:
                    continue
                cand = _shifted(t.dp[i - a], int(band.off[i] - band.off[i - a]) - b) + costs[shape][offset]
                better = cand < best
                best = np.where(better, cand, best)
                arg = np.where(better, shape_ids[shape], arg)
            # Deletions (1-0): open from any cell of the row above, or extend a run that ends there.
            up = int(band.off[i] - band.off[i - 1])
            opened = _shifted(t.dp[i - 1], up) + open_cost
            extended = _shifted(t.gap[i - 1].astype(np.float64), up) + ext
            gap = np.minimum(opened, extended)
            t.gap[i] = np.where(valid_col, gap, INF)
            t.gap_ext[i] = extended < opened
            better = gap < best
            best = np.where(better & valid_col, gap, best)
            arg = np.where(better & valid_col, SKIP_ID[(1, 0)], arg)
            best = np.where(valid_col, best, INF)
            t.best[i], t.arg[i] = best, arg
            # Insertions (0-1) inside the row: a run from column k' < k costs open + (k - k' - 1) * ext.
            shifted_best = best - cols * ext
            running = np.minimum.accumulate(shifted_best)
            start = np.maximum.accumulate(np.where(shifted_best <= running, cols, 0))
            run = np.full(width, INF)
            run[1:] = running[:-1] + cols[1:] * ext + (open_cost - ext)
            use_run = (run < best - 1e-9) & valid_col
            t.dp[i] = np.where(valid_col, np.where(use_run, run, best), INF)
            t.run_start[i] = np.where(use_run, np.concatenate([[-1], start[:-1]]), -1)
    beads, touched = _trace(t, band, params, n, m)
    return PassResult(beads, touched, t.dp)


def _trace(t: _Tables, band: Band, params: CostParams, n: int,
           m: int) -> tuple[list[tuple[int, int, int, int, float]], bool]:
    beads: list[tuple[int, int, int, int, float]] = []
    open_cost = params.skip + params.prior_cost((1, 1))
    i, j = n, m
    state = "dp"  # which table the current cell's value comes from: dp, best or gap
    touched = False
    edge = 2
    while i > 0 or j > 0:
        k = j - int(band.off[i])
        if band.width < m + 1 and (k < edge and band.off[i] > 0 or k >= band.width - edge and
                                   band.off[i] + band.width <= m):
            touched = True
        if state == "dp":
            start = int(t.run_start[i, k])
            if start >= 0:  # a run of insertions ends here
                for col in range(k, start, -1):
                    first = col == start + 1
                    beads.append((i, 0, int(band.off[i]) + col - 1, 1, open_cost if first else params.skip_extend))
                j = int(band.off[i]) + start
                state = "best"
                continue
            state = "best"
        if state == "gap" or int(t.arg[i, k]) == SKIP_ID[(1, 0)]:
            extends = bool(t.gap_ext[i, k])
            beads.append((i - 1, 1, j, 0, params.skip_extend if extends else open_cost))
            i -= 1
            state = "gap" if extends else "dp"
            continue
        shape_id = int(t.arg[i, k])
        if shape_id < 0:
            raise RuntimeError(f"alignment search lost its path at ({i}, {j})")
        a, b = BEAD_TYPES[shape_id]
        pk = j - b - int(band.off[i - a])
        beads.append((i - a, a, j - b, b, float(t.best[i, k]) - float(t.dp[i - a, pk])))
        i, j = i - a, j - b
        state = "dp"
    beads.reverse()
    return beads, touched


def monotone_chain(candidates: Sequence[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The heaviest chain of candidate pairs increasing in both coordinates (weighted longest
    increasing subsequence, O(k log k) with a Fenwick tree of prefix maxima)."""
    if not candidates:
        return []
    size = max(j for _, j, _ in candidates) + 2
    tree_val = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    best = [0.0] * len(candidates)
    prev = [-1] * len(candidates)
    # Same i: visit larger j first so two pairs of one source sentence never chain.
    order = sorted(range(len(candidates)), key=lambda k: (candidates[k][0], -candidates[k][1]))
    for k in order:
        i, j, w = candidates[k]
        q, value, arg = j, 0.0, -1  # best chain ending at a column < j
        while q > 0:
            if tree_val[q] > value:
                value, arg = tree_val[q], tree_arg[q]
            q -= q & -q
        best[k], prev[k] = value + w, arg
        q = j + 1
        while q <= size:
            if best[k] > tree_val[q]:
                tree_val[q], tree_arg[q] = best[k], k
            q += q & -q
    k = max(range(len(candidates)), key=lambda x: best[x])
    chain = []
    while k >= 0:
        chain.append(candidates[k])
        k = prev[k]
    chain.reverse()
    return chain


def reestimate(beads: Sequence[tuple[int, int, int, int, float]], prep: _Prepared,
               params: CostParams) -> CostParams:
    """Length ratio, variance and shape priors re-estimated from a first pass (one EM-like step),
    smoothed towards the defaults so that a short text cannot make a shape impossible."""
    counts: dict[tuple[int, int], float] = {s: 0.0 for s in BEAD_TYPES}
    sums = []
    for s0, a, t0, b, _ in beads:
        counts[(a, b)] = counts.get((a, b), 0.0) + 1
        if a == 1 and b == 1:
            sums.append((prep.ls[s0 + 1] - prep.ls[s0], prep.lt[t0 + 1] - prep.lt[t0]))
    total = sum(counts.values())
    smooth = 20.0
    priors = {s: (counts.get(s, 0.0) + smooth * p) / (total + smooth) for s, p in DEFAULT_PRIORS.items()}
    ratio, variance = params.ratio, params.variance
    if len(sums) >= 20:
        ls = np.array([x for x, _ in sums])
        lt = np.array([y for _, y in sums])
        ratio = float(lt.sum() / max(ls.sum(), 1.0))
        mean = (ls + lt / ratio) / 2.0 + 1.0
        resid = (lt - ratio * ls) ** 2 / mean
        # A trimmed mean: the worst 5 % are the wrong beads of the first pass, not the spread.
        variance = float(np.mean(np.sort(resid)[: max(1, int(len(resid) * 0.95))]))
        variance = max(variance, VARIANCE_FLOOR)
    return replace(params, priors=priors, ratio=ratio, variance=variance)


def reversed_prep(prep: _Prepared) -> _Prepared:
    """The same problem read from the end: the forward pass over it gives the backward costs."""
    ls = prep.ls[-1] - prep.ls[::-1]
    lt = prep.lt[-1] - prep.lt[::-1]
    families = [Family(f.name, f.source[::-1], f.target[::-1], f.weight, f.centre)
                for f in prep.families]
    rev = prepare(np.diff(ls), np.diff(lt), families,
                  None if prep.psrc is None else prep.psrc[::-1], None if prep.ptgt is None else prep.ptgt[::-1])
    # The speech-turn term looks at a bead's first sentences, which differ when read backwards; the
    # backward costs serve only the margins, so it is left out there.
    return rev


def reversed_band(band: Band, m: int) -> Band:
    """The band of the reversed problem: row i there is row n − i here, mirrored."""
    return Band((m + 1 - band.width) - band.off[::-1].copy(), band.width)


def boundary_margins(forward: np.ndarray, backward: np.ndarray, band: Band, m: int,
                     path: Sequence[tuple[int, int]]) -> dict[tuple[int, int], float]:
    """For each boundary (i, j) of the best path: how much more the best path through any other
    target position at source position i costs (0 = a tie; large = the boundary is certain).

    ``forward``/``backward`` are the DP tables of the forward pass and of the pass over the reversed
    problem (mapped back), so forward + backward is the best full-path cost through each cell."""
    n = forward.shape[0] - 1
    total = float(forward[n, m - int(band.off[n])])
    out: dict[tuple[int, int], float] = {}
    for i, j in path:
        # Cell (i, off[i] + k) is cell (n − i, width − 1 − k) of the reversed problem.
        row = forward[i] + backward[n - i][::-1]
        k = j - int(band.off[i])
        others = np.delete(row, k) if 0 <= k < len(row) else row
        best_other = float(others.min()) if len(others) else float(INF)
        out[(i, j)] = best_other - total
    return out

