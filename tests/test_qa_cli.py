"""``workbench qa``, ``workbench queue`` and ``workbench decide … qa-waive`` on a copy of the sample corpus."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Run, run_main

Cli = Callable[..., Run]
SEED = "bolshevik-correspondence"
PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("WORKBENCH_AUTHOR", "Test Editor")

    def run(root: Path, *args: str) -> Run:
        return run_main(root, list(args), capsys)
    return run


def qa_json(cli: Cli, root: Path, *args: str) -> tuple[int, dict[str, object]]:
    proc = cli(root, "qa", *args, "--json")
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def test_qa_collection_reports_every_seed_defect(cli: Cli) -> None:
    code, out = qa_json(cli, PROJECT, "--collection", SEED)
    assert code == 1
    findings = out["findings"]
    assert isinstance(findings, list)
    assert set(findings[0]) == {"document", "link", "field", "check", "severity", "message", "span", "suggestion",
                                "waived"}
    got = {(f["check"], f["suggestion"]) for f in findings}
    assert ("glossary", "Lvov") in got                       # Lions, through the shipped glossary
    assert ("glossary", "Kharkov") in got                    # Kharkiv beside Kharkov
    assert ("archival-reference", "Op.") in got              # On.
    assert ("archival-reference", "RTsKhIDNI") in got        # RTSHIDNI, RTSKHIDNI
    assert ("glued-word", "Georgia already") in got          # Georgiaalready
    assert ("spacing", ".") in got                           # "us ."
    assert ("spacing", "-") in got                           # Commander- in-Chief
    assert ("mixed-script", "30/VIII") in got                # the Cyrillic І of No. 100
    repos = {f["message"].split(":")[0] for f in findings if f["suggestion"] == "RTsKhIDNI"}
    assert repos == {"RTSHIDNI", "RTSKHIDNI"}
    counts = out["counts"]
    assert counts == {s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")}


def test_qa_text_output_and_exit_codes(cli: Cli) -> None:
    proc = cli(PROJECT, "qa", f"{SEED}/094", "--check", "glossary")
    assert proc.returncode == 1
    assert f"{SEED}/094 L7 glossary error: “Lions” is a forbidden rendering" in proc.stdout
    assert proc.stdout.rstrip().endswith("1 document(s): 1 error(s), 0 warning(s), 0 info(s)")
    assert cli(PROJECT, "qa", f"{SEED}/092", "--check", "glossary").returncode == 0
    bad = cli(PROJECT, "qa", "--check", "number,nonsense")
    assert bad.returncode == 2 and "nonsense" in bad.stderr and bad.stdout == ""
    assert cli(PROJECT, "qa", "no-such/doc").returncode == 2


def test_a_fix_silences_the_finding(project: Path, cli: Cli) -> None:
    """The negative case through the whole path: once the English is right, the finding is gone."""
    doc = f"{SEED}/094"
    _, before = qa_json(cli, project, doc, "--check", "glossary")
    [lions] = before["findings"]  # type: ignore[misc]
    assert lions["link"] == "L7"
    log = json.loads(cli(project, "log", doc, "--json").stdout)
    assert log["decisions"] == []
    state_english = _english(project, doc, "L7")
    assert "Lions" in state_english
    fixed = state_english.replace("the Lions", "Lvov")
    assert cli(project, "decide", doc, "L7", "edit", "--text", fixed).returncode == 0
    code, after = qa_json(cli, project, doc, "--check", "glossary")
    assert (code, after["findings"]) == (0, [])


def _english(root: Path, doc: str, link: str) -> str:
    from workbench.storage.corpus import Corpus
    corpus = Corpus(root)
    state = corpus.open_state(corpus.parse_address(doc))
    return state.english(state.link(link))


def test_waiver_holds_until_the_english_changes(project: Path, cli: Cli) -> None:
    doc = f"{SEED}/096"
    proc = cli(project, "decide", doc, "L6", "qa-waive", "--check", "glued-word", "--reason", "the witness has it so")
    assert proc.returncode == 0, proc.stderr
    code, out = qa_json(cli, project, doc, "--check", "glued-word")
    assert (code, out["findings"]) == (0, [])
    _, shown = qa_json(cli, project, doc, "--check", "glued-word", "--include-waived")
    [waived] = shown["findings"]  # type: ignore[misc]
    assert (waived["link"], waived["waived"]) == ("L6", True)
    assert shown["counts"] == {"error": 0, "warning": 0, "info": 0}
    log = cli(project, "log", doc).stdout
    assert "qa-waive L6 (the witness has it so) [check=glued-word]" in log
    # nothing left to waive: refused
    again = cli(project, "decide", doc, "L6", "qa-waive", "--check", "glued-word", "--reason", "again")
    assert again.returncode == 2 and "nothing to waive" in again.stderr
    # the English changes elsewhere in the link: the waiver no longer holds and the finding is back
    english = _english(project, doc, "L6").replace("fierce fighting", "hard fighting")
    assert cli(project, "decide", doc, "L6", "edit", "--text", english).returncode == 0
    code, out = qa_json(cli, project, doc, "--check", "glued-word")
    assert code == 1 and [f["link"] for f in out["findings"]] == ["L6"]  # type: ignore[attr-defined]


def test_waive_refuses_bad_input(project: Path, cli: Cli) -> None:
    doc = f"{SEED}/096"
    for args, words in ((["L6", "qa-waive", "--reason", "x"], "--check"),
                        (["L6", "qa-waive", "--check", "glued-word"], "--reason"),
                        (["L6", "qa-waive", "--check", "bogus", "--reason", "x"], "unknown check"),
                        (["L1", "qa-waive", "--check", "glued-word", "--reason", "x"], "nothing to waive"),
                        (["nowhere", "qa-waive", "--check", "spacing", "--reason", "x"], "metadata fields")):
        proc = cli(project, "decide", doc, *args)
        assert proc.returncode == 2 and words in proc.stderr, (args, proc.stderr)
    # a metadata field can be waived: its findings are then set aside
    proc = cli(project, "decide", doc, "archival_reference", "qa-waive", "--check", "archival-reference",
               "--reason", "as printed in the volume")
    assert proc.returncode == 0, proc.stderr
    _, out = qa_json(cli, project, doc, "--check", "archival-reference")
    assert all(f["field"] != "archival_reference" for f in out["findings"])  # type: ignore[attr-defined]


def test_a_bad_glossary_is_a_located_error(project: Path, cli: Cli) -> None:
    path = project / "texts" / SEED / "glossary.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  target: [Lvov]\n", "  target: [Lvov]\n  colour: 1\n"),
                    encoding="utf-8")
    proc = cli(project, "qa", "--collection", SEED)
    assert proc.returncode == 2
    assert f"texts/{SEED}/glossary.yaml:" in proc.stderr and "colour" in proc.stderr and proc.stdout == ""
    assert proc.stderr.count("\n") == 1
    validate = cli(project, "validate")
    assert validate.returncode == 2 and "glossary.yaml" in validate.stdout


def test_validate_accepts_the_shipped_glossary(cli: Cli) -> None:
    proc = cli(PROJECT, "validate", f"texts/{SEED}/glossary.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_queue_orders_by_risk(cli: Cli) -> None:
    proc = cli(PROJECT, "queue", f"{SEED}/094", "--json")
    assert proc.returncode == 0
    queue = json.loads(proc.stdout)["queue"]
    risks = [item["risk"] for item in queue]
    assert risks == sorted(risks, reverse=True)
    by_link = {item["link"]: item for item in queue}
    assert by_link["L7"]["findings"] == 1 and "glossary" in by_link["L7"]["reasons"][0]
    plain = [item for item in queue if item["findings"] == 0]
    assert plain and by_link["L7"]["risk"] > max(item["risk"] for item in plain)
    limited = cli(PROJECT, "queue", f"{SEED}/094", "--limit", "2")
    assert limited.returncode == 0 and len(limited.stdout.splitlines()) == 2
    assert limited.stdout.split()[1] == queue[0]["link"]
    assert cli(PROJECT, "queue", f"{SEED}/094", "--limit", "0").returncode == 2


def test_queue_drops_a_confirmed_clean_link_and_raises_an_unconfirmed_edit(project: Path, cli: Cli) -> None:
    doc = f"{SEED}/094"
    assert cli(project, "decide", doc, "L1", "confirm").returncode == 0
    english = _english(project, doc, "L2")
    assert cli(project, "decide", doc, "L2", "edit", "--text", english + " Now.").returncode == 0
    queue = {i["link"]: i for i in json.loads(cli(project, "queue", doc, "--json").stdout)["queue"]}
    assert "L1" not in queue
    assert "edited, not confirmed" in queue["L2"]["reasons"]


def test_export_lists_open_qa_errors_and_strict_refuses(project: Path, cli: Cli) -> None:
    doc = f"{SEED}/094"
    out, report = project / "out", project / "loss.json"
    # --draft: the publication gate would refuse the unreviewed document (test_publication_gate.py)
    proc = cli(project, "export", "--draft", "--format", "md", doc, "--out", str(out), "--loss-report", str(report))
    assert proc.returncode == 0
    assert f"warning: {doc}: 5 open QA error(s) (archival-reference, glossary)" in proc.stderr
    assert f"  {doc} L7 glossary error: “Lions” is a forbidden rendering" in proc.stdout
    loss = json.loads(report.read_text(encoding="utf-8"))
    assert {(f["link"], f["check"]) for f in loss["qa_errors"]} >= {("L7", "glossary"), (None, "archival-reference")}
    assert all(f["severity"] == "error" and not f["waived"] for f in loss["qa_errors"])
    (out / SEED / "094.md").unlink()
    strict = cli(project, "export", "--draft", "--format", "md", doc, "--out", str(out), "--strict")
    assert strict.returncode == 1 and "--strict: 5 open QA error(s) in 1 document(s); nothing exported" in strict.stderr
    assert not (out / SEED / "094.md").exists()
    # waived or corrected, the errors no longer stop the export
    for link, check in (("L7", "glossary"), ("L10", "archival-reference"), ("archival_reference",
                                                                              "archival-reference")):
        proc = cli(project, "decide", doc, link, "qa-waive", "--check", check, "--reason", "kept as printed")
        assert proc.returncode == 0, proc.stderr
    strict = cli(project, "export", "--draft", "--format", "md", doc, "--out", str(out), "--strict")
    assert strict.returncode == 0, strict.stderr
    assert (out / SEED / "094.md").is_file() and "QA error" not in strict.stderr


def test_open_qa_errors_is_the_gate_other_features_call(project: Path) -> None:
    from workbench.storage.corpus import Corpus, DocRef
    from workbench.storage.qa_runs import open_qa_errors
    corpus = Corpus(project)
    assert open_qa_errors(corpus, DocRef("udhr", "udhr")) == []
    errors = open_qa_errors(corpus, DocRef(SEED, "094"))
    assert {f.check for f in errors} == {"glossary", "archival-reference"}
