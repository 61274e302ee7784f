"""workbench reanchor: a corrected witness is mapped onto the alignment — unchanged segments keep their
ids, every decision on the other links is kept, only the changed stretch is re-aligned, and each
decision that no longer applies is reported (never dropped silently). The TUI offers it (ctrl+r)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_helpers import run_main
from manuscript_support import ADDRESS, PROJECT
from ui_helpers import SIZE, app_for, wait_for
from variants_support import one_to_one

from workbench.core.models import Side, Status
from workbench.storage.corpus import Corpus
from workbench.storage.reanchoring import changed_witnesses, reanchor_document

AUTOGRAPH = Path("texts") / "manuscripts" / "telegram" / "ru-autograph.txt"
ENGLISH = Path("texts") / "manuscripts" / "telegram" / "en-fixture.txt"


@pytest.fixture()
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The fixture (every link confirmed) with one English edit and one link rejected."""
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    assert run_main(root, ["decide", ADDRESS, "L6", "edit", "--text", "Today nine trainloads of grain went to Moscow.",
                           "--author", "ed"], capsys).returncode == 0
    assert run_main(root, ["decide", ADDRESS, "L9", "reject", "--author", "ed"], capsys).returncode == 0
    return root


def _state(root: Path):  # type: ignore[no-untyped-def]
    corpus = Corpus(root)
    return corpus.open_state(corpus.parse_address(ADDRESS))


def _correct(root: Path, path: Path, old: str, new: str) -> None:
    text = (root / path).read_text(encoding="utf-8")
    assert text.count(old) == 1
    (root / path).write_text(text.replace(old, new), encoding="utf-8")


def test_after_a_one_word_correction_every_decision_on_the_other_links_is_kept(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _state(project)
    _correct(project, AUTOGRAPH, "маршрутов с хлебом", "эшелонов с хлебом")  # in s6, held by L6
    refused = run_main(project, ["align", ADDRESS], capsys)  # align refuses, and says what to do
    assert refused.returncode == 1 and f"'workbench reanchor {ADDRESS}'" in refused.stdout + refused.stderr
    result = run_main(project, ["reanchor", ADDRESS, "--backend", "plain", "--author", "ed"], capsys)
    assert result.returncode == 0, result.stderr
    assert "source witness ru-autograph re-anchored: 13 segment(s) kept, 1 new (s15), 1 gone (s6)" in result.stdout
    assert "re-aligned L6 → L6" in result.stdout
    assert "L6 was confirmed (confirm by fixture); its source segment(s) s6 changed" in result.stdout
    after = _state(project)
    others = [lk for lk in before.links if lk.id != "L6"]
    assert [lk for lk in after.links if lk.id != "L6"] == others  # ids, segments, statuses: all as they were
    assert after.link("L6").source == ("s15",) and after.link("L6").status is Status.AUTO
    assert after.edits == before.edits  # the English did not change: its edit stays
    assert after.decisions[:len(before.decisions)] == before.decisions  # the log is kept whole
    assert after.decisions[-1].action == "reanchor" and after.decisions[-1].target == "ru-autograph"
    assert [s.id for s in after.source_segments] == [s.id if s.id != "s6" else "s15" for s in before.source_segments]
    assert run_main(project, ["validate"], capsys).returncode == 0
    assert run_main(project, ["align", ADDRESS, "--backend", "plain"], capsys).returncode == 0  # aligned again
    assert run_main(project, ["reanchor", ADDRESS], capsys).stdout.strip().endswith("nothing to re-anchor")


def test_no_judged_link_is_dropped_silently(project: Path) -> None:
    before = _state(project)
    _correct(project, AUTOGRAPH, "Обещаного", "Обещанного")  # L9 (rejected) and its sentence
    _correct(project, AUTOGRAPH, "Будьте уверены, не дрогнем.", "Будьте уверены. Не дрогнем.")  # one sentence → two
    corpus = Corpus(project)
    ref = corpus.parse_address(ADDRESS)
    assert changed_witnesses(corpus, ref) == ["ru-autograph"]
    done = reanchor_document(corpus, ref, "ed", align_fn=one_to_one)
    (item,) = done
    assert item.side is Side.SOURCE
    after = _state(project)
    kept = {lk.id: lk for lk in after.links}
    lapsed_links = {lapsed.link for lapsed in item.result.lapsed}
    for link in before.links:
        if link.status is Status.AUTO:
            continue
        assert (link.id in kept and kept[link.id] == link) or link.id in lapsed_links, link.id
    assert {"L9", "L11"} <= lapsed_links
    every = [i for lk in after.links for i in lk.source]
    assert sorted(every) == sorted(s.id for s in after.source_segments)  # each segment once


def test_a_corrected_english_sentence_reports_its_edit(project: Path) -> None:
    _correct(project, ENGLISH, "Today} eight trainloads", "Today} nine trainloads")  # t6, edited in L6
    corpus = Corpus(project)
    done = reanchor_document(corpus, corpus.parse_address(ADDRESS), "ed", align_fn=one_to_one)
    (item,) = done
    assert item.side is Side.TARGET
    whats = [lapsed.what for lapsed in item.result.lapsed]
    assert any("the edit of English segment t6" in w for w in whats), whats
    assert any(w.startswith("L6 was confirmed") for w in whats), whats
    assert "t6" not in _state(project).edits


async def test_the_tui_offers_it_when_a_witness_changed(project: Path) -> None:
    _correct(project, AUTOGRAPH, "маршрутов с хлебом", "эшелонов с хлебом")
    app = app_for(project, ADDRESS)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(lambda: app.review is not None, pilot)
        toasts = "\n".join(n.message for n in app._notifications)
        assert "witness ru-autograph changed since it was aligned" in toasts and "ctrl+r" in toasts
        first = app.review
        first.view._align_fn = one_to_one  # the aligner stand-in (the real one loads resources)
        await pilot.press("ctrl+r")
        await wait_for(lambda: app.review is not None and app.review is not first, pilot)
        toasts = "\n".join(n.message for n in app._notifications)
        assert "ru-autograph re-anchored: 12 link(s) kept" in toasts
        assert "L6 was confirmed" in toasts
        assert not app.review.view.changed_witnesses
    assert _state(project).link("L6").source == ("s15",)
