"""Word-level diff MT → edited English."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.core.word_diff import Op, changed, tokens, word_diff


def test_words_change_as_words() -> None:
    pieces = word_diff("So hit the Lions: now you have time.", "So strike at Lvov: now you have the time.")
    deleted = "".join(p.text for p in pieces if p.op is Op.DELETE)
    inserted = "".join(p.text for p in pieces if p.op is Op.INSERT)
    assert "hit the Lions" in deleted and "Lions" not in inserted
    assert "strike at Lvov" in inserted and "the " in inserted
    assert changed(pieces)


def test_no_change_is_one_equal_piece() -> None:
    assert [(p.op, p.text) for p in word_diff("Kharkov 26 July.", "Kharkov 26 July.")] == \
        [(Op.EQUAL, "Kharkov 26 July.")]
    assert not changed(word_diff("same", "same"))


@given(st.text(max_size=60), st.text(max_size=60))
def test_pieces_rebuild_both_texts(before: str, after: str) -> None:
    pieces = word_diff(before, after)
    assert "".join(p.text for p in pieces if p.op is not Op.INSERT) == before
    assert "".join(p.text for p in pieces if p.op is not Op.DELETE) == after
    assert "".join(tokens(before)) == before
