"""Variant decisions: their shapes, recording and replay through the store, status and policy,
reverts, and No. 92's unresolved V1 (nothing guessed until an editor marks the words)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.decisions import apply_all, revert_decision
from workbench.core.errors import OperationError
from workbench.core.status import document_status
from workbench.core.variant_decisions import (
    decided_policy,
    decisions_about,
    policy_for,
    struck_marks,
    variant_comment,
    variant_decision,
)
from workbench.core.variants.readings import document_variants
from workbench.storage.alignment_store import Session, open_state
from variants_support import copy_fixture, fixed_clock, load

STRUCK_ID = "ru-autograph.p1.66"


def by_id(variants):  # type: ignore[no-untyped-def]
    return {v.id: v for v in variants}


def test_decision_shapes_are_checked() -> None:
    _, _, _, state, _ = load(Path(__file__).parent / "data" / "variants")
    with pytest.raises(OperationError, match="policy must be one of"):
        variant_decision(state, "variant-policy", STRUCK_ID, "ed", after="hide")
    with pytest.raises(OperationError, match="certainty"):
        variant_decision(state, "variant-resolve", STRUCK_ID, "ed", certainty=1.5)
    with pytest.raises(OperationError, match="variant-mark needs witness, start, end, text"):
        variant_decision(state, "variant-mark", "V1", "ed")
    with pytest.raises(OperationError, match="needs a siglum"):
        variant_decision(state, "variant-adopt", STRUCK_ID, "ed")
    with pytest.raises(OperationError, match="not a variant action"):
        variant_decision(state, "variant-guess", STRUCK_ID, "ed")
    decision = variant_decision(state, "variant-policy", STRUCK_ID, "ed", after="bracket", reason="authorial-deletion",
                                note="as the 1996 edition does", evidence="1996 ed., p. 148", certainty=0.8,
                                clock=fixed_clock())
    assert (decision.action, decision.target, decision.before, decision.after) == (
        "variant-policy", STRUCK_ID, "note", "bracket")
    assert decision.data == {"evidence": "1996 ed., p. 148", "certainty": "0.8"}
    assert decision.reason == "authorial-deletion"


def test_decisions_are_recorded_replayed_and_decide_the_status(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    corpus, ref, meta, state, texts = load(root)
    before = by_id(document_variants(meta, state, texts))
    assert {v.status for v in before.values()} == {"unresolved"}
    assert before[STRUCK_ID].policy == "note" and not before[STRUCK_ID].policy_decided

    session = Session(corpus.alignment_file(ref))
    clock = fixed_clock()
    made = [
        variant_decision(session.state, "variant-policy", STRUCK_ID, "ed", after="strike", clock=clock),
        variant_decision(session.state, "variant-adopt", "ru-autograph.p1.199+", "ed", after="ru-1996", clock=clock),
        variant_decision(session.state, "variant-resolve", "ru-autograph.p1.9", "ed", note="a printer's transposition",
                         clock=clock),
        variant_comment(session.state, "ru-autograph.p1.33+", "see p1.9", "ed", clock=clock),
    ]
    session.record(made)
    # durable before any save: a fresh reader replays the journal
    replayed = open_state(corpus.alignment_file(ref))
    assert [d.id for d in replayed.decisions] == [d.id for d in made]
    after = by_id(document_variants(meta, replayed, texts))
    assert after[STRUCK_ID].status == "resolved" and after[STRUCK_ID].policy == "strike"
    assert after["ru-autograph.p1.199+"].status == "resolved" and after["ru-autograph.p1.199+"].adopted == "ru-1996"
    assert after["ru-autograph.p1.9"].status == "resolved"
    assert after["ru-autograph.p1.33+"].status == "unresolved"  # a note decides nothing
    assert after["ru-autograph.p1.33+"].decisions == (made[3].id,)

    session.save()
    saved = open_state(corpus.alignment_file(ref))
    assert saved.revision == state.revision + 1
    assert by_id(document_variants(meta, saved, texts)) == after
    # replaying the decisions on the state they were made on gives the same result
    assert apply_all(state, made).decisions == saved.decisions


def test_a_revert_undoes_a_variant_decision(tmp_path: Path) -> None:
    corpus, ref, meta, _, texts = load(copy_fixture(tmp_path))
    session = Session(corpus.alignment_file(ref))
    policy = variant_decision(session.state, "variant-policy", STRUCK_ID, "ed", after="omit")
    session.record(policy)
    assert decided_policy(session.state, STRUCK_ID) == "omit"
    session.record(revert_decision(session.state, policy.id, "ed"))
    assert decided_policy(session.state, STRUCK_ID) is None
    assert policy_for(session.state, STRUCK_ID) == "note"
    assert by_id(document_variants(meta, session.state, texts))[STRUCK_ID].status == "unresolved"
    assert decisions_about(session.state, STRUCK_ID) == []


def test_no92_v1_stays_unresolved_until_its_words_are_marked(project: Path) -> None:
    corpus, ref, meta, state, texts = load(project, "bolshevik-correspondence/092")
    (v1,) = [v for v in document_variants(meta, state, texts) if v.id == "V1"]
    assert (v1.status, v1.kind, v1.readings, v1.witnesses) == ("unresolved", "struck-passage", {}, ("en-mt",))
    assert document_status(meta, state).variants_unresolved == 1

    words = "The last one is redundant in my opinion ."
    start = texts["en-mt"].index(words)
    session = Session(corpus.alignment_file(ref))
    session.record(variant_decision(session.state, "variant-mark", "V1", "ed", evidence="1996 ed., p. 148",
                                    certainty=0.7, data={"witness": "en-mt", "start": str(start),
                                                         "end": str(start + len(words)), "text": words}))
    (v1,) = [v for v in document_variants(meta, session.state, texts) if v.id == "V1"]
    assert v1.status == "resolved" and v1.readings == {"en-mt": words}
    (mark,) = struck_marks(session.state)
    assert (mark.witness, mark.certainty, mark.evidence) == ("en-mt", 0.7, "1996 ed., p. 148")
    assert document_status(meta, session.state).variants_unresolved == 0


def test_variant_resolve_is_a_recordable_action(tmp_path: Path) -> None:
    corpus, ref, _, _, _ = load(copy_fixture(tmp_path))
    session = Session(corpus.alignment_file(ref))
    session.record(variant_decision(session.state, "variant-resolve", "V9", "ed", note="no such passage"))
    session.save()
    assert open_state(corpus.alignment_file(ref)).decisions[-1].action == "variant-resolve"
