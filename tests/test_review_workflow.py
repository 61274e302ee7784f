"""The review workflow: document state as decisions, approval blockers, roles from workbench.yaml,
threaded comments that can be resolved, status --json and the browser showing the state."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run_main
from model_helpers import tiny
from ui_helpers import SIZE, app_for, screen_text, wait_for

from workbench.core import decide
from workbench.core.decisions import apply
from workbench.core.errors import FormatError, OperationError
from workbench.core.merge import merge
from workbench.core.review import approval_blockers, document_state, open_comments, reply, resolve_comment, set_state
from workbench.core.review import threads as threads_of
from workbench.storage.alignment_codec import decode, encode
from workbench.storage.project_settings import read_house_style, read_roles

DOC = "udhr/udhr"


def _all_confirmed(n: int = 3):  # type: ignore[no-untyped-def]
    state = tiny(n)
    for link in state.links:
        state = apply(state, decide.confirm(state, link.id, "ed"))
    return state


def test_states_move_step_by_step_as_decisions() -> None:
    state = _all_confirmed()
    assert document_state(state) == "in-progress"
    with pytest.raises(OperationError, match="can go to reviewed, not approved"):
        set_state(state, "approved", "rev")
    state = apply(state, set_state(state, "reviewed", "rev"))
    state = apply(state, set_state(state, "approved", "rev", note="done"))
    assert document_state(decode(encode(state), "f.yaml")) == "approved"
    with pytest.raises(OperationError, match="already approved"):
        set_state(state, "approved", "rev")
    state = apply(state, set_state(state, "in-progress", "ed"))  # reopened
    assert document_state(state) == "in-progress"


def test_approval_lists_what_blocks_it() -> None:
    base = tiny(4)
    state = apply(base, decide.confirm(base, "L1", "ed"))
    state = apply(state, set_state(state, "reviewed", "rev"))
    with pytest.raises(OperationError) as info:
        set_state(state, "approved", "rev", variants_unresolved=2, more_blockers=["QA: 1 error (empty English in L9)"])
    message = info.value.message
    assert "3 link(s) not confirmed or rejected: L2, L3, L4" in message
    assert "2 variant(s) unresolved" in message and "QA: 1 error" in message
    ours = apply(base, decide.edit(base, "L1", ["A."], "a"))
    theirs = apply(base, decide.edit(base, "L1", ["B."], "b"))
    merged = merge(base, ours, theirs).state
    assert any("merge conflict(s) open" in line for line in approval_blockers(merged))


def test_roles_decide_who_takes_which_step() -> None:
    state = _all_confirmed()
    roles = {"Anna": "editor", "Boris": "reviewer"}
    with pytest.raises(OperationError, match="reviewer's step"):
        set_state(state, "reviewed", "Anna", roles=roles)
    with pytest.raises(OperationError, match="no role"):
        set_state(state, "reviewed", "Eve", roles=roles)
    state = apply(state, set_state(state, "reviewed", "Boris", roles=roles))
    state = apply(state, set_state(state, "in-progress", "Anna", roles=roles))  # an editor may reopen


def test_threaded_comments_can_be_resolved() -> None:
    state = tiny()
    first = decide.comment(state, "L1", "Is 'Lvov' right?", "ann")
    state = apply(state, first)
    answer = reply(state, first.id, "Yes, the 1996 print says so.", "bob")
    state = apply(state, answer)
    state = apply(state, reply(state, answer.id, "Thanks.", "ann"))  # a reply to a reply: same thread
    state = apply(state, decide.comment(state, "L2", "Another point.", "ann"))
    (thread, other) = threads_of(decode(encode(state), "f.yaml"))
    assert [d.author for d in (thread.first, *thread.replies)] == ["ann", "bob", "ann"]
    assert open_comments(state) == 2
    state = apply(state, resolve_comment(state, answer.id, "ann"))
    assert open_comments(state) == 1 and threads_of(state, "L1")[0].resolved
    with pytest.raises(OperationError, match="already resolved"):
        resolve_comment(state, first.id, "ann")
    with pytest.raises(OperationError, match="no comment"):
        reply(state, "D-nope", "x", "ann")


def test_cli_review_comments_and_status_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "workbench.yaml").write_text("roles:\n  Anna: editor\n  Boris: reviewer\n", encoding="utf-8")
    run = run_main(project, ["decide", DOC, "L1", "comment", "--text", "Check this.", "--author", "Anna"], capsys)
    first = run.stdout.strip()
    run = run_main(project, ["reply", DOC, first, "--text", "Checked.", "--author", "Boris"], capsys)
    assert run.returncode == 0, run
    listed = run_main(project, ["comments", DOC], capsys).stdout
    assert "Check this." in listed and "Boris: Checked." in listed
    refused = run_main(project, ["review", DOC, "reviewed", "--author", "Anna"], capsys)
    assert refused.returncode == 2 and "reviewer's step" in refused.stderr
    assert run_main(project, ["review", DOC, "reviewed", "--author", "Boris"], capsys).returncode == 0
    refused = run_main(project, ["review", DOC, "approved", "--author", "Boris"], capsys)
    assert refused.returncode == 2 and "cannot be approved yet" in refused.stderr and "not confirmed" in refused.stderr
    row = next(d for d in json.loads(run_main(project, ["status", "--json"], capsys).stdout)["documents"]
               if d["id"] == "udhr")
    assert (row["state"], row["open_comments"]) == ("reviewed", 1)
    assert run_main(project, ["resolve-comment", DOC, first, "--author", "Anna"], capsys).returncode == 0
    row = next(d for d in json.loads(run_main(project, ["status", "--json"], capsys).stdout)["documents"]
               if d["id"] == "udhr")
    assert row["open_comments"] == 0
    assert run_main(project, ["comments", DOC], capsys).stdout.strip() == f"{DOC}: no open comments"
    (project / "workbench.yaml").write_text("roles:\n  Anna: boss\n", encoding="utf-8")
    bad = run_main(project, ["review", DOC, "in-progress", "--author", "Anna"], capsys)
    assert bad.returncode == 2 and "workbench.yaml" in bad.stderr


async def test_the_browser_shows_the_state(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(project, ["review", DOC, "reviewed", "--author", "Boris"], capsys).returncode == 0
    app = app_for(project)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: "reviewed Universal" in screen_text(app), pilot, timeout=30)


def test_document_editors_in_the_order_they_first_decided() -> None:
    from workbench.core.review import document_editors

    state = tiny()
    state = apply(state, decide.confirm(state, "L2", "Vera"))
    state = apply(state, decide.confirm(state, "L1", "Anna"))
    undone = decide.confirm(state, "L3", "Eve")
    state = apply(state, undone)
    state = apply(state, decide.revert(state, undone.id, "Anna"))
    state = apply(state, decide.comment(state, "L1", "ok", "Vera"))
    assert document_editors(state) == ["Vera", "Anna"]
    assert document_editors(None) == []


def test_open_qa_errors_block_approval_until_waived(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = "bolshevik-correspondence/093"  # three links; its archival reference reads "On." for "Op."
    for link in ("L1", "L2", "L3"):
        assert run_main(project, ["decide", doc, link, "confirm", "--author", "Boris"], capsys).returncode == 0
    assert run_main(project, ["review", doc, "reviewed", "--author", "Boris"], capsys).returncode == 0
    refused = run_main(project, ["review", doc, "approved", "--author", "Boris"], capsys)
    assert refused.returncode == 2 and "QA error(s) open (archival_reference archival-reference" in refused.stderr
    assert "not confirmed" not in refused.stderr
    waived = run_main(project, ["decide", doc, "archival_reference", "qa-waive", "--check", "archival-reference",
                                "--reason", "printed so", "--author", "Boris"], capsys)
    assert waived.returncode == 0, waived
    assert run_main(project, ["review", doc, "approved", "--author", "Boris"], capsys).returncode == 0
    row = next(d for d in json.loads(run_main(project, ["status", "--json"], capsys).stdout)["documents"]
               if d["id"] == "093")
    assert row["state"] == "approved"


def test_one_workbench_yaml_holds_the_roles_and_the_house_style(tmp_path: Path) -> None:
    """Both parts read the same file: neither refuses the other's key, and a misspelt key is refused."""
    (tmp_path / "workbench.yaml").write_text("roles:\n  Anna: editor\nhouse_style:\n  editors_notes: roman\n",
                                             encoding="utf-8")
    assert read_roles(tmp_path) == {"Anna": "editor"}
    assert read_house_style(tmp_path).editors_notes == "roman"
    (tmp_path / "workbench.yaml").write_text("roles:\n  Anna: editor\nhouse_styel:\n  editors_notes: roman\n",
                                             encoding="utf-8")
    for reader in (read_roles, read_house_style):
        with pytest.raises(FormatError, match="house_styel"):
            reader(tmp_path)
