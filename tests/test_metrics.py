"""Post-editing metrics: chrF++, TER (HTER), BLEU and the share edited, each with its signature; the
CLI and the TUI panel show the same figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_support import copy_fixture
from sacrebleu.metrics import TER
from textual.app import App, ComposeResult

from workbench.cli import main
from workbench.core.metrics import corpus_metrics, document_metrics, reading, segment_pairs
from workbench.core.models import Alignment, Segment, WitnessRef
from workbench.storage.corpus import Corpus
from workbench.ui.widgets.metrics_panel import MetricsPanel, metrics_text


def state_with(mt: list[str], edits: dict[int, str]) -> Alignment:
    segs = tuple(Segment(f"t{k + 1}", 0, len(t), t) for k, t in enumerate(mt))
    return Alignment("x/y", 1, None, WitnessRef("en-mt", "en", "0"), (), segs, (),
                     {f"t{k + 1}": t for k, t in edits.items()}, ())


def test_unedited_document_scores_perfectly() -> None:
    m = document_metrics("x/y", state_with(["The enemy is tired.", "Strike at Lvov."], {}))
    assert (m.segments, m.edited, m.edited_share) == (2, 0, 0.0)
    assert m.score("chrF++").value == pytest.approx(100.0)
    assert m.score("TER").value == pytest.approx(0.0)
    assert m.score("BLEU").value == pytest.approx(100.0)


def test_hter_is_total_edits_over_total_post_edit_words() -> None:
    mt = ["So, hit the Lions, now you have time.", "The enemy is tired.", "RTSHIDNI archive."]
    edits = {0: "So strike at Lvov: now you have time.", 2: "RTsKhIDNI archive."}
    m = document_metrics("x/y", state_with(mt, edits))
    assert m.edited == 2 and m.edited_share == pytest.approx(2 / 3)
    refs = [edits.get(k, t) for k, t in enumerate(mt)]
    expected = TER(case_sensitive=True).corpus_score(mt, [refs]).score
    assert m.score("TER").value == pytest.approx(expected)
    assert 0 < m.score("TER").value < 100
    assert m.score("chrF++").value < 100 and m.score("BLEU").value < 100


def test_scores_carry_their_sacrebleu_signatures() -> None:
    m = document_metrics("x/y", state_with(["a b c"], {0: "a b d"}))
    sigs = {s.name: s.signature for s in m.scores}
    assert sigs["chrF++"].startswith("chrF2++|nrefs:1|") and "nw:2" in sigs["chrF++"]
    assert sigs["TER"].startswith("TER|nrefs:1|case:mixed|tok:tercom")
    assert sigs["BLEU"].startswith("BLEU|nrefs:1|") and "version:" in sigs["BLEU"]


def test_texts_are_compared_as_read() -> None:
    assert reading("That's why I find your suggestion[^2] *redundant* .") == \
        "That's why I find your suggestion redundant ."
    pairs = segment_pairs(state_with(["Predrevsov[et] Trotsky,"], {0: "Predrevsov[et]  Trotsky,"}))
    assert not pairs[0].changed  # spacing only: not an edit


def test_corpus_scores_pool_segments_not_documents() -> None:
    a = state_with(["one two three four"], {0: "one two three five"})
    b = state_with(["alpha beta"] * 9, {})
    per_doc, pooled = corpus_metrics([("c/a", a), ("c/b", b)])
    assert [m.label for m in per_doc] == ["c/a", "c/b"]
    assert pooled.segments == 10 and pooled.edited == 1
    mean_ter = (per_doc[0].score("TER").value + per_doc[1].score("TER").value) / 2
    assert pooled.score("TER").value == pytest.approx(100 * 1 / (4 + 18))
    assert pooled.score("TER").value != pytest.approx(mean_ter)


def test_cli_prints_signed_scores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_fixture(tmp_path)
    assert main(["--root", str(root), "metrics", "--collection", "demo"]) == 0
    out = capsys.readouterr().out
    assert "demo/letter" in out and "demo/pending" in out and "corpus" in out
    assert "chrF2++|nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:" in out
    assert "TER|nrefs:1|case:mixed|tok:tercom|norm:no|punct:yes|asian:no|version:" in out
    assert "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:" in out
    assert main(["--root", str(root), "metrics", "demo/letter", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    letter = data["documents"][0]
    assert letter["label"] == "demo/letter" and letter["segments"] == 8 and letter["edited"] == 3
    assert {s["name"] for s in letter["scores"]} == {"chrF++", "TER", "BLEU"}
    assert all(s["signature"] for s in letter["scores"])
    assert main(["--root", str(root), "metrics"]) == 2  # nothing named


TORTURE = "[bold]x[/bold] [in] [/foo] Predrevsov[et]"


class PanelApp(App[None]):
    def compose(self) -> ComposeResult:
        yield MetricsPanel(id="metrics")


async def test_panel_shows_the_same_figures_literally(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    corpus = Corpus(root)
    state = corpus.open_state(corpus.parse_address("demo/letter"))
    expected = document_metrics(TORTURE, state)
    app = PanelApp()
    async with app.run_test(size=(120, 20)) as pilot:
        panel = app.query_one(MetricsPanel)
        worker = panel.show_document(TORTURE, state)
        await worker.wait()
        await pilot.pause()
        shown = str(panel.render())
        assert f"Post-editing metrics — {TORTURE}" in shown
        assert f"{expected.score('TER').value:7.2f}" in shown and f"{expected.score('chrF++').value:7.2f}" in shown
        assert expected.score("BLEU").signature in shown
        assert "edited 3 (37.5 %)" in shown
    assert metrics_text(expected).plain == metrics_text(expected).plain  # pure: same metrics, same text
