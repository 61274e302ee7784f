"""The variants, collate and decide-variant commands, on the fixture and on the sample corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from variants_support import ADDRESS, copy_fixture

from workbench.cli import main

STRUCK_ID = "ru-autograph.p1.66"


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_variants_json_of_no92_shows_v1_unresolved_with_no_words(project: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(project, capsys, "variants", "bolshevik-correspondence/092", "--json")
    assert code == 0
    data = json.loads(out)
    (v1,) = data["variants"]
    assert {k: v1[k] for k in ("id", "kind", "status", "witnesses", "readings", "policy")} == {
        "id": "V1", "kind": "struck-passage", "status": "unresolved", "witnesses": ["en-mt"], "readings": {},
        "policy": "note"}
    assert v1["apparatus"] is None
    assert [(i["kind"], i["note"]) for i in data["issues"]] == [("note-marker-missing", "1")]


@pytest.mark.parametrize(("doc", "issues"), [
    ("094", [("note-marker-missing", "1")]),
    ("097", [("note-number-missing", "1"), ("note-marker-missing", "2")]),
])
def test_witness_issues_of_the_seed_are_listed(project: Path, capsys: pytest.CaptureFixture[str], doc: str,
                                              issues: list[tuple[str, str]]) -> None:
    code, out, _ = run(project, capsys, "variants", f"bolshevik-correspondence/{doc}", "--json")
    assert code == 0
    assert [(i["kind"], i["note"]) for i in json.loads(out)["issues"]] == issues


def test_variants_text_lists_readings_and_the_apparatus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_fixture(tmp_path)
    code, out, _ = run(root, capsys, "variants", ADDRESS)
    assert code == 0
    assert out.splitlines()[0] == f"{ADDRESS}: 4 variant(s), 4 unresolved; 0 witness issue(s)"
    assert f"{STRUCK_ID}  struck-passage  unresolved  policy note (default)" in out
    assert "    ru-autograph@before  Врангель, видимо, знает о переброске и торопится ударить первым." in out
    assert "    apparatus (current, at t2): In the autograph the following passage is crossed out:" in out


def test_collate_prints_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_fixture(tmp_path)
    code, out, _ = run(root, capsys, "collate", ADDRESS, "--witnesses", "ru-autograph,ru-1996")
    assert code == 0
    assert "base ru-autograph@before" in out
    assert f"  {STRUCK_ID}  struck-passage" in out
    assert "      ru-autograph@after = ru-1996: —" in out
    assert out.strip().endswith("4 variant location(s)")
    code, out, _ = run(root, capsys, "collate", ADDRESS, "--witnesses", "ru-autograph@after,ru-1996", "--json",
                       "--normalise", "none")
    data = json.loads(out)
    assert data["witnesses"] == ["ru-autograph@after", "ru-1996"] and data["normalisation"] == []
    assert {"ru-autograph@after": "пятого", "ru-1996": "5"} in [loc["readings"] for loc in data["locations"]]


@pytest.mark.parametrize(("args", "message"), [
    (["collate", ADDRESS, "--witnesses", "ru-autograph,en-mt"], "different languages"),
    (["collate", ADDRESS, "--witnesses", "ru-typescript"], "no witness 'ru-typescript'"),
    (["collate", ADDRESS, "--witnesses", "ru-autograph@draft"], "a layer is"),
    (["collate", ADDRESS, "--witnesses", "ru-1996", "--normalise", "spelling"], "unknown normalisation rule"),
    (["decide-variant", ADDRESS, "ru-x.p0.1", "resolve"], "no variant 'ru-x.p0.1'"),
    (["decide-variant", ADDRESS, STRUCK_ID, "policy", "hide"], "policy is one of"),
    (["decide-variant", ADDRESS, STRUCK_ID, "adopt", "ru-typescript"], "adopt one of"),
    (["decide-variant", ADDRESS, STRUCK_ID, "mark", "нет таких слов", "--witness", "ru-1996"], "not in ru-1996"),
    (["variants", "fixture/nothing"], "unknown document"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                          message: str) -> None:
    root = copy_fixture(tmp_path)
    code, out, err = run(root, capsys, *args)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_decide_variant_records_and_shows_the_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_fixture(tmp_path)
    code, out, _ = run(root, capsys, "decide-variant", ADDRESS, STRUCK_ID, "policy", "bracket", "--reason",
                       "authorial-deletion", "--evidence", "1996 ed., p. 148", "--certainty", "0.9",
                       "--author", "ed")
    assert code == 0
    decision_id, note = out.splitlines()
    assert decision_id.startswith("D-")
    assert note == "apparatus (current, at t3): The passage in ⟦ ⟧ is crossed out in the autograph."
    code, out, _ = run(root, capsys, "variants", ADDRESS, "--json")
    (variant,) = [v for v in json.loads(out)["variants"] if v["id"] == STRUCK_ID]
    assert (variant["status"], variant["policy"], variant["decisions"]) == ("resolved", "bracket", [decision_id])
    code, out, _ = run(root, capsys, "log", ADDRESS)
    assert "variant-policy ru-autograph.p1.66: note → bracket (authorial-deletion)" in out
    assert "[evidence=1996 ed., p. 148]" in out


def test_marking_v1_of_no92_resolves_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    words = "The last one is redundant in my opinion ."
    code, out, _ = run(project, capsys, "decide-variant", "bolshevik-correspondence/092", "V1", "mark", words,
                       "--witness", "en-mt", "--evidence", "1996 ed., p. 148", "--author", "ed")
    assert code == 0
    # marked in the English from the printed book: "the original", and the evidence, not the archive's
    # "Autograph."
    assert out.splitlines()[1] == "apparatus (current, at t8): In the original the following passage is " \
                                  "crossed out (evidence: 1996 ed., p. 148): ‘The last one is redundant in my opinion.’"
    code, out, _ = run(project, capsys, "variants", "bolshevik-correspondence/092", "--json")
    (v1,) = json.loads(out)["variants"]
    assert (v1["status"], v1["readings"]) == ("resolved", {"en-mt": words})
    (issue,) = json.loads(out)["issues"]
    assert (issue["kind"], issue["variants"]) == ("note-marker-missing", {"V1": "resolved"})
    # the note still has no marker (true), and the listing says its variant is settled
    code, out, _ = run(project, capsys, "variants", "bolshevik-correspondence/092")
    assert "  en-mt note 1: note-marker-missing: note 1 has no marker in the body of this witness " \
           "(variant V1 of this note is resolved)" in out.splitlines()
