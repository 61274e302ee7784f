"""``align``: sentences of two languages in, beads with scores, confidences and a signature out."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from workbench.core.aligner import search
from workbench.core.aligner.anchors import Keyed, anchor_candidates, punctuation_profile, sentence_keys
from workbench.core.aligner.beads import AlignResources, AlignResult, Bead
from workbench.core.aligner.confidence import BeadEvidence, confidence
from workbench.core.aligner.dictionary import dictionary_keys
from workbench.core.aligner.search import Band, CostParams, Family
from workbench.core.aligner.vectors import hashed_vectors, unit_rows
from workbench.core.errors import InputError
from workbench.core.language.morph import morphology_available

VERSION = "1"
BACKENDS = ("auto", "plain", "dictionary", "embeddings")
# Bonus weights of the similarity families (cost units per sentence of a perfectly matching bead).
WEIGHT_ANCHORS = 5.0
WEIGHT_PUNCT = 2.0
WEIGHT_DICT = 3.0
WEIGHT_EMBED = 11.0
EMBED_CENTRE = 0.25
WEIGHT_TURN = 1.0
# Band widths (target sentences per source row) of the first pass and of the refining pass.
WIDTH_FIRST = 200
WIDTH_SECOND = 60
# Anchor candidates further than this share of the text from the length diagonal are ignored.
ANCHOR_WINDOW = 0.12
# What the aligner takes per side. Memory grows by ~16 KB a sentence (40,000 sentences: 660 MB, 70 s;
# docs/reliability.md), so a 10 MB text of 165,000 sentences needs over 2 GB: refused, not attempted.
MAX_ALIGN_SENTENCES = 50_000
MAX_SENTENCE_CHARS = 100_000


def align(source: Sequence[str], target: Sequence[str], *, source_lang: str, target_lang: str,
          source_paragraphs: Sequence[int] | None = None, target_paragraphs: Sequence[int] | None = None,
          backend: str = "auto", resources: AlignResources | None = None) -> AlignResult:
    """Align two lists of sentences.

    ``source_paragraphs``/``target_paragraphs`` give each sentence's paragraph number (a bead that
    crosses a paragraph boundary, or ends at a boundary of one side only, costs more; both are needed
    for the term to apply). ``backend`` is ``auto`` (everything ``resources`` provide), ``plain``
    (length, numbers, names, cognates, punctuation), ``dictionary`` or ``embeddings`` (plain plus that
    resource; ``InputError`` if it is missing). The beads cover every index of both sides once, in
    order; the signature names the backend and parameters used.
    """
    return align_detailed(source, target, source_lang=source_lang, target_lang=target_lang,
                          source_paragraphs=source_paragraphs, target_paragraphs=target_paragraphs,
                          backend=backend, resources=resources)[0]


def align_detailed(source: Sequence[str], target: Sequence[str], *, source_lang: str, target_lang: str,
                   source_paragraphs: Sequence[int] | None = None,
                   target_paragraphs: Sequence[int] | None = None, backend: str = "auto",
                   resources: AlignResources | None = None) -> tuple[AlignResult, list[BeadEvidence]]:
    """``align`` plus the evidence behind each bead's confidence (for calibration and inspection)."""
    if backend not in BACKENDS:
        raise InputError(f"unknown alignment backend {backend!r} (choose from {', '.join(BACKENDS)})")
    res = resources or AlignResources()
    n, m = len(source), len(target)
    for side, sentences in (("source", source), ("target", target)):
        if len(sentences) > MAX_ALIGN_SENTENCES:
            raise InputError(f"the {side} has {len(sentences):,} sentences; the aligner takes up to "
                             f"{MAX_ALIGN_SENTENCES:,} per side: split the text into several documents")
    _check_paragraphs(source_paragraphs, n, "source")
    _check_paragraphs(target_paragraphs, m, "target")
    use_dict, use_embed = _choose(backend, res, source_lang, target_lang)
    signature = {"aligner": "workbench-anchor-dp", "version": VERSION, "langs": f"{source_lang}-{target_lang}"}
    if n == 0 or m == 0:
        beads = [Bead((i,), (), 0.0, 1.0) for i in range(n)] + [Bead((), (j,), 0.0, 1.0) for j in range(m)]
        signature["backend"] = "trivial"
        trivial = [BeadEvidence(b.shape, 0.0, 0.0, 0.0, True, MARGIN_CAP) for b in beads]
        return AlignResult(tuple(beads), signature), trivial

    keyed_s, keyed_t, stats = sentence_keys(source, target, source_lang, target_lang)
    families = [Family("anchors", unit_rows(hashed_vectors(keyed_s)), unit_rows(hashed_vectors(keyed_t)),
                       WEIGHT_ANCHORS),
                Family("punct", punctuation_profile(source), punctuation_profile(target), WEIGHT_PUNCT)]
    parts = ["length", "numbers", "names", "cognates", "punct"]
    if use_dict:
        families.append(_dictionary_family(source, target, source_lang, target_lang, res))
        parts.append("dictionary" + ("+pymorphy3" if morphology_available() else ""))
    if use_embed:
        assert res.embed is not None
        families.append(Family("embed", unit_rows(res.embed(list(source))), unit_rows(res.embed(list(target))),
                               WEIGHT_EMBED, EMBED_CENTRE))
        parts.append("embeddings" + (f"({res.embed_name})" if res.embed_name else ""))

    src_len = np.array([sentence_length(s) for s in source], dtype=np.float64)
    tgt_len = np.array([sentence_length(t) for t in target], dtype=np.float64)
    paragraphs = source_paragraphs is not None and target_paragraphs is not None
    prep = search.prepare(src_len, tgt_len, families,
                          source_paragraphs if paragraphs else None, target_paragraphs if paragraphs else None)
    prep.turn_s = np.array([bool(_TURN.match(x)) for x in source])
    prep.turn_t = np.array([bool(_TURN.match(x)) for x in target])
    prep.turn_weight = WEIGHT_TURN
    params = CostParams(dict(search.DEFAULT_PRIORS), ratio=float(tgt_len.sum() / src_len.sum()))

    exact = (n + 1) * (m + 1) <= search.FULL_SEARCH_CELLS
    if exact:
        band = Band.full(n, m)
        anchors_used = 0
    else:
        chain = _anchor_chain(keyed_s, keyed_t, n, m)
        anchors_used = len(chain)
        centre = _centre(chain, n, m)
        band = Band.around(centre, WIDTH_FIRST, m)
    first = search.run_pass(prep, band, params)
    params = search.reestimate(first.beads, prep, params)
    width = WIDTH_SECOND
    while True:
        if not exact:
            band = Band.around(_path_centre(first.beads, n), width, m)
        second = search.run_pass(prep, band, params)
        if exact or not second.touched_edge or band.width >= m + 1 or width >= 4 * WIDTH_FIRST:
            break
        width *= 2  # the path ran along the band's edge: it may have been pushed there
    signature.update({
        "backend": "+".join(parts), "search": "exact" if exact else f"band{WIDTH_FIRST}/{band.width}",
        "anchors": str(anchors_used), "keys": str(stats.kept), "ratio": f"{params.ratio:.3f}",
        "variance": f"{params.variance:.2f}", "paragraphs": "yes" if paragraphs else "no",
        "weights": _weights_line(use_dict, use_embed), "skip": f"{params.skip:g}/{params.skip_extend:g}",
    })
    beads, evidence = _finish(second, first, prep, band, params)
    return AlignResult(tuple(beads), signature), evidence


# A sentence that opens a speech turn: an opening quote or a dialogue dash.
_TURN = re.compile(r"\s*(?:['\"“‘«„]|--|—|–)")


def sentence_length(text: str) -> int:
    """The length the length model compares: characters of the stripped sentence (counting only
    letters and digits was measured too: 0.913 instead of 0.917 strict F1 on the EN–RU book)."""
    return max(len(text.strip()), 1)


def _weights_line(use_dict: bool, use_embed: bool) -> str:
    parts = [f"anchors{WEIGHT_ANCHORS:g}", f"punct{WEIGHT_PUNCT:g}", f"turn{WEIGHT_TURN:g}"]
    if use_dict:
        parts.append(f"dict{WEIGHT_DICT:g}")
    if use_embed:
        parts.append(f"embed{WEIGHT_EMBED:g}@{EMBED_CENTRE:g}")
    return ",".join(parts)


def _check_paragraphs(paragraphs: Sequence[int] | None, size: int, side: str) -> None:
    if paragraphs is not None and len(paragraphs) != size:
        raise InputError(f"{side}_paragraphs has {len(paragraphs)} entries for {size} sentences")


def _choose(backend: str, res: AlignResources, source_lang: str, target_lang: str) -> tuple[bool, bool]:
    pair = res.dictionary_pair
    dict_ok = res.dictionary is not None and pair is not None and set(pair) == {source_lang, target_lang}
    embed_ok = res.embed is not None
    if backend == "dictionary" and not dict_ok:
        raise InputError(f"the dictionary backend needs a {source_lang}-{target_lang} dictionary; none was loaded")
    if backend == "embeddings" and not embed_ok:
        raise InputError("the embeddings backend needs a sentence embedding model; none was loaded")
    if backend == "auto":
        return dict_ok, embed_ok
    return backend == "dictionary", backend == "embeddings"


def _dictionary_family(source: Sequence[str], target: Sequence[str], source_lang: str, target_lang: str,
                       res: AlignResources) -> Family:
    assert res.dictionary is not None and res.dictionary_pair is not None
    if res.dictionary_pair[0] == source_lang:
        ks, kt = dictionary_keys(source, target, target_lang, res.dictionary)
    else:
        kt, ks = dictionary_keys(target, source, source_lang, res.dictionary)
    return Family("dictionary", unit_rows(hashed_vectors(ks)), unit_rows(hashed_vectors(kt)), WEIGHT_DICT)


def _anchor_chain(keyed_s: Keyed, keyed_t: Keyed, n: int, m: int) -> list[tuple[int, int, float]]:
    window = ANCHOR_WINDOW * max(n, m) + 20
    slope = m / n
    near = [(i, j, w) for i, j, w in anchor_candidates(keyed_s, keyed_t) if abs(j - i * slope) <= window]
    return search.monotone_chain(near)


def _centre(chain: list[tuple[int, int, float]], n: int, m: int) -> np.ndarray:
    xs = [0.0] + [i + 0.5 for i, _, _ in chain] + [float(n)]
    ys = [0.0] + [j + 0.5 for _, j, _ in chain] + [float(m)]
    return np.interp(np.arange(n + 1, dtype=np.float64), xs, ys)


def _path_centre(beads: list[tuple[int, int, int, int, float]], n: int) -> np.ndarray:
    centre = np.zeros(n + 1)
    for s0, a, t0, b, _ in beads:
        for u in range(a + 1):
            centre[s0 + u] = t0 + (b * u / a if a else b)
    return centre


def _finish(result: search.PassResult, first: search.PassResult, prep: search._Prepared, band: Band,
            params: CostParams) -> tuple[list[Bead], list[BeadEvidence]]:
    n, m = len(prep.ls) - 1, len(prep.lt) - 1
    backward = search.run_pass(search.reversed_prep(prep), search.reversed_band(band, m), params)
    assert result.dp is not None and backward.dp is not None
    path = [(s0, t0) for s0, _, t0, _, _ in result.beads] + [(n, m)]
    margins = search.boundary_margins(result.dp, backward.dp, band, m, path)
    first_set = {(s0, a, t0, b) for s0, a, t0, b, _ in first.beads}
    beads: list[Bead] = []
    evidence: list[BeadEvidence] = []
    for s0, a, t0, b, cost in result.beads:
        length, bonus = _bead_terms(prep, params, s0, a, t0, b)
        margin = min(margins[(s0, t0)] if s0 or t0 else MARGIN_CAP,
                     margins[(s0 + a, t0 + b)] if (s0 + a, t0 + b) != (n, m) else MARGIN_CAP)
        e = BeadEvidence((a, b), cost, length, bonus, (s0, a, t0, b) in first_set, min(margin, MARGIN_CAP))
        evidence.append(e)
        beads.append(Bead(tuple(range(s0, s0 + a)), tuple(range(t0, t0 + b)), round(-cost, 4),
                          round(confidence(e), 4)))
    return beads, evidence


MARGIN_CAP = 10.0


def _bead_terms(prep: search._Prepared, params: CostParams, s0: int, a: int, t0: int,
                b: int) -> tuple[float, float]:
    """The length cost and the similarity bonus of one bead (what the DP added up, recomputed)."""
    if a == 0 or b == 0:
        return 0.0, 0.0
    length = float(search.length_cost(np.array(prep.ls[s0 + a] - prep.ls[s0]),
                                      np.array(prep.lt[t0 + b] - prep.lt[t0]), params))
    bonus = 0.0
    for family in prep.families:
        src = family.source[s0:s0 + a]
        tgt = family.target[t0:t0 + b]
        thin, thick = (src, tgt) if a <= b else (tgt, src)
        total = thick.sum(axis=0)
        norm_total = float(np.linalg.norm(total))
        for row in thin:
            norm = float(np.linalg.norm(row))
            if norm > 0 and norm_total > 0:
                bonus += family.weight * (float(row @ total) / (norm * norm_total) - family.centre)
    return length, bonus
