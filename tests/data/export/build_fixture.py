"""Rebuild the export fixture project (texts/ and alignments/ under tests/data/export/project).

Run from the repository root: ``.venv/bin/python tests/data/export/build_fixture.py``. The links are
given here bead by bead (not by the aligner), and decisions get fixed ids and times, so the files
only change when this script does. The golden files in tests/data/golden/ are then regenerated
with ``WORKBENCH_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export_golden.py``.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

from workbench.core import decide
from workbench.core.archival import parse_reference
from workbench.core.building import build_alignment
from workbench.core.decisions import Clock, apply
from workbench.core.documents import DocumentMeta, VariantInfo, WitnessInfo, WitnessNoteInfo
from workbench.core.models import Alignment, WitnessRef
from workbench.core.variants.layers import struck_passages
from workbench.storage.alignment_codec import encode
from workbench.storage.corpus import sha256_text
from workbench.storage.document_store import write_document

ROOT = Path(__file__).resolve().parent / "project"

LETTER_RU = """\
Товарищу Б[орису].

Москва, 12/V.

Первое: положение «хорошее»[^1]. ~~Наступление начнём завтра.~~ Второе: *срочно* пришлите [...] сводку. Третье: знак ⟦ ⟧ остаётся как есть.

А.

[^1]: Подчёркнуто *дважды*.
"""

LETTER_EN = """\
To Comrade B[oris].

Moscow, 12/V.

First: the situation is “good” («хорошее»)[^1]. We will begin the offensive tomorrow. Second: send the [...] report *urgently*. Third: the sign ⟦ ⟧ stays as it is.

A.

[^1]: Underlined *twice*.
"""

PENDING_EN = """\
Moscow Kremlin, to Lenin.

Kharkov 26 July.

The enemy is tired. We must strike at once. The rest can wait[^2].

Stalin.

[^1]: Text in italics was crossed out by Stalin's hand.

[^2]: See the decision of 2 August 1920.
"""


def clock() -> Clock:
    counter = itertools.count(1)
    times = itertools.count(0)
    return Clock(new_id=lambda: f"D-fixture{next(counter):03d}",
                 now=lambda: f"2025-03-01T10:{next(times):02d}:00.000Z")


def one_to_one(src, tgt, src_par, tgt_par):  # type: ignore[no-untyped-def]
    assert len(src) == len(tgt), (src, tgt)
    return [((i,), (i,), 0.9, 0.9) for i in range(len(src))], {"aligner": "fixture 1-1"}


def write(collection: str, doc: str, meta: DocumentMeta, witnesses: dict[str, str], state: Alignment) -> None:
    folder = ROOT / "texts" / collection / doc
    folder.mkdir(parents=True, exist_ok=True)
    write_document(folder / "document.yaml", meta)
    for siglum, text in witnesses.items():
        (folder / f"{siglum}.txt").write_text(text, encoding="utf-8")
    path = ROOT / "alignments" / collection / f"{doc}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(encode(state.with_changes(revision=3)), encoding="utf-8")


def letter() -> None:
    meta = DocumentMeta(
        collection="demo", id="letter", number="7", title="Letter from A. to B. on the “good” situation",
        date="12 May [1920]", place_date="Moscow, 12/V.", addressee="To Comrade B[oris].", signature="A.",
        archival_reference=parse_reference("RGASPI. F. 558. Op. 1. D. 42. L. 3-4. Autograph."),
        source_edition="A test volume, 2025.", source="ru-autograph", target="en-mt",
        witnesses=(WitnessInfo("ru-autograph", "ru", "source", "Autograph, pencil (Russian)"),
                   WitnessInfo("en-mt", "en", "target", "English draft translation")),
        notes=(WitnessNoteInfo("1"),))
    src = WitnessRef("ru-autograph", "ru", sha256_text(LETTER_RU))
    tgt = WitnessRef("en-mt", "en", sha256_text(LETTER_EN))
    state = build_alignment("demo/letter", tgt, LETTER_EN, src, LETTER_RU, one_to_one)
    c = clock()
    struck = struck_passages("ru-autograph", LETTER_RU)[0].id
    context = decide.VariantContext(meta, {"ru-autograph": LETTER_RU, "en-mt": LETTER_EN})
    by_text = {s.text: s for s in state.target_segments}
    link_of = {t: lk.id for lk in state.links for t in lk.target}

    def link(prefix: str) -> str:
        return link_of[next(s.id for t, s in by_text.items() if t.startswith(prefix))]

    steps = [
        lambda s: decide.set_status(s, link("To Comrade"), "confirm", "Ann Editor", clock=c),
        lambda s: decide.set_status(s, link("Moscow"), "confirm", "Ann Editor", clock=c),
        lambda s: decide.edit(s, link("First"), ["First: the position is “good” («хорошее»)[^1]."], "Ann Editor",
                              clock=c),
        lambda s: decide.set_status(s, link("First"), "confirm", "Ann Editor", clock=c),
        lambda s: decide.comment(s, link("First"), "Check «хорошее» against the autograph.", "Ann Editor",
                                  clock=c),
        lambda s: decide.edit(s, link("Second"), ["Second: send the [...] summary *urgently*."], "Boris Reviewer",
                                reason="mistranslation", clock=c),
        lambda s: decide.set_status(s, link("Second"), "flag", "Boris Reviewer", clock=c),
        lambda s: decide.edit(s, link("Third"), ["Third: the sign ⟦ ⟧ stays ~~exactly~~ as it is."],
                                "Boris Reviewer", clock=c),
        lambda s: decide.set_status(s, link("Third"), "confirm", "Boris Reviewer", clock=c),
        lambda s: decide.set_status(s, link("A."), "confirm", "Ann Editor", clock=c),
        lambda s: decide.set_status(s, link("Underlined"), "reject", "Ann Editor", clock=c),
        lambda s: decide.set_policy(s, context, struck, "bracket", "Ann Editor", reason="struck-kept", clock=c),
    ]
    for step in steps:
        state = apply(state, step(state))
    write("demo", "letter", meta, {"ru-autograph": LETTER_RU, "en-mt": LETTER_EN}, state)


def pending() -> None:
    meta = DocumentMeta(
        collection="demo", id="pending", number="92", title="Telegram from I. V. Stalin to V. I. Lenin",
        date="July 26 [1920]", place_date="Kharkov 26 July.", addressee="Moscow Kremlin, to Lenin.",
        signature="Stalin.",
        archival_reference=parse_reference("RTSKHIDNI. F. 558. On. 1. D. 1868. L. 2-4. Autograph."),
        source="pending", target="en-mt",
        witnesses=(WitnessInfo("en-mt", "en", "target", "English machine translation as received"),),
        notes=(WitnessNoteInfo("1", marker="missing"), WitnessNoteInfo("2")),
        variants=(VariantInfo("V1", "struck-passage", "unresolved", "en-mt", "1",
                              "Note 1 says a passage in italics was crossed out; mark it from the printed edition."),))
    tgt = WitnessRef("en-mt", "en", sha256_text(PENDING_EN))
    state = build_alignment("demo/pending", tgt, PENDING_EN)
    c = clock()
    words = "We must strike at once."
    start = PENDING_EN.index(words)
    state = apply(state, decide.mark_struck(state, "V1", "Ann Editor", witness="en-mt", start=start,
                                            end=start + len(words), witness_text=PENDING_EN,
                                            evidence="1996 ed., p. 148", certainty=0.8, clock=c))
    write("demo", "pending", meta, {"en-mt": PENDING_EN}, state)


if __name__ == "__main__":
    shutil.rmtree(ROOT, ignore_errors=True)
    letter()
    pending()
    print(f"wrote {ROOT}")
