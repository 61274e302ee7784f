"""The English apparatus generated from the source-side variants: texts by policy, anchors, the
English taken from the alignment, and notes flagged stale when their passage or English changes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from variants_support import FIXTURE, copy_fixture, fixed_clock, load

from workbench.core import decide
from workbench.core.apparatus import ApparatusNote, apparatus_notes, basis_for, witness_phrase
from workbench.core.building import build_alignment, links_from_beads
from workbench.core.documents import SOURCE_PENDING
from workbench.core.models import WitnessRef
from workbench.storage.alignment_store import Session

STRUCK_ID = "ru-autograph.p1.66"
RUSSIAN = "Врангель, видимо, знает о переброске и торопится ударить первым."
ENGLISH = "Wrangel apparently knows about the transfer and is hurrying to strike first."


def test_the_struck_passage_gets_an_english_note_by_default() -> None:
    _, _, meta, state, texts = load(FIXTURE)
    assert apparatus_notes(meta, state, texts) == [ApparatusNote(
        variant=STRUCK_ID, anchor="t2",
        text=f"In the autograph the following passage is crossed out: ‘{ENGLISH}’",
        status="current", source_text=RUSSIAN, english=ENGLISH)]


def test_the_policy_decides_the_note(tmp_path: Path) -> None:
    corpus, ref, meta, _, texts = load(copy_fixture(tmp_path))
    session = Session(corpus.alignment_file(ref))
    expected = {
        "note": ("t2", f"In the autograph the following passage is crossed out: ‘{ENGLISH}’"),
        "strike": ("t3", "The passage struck through here is crossed out in the autograph."),
        "bracket": ("t3", "The passage in ⟦ ⟧ is crossed out in the autograph."),
    }
    for policy, (anchor, text) in expected.items():
        session.record(decide.set_policy(session.state, decide.VariantContext(meta, texts), STRUCK_ID, policy, "ed"))
        (note,) = apparatus_notes(meta, session.state, texts)
        assert (note.anchor, note.text) == (anchor, text)
    session.record(decide.set_policy(session.state, decide.VariantContext(meta, texts), STRUCK_ID, "omit", "ed"))
    assert apparatus_notes(meta, session.state, texts) == []


def test_a_note_follows_its_english_and_is_flagged_stale(tmp_path: Path) -> None:
    corpus, ref, meta, _, texts = load(copy_fixture(tmp_path))
    session = Session(corpus.alignment_file(ref))
    basis = basis_for(meta, session.state, texts, STRUCK_ID)
    assert basis is not None and basis.english == ENGLISH and basis.targets == ("t3",)
    session.record(decide.set_policy(session.state, decide.VariantContext(meta, texts), STRUCK_ID, "note", "ed"))
    assert apparatus_notes(meta, session.state, texts)[0].status == "current"

    better = "Wrangel evidently knows of the transfer and hurries to strike first."
    session.record(decide.edit(session.state, "L3", [better], "ed"))
    (note,) = apparatus_notes(meta, session.state, texts)
    assert note.english == better and better in note.text  # the text follows the English …
    assert note.status == "stale"  # … and the decision made on the old English is flagged

    basis = basis_for(meta, session.state, texts, STRUCK_ID)
    session.record(decide.set_policy(session.state, decide.VariantContext(meta, texts), STRUCK_ID, "note", "ed"))
    assert apparatus_notes(meta, session.state, texts)[0].status == "current"


def test_an_editors_wording_replaces_the_text_and_goes_stale_with_the_source(tmp_path: Path) -> None:
    corpus, ref, meta, _, texts = load(copy_fixture(tmp_path))
    session = Session(corpus.alignment_file(ref))
    wording = "Crossed out in the autograph: ‘Wrangel evidently knows of the transfer and hurries to strike first.’"
    assert basis_for(meta, session.state, texts, STRUCK_ID) is not None
    session.record(decide.set_wording(session.state, decide.VariantContext(meta, texts), STRUCK_ID, wording, "ed"))
    (note,) = apparatus_notes(meta, session.state, texts)
    assert (note.text, note.status) == (wording, "current")
    corrected = dict(texts, **{"ru-autograph": texts["ru-autograph"].replace("торопится", "спешит")})
    (note,) = apparatus_notes(meta, session.state, corrected)
    assert note.status == "stale" and note.text == wording
    assert note.source_text == RUSSIAN.replace("торопится", "спешит")


def test_a_passage_the_aligned_source_lacks_takes_the_english_only_link(tmp_path: Path) -> None:
    """Source = the printed text (without the passage): its English sits in a 0-1 link."""
    _, _, meta, _, texts = load(FIXTURE)
    meta = replace(meta, source="ru-1996")
    beads = [((0,), (0,), 1, 0.9), ((1,), (1,), 1, 0.9), ((), (2,), 1, 0.5), ((2,), (3,), 1, 0.9),
             ((3,), (4,), 1, 0.9), ((4,), (5,), 1, 0.9)]
    state = build_alignment("fixture/telegram", WitnessRef("en-mt", "en", "x"), texts["en-mt"],
                            WitnessRef("ru-1996", "ru", "y"), texts["ru-1996"], lambda *a: (beads, {}))
    assert state.links[2].source == () and state.links[2].target == ("t3",)
    (note,) = apparatus_notes(meta, state, texts)
    assert (note.variant, note.english, note.anchor) == (STRUCK_ID, ENGLISH, "t2")
    assert note.text == f"In the autograph the following passage is crossed out: ‘{ENGLISH}’"


def test_a_passage_inside_a_sentence_is_not_guessed(tmp_path: Path) -> None:
    corpus, ref, meta, state, texts = load(FIXTURE)
    partial = texts["ru-autograph"].replace("Прошу ускорить", "Прошу ~~срочно~~ ускорить")
    links = links_from_beads([((k,), (k,), 1, 0.9) for k in range(6)], state.source_segments, state.target_segments)
    shifted = [s if s.id != "s5" else replace(s, end=s.end + len("~~срочно~~ "),
                                               text=s.text.replace("Прошу ", "Прошу ~~срочно~~ "))
               for s in state.source_segments]
    state = state.with_changes(source_segments=tuple(shifted), links=links)
    notes = {n.variant: n for n in apparatus_notes(meta, state, dict(texts, **{"ru-autograph": partial}))}
    (partial_id,) = [v for v in notes if v != STRUCK_ID]
    note = notes[partial_id]
    assert (note.english, note.anchor, note.source_text) == ("", "t5", "срочно")
    assert "«срочно»" in note.text and "not aligned" in note.text
    # when the English marks the words too, they are the note's English
    state = state.with_changes(edits={"t5": "Please ~~urgently~~ speed up the dispatch of cartridges to Kharkov."})
    notes = {n.variant: n for n in apparatus_notes(meta, state, dict(texts, **{"ru-autograph": partial}))}
    assert notes[partial_id].english == "urgently"


def test_no_english_without_an_aligned_source() -> None:
    _, _, meta, _, texts = load(FIXTURE)
    meta = replace(meta, source=SOURCE_PENDING)
    state = build_alignment("fixture/telegram", WitnessRef("en-mt", "en", "x"), texts["en-mt"])
    (note,) = apparatus_notes(meta, state, texts)
    assert (note.english, note.anchor) == ("", None)
    assert "«Врангель" in note.text


def test_no92_marked_words_give_a_note_in_the_english(project: Path) -> None:
    corpus, ref, meta, state, texts = load(project, "bolshevik-correspondence/092")
    assert apparatus_notes(meta, state, texts) == []  # V1 unresolved: nothing is guessed
    words = "The last one is redundant in my opinion ."
    start = texts["en-mt"].index(words)
    state = state.with_changes(decisions=state.decisions + (decide.mark_struck(
        state, "V1", "ed", witness="en-mt", start=start, end=start + len(words), witness_text=texts["en-mt"],
        clock=fixed_clock()),))
    (note,) = apparatus_notes(meta, state, texts)
    # the quote shows the words without the space the witness leaves before the full stop
    assert note == ApparatusNote("V1", "t8", "In the original the following passage is crossed out: ‘The last one "
                                 "is redundant in my opinion.’", "current", "", words)
    moved = dict(texts, **{"en-mt": texts["en-mt"].replace("The last one", "The latter")})
    assert apparatus_notes(meta, state, moved)[0].status == "stale"


def test_witness_phrases() -> None:
    _, _, meta, _, _ = load(FIXTURE)
    assert witness_phrase(meta, "ru-autograph") == "the autograph"
    assert witness_phrase(meta, "ru-1996") == "the 1996 edition"
    assert witness_phrase(meta, "ru-unknown") == "witness ru-unknown"
