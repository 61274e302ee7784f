"""decide, log and status from the command line, on a copy of the sample corpus."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Run, run_main

Cli = Callable[..., Run]


@pytest.fixture()
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """``workbench --root ROOT ARGS`` in-process, as the editor "Test Editor"."""
    monkeypatch.setenv("WORKBENCH_AUTHOR", "Test Editor")

    def run(root: Path, *args: str) -> Run:
        return run_main(root, list(args), capsys)
    return run


def test_decide_then_log_and_status(project: Path, cli: Cli) -> None:
    doc = "bolshevik-correspondence/094"
    ids = []
    for args in (["L1", "confirm"], ["L2", "flag", "--reason", "query"],
                 ["L3", "edit", "--text", "So strike at [Lvov]: now you have time.", "--reason", "mistranslation"],
                 ["L3", "comment", "--text", "“Lions” is Lvov (Львов)."]):
        proc = cli(project, "decide", doc, *args)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith("D-")
        ids.append(proc.stdout.strip())
    log = json.loads(cli(project, "log", doc, "--json").stdout)
    assert [d["id"] for d in log["decisions"]] == ids
    assert [d["action"] for d in log["decisions"]] == ["confirm", "flag", "edit", "comment"]
    assert all(d["author"] == "Test Editor" for d in log["decisions"])
    edit = log["decisions"][2]
    assert edit["after"].endswith("So strike at [Lvov]: now you have time.") and edit["reason"] == "mistranslation"
    only_l3 = json.loads(cli(project, "log", doc, "--link", "L3", "--json").stdout)["decisions"]
    assert [d["action"] for d in only_l3] == ["edit", "comment"]
    text = cli(project, "log", doc).stdout
    assert "confirm L1: auto → confirmed" in text
    status = {d["id"]: d for d in json.loads(cli(project, "status", "--json").stdout)["documents"]}
    assert (status["094"]["confirmed"], status["094"]["flagged"], status["094"]["edited"]) == (1, 1, 1)
    assert cli(project, "validate").returncode == 0


def test_decide_errors_are_one_line(project: Path, cli: Cli) -> None:
    proc = cli(project, "decide", "udhr/udhr", "L999", "confirm")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "L999" in proc.stderr
    proc = cli(project, "decide", "udhr/udhr", "L1", "edit")
    assert proc.returncode == 2 and "--text" in proc.stderr


def test_status_counts_collated_variants(cli: Cli) -> None:
    """A document with two Russian witnesses: its collation's unresolved variants are counted."""
    fixture = Path(__file__).resolve().parent / "data" / "variants"
    proc = cli(fixture, "status", "--json")
    [doc] = json.loads(proc.stdout)["documents"]
    variants = json.loads(cli(fixture, "variants", "fixture/telegram", "--json").stdout)["variants"]
    unresolved = [v for v in variants if v["status"] == "unresolved"]
    assert doc["variants_unresolved"] == len(unresolved) >= 2


def test_the_suggested_add_witness_command_works(project: Path, tmp_path: Path, cli: Cli) -> None:
    """The line every view prints for a pending source is a command that runs as written."""
    import shlex

    from workbench.core.documents import pending_source_message
    from workbench.storage.corpus import Corpus, DocRef

    meta = Corpus(project).read_meta(DocRef("bolshevik-correspondence", "093"))
    command = pending_source_message(meta).split(" — add one with ", 1)[1]
    russian = tmp_path / "ru.txt"
    russian.write_text("Троцкому.\n\nМы намерены издать и распространить приказ.\n\nСталин.\n", encoding="utf-8")
    args = shlex.split(command.replace("FILE", str(russian)))
    assert args[0] == "workbench"
    proc = cli(project, *args[1:])
    assert proc.returncode == 0, proc.stderr
    status = {d["id"]: d for d in json.loads(cli(project, "status", "--json").stdout)["documents"]}
    assert status["093"]["source_pending"] is False


def test_one_bad_document_does_not_hide_the_others(project: Path, cli: Cli) -> None:
    witness = project / "texts" / "bolshevik-correspondence" / "094" / "en-mt.txt"
    witness.write_bytes(witness.read_bytes().replace(b"\n", b"\r\n"))
    meta = project / "texts" / "udhr" / "udhr" / "document.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("title: Universal", "title: 'Universal"),
                    encoding="utf-8")
    proc = cli(project, "status", "--json")
    assert proc.returncode == 2
    docs = json.loads(proc.stdout)["documents"]
    assert len(docs) == 12 and "094" not in {d["id"] for d in docs}
    errors = proc.stderr.splitlines()
    assert len(errors) == 2 and any("en-mt.txt:1:" in e for e in errors) and any("document.yaml" in e for e in errors)
    validate = cli(project, "validate")
    assert validate.returncode == 2
    assert sum("094/en-mt.txt" in line for line in validate.stdout.splitlines()) == 1


def test_validate_finds_edits_that_refer_to_missing_notes(project: Path, cli: Cli) -> None:
    doc = "bolshevik-correspondence/092"
    assert cli(project, "decide", doc, "L14", "edit", "--text", "Stalin. [^9] {unclosed").returncode == 0
    refused = cli(project, "decide", doc, "L13", "edit", "--text", "broken ~~mark")
    assert refused.returncode == 2 and "not valid transcription markup" in refused.stderr
    proc = cli(project, "validate")
    assert proc.returncode == 1
    assert "refers to note 9, which the witness does not have" in proc.stdout
