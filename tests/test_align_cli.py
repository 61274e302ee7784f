"""``workbench align-text`` and ``workbench eval-align`` end to end (fixture files only)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run_main

from workbench.cli import main

DATA = Path(__file__).resolve().parent / "data" / "align"


def _write_paragraphs(tmp_path: Path, name: str, out: str) -> Path:
    lines = (DATA / name).read_text(encoding="utf-8").split("\n")[2:]
    path = tmp_path / out
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_align_text_prints_gold_format_beads_and_reports_backends(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    src = _write_paragraphs(tmp_path, "khameleon_ru.txt", "ru.txt")
    tgt = _write_paragraphs(tmp_path, "khameleon_en.txt", "en.txt")
    assert main(["align-text", str(src), str(tgt), "--src-lang", "ru", "--tgt-lang", "en", "--backend", "plain"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"[{i}]:[{i}]" for i in range(30)]
    assert "backend length+numbers+names+cognates+punct" in err and "signature: aligner:" in err


def test_align_text_then_eval_align_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write_paragraphs(tmp_path, "malchik_u_khrista_na_yolke_ru.txt", "ru.txt")
    en = [x for x in (DATA / "malchik_u_khrista_na_yolke_en.txt").read_text(encoding="utf-8").split("\n")[2:]
          if x != "<delimiter>"]
    tgt = tmp_path / "en.txt"
    tgt.write_text("\n".join(en) + "\n", encoding="utf-8")
    main(["align-text", str(src), str(tgt), "--src-lang", "ru", "--tgt-lang", "en", "--backend", "plain"])
    pred = tmp_path / "pred.txt"
    pred.write_text(capsys.readouterr().out, encoding="utf-8")
    gold = tmp_path / "gold.txt"
    gold.write_text("[0]:[0]\n" + "".join(f"[{i}]:[]\n" for i in range(1, 12))
                    + "".join(f"[{i}]:[{i - 11}]\n" for i in range(12, 41)), encoding="utf-8")
    assert main(["eval-align", str(gold), str(pred), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert set(scores) == {"strict", "lax"} and set(scores["strict"]) == {"p", "r", "f1"}
    assert scores["lax"]["f1"] >= 0.9
    assert scores["strict"]["f1"] >= 0.8


def test_eval_align_text_output_and_pooling(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "g1").write_text("[0]:[0]\n[1]:[1]\n", encoding="utf-8")
    (tmp_path / "p1").write_text("[0]:[0]\n[1]:[1]\n", encoding="utf-8")
    (tmp_path / "g2").write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n", encoding="utf-8")
    (tmp_path / "p2").write_text("[0, 1]:[0, 1]\n[2]:[2]\n", encoding="utf-8")
    files = [str(tmp_path / n) for n in ("g1", "p1", "g2", "p2")]
    assert main(["eval-align", *files]) == 0
    out = capsys.readouterr().out
    # strict precision (2 + 1) / (2 + 2) = 0.75, recall (2 + 1) / (2 + 3) = 0.6
    assert "documents: 2" in out and "strict  P 0.7500  R 0.6000" in out
    assert main(["eval-align", *files, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["strict"] == {"p": 0.75, "r": 0.6, "f1": 0.6667}


@pytest.mark.parametrize(("args", "message"), [
    (["eval-align", "only-one.txt"], "GOLD PRED pairs"),
    (["eval-align", "missing-gold.txt", "missing-pred.txt"], "no such file"),
    (["align-text", "missing.txt", "missing.txt", "--src-lang", "ru", "--tgt-lang", "en"], "no such file"),
])
def test_bad_input_exits_two_with_one_message(args: list[str], message: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    proc = run_main(None, args, capsys, cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_malformed_bead_file_names_file_and_line(tmp_path: Path) -> None:
    """As a real process: the file names a user typed are what the message must show."""
    (tmp_path / "gold.txt").write_text("[0]:[0]\n", encoding="utf-8")
    (tmp_path / "pred.txt").write_text("[0]:[0]\n0-1\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "workbench", "eval-align", "gold.txt", "pred.txt"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2 and "pred.txt:2" in proc.stderr and "Traceback" not in proc.stderr


def test_missing_dictionary_for_the_pair_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Ein Satz.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Une phrase.\n", encoding="utf-8")
    proc = run_main(None, ["align-text", "a.txt", "b.txt", "--src-lang", "de", "--tgt-lang", "fr", "--backend",
                           "dictionary"], capsys, cwd=tmp_path)
    assert proc.returncode == 2 and "dictionary" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("command", ["align-text", "eval-align"])
def test_help_teaches_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "example:" in out and f"workbench {command}" in out


@pytest.mark.parametrize(("src", "tgt", "where", "message"), [
    ("Первое.\n\nВторое.\n", "First.\nSecond.\n", "src.txt:2:", "blank line"),
    ("Первое.\nВторое.\n", "First.\n   \nSecond.\n", "tgt.txt:2:", "blank line"),
    ("Первое.\r\n\r\n", "First.\n", "src.txt:2:", "blank line"),
    ("", "First.\n", "src.txt:", "the file is empty"),
    ("Первое.\n", "", "tgt.txt:", "the file is empty"),
])
def test_blank_lines_and_empty_files_are_refused(tmp_path: Path, src: str, tgt: str, where: str,
                                                  message: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A blank line would be aligned as a sentence (and skipping it would shift every bead after it):
    refused with file and line, exit 2, one line, nothing printed on stdout."""
    (tmp_path / "src.txt").write_bytes(src.encode("utf-8"))
    (tmp_path / "tgt.txt").write_bytes(tgt.encode("utf-8"))
    proc = run_main(None, ["align-text", "src.txt", "tgt.txt", "--src-lang", "ru", "--tgt-lang", "en", "--backend",
                           "plain"], capsys, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert where in proc.stderr and message in proc.stderr
