"""Variant decisions: their shapes, recording and replay through the store, status and policy,
reverts, and No. 92's unresolved V1 (nothing guessed until an editor marks the words)."""

from __future__ import annotations

from pathlib import Path

import pytest
from variants_support import copy_fixture, fixed_clock, load

from workbench.core import decide
from workbench.core.actions import Action
from workbench.core.decisions import apply_all, make
from workbench.core.errors import OperationError
from workbench.core.status import document_status
from workbench.core.variant_decisions import (
    decided_policy,
    decisions_about,
    policy_for,
    struck_marks,
)
from workbench.core.variants.readings import document_variants
from workbench.storage.alignment_store import Session

STRUCK_ID = "ru-autograph.p1.66"


def by_id(variants):  # type: ignore[no-untyped-def]
    return {v.id: v for v in variants}


def test_decision_shapes_are_checked() -> None:
    _, _, meta, state, texts = load(Path(__file__).parent / "data" / "variants")
    context = decide.VariantContext(meta, texts)
    with pytest.raises(OperationError, match="policy must be one of"):
        decide.set_policy(state, context, STRUCK_ID, "hide", "ed")
    with pytest.raises(OperationError, match="certainty"):
        decide.resolve_variant(state, STRUCK_ID, "ed", certainty=1.5)
    with pytest.raises(OperationError, match="variant-mark decision needs witness, start, end, text"):
        make(Action.VARIANT_MARK, "V1", "ed")
    with pytest.raises(OperationError, match="not inside"):
        decide.mark_struck(state, "V1", "ed", witness="ru-autograph", start=5, end=2, witness_text="abcdefgh")
    with pytest.raises(OperationError, match="needs the siglum"):
        decide.adopt_reading(state, STRUCK_ID, " ", "ed")
    with pytest.raises(OperationError, match="not a variant id"):
        decide.resolve_variant(state, "V 1", "ed")
    decision = decide.set_policy(state, context, STRUCK_ID, "bracket", "ed", reason="authorial-deletion",
                                 note="as the 1996 edition does", evidence="1996 ed., p. 148", certainty=0.8,
                                 clock=fixed_clock())
    assert (decision.action, decision.target, decision.before, decision.after) == (
        Action.VARIANT_POLICY, STRUCK_ID, "note", "bracket")
    assert (decision.data.evidence, decision.data.certainty) == ("1996 ed., p. 148", 0.8)
    assert decision.data.source_sha and decision.data.english_sha  # the basis the decision judged
    assert decision.reason == "authorial-deletion"


def test_decisions_are_recorded_replayed_and_decide_the_status(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    corpus, ref, meta, state, texts = load(root)
    before = by_id(document_variants(meta, state, texts))
    assert {v.status for v in before.values()} == {"unresolved"}
    assert before[STRUCK_ID].policy == "note" and not before[STRUCK_ID].policy_decided

    session = Session(corpus.alignment_file(ref))
    clock = fixed_clock()
    context = decide.VariantContext(meta, texts)
    made = [
        decide.set_policy(session.state, context, STRUCK_ID, "strike", "ed", clock=clock),
        decide.adopt_reading(session.state, "ru-autograph.p1.199+", "ru-1996", "ed", clock=clock),
        decide.resolve_variant(session.state, "ru-autograph.p1.9", "ed", note="a printer's transposition",
                               clock=clock),
        decide.comment(session.state, "ru-autograph.p1.33+", "see p1.9", "ed", clock=clock),
    ]
    session.record(made)
    # durable before any save: a fresh reader replays the journal
    replayed = corpus.open_state(ref)
    assert [d.id for d in replayed.decisions] == [d.id for d in made]
    after = by_id(document_variants(meta, replayed, texts))
    assert after[STRUCK_ID].status == "resolved" and after[STRUCK_ID].policy == "strike"
    assert after["ru-autograph.p1.199+"].status == "resolved" and after["ru-autograph.p1.199+"].adopted == "ru-1996"
    assert after["ru-autograph.p1.9"].status == "resolved"
    assert after["ru-autograph.p1.33+"].status == "unresolved"  # a note decides nothing
    assert after["ru-autograph.p1.33+"].decisions == (made[3].id,)

    session.save()
    saved = corpus.open_state(ref)
    assert saved.revision == state.revision + 1
    assert by_id(document_variants(meta, saved, texts)) == after
    # replaying the decisions on the state they were made on gives the same result
    assert apply_all(state, made).decisions == saved.decisions


def test_a_revert_undoes_a_variant_decision(tmp_path: Path) -> None:
    corpus, ref, meta, _, texts = load(copy_fixture(tmp_path))
    session = Session(corpus.alignment_file(ref))
    policy = decide.set_policy(session.state, decide.VariantContext(meta, texts), STRUCK_ID, "omit", "ed")
    session.record(policy)
    assert decided_policy(session.state, STRUCK_ID) == "omit"
    session.record(decide.revert(session.state, policy.id, "ed"))
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
    session.record(decide.mark_struck(session.state, "V1", "ed", witness="en-mt", start=start,
                                      end=start + len(words), witness_text=texts["en-mt"],
                                      evidence="1996 ed., p. 148", certainty=0.7))
    (v1,) = [v for v in document_variants(meta, session.state, texts) if v.id == "V1"]
    assert v1.status == "resolved" and v1.readings == {"en-mt": words}
    (mark,) = struck_marks(session.state)
    assert (mark.witness, mark.certainty, mark.evidence) == ("en-mt", 0.7, "1996 ed., p. 148")
    assert document_status(meta, session.state).variants_unresolved == 0


def test_variant_resolve_is_a_recordable_action(tmp_path: Path) -> None:
    corpus, ref, _, _, _ = load(copy_fixture(tmp_path))
    session = Session(corpus.alignment_file(ref))
    session.record(decide.resolve_variant(session.state, "V9", "ed", note="no such passage"))
    session.save()
    assert corpus.open_state(ref).decisions[-1].action == "variant-resolve"
