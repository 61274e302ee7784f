"""The struck-text policy (omit | strike | bracket | note), its per-variant override, the apparatus
notes that stand in for a policy note, and the loss report when the apparatus module is absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_support import copy_fixture

from workbench.core.export.build import ExportDocument, build_edition
from workbench.core.export.formats import prepare
from workbench.core.export.markdown import render_markdown
from workbench.core.export.policy import apply_policy
from workbench.core.models import Decision
from workbench.storage.corpus import Corpus
from workbench.storage.exporters import load_document

NOW = "2025-03-01T12:00:00.000Z"


@pytest.fixture()
def letter(tmp_path: Path) -> ExportDocument:
    corpus = Corpus(copy_fixture(tmp_path))
    return load_document(corpus, corpus.parse_address("demo/letter"))


def body_line(doc: ExportDocument, policy: str) -> str:
    text = prepare("md", doc, policy, NOW).text or ""
    return next(line for line in text.splitlines() if line.startswith("First"))


def test_default_policy_applies_to_struck_text_no_variant_decided(letter: ExportDocument) -> None:
    # "~~exactly~~" was added by an edit; the source passage has its own decision (bracket)
    assert body_line(letter, "omit").endswith("Third: the sign ⟦ ⟧ stays as it is.")
    assert body_line(letter, "strike").endswith("Third: the sign ⟦ ⟧ stays ~~exactly~~ as it is.")
    assert body_line(letter, "bracket").endswith("Third: the sign ⟦ ⟧ stays ⟦exactly⟧ as it is.")
    note = prepare("md", letter, "note", NOW).text or ""
    # the editor's notes are lettered (b: after the apparatus note a), the witness's note keeps its 1
    assert "stays[^b] as it is." in note and "[^b]: Crossed out in the witness: “exactly”." in note


def test_variant_policy_decision_overrides_the_default(letter: ExportDocument) -> None:
    for default in ("omit", "strike", "note"):
        assert "⟦We will begin the offensive tomorrow.⟧" in body_line(letter, default)


def _with_policy(doc: ExportDocument, variant: str, policy: str) -> ExportDocument:
    decision = Decision(id="D-test", time="2025-03-02T00:00:00.000Z", author="T", action="variant-policy",
                        target=variant, before="bracket", after=policy)
    state = doc.state.with_changes(decisions=doc.state.decisions + (decision,))
    return ExportDocument(doc.meta, state, doc.witnesses)


def test_struck_source_passage_published_per_policy(letter: ExportDocument) -> None:
    variant = next(d.target for d in letter.state.decisions if d.action == "variant-policy")
    omitted = body_line(_with_policy(letter, variant, "omit"), "note")
    assert "offensive" not in omitted and omitted.startswith("First: the position is “good” («хорошее»)[^1]. Second")
    struck = prepare("md", _with_policy(letter, variant, "strike"), "note", NOW).text or ""
    assert "~~We will begin the offensive tomorrow.~~[^a]" in struck
    assert "The passage struck through here is crossed out in the autograph." in struck
    noted = prepare("md", _with_policy(letter, variant, "note"), "note", NOW).text or ""
    assert "offensive tomorrow." not in noted.split("\n\n[^")[0]  # left out of the running text …
    assert "In the autograph the following passage is crossed out: ‘We will begin the offensive tomorrow.’" in noted
    assert noted.lower().count("crossed out") == 2  # … one apparatus note for it, none made twice (+ “exactly”)


def test_policies_leave_tei_alone(letter: ExportDocument) -> None:
    texts = {policy: prepare("tei", letter, policy, NOW).text or "" for policy in ("omit", "note")}
    for text in texts.values():
        assert '<del rend="strikethrough">exactly</del>' in text
    assert texts["omit"].replace("was omit", "was note") == texts["note"]  # only editorialDecl differs


def test_policy_rewrites_only_struck_runs(letter: ExportDocument) -> None:
    ed = build_edition(letter)
    before = render_markdown(apply_policy(ed, letter.state, "strike"))
    assert "*urgently*" in before and "B\\[oris\\]" in before and "\\[...\\]" in before
