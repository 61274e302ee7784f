"""Two editors' clones exchanging work through real git: ``git-setup`` registers the merge driver,
``git pull`` merges independent decisions with no conflict and keeps true conflicts as records; a
property test merges random decision sequences with ``git merge``."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from cli_helpers import run_main
from conftest import PROJECT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from model_helpers import tiny
from team_support import git, git_env

from workbench.core import decide
from workbench.core.decisions import Clock, apply
from workbench.core.models import Alignment, Decision
from workbench.storage.alignment_codec import decode, encode

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
DOC = "udhr/udhr"
FILE = Path("alignments/udhr/udhr.yaml")


@pytest.fixture()
def clones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, dict[str, str]]:
    """A shared bare remote holding the sample project, cloned by ann and bob, each set up."""
    env = git_env(tmp_path / "home")
    (tmp_path / "home").mkdir()
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    seed = tmp_path / "seed"
    seed.mkdir()
    shutil.copytree(PROJECT / "texts" / "udhr", seed / "texts" / "udhr")
    shutil.copytree(PROJECT / "alignments" / "udhr", seed / "alignments" / "udhr",
                    ignore=shutil.ignore_patterns("*.journal", ".*.lock"))
    shutil.copy(PROJECT / ".gitignore", seed / ".gitignore")
    git(seed, "init", "-q", "-b", "main", env=env)
    git(seed, "add", "-A", env=env)
    git(seed, "commit", "-qm", "project", env=env)
    git(tmp_path, "clone", "-q", "--bare", str(seed), "origin.git", env=env)
    ann, bob = tmp_path / "ann", tmp_path / "bob"
    for who in (ann, bob):
        git(tmp_path, "clone", "-q", "origin.git", who.name, env=env)
    return ann, bob, env


def _decide(capsys: pytest.CaptureFixture[str], clone: Path, env: dict[str, str], *args: str) -> None:
    run = run_main(clone, ["decide", DOC, *args], capsys)
    assert run.returncode == 0, run
    git(clone, "commit", "-qam", f"{args}", env=env)


def test_git_setup_is_idempotent(clones: tuple[Path, Path, dict[str, str]],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    ann, _, env = clones
    first = run_main(ann, ["git-setup"], capsys)
    assert first.returncode == 0 and ".gitattributes" in first.stdout and "merge.workbench.driver" in first.stdout
    again = run_main(ann, ["git-setup"], capsys)
    assert again.returncode == 0 and again.stdout == "" and "already set up" in again.stderr
    assert (ann / ".gitattributes").read_text() == "alignments/**/*.yaml merge=workbench\n"
    assert git(ann, "check-attr", "merge", str(FILE), env=env).stdout.strip().endswith("merge: workbench")
    assert "merge-driver %O %A %B %P" in git(ann, "config", "merge.workbench.driver", env=env).stdout


def _setup_both(ann: Path, bob: Path, env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(ann, ["git-setup"], capsys).returncode == 0
    git(ann, "add", ".gitattributes", env=env)
    git(ann, "commit", "-qm", "workbench merge driver", env=env)
    git(ann, "push", "-q", "origin", "main", env=env)
    git(bob, "pull", "-q", "--no-rebase", env=env)
    assert run_main(bob, ["git-setup"], capsys).returncode == 0


def test_decisions_on_different_links_merge_with_no_conflict(clones: tuple[Path, Path, dict[str, str]],
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    ann, bob, env = clones
    _setup_both(ann, bob, env, capsys)
    _decide(capsys, ann, env, "L1", "confirm", "--author", "ann")
    _decide(capsys, ann, env, "L3", "comment", "--text", "a note", "--author", "ann")
    git(ann, "push", "-q", "origin", "main", env=env)
    _decide(capsys, bob, env, "L2", "reject", "--author", "bob")
    _decide(capsys, bob, env, "L4", "edit", "--text", "Bob's English.", "--author", "bob")
    pulled = git(bob, "pull", "--no-rebase", "--no-edit", env=env)
    assert "CONFLICT" not in pulled.stdout + pulled.stderr
    assert git(bob, "status", "--porcelain", env=env).stdout == ""
    assert run_main(bob, ["validate"], capsys).returncode == 0
    state = decode((bob / FILE).read_text(encoding="utf-8"), "m.yaml")
    assert sorted(d.author for d in state.decisions) == ["ann", "ann", "bob", "bob"]
    assert (state.link("L1").status.value, state.link("L2").status.value) == ("confirmed", "rejected")
    assert not state.conflicts
    git(bob, "push", "-q", "origin", "main", env=env)
    git(ann, "pull", "-q", "--no-rebase", env=env)  # a fast-forward: ann has the same file
    assert (ann / FILE).read_bytes() == (bob / FILE).read_bytes()
    # history: each decision with the commit its editor made (not the merge commit)
    commits = {line.split("\t")[1]: line.split("\t")[0] for line in git(
        bob, "log", "--format=%H\t%s", env=env).stdout.splitlines()}
    log = run_main(bob, ["log", DOC, "--link", "L2", "--git"], capsys).stdout
    assert commits["('L2', 'reject', '--author', 'bob')"][:10] in log and "(name from option)" in log
    blame = run_main(bob, ["blame", DOC, "--json"], capsys)
    rows = {row["link"]: row for row in json.loads(blame.stdout)["links"]}
    assert rows["L1"]["commit"] == commits["('L1', 'confirm', '--author', 'ann')"] and rows["L1"]["author"] == "ann"
    assert rows["L4"]["commit"] == commits["('L4', 'edit', '--text', \"Bob's English.\", '--author', 'bob')"]
    assert rows["L5"]["decision"] is None
    run_main(bob, ["decide", DOC, "L6", "flag", "--author", "bob"], capsys)  # not committed yet
    assert json.loads(run_main(bob, ["blame", DOC, "--json"], capsys).stdout)["links"][5]["commit"] is None


def test_a_true_conflict_is_kept_and_resolved(clones: tuple[Path, Path, dict[str, str]],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    ann, bob, env = clones
    _setup_both(ann, bob, env, capsys)
    _decide(capsys, ann, env, "L5", "edit", "--text", "Ann's English.", "--author", "ann")
    git(ann, "push", "-q", "origin", "main", env=env)
    _decide(capsys, bob, env, "L5", "edit", "--text", "Bob's English.", "--author", "bob")
    pulled = git(bob, "pull", "--no-rebase", "--no-edit", env=env)
    assert "1 conflict(s) kept with both sides" in pulled.stderr
    assert run_main(bob, ["validate"], capsys).returncode == 0
    listed = run_main(bob, ["conflicts", DOC], capsys)
    assert "Ann's English." in listed.stdout and "Bob's English." in listed.stdout
    cid = listed.stdout.split()[0]
    assert run_main(bob, ["resolve", DOC, cid, "--author", "bob"], capsys).returncode == 0
    assert run_main(bob, ["conflicts", DOC], capsys).stdout.strip() == f"{DOC}: no open conflicts"
    assert run_main(bob, ["validate"], capsys).returncode == 0


def test_committing_again_after_a_conflict_then_pulling_keeps_one_conflict(
        clones: tuple[Path, Path, dict[str, str]], capsys: pytest.CaptureFixture[str]) -> None:
    ann, bob, env = clones
    _setup_both(ann, bob, env, capsys)
    _decide(capsys, bob, env, "L5", "edit", "--text", "Bob's English.", "--author", "bob")
    _decide(capsys, ann, env, "L5", "edit", "--text", "Ann's English.", "--author", "ann")
    git(bob, "push", "-q", "origin", "main", env=env)
    git(ann, "pull", "-q", "--no-rebase", "--no-edit", env=env)  # bob's edit was first: ann's is set aside
    git(ann, "push", "-q", "origin", "main", env=env)
    _decide(capsys, bob, env, "L6", "confirm", "--author", "bob")  # bob goes on before pulling
    pulled = git(bob, "pull", "--no-rebase", "--no-edit", env=env)
    assert "conflict" not in pulled.stderr  # no new conflict: the one ann's merge found stays
    git(bob, "push", "-q", "origin", "main", env=env)
    git(ann, "pull", "-q", "--no-rebase", env=env)
    for clone in (ann, bob):
        assert run_main(clone, ["validate"], capsys).returncode == 0
        state = decode((clone / FILE).read_text(encoding="utf-8"), "m.yaml")
        assert len(state.conflicts) == 1 and state.conflicts[0].set_aside[0].author == "ann"
        assert state.english(state.link("L5")) == "Bob's English." and state.link("L6").status.value == "confirmed"


def test_without_the_driver_the_merge_is_refused_on_read(clones: tuple[Path, Path, dict[str, str]],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    ann, bob, env = clones
    _decide(capsys, ann, env, "L1", "confirm", "--author", "ann")
    git(ann, "push", "-q", "origin", "main", env=env)
    _decide(capsys, bob, env, "L2", "confirm", "--author", "bob")
    pulled = git(bob, "pull", "--no-rebase", "--no-edit", env=env, check=False)
    assert pulled.returncode != 0 and "CONFLICT" in pulled.stdout
    run = run_main(bob, ["validate", str(bob / FILE)], capsys)
    assert run.returncode == 2 and "git-setup" in run.stdout + run.stderr


# -- the property: random decisions on two branches, merged by git merge --------------------------------------

ACTS = st.sampled_from([None, None, "confirm", "reject", "flag", "edit:one", "edit:two"])
N_LINKS = 5


def _make(state: Alignment, link: str, act: str, who: str, clock: Clock) -> Decision:
    if act.startswith("edit:"):
        return decide.edit(state, link, [f"{act[5:]} {link}"], who, clock=clock)
    return decide.set_status(state, link, act, who, clock=clock)


def _side(base: Alignment, acts: list[str | None], who: str, times: list[int]) -> Alignment:
    state = base
    for k, (act, at) in enumerate(zip(acts, times, strict=True)):
        if act is not None:
            clock = Clock(new_id=lambda k=k: f"D-{who}{k:09d}", now=lambda at=at: f"2026-12-01T10:00:{at:02d}.000Z")
            state = apply(state, _make(state, f"L{k + 1}", act, who, clock))
    return state


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ann=st.lists(ACTS, min_size=N_LINKS, max_size=N_LINKS), bob=st.lists(ACTS, min_size=N_LINKS, max_size=N_LINKS),
       times=st.permutations(list(range(2 * N_LINKS))))
def test_git_merge_keeps_every_decision_and_finds_exactly_the_true_conflicts(
        ann: list[str | None], bob: list[str | None], times: list[int]) -> None:
    base = tiny(N_LINKS)
    ours, theirs = _side(base, ann, "a", times[:N_LINKS]), _side(base, bob, "b", times[N_LINKS:])
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        env = git_env(root)
        path = root / "alignments" / "c" / "d.yaml"
        path.parent.mkdir(parents=True)
        (root / "texts").mkdir()
        git(root, "init", "-q", "-b", "main", env=env)
        from workbench.storage.git_team import git_setup

        git_setup(root)
        for name, state in (("base", base), ("a", ours), ("b", theirs)):
            if name != "base":
                git(root, "checkout", "-q", "-b", name, "main", env=env)
            path.write_text(encode(state), encoding="utf-8")
            git(root, "add", "-A", env=env)
            git(root, "commit", "-q", "--allow-empty", "-m", name, env=env)
        merged = git(root, "merge", "--no-edit", "a", env=env, check=False)
        assert merged.returncode == 0, merged.stdout + merged.stderr
        result = decode(path.read_text(encoding="utf-8"), "merged.yaml")  # validates
    every = {d.id for d in ours.decisions} | {d.id for d in theirs.decisions}
    kept = {d.id for d in result.decisions} | {d.id for c in result.conflicts for d in c.set_aside}
    assert every == kept
    true = set()
    for k, (a, b) in enumerate(zip(ann, bob, strict=True)):
        both_status = a and b and not a.startswith("edit") and not b.startswith("edit")
        both_edit = a and b and a.startswith("edit") and b.startswith("edit")
        if (both_status or both_edit) and a != b:
            true.add(f"L{k + 1}")
    assert {link for c in result.conflicts for link in c.links} == true
    for k, (a, b) in enumerate(zip(ann, bob, strict=True)):
        if bool(a) != bool(b):  # one side alone: its decision is in force
            act = a or b
            link = result.link(f"L{k + 1}")
            if act and not act.startswith("edit"):
                assert link.status.value == {"confirm": "confirmed", "reject": "rejected", "flag": "flagged"}[act]
            elif act:
                assert result.edits[f"t{k + 1}"] == f"{act[5:]} L{k + 1}"


async def test_the_history_pane_shows_the_commit(clones: tuple[Path, Path, dict[str, str]],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from ui_helpers import SIZE, app_for, opened, wait_for

    ann, _, env = clones
    _decide(capsys, ann, env, "L1", "confirm", "--author", "ann")
    commit = git(ann, "rev-parse", "HEAD", env=env).stdout.strip()
    app = app_for(ann, DOC)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app)
        review = app.review
        assert review is not None
        review.grid.set_cursor(0)  # L1
        await pilot.pause()
        review.detail.show(0)
        await wait_for(lambda: f"commit {commit[:10]}" in review.detail.text.plain, pilot, timeout=30)
