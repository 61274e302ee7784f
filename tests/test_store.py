"""The alignment store: format, determinism, journal, recovery, merging, conflicts, migration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from model_helpers import tiny

from workbench.core import decide
from workbench.core.actions import Action
from workbench.core.decisions import Clock, apply, format_patch, structural
from workbench.core.errors import ConflictError, FormatError
from workbench.core.models import Alignment, Link, Status
from workbench.storage.alignment_codec import decode, encode
from workbench.storage.alignment_store import AlignmentFile, Session
from workbench.storage.corpus import Corpus, DocRef


def counter_clock() -> Clock:
    counter = iter(range(1, 10_000))
    return Clock(new_id=lambda: f"D-{next(counter):04d}", now=lambda: "2026-11-27T12:00:00.000Z")


def test_encode_is_deterministic_and_round_trips() -> None:
    clock = counter_clock()
    state = tiny()
    state = apply(state, decide.set_status(state, "L2", "confirm", "ed", clock=clock))
    state = apply(state, decide.edit(state, "L3", ["Corrected [in] text: “quoted” ⟦x⟧."], "ed", clock=clock))
    text = encode(state)
    assert encode(decode(text, "x.yaml")) == text
    assert decode(text, "x.yaml") == state
    assert "L2 s2 -> t2 confirmed 0.900 aligner\n" in text
    assert "t3 | Corrected [in] text: “quoted” ⟦x⟧." in text


def test_one_decision_is_a_small_diff() -> None:
    state = tiny(50)
    before = encode(state).splitlines()
    after_state = apply(state, decide.set_status(state, "L20", "confirm", "ed", clock=counter_clock()))
    after = encode(after_state).splitlines()
    changed = [line for line in after if line not in before]
    # the link line plus the decision's own lines, and the integrity record's decision count and digest
    assert "  L20 s20 -> t20 confirmed 0.900 aligner" in changed
    assert len(changed) <= 11


def make_file(tmp_path: Path, state: Alignment | None = None) -> AlignmentFile:
    file = AlignmentFile(tmp_path / "c" / "d.yaml")
    file.path.parent.mkdir(parents=True, exist_ok=True)
    file.create(state or tiny())
    return file


def test_session_records_durably_and_save_folds_the_journal(tmp_path: Path) -> None:
    file = make_file(tmp_path)
    session = Session(file)
    d = decide.set_status(session.state, "L1", "flag", "ed")
    session.record(d)
    assert file.journal_path.stat().st_size > 0
    # a second reader sees the decision before any save (journal replay)
    assert file.read().state.link("L1").status is Status.FLAGGED
    saved = session.save()
    assert saved.revision == 2
    assert file.journal_path.stat().st_size == 0
    assert file.read_yaml().link("L1").status is Status.FLAGGED


def test_recovery_after_crash_between_journal_and_save(tmp_path: Path) -> None:
    file = make_file(tmp_path)
    session = Session(file)
    session.record(decide.set_status(session.state, "L2", "reject", "ed"))
    # simulate a crash: the process is gone, a torn half line follows the good entry
    with open(file.journal_path, "ab") as handle:
        handle.write(b'{"id": "D-torn", "acti')
    reopened = Session(file)
    assert reopened.state.link("L2").status is Status.REJECTED
    assert [d.action for d in reopened.recovered] == ["reject"]


def test_concurrent_sessions_merge_non_conflicting(tmp_path: Path) -> None:
    file = make_file(tmp_path)
    a, b = Session(file), Session(file)
    a.record(decide.set_status(a.state, "L1", "confirm", "anna"))
    a.save()
    b.record(decide.set_status(b.state, "L3", "confirm", "boris"))  # b had not seen a's save
    b.save()
    final = file.read_yaml()
    assert final.link("L1").status is Status.CONFIRMED and final.link("L3").status is Status.CONFIRMED
    assert {d.author for d in final.decisions} == {"anna", "boris"}


def test_conflicting_decision_names_the_link_and_writes_nothing(tmp_path: Path) -> None:
    file = make_file(tmp_path)
    a, b = Session(file), Session(file)
    stale = decide.set_status(b.state, "L2", "reject", "boris")
    a.record(decide.set_status(a.state, "L2", "confirm", "anna"))
    a.save()
    size = file.path.stat().st_size
    with pytest.raises(ConflictError) as info:
        b.record(stale)
    assert "L2" in str(info.value) and info.value.links == ("L2",)
    assert file.path.stat().st_size == size
    assert file.read().state.link("L2").status is Status.CONFIRMED


def test_file_replaced_underneath_is_noticed_and_merged(tmp_path: Path) -> None:
    file = make_file(tmp_path)
    session = Session(file)
    session.record(decide.set_status(session.state, "L4", "flag", "ed"))
    # "git pull": someone else's version of the file arrives, with another decision in it
    other = tiny()
    other = apply(other, decide.set_status(other, "L1", "confirm", "colleague"))
    file.path.write_text(encode(other.with_changes(revision=7)), encoding="utf-8")
    assert session.changed_on_disk()
    messages = session.refresh()
    assert any("changed on disk" in m for m in messages)
    assert session.state.link("L1").status is Status.CONFIRMED  # theirs
    assert session.state.link("L4").status is Status.FLAGGED  # ours, replayed from the journal
    assert session.save().revision == 8


def test_structural_patch_and_revert(tmp_path: Path) -> None:
    state = tiny()
    l2, l3 = state.link("L2"), state.link("L3")
    merged = Link("L2", ("s2", "s3"), ("t2", "t3"), Status.AUTO, None, "editor")
    d = structural(Action.MERGE, format_patch([l2, l3]), format_patch([merged]), "ed")
    after = apply(state, d)
    assert [lk.id for lk in after.links] == ["L1", "L2", "L4"]
    undo = decide.revert(after, d.id, "ed")
    back = apply(after, undo)
    assert back.links == state.links
    assert len(back.decisions) == 2


def test_note_decisions_need_an_existing_link() -> None:
    from workbench.core.errors import OperationError

    state = tiny()
    with pytest.raises(OperationError):
        decide.comment(state, "L99", "x", "ed")


def test_validation_errors_give_file_and_line() -> None:
    text = encode(tiny()).replace("L3 s3 -> t3 auto", "L3 s3 -> t9 auto")
    with pytest.raises(FormatError) as info:
        decode(text, "alignments/c/d.yaml")
    err = info.value
    assert err.location.path == "alignments/c/d.yaml"
    assert "t9" in err.message
    assert text.splitlines()[err.location.line - 1].strip().startswith("L3 s3 -> t9")


def test_yaml_booleans_are_refused() -> None:
    clock = counter_clock()
    state = apply(tiny(), decide.set_status(tiny(), "L1", "confirm", "Norbert", clock=clock))
    text = encode(state).replace("author: Norbert", "author: No")
    with pytest.raises(FormatError) as info:
        decode(text, "f.yaml")
    assert "boolean" in info.value.message and "quotes" in info.value.message
    assert info.value.location.line is not None


def test_migration_from_version_0() -> None:
    old = {
        "schema": "workbench-alignment", "version": 0, "document": "c/d", "revision": 3,
        "witnesses": {"source": None, "target": {"siglum": "en-mt", "language": "en", "sha256": "c" * 64}},
        "segments": {"source": [], "target": [{"id": "t1", "span": [0, 5], "text": "Hello"}]},
        "links": [{"id": "L1", "source": [], "target": ["t1"], "status": "confirmed", "score": None,
                   "origin": "pending-source"}],
        "edits": {"t1": "Hi"},
        "decisions": [],
    }
    state = decode(json.dumps(old), "old.yaml")  # JSON is YAML
    assert state.link("L1").status is Status.CONFIRMED
    assert state.edits == {"t1": "Hi"}
    assert "version: 3" in encode(state)


def test_newer_version_is_refused() -> None:
    text = encode(tiny()).replace("version: 3", "version: 9")
    with pytest.raises(FormatError, match="newer"):
        decode(text, "f.yaml")


def test_changed_witness_is_detected(project: Path) -> None:
    from workbench.storage.alignments import check_witnesses

    corpus = Corpus(project)
    ref = DocRef("udhr", "udhr")
    path = corpus.witness_path(ref, "en-un")
    path.write_text(path.read_text(encoding="utf-8").replace("Preamble", "PREAMBLE"), encoding="utf-8")
    problems = check_witnesses(corpus, ref, corpus.open_state(ref))
    assert len(problems) == 1 and "hash mismatch" in problems[0].message and "en-un" in problems[0].message


def test_pending_documents_have_files_with_segments(project: Path) -> None:

    corpus = Corpus(project)
    state = corpus.open_state(DocRef("bolshevik-correspondence", "092"))
    assert state.source is None and not state.source_segments
    assert state.target_segments and all(not lk.source and len(lk.target) == 1 for lk in state.links)


def test_save_without_decisions_leaves_the_file_alone(tmp_path: Path) -> None:
    file = make_file(tmp_path)
    before = file.path.read_bytes()
    session = Session(file)
    assert session.save().revision == 1
    assert file.path.read_bytes() == before
    session.record(decide.set_status(session.state, "L1", "confirm", "ed"))
    assert session.save().revision == 2
    assert session.save().revision == 2  # folded already: nothing more to write
