"""The strict/lax scorer against hand-computed cases, and the bead file format."""

from __future__ import annotations

import pytest

from workbench.core.aligner.score import count, evaluate, format_bead, parse_beads
from workbench.core.errors import FormatError


def test_identical_alignments_score_one() -> None:
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ())]
    scores = evaluate([(gold, gold)])
    assert scores.as_dict() == {"strict": {"p": 1.0, "r": 1.0, "f1": 1.0}, "lax": {"p": 1.0, "r": 1.0, "f1": 1.0}}


def test_hand_computed_case() -> None:
    gold = [((0,), (0,)), ((1, 2), (1,)), ((), (2,)), ((3,), (3,))]
    pred = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((), (2,)), ((3,), (3, 4)), ((4,), ())]
    # Precision over 6 predicted beads: strict hits [0]:[0] and []:[2] → 2; lax adds [1]:[1] (link 1-1
    # is in gold) and [3]:[3, 4] (link 3-3) → 4. [2]:[] and [4]:[] are deletions absent from gold.
    # Recall over gold beads with both sides (3): strict [0]:[0] → 1; lax adds [1, 2]:[1] (shares 1-1)
    # and [3]:[3] (shares 3-3) → 3.
    c = count(gold, pred)
    assert (c.strict_p_hits, c.lax_p_hits, c.predicted) == (2, 4, 6)
    assert (c.strict_r_hits, c.lax_r_hits, c.gold) == (1, 3, 3)
    s = evaluate([(gold, pred)])
    assert s.strict.p == pytest.approx(2 / 6) and s.strict.r == pytest.approx(1 / 3)
    assert s.strict.f1 == pytest.approx(1 / 3)
    assert s.lax.p == pytest.approx(4 / 6) and s.lax.r == pytest.approx(1.0)
    assert s.lax.f1 == pytest.approx(2 * (4 / 6) / (4 / 6 + 1))


def test_bead_order_inside_a_side_does_not_matter_and_empty_beads_are_ignored() -> None:
    gold = [((0, 1), (0,))]
    pred = [((1, 0), (0,)), ((), ())]
    assert evaluate([(gold, pred)]).strict.f1 == 1.0


def test_counts_are_pooled_not_averaged() -> None:
    doc_a = ([((0,), (0,))], [((0,), (0,))])  # 1/1 right
    doc_b = ([((i,), (i,)) for i in range(3)], [((0, 1), (0, 1)), ((2,), (2,))])  # P 1/2, R 1/3
    pooled = evaluate([doc_a, doc_b])
    assert pooled.strict.p == pytest.approx(2 / 3)  # (1 + 1) / (1 + 2), not (1 + 0.5) / 2
    assert pooled.strict.r == pytest.approx(2 / 4)


def test_no_predictions_gives_zero_without_dividing_by_zero() -> None:
    s = evaluate([([((0,), (0,))], [])])
    assert (s.strict.p, s.strict.r, s.strict.f1) == (0.0, 0.0, 0.0)


def test_parse_and_format_round_trip() -> None:
    text = "[0]:[0, 1]\n[]:[2]\n\n[1, 2]:[]\n"
    beads = parse_beads(text)
    assert beads == [((0,), (0, 1)), ((), (2,)), ((1, 2), ())]
    assert "\n".join(format_bead(s, t) for s, t in beads) == "[0]:[0, 1]\n[]:[2]\n[1, 2]:[]"


def test_a_bad_line_names_its_line_number() -> None:
    with pytest.raises(FormatError) as info:
        parse_beads("[0]:[0]\n0 -> 1\n")
    assert info.value.location.line == 2
