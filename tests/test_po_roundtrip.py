"""The PO round trip: export, a translator's edits in the PO file, import-po back as decisions."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from export_support import copy_fixture

from workbench.cli import main
from workbench.storage.corpus import Corpus


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path)


def decisions(root: Path) -> list:  # type: ignore[type-arg]
    corpus = Corpus(root)
    return list(corpus.open_state(corpus.parse_address("demo/letter")).decisions)


def export_po(root: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["--root", str(root), "export", "--format", "po", "demo/letter", "--out", str(root / "out")]) == 0
    capsys.readouterr()
    return root / "out" / "demo" / "letter.po"


def edit(path: Path, changes: dict[str, str] | None = None, fuzzy: dict[str, bool] | None = None,
         comments: dict[str, str] | None = None) -> None:
    """Change entries the way Poedit would (polib writes the file back)."""
    po = polib.pofile(str(path))
    for entry in po:
        link = entry.msgctxt.rsplit("/", 1)[1]
        if changes and link in changes:
            entry.msgstr = changes[link]
        if fuzzy and link in fuzzy:
            if fuzzy[link] and "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
            elif not fuzzy[link] and "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        if comments and link in comments:
            entry.tcomment = (entry.tcomment + "\n" if entry.tcomment else "") + comments[link]
    po.save(str(path))


def import_po(root: Path, path: Path, *extra: str) -> int:
    return main(["--root", str(root), "import-po", str(path), "--author", "Tess Translator", *extra])


def test_unchanged_file_gives_no_decisions(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = export_po(project, capsys)
    before = decisions(project)
    assert import_po(project, path) == 0
    assert "0 decision(s) recorded, 0 conflict(s)" in capsys.readouterr().out
    assert decisions(project) == before


def test_two_edited_entries_give_exactly_two_edit_decisions(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = export_po(project, capsys)
    before = decisions(project)
    edit(path, {"L2": "Moscow, 12 May.", "L6": "Third: the sign ⟦ ⟧ remains as it is."})
    assert import_po(project, path) == 0
    out = capsys.readouterr().out
    assert "2 decision(s) recorded, 0 conflict(s)" in out
    new = decisions(project)[len(before):]
    assert [(d.action, d.target, d.author) for d in new] == [("edit", "L2", "Tess Translator"),
                                                            ("edit", "L6", "Tess Translator")]
    assert new[0].after == "t2 | Moscow, 12 May." and new[1].after == "t6 | Third: the sign ⟦ ⟧ remains as it is."
    assert import_po(project, path) == 0  # importing the same file again changes nothing
    assert len(decisions(project)) == len(before) + 2


def test_fuzzy_cleared_and_set_become_status_decisions(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = export_po(project, capsys)
    before = decisions(project)
    edit(path, fuzzy={"L4": False, "L1": True})
    assert import_po(project, path) == 0
    new = decisions(project)[len(before):]
    assert sorted((d.action, d.target, d.before, d.after) for d in new) == [
        ("confirm", "L4", "auto", "confirmed"), ("unconfirm", "L1", "confirmed", "auto")]


def test_new_translator_comment_becomes_a_comment(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = export_po(project, capsys)
    before = decisions(project)
    edit(path, comments={"L3": "“good” or “fine”?"})
    assert import_po(project, path) == 0
    new = decisions(project)[len(before):]
    assert [(d.action, d.target, d.note) for d in new] == [("comment", "L3", "“good” or “fine”?")]


def test_entry_whose_link_changed_since_export_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = export_po(project, capsys)
    assert main(["--root", str(project), "decide", "demo/letter", "L7", "edit", "--text", "A. (signed)",
                 "--author", "Ann Editor"]) == 0
    assert main(["--root", str(project), "decide", "demo/letter", "L3", "flag", "--author", "Ann Editor"]) == 0
    capsys.readouterr()
    before = decisions(project)
    edit(path, {"L7": "A. [signature]", "L2": "Moscow, 12 May."})  # L3 changed in the project only
    assert import_po(project, path) == 1  # a conflict is a finding
    out = capsys.readouterr().out
    assert "demo/letter L7" in out and "CONFLICT" in out and "changed in the project since the export" in out
    assert "1 entry unchanged in the PO file but changed in the project since the export (L3)" in out
    assert "1 decision(s) recorded, 1 conflict(s) not applied" in out
    new = decisions(project)[len(before):]
    assert [(d.action, d.target) for d in new] == [("edit", "L2")]  # L7 kept its project edit
    corpus = Corpus(project)
    state = corpus.open_state(corpus.parse_address("demo/letter"))
    assert state.edits["t7"] == "A. (signed)"


def test_dry_run_shows_the_diff_and_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = export_po(project, capsys)
    journal = project / "alignments" / "demo" / "letter.journal"
    yaml_before = (project / "alignments" / "demo" / "letter.yaml").read_bytes()
    edit(path, {"L2": "Moscow, 12 May."}, fuzzy={"L4": False})
    assert import_po(project, path, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "demo/letter L2" in out and "Moscow, [-12/V.-] {+12 May.+}" in out
    assert "confirm (fuzzy cleared: auto → confirmed)" in out
    assert "dry run: 2 decision(s) would be recorded, 0 conflict(s); nothing written" in out
    assert (project / "alignments" / "demo" / "letter.yaml").read_bytes() == yaml_before
    assert not journal.exists() or journal.stat().st_size == 0


def test_entry_without_stamp_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = export_po(project, capsys)
    po = polib.pofile(str(path))
    entry = po.find("demo/letter/L2", by="msgctxt")
    entry.comment = "status: confirmed"
    entry.msgstr = "Moscow!"
    po.save(str(path))
    assert import_po(project, path) == 1
    assert "carries no valid 'workbench-stamp:' comment" in capsys.readouterr().out


def test_broken_po_file_is_one_line_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = export_po(project, capsys)
    path.write_text(path.read_text(encoding="utf-8").replace('msgstr "Moscow, 12/V."', 'msgstr "Moscow'),
                    encoding="utf-8")
    before = decisions(project)
    assert import_po(project, path) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbench: ") and "letter.po" in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert decisions(project) == before
    assert import_po(project, project / "nope.po") == 2
