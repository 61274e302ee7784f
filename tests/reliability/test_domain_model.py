"""One domain model, checked where decisions enter and where files are read: every action is an
``Action``, its details are typed and required, an act that changes nothing is refused, and the
variant panel builds its decisions with the same constructors as the CLI (issue 9, part 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from model_helpers import tiny

from workbench.core import decide
from workbench.core.decisions import apply
from workbench.core.errors import FormatError
from workbench.storage.alignment_codec import decode, encode, reseal_text, strip_seal
from workbench.storage.corpus import Corpus


def test_version_1_names_and_string_numbers_read_as_today() -> None:
    from workbench.core.actions import Action

    text = strip_seal(encode(tiny())).replace("version: 3", "version: 1").replace("decisions: []", """decisions:
- id: D-1
  time: '2025-01-01T00:00:00.000Z'
  author: ed
  action: note
  target: L1
  note: check the date
- id: D-2
  time: '2025-01-01T00:00:01.000Z'
  author: ed
  action: variant-mark
  target: V1
  data:
    certainty: '0.7'
    end: '12'
    start: '3'
    text: words
    witness: en-mt
- id: D-3
  time: '2025-01-01T00:00:02.000Z'
  author: ed
  action: revert
  target: L1
  data:
    of: note
    reverts: D-1""")
    state = decode(text, "v1.yaml")
    comment, mark, undo = state.decisions
    assert (comment.action, undo.data.of) == (Action.COMMENT, Action.COMMENT)
    assert (mark.data.start, mark.data.end, mark.data.certainty) == (3, 12, 0.7)
    again = encode(state)
    assert "version: 3" in again and "action: comment" in again and "    start: 3\n" in again
    assert decode(again, "v2.yaml").decisions == state.decisions


@pytest.mark.parametrize(("change", "message"), [
    (("action: confirm", "action: approve"), "unknown action 'approve'"),
    (("    start: 3", "    start: three"), "'start' must be a whole number"),
    (("    certainty: 0.7", "    certainty: 1.7"), "certainty must be a number between 0 and 1"),
    (("    witness: en-mt\n", ""), "needs witness"),
    (("    text: words", "    colour: red"), "unknown decision data 'colour'"),
])
def test_decision_actions_and_data_are_checked_on_load(change: tuple[str, str], message: str) -> None:
    text = encode(tiny()).replace("decisions: []", """decisions:
- id: D-0
  time: '2025-01-01T00:00:00.000Z'
  author: ed
  action: confirm
  target: L1
  before: auto
  after: confirmed
- id: D-2
  time: '2025-01-01T00:00:01.000Z'
  author: ed
  action: variant-mark
  target: V1
  data:
    certainty: 0.7
    end: 12
    start: 3
    text: words
    witness: en-mt
""")
    text = reseal_text(text, "ok.yaml")
    decode(text, "ok.yaml")  # the unchanged file is valid
    with pytest.raises(FormatError, match=message) as info:
        decode(text.replace(*change), "bad.yaml")
    assert info.value.location.line is not None


def test_acts_that_change_nothing_are_refused_and_validate_reports_old_ones(project: Path) -> None:
    from workbench.core.actions import Action
    from workbench.core.decisions import make
    from workbench.core.errors import OperationError
    from workbench.storage.alignment_codec import decision_to_dict
    from workbench.storage.validation import validate_paths

    corpus = Corpus(project)
    ref = corpus.parse_address("udhr/udhr")
    state = corpus.open_state(ref)
    flagged = apply(state, decide.flag(state, "L1", "ed"))
    with pytest.raises(OperationError, match="already flagged"):
        decide.flag(flagged, "L1", "ed")
    one = next(lk for lk in state.links if len(lk.target) == 1)
    with pytest.raises(OperationError, match="already reads so"):
        decide.edit(state, one.id, [state.english(one)], "ed")
    # a file written before the refusal existed: validate names the decision
    noop = make(Action.FLAG, "L1", "ed", before="flagged", after="flagged")
    file = corpus.alignment_file(ref)
    file.path.write_text(encode(flagged.with_changes(decisions=flagged.decisions + (noop,))), encoding="utf-8")
    report = validate_paths(corpus, [file.path])
    assert any(noop.id in line and "changes nothing" in line for line in report.findings), report.findings
    assert decision_to_dict(noop)["action"] == "flag"
