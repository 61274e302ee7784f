"""Integrity of alignment files (format version 3): every cut and every lost block is refused by
``decode`` and by the commands that read the file (validate, status, open, export), with the file named,
exit 2 and nothing written; nested duplicate keys are refused with their line."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_main
from model_helpers import tiny

from workbench.core import decide
from workbench.core.decisions import apply
from workbench.core.errors import FormatError
from workbench.storage.alignment_codec import decode, encode, reseal_text, strip_seal
from workbench.storage.alignment_store import AlignmentFile, Session
from workbench.storage.corpus import Corpus
from workbench.storage.yamlio import load

DOC = "udhr/udhr"
ALIGNMENT = Path("alignments/udhr/udhr.yaml")


def decided(n: int = 6) -> str:
    """A sealed file with edits, comments and status decisions: every block is non-empty."""
    state = tiny(n)
    state = apply(state, decide.confirm(state, "L1", "ed"))
    state = apply(state, decide.edit(state, "L2", ["Edited two."], "ed"))
    state = apply(state, decide.comment(state, "L3", "A comment\nover two lines", "ed"))
    state = apply(state, decide.flag(state, "L4", "ed", reason="check"))
    return encode(state)


def test_every_cut_at_a_line_boundary_is_refused() -> None:
    text = decided()
    lines = text.splitlines(keepends=True)
    assert decode(text, "f.yaml").decisions  # the whole file is fine
    for cut in range(len(lines)):
        with pytest.raises(FormatError) as info:
            decode("".join(lines[:cut]), "f.yaml")
        assert info.value.location is not None and info.value.location.path == "f.yaml", cut


def test_every_cut_inside_the_last_lines_is_refused() -> None:
    text = decided()
    for cut in range(len(text) - 200, len(text) - 1):  # the integrity record itself, cut anywhere
        with pytest.raises(FormatError):
            decode(text[:cut], "f.yaml")


def test_every_lost_line_is_refused() -> None:
    text = decided()
    lines = text.splitlines(keepends=True)
    for gone in range(len(lines)):
        with pytest.raises(FormatError):
            decode("".join(lines[:gone] + lines[gone + 1:]), "f.yaml")


def test_a_lost_decision_block_names_the_count() -> None:
    text = decided()
    start = text.index("- id: D-", text.index("decisions:"))
    end = text.index("- id: D-", start + 1)
    with pytest.raises(FormatError, match="holds 3 decisions, its integrity record says 4: 1 were lost"):
        decode(text[:start] + text[end:], "f.yaml")


def test_a_changed_value_is_refused_by_the_digest_and_reseal_accepts_it() -> None:
    text = decided().replace("Edited two.", "Edited 2.")
    with pytest.raises(FormatError, match="does not match the digest"):
        decode(text, "f.yaml")
    assert decode(reseal_text(text, "f.yaml"), "f.yaml").edits["t2"] == "Edited 2."


def test_something_after_the_record_is_refused() -> None:
    with pytest.raises(FormatError, match="last key"):
        decode(decided() + "conflicts: []\n", "f.yaml")


def test_version_2_files_still_read_and_are_sealed_on_the_next_save() -> None:
    from workbench.storage.alignment_codec import strip_seal

    old = strip_seal(decided()).replace("version: 3", "version: 2")
    state = decode(old, "old.yaml")
    assert "integrity:\n  source_segments: 6\n" in encode(state)


def test_nested_duplicate_keys_are_refused_with_their_line() -> None:
    text = "a: 1\nb:\n  c: 2\n  d:\n    - x: 1\n      x: 2\n"
    with pytest.raises(FormatError, match="key 'x' appears twice") as info:
        load(text, "f.yaml")
    assert info.value.location is not None and info.value.location.line == 6
    text = decided()
    doubled = text.replace("  author: ed\n", "  author: ed\n  author: eve\n", 1)
    with pytest.raises(FormatError, match="key 'author' appears twice"):
        decode(doubled, "f.yaml")


def test_git_conflict_markers_are_refused_with_the_way_out() -> None:
    text = decided().replace("revision: 0\n", "<<<<<<< HEAD\nrevision: 1\n=======\nrevision: 2\n>>>>>>> b\n")
    with pytest.raises(FormatError, match="git-setup") as info:
        decode(text, "f.yaml")
    assert info.value.location is not None and info.value.location.line == 4


def test_saving_through_the_journal_keeps_the_record_right(project: Path) -> None:
    corpus = Corpus(project)
    ref = corpus.parse_address(DOC)
    file = corpus.alignment_file(ref)
    session = Session(file)
    session.record(decide.confirm(session.state, session.state.links[0].id, "ed"))
    session.record(decide.comment(session.state, session.state.links[1].id, "why", "ed"))
    session.save()
    text = file.path.read_text(encoding="utf-8")
    assert "version: 3" in text and text.rstrip().splitlines()[-1].startswith("  sha256: ")
    assert AlignmentFile(file.path).read_yaml().decisions[-1].note == "why"


# -- the commands ------------------------------------------------------------------------------------


def _sealed_project(project: Path) -> tuple[Path, list[str]]:
    """The project with udhr's file saved as version 3 (one decision), and that file's lines."""
    corpus = Corpus(project)
    session = Session(corpus.alignment_file(corpus.parse_address(DOC)))
    session.record(decide.confirm(session.state, session.state.links[0].id, "ed"))
    session.save()
    path = project / ALIGNMENT
    return path, path.read_text(encoding="utf-8").splitlines(keepends=True)


@pytest.mark.parametrize("where", ["middle", "before the record", "inside the record", "last decision"])
def test_commands_refuse_a_cut_file(where: str, project: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    path, lines = _sealed_project(project)
    text = "".join(lines)
    cut = {"middle": len(lines) // 2, "before the record": next(i for i, x in enumerate(lines) if x == "integrity:\n"),
           "inside the record": len(lines) - 3,
           "last decision": next(i for i, x in enumerate(lines) if x.startswith("- id: D-"))}[where]
    path.write_text("".join(lines[:cut]), encoding="utf-8")
    before = path.read_bytes()
    for args in (["validate"], ["validate", str(path)], ["status"], ["status", "--json"], ["log", DOC],
                 ["decide", DOC, "L2", "confirm"], ["open", DOC],
                 ["export", "--format", "md", DOC, "--out", str(tmp_path / "out")]):
        run = run_main(project, args, capsys)
        assert run.returncode == 2, (args, run)
        assert "udhr.yaml" in run.stderr + run.stdout, (args, run)
        assert "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()  # export wrote nothing
    assert path.read_bytes() == before  # and nothing repaired or rewrote the file
    assert text != before.decode()


def test_the_app_refuses_a_cut_file(project: Path) -> None:
    from workbench.storage.corpus import Corpus as C

    path, lines = _sealed_project(project)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    with pytest.raises(FormatError, match="udhr.yaml"):
        C(project).open_state(C(project).parse_address(DOC))


def test_reseal_accepts_a_hand_change_and_still_refuses_a_bad_file(project: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path, lines = _sealed_project(project)
    text = "".join(lines).replace("confirmed", "flagged", 1)
    path.write_text(text, encoding="utf-8")
    assert run_main(project, ["validate", str(path)], capsys).returncode == 2
    run = run_main(project, ["reseal", str(path)], capsys)
    assert run.returncode == 0 and "integrity record written" in run.stdout
    assert run_main(project, ["validate", str(path)], capsys).returncode == 0
    path.write_text("".join(lines[:5]), encoding="utf-8")  # cut: reseal cannot make it whole
    run = run_main(project, ["reseal", str(path)], capsys)
    assert run.returncode == 2 and "udhr.yaml" in run.stderr


def test_reseal_writes_an_old_file_as_version_3(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / ALIGNMENT
    # a file as an older workbench wrote it: version 1, no integrity record
    path.write_text(strip_seal(path.read_text(encoding="utf-8")).replace("version: 3\n", "version: 1\n", 1),
                    encoding="utf-8")
    assert run_main(project, ["reseal", str(path)], capsys).returncode == 0
    assert "version: 3" in path.read_text(encoding="utf-8")
    assert run_main(project, ["validate", str(path)], capsys).returncode == 0


async def test_the_browser_refuses_to_open_a_cut_file_and_says_which(project: Path) -> None:
    from ui_helpers import SIZE, app_for, wait_for

    from workbench.ui.screens.browser import BrowserScreen

    path, lines = _sealed_project(project)
    path.write_text("".join(lines[:-2]), encoding="utf-8")
    app = app_for(project)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(lambda: isinstance(app.screen, BrowserScreen), pilot)
        app.open_document(Corpus(project).parse_address(DOC))
        await wait_for(lambda: any("udhr.yaml" in n.message for n in app._notifications), pilot)
        assert isinstance(app.screen, BrowserScreen) and app.review is None
    assert path.read_text(encoding="utf-8") == "".join(lines[:-2])
