"""Characters that ``str.splitlines`` takes for line breaks (FS, GS, RS, NEL, VT, FF, LS, PS) inside
witness text, segments, edits, patches and notes: every format splits at ``\\n`` only, so what is
written is read back exactly.

What they do in an edit: an edit typed by an editor has its whitespace normalised (each run of
whitespace, these characters included, becomes one space — ``edit_decision``); text that comes from
a witness (segments, and the English of a joined segment) keeps them as they are.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ui_helpers import write_synthetic

from workbench.cli import main
from workbench.core import decide
from workbench.core.errors import OperationError
from workbench.core.lines import one_line, split_lines
from workbench.core.operations import merge_next, merge_segment, split_segment
from workbench.storage.alignment_codec import decode, encode
from workbench.storage.alignment_store import AlignmentFile, Session

BREAKS = ["\x1c", "\x1d", "\x1e", "\x85", "\x0b", "\x0c", "\u2028", "\u2029"]
IDS = ["FS", "GS", "RS", "NEL", "VT", "FF", "LS", "PS"]


def _document(root: Path, ch: str) -> Path:
    target = [[f"First{ch}part of a sentence.", f"Second{ch}one."], ["Third one."]]
    return write_synthetic(root, "lb", "doc", target, title="line breaks")


def _seg(state, segment_id: str):  # type: ignore[no-untyped-def]
    return state.segment_map()[segment_id]


def _reopened(path: Path) -> Session:
    return Session(AlignmentFile(path))


@pytest.mark.parametrize("ch", BREAKS, ids=IDS)
def test_join_segment_with_a_break_character_in_the_witness(tmp_path: Path, ch: str) -> None:
    path = _document(tmp_path, ch)
    witness = (tmp_path / "texts" / "lb" / "doc" / "en-x.txt").read_text(encoding="utf-8")
    session = _reopened(path)
    session.record(decide.edit(session.state, "L2", [f"Second{ch}edited."], "tester"))  # typed: a space
    assert session.state.edits["t2"] == "Second edited."
    session.record(merge_next(session.state, "L1", "tester"))
    joined = merge_segment(session.state, "t1", witness, "tester")
    session.record(joined)
    assert _seg(session.state, "t1").text == f"First{ch}part of a sentence. Second{ch}one."
    # the English of the joined segment: the witness text where it was not edited, character kept
    assert session.state.edits["t1"] == f"First{ch}part of a sentence. Second edited."
    replayed = _reopened(path)  # from the journal
    assert replayed.state == session.state
    replayed.save()
    folded = _reopened(path)  # from the YAML file
    assert folded.state.target_segments == session.state.target_segments
    assert folded.state.edits == session.state.edits
    folded.record(decide.revert(folded.state, joined.id, "tester"))  # undo the join
    folded.save()
    back = _reopened(path).state
    assert _seg(back, "t2").text == f"Second{ch}one." and back.edits == {"t2": "Second edited."}
    assert main(["--root", str(tmp_path), "validate"]) == 0


@pytest.mark.parametrize("ch", BREAKS, ids=IDS)
def test_split_segment_with_a_break_character_in_the_witness(tmp_path: Path, ch: str) -> None:
    path = _document(tmp_path, ch)
    witness = (tmp_path / "texts" / "lb" / "doc" / "en-x.txt").read_text(encoding="utf-8")
    session = _reopened(path)
    split = split_segment(session.state, "t1", len(f"First{ch}part "), witness, "tester")
    session.record(split)
    new = split.data.new
    assert _seg(session.state, "t1").text == f"First{ch}part"
    assert _seg(session.state, new).text == "of a sentence."
    session.save()
    again = _reopened(path)
    assert again.state.target_segments == session.state.target_segments
    again.record(decide.revert(again.state, split.id, "tester"))
    again.save()
    assert _seg(_reopened(path).state, "t1").text == f"First{ch}part of a sentence."


@pytest.mark.parametrize("ch", BREAKS, ids=IDS)
def test_the_alignment_file_reads_back_what_it_wrote(ch: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _document(Path(folder), ch)
        state = AlignmentFile(path).read_yaml()
    text = f"an edit{ch}with the character"
    changed = state.with_changes(edits={"t1": text}, revision=state.revision + 1)
    back = decode(encode(changed), "x.yaml")
    assert back.edits == {"t1": text}
    assert back.target_segments == state.target_segments


def test_split_lines_splits_at_newline_only() -> None:
    assert split_lines("a\x85b\u2028c\x0cd\nsecond\n") == ["a\x85b\u2028c\x0cd", "second"]
    assert split_lines("") == [] and split_lines("\n") == [""] and split_lines("a") == ["a"]
    assert split_lines("a\r\nb\rc\n", crlf=True) == ["a", "b", "c"]
    assert one_line("a\nb\x85c\td\r") == "a b\x85c d " and len(one_line("x\n" * 5)) == 10


def test_align_text_counts_lines_at_newlines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from workbench.storage.align_files import read_sentences

    file = tmp_path / "s.txt"
    file.write_text("One\x0cstill one.\nTwo\u2028still two.\r\nThree.\n", encoding="utf-8")
    assert read_sentences(file) == ["One\x0cstill one.", "Two\u2028still two.", "Three."]


def test_a_po_file_with_break_characters_comes_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_synthetic(tmp_path, "lb", "doc", [["First\x85part.", "Second\u2028one."], ["Third one."]],
                    [["Пер\x85вое.", "Вто\u2028рое."], ["Третье."]], title="t")
    assert main(["--root", str(tmp_path), "export", "lb/doc", "--format", "po", "--out", str(tmp_path / "out")]) == 0
    po = tmp_path / "out" / "lb" / "doc.po"
    assert main(["--root", str(tmp_path), "import-po", str(po)]) == 0  # unchanged: nothing to record
    assert "0 decision(s) recorded" in capsys.readouterr().out
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Third one."', 'msgstr "Third, changed."'),
                  encoding="utf-8")
    assert main(["--root", str(tmp_path), "import-po", str(po)]) == 0
    state = AlignmentFile(tmp_path / "alignments" / "lb" / "doc.yaml").read().state
    assert state.edits == {"t3": "Third, changed."}
    assert _seg(state, "t1").text == "First\x85part." and _seg(state, "s2").text == "Вто\u2028рое."


# ------------------------------------------------------------------------------------ properties

EDIT_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
LINE_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=80)


def _fresh(folder: Path) -> Path:
    return _document(folder, "\x85")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=EDIT_TEXT, note=ANY_TEXT)
def test_any_accepted_edit_and_any_note_survive_record_save_load_byte_exact(text: str, note: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _fresh(Path(folder))
        session = _reopened(path)
        try:
            decision = decide.edit(session.state, "L1", [text], "tester", note=note or None)
        except OperationError:
            return  # refused when made (markup that does not parse): nothing to keep
        session.record(decision)
        expected = session.state.edits["t1"]
        assert decision.after == (f"t1 | {expected}" if expected else "t1 |")
        journal = _reopened(path).state
        assert journal.edits["t1"] == expected and journal.decisions[-1] == decision
        session.save()
        folded = AlignmentFile(path).read_yaml()
        assert folded.edits["t1"] == expected
        assert folded.decisions[-1] == decision  # note, before and after byte for byte


@settings(max_examples=200, deadline=None)
@given(edit=LINE_TEXT, segment=LINE_TEXT, note=ANY_TEXT)
@example(edit="", segment="", note="\n")  # a last value that keeps its line break: YAML's "..." before the seal
def test_any_line_text_in_edits_segments_and_patches_round_trips(edit: str, segment: str, note: str) -> None:
    from workbench.core.actions import Action
    from workbench.core.decisions import format_patch, make, parse_patch
    from workbench.core.models import Segment

    with tempfile.TemporaryDirectory() as folder:
        state = AlignmentFile(_fresh(Path(folder))).read_yaml()
    seg = Segment("t1", 0, len(segment), segment, 0)
    patch = format_patch(segments=[seg], edits=[("t1", edit)])
    parsed = parse_patch(patch)
    assert parsed.segments == (seg,) and parsed.edits == (("t1", edit),)
    changed = state.with_changes(target_segments=(seg,) + state.target_segments[1:], edits={"t1": edit},
                                 decisions=(make(Action.COMMENT, "L1", "t", note=note or None),))
    back = decode(encode(changed), "x.yaml")
    assert back.target_segments[0] == seg and back.edits == {"t1": edit}
    assert back.decisions[0].note == (note or None)
