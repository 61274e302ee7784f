"""Helpers for the TUI tests and benchmark: synthetic documents, reading the screen, waiting.

A synthetic document is written the way the importers write one (document.yaml, witness files,
an alignment file created through the store), with segment spans that match the witness text
exactly, so the app shows it with its transcription marks.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from workbench.core.documents import DocumentMeta, VariantInfo, WitnessInfo
from workbench.core.lines import one_line
from workbench.core.markup import escape
from workbench.core.models import Alignment, Link, Segment, Status, WitnessRef
from workbench.storage.alignment_store import AlignmentFile
from workbench.storage.corpus import sha256_text
from workbench.storage.document_store import write_document
from workbench.ui.app import WorkbenchApp, make_app


def witness_from(paragraphs: Sequence[Sequence[str]], prefix: str) -> tuple[str, list[Segment]]:
    """Witness text from paragraphs of sentences (already in markup), and their segments."""
    text = ""
    segments: list[Segment] = []
    for number, sentences in enumerate(paragraphs):
        if number:
            text += "\n\n"
        for k, sentence in enumerate(sentences):
            if k:
                text += " "
            start = len(text)
            text += sentence
            segments.append(Segment(f"{prefix}{len(segments) + 1}", start, len(text), one_line(sentence), number))
    return text + "\n", segments


def write_synthetic(root: Path, collection: str, doc: str, target: Sequence[Sequence[str]],
                    source: Sequence[Sequence[str]] | None = None, *, scores: Sequence[float | None] | None = None,
                    title: str = "Synthetic document", variants: Sequence[VariantInfo] = ()) -> Path:
    """Write a document with 1-1 links (0-1 while ``source`` is None); returns the alignment file path."""
    folder = root / "texts" / collection / doc
    folder.mkdir(parents=True, exist_ok=True)
    tgt_text, tgt_segs = witness_from(target, "t")
    witnesses = [WitnessInfo("en-x", "en", "target", "synthetic English")]
    src_ref = None
    src_segs: list[Segment] = []
    if source is not None:
        src_text, src_segs = witness_from(source, "s")
        (folder / "ru-x.txt").write_text(src_text, encoding="utf-8")
        witnesses.insert(0, WitnessInfo("ru-x", "ru", "source", "synthetic Russian"))
        src_ref = WitnessRef("ru-x", "ru", sha256_text(src_text))
        if len(src_segs) != len(tgt_segs):
            raise ValueError("synthetic documents pair sentences one to one")
    (folder / "en-x.txt").write_text(tgt_text, encoding="utf-8")
    meta = DocumentMeta(collection, doc, title=title, source="ru-x" if source is not None else "pending",
                        target="en-x", witnesses=tuple(witnesses), variants=tuple(variants))
    write_document(folder / "document.yaml", meta)
    links = []
    for k, tgt in enumerate(tgt_segs):
        score = scores[k] if scores is not None else None
        links.append(Link(f"L{k + 1}", (src_segs[k].id,) if src_segs else (), (tgt.id,), Status.AUTO, score,
                          "aligner" if src_segs else "pending-source"))
    state = Alignment(f"{collection}/{doc}", 0, src_ref, WitnessRef("en-x", "en", sha256_text(tgt_text)),
                      tuple(src_segs), tuple(tgt_segs), tuple(links), {}, (), {"segmenter": "synthetic"})
    path = root / "alignments" / collection / f"{doc}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    AlignmentFile(path, str(path)).create(state)
    return path


def literal(sentence: str) -> str:
    """Markup whose reading is exactly ``sentence`` (so ``[in]`` shows as ``[in]``)."""
    return escape(sentence)


def screen_text(app: object) -> str:
    """What the top screen shows, as plain lines."""
    screen = app.screen  # type: ignore[attr-defined]
    return "\n".join(strip.text for strip in screen._compositor.render_strips())


async def wait_for(condition: Callable[[], bool], pilot: object, *, timeout: float = 10.0) -> None:
    """Let the app run until ``condition`` holds (no fixed sleeps); fail after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError("condition not reached in time")
        await pilot.pause()  # type: ignore[attr-defined]


#: The terminal size every TUI test runs at.
SIZE = (160, 48)


def app_for(root: Path, document: str | None = None, **options: object) -> WorkbenchApp:
    """The app on a project folder (the browser, or one document), as a tester with autosave and
    polling pushed out of the way so that a test sees only what it does."""
    options.setdefault("poll_interval", 3600)
    options.setdefault("save_interval", 3600)
    return make_app(str(root), document=document, author="tester", **options)  # type: ignore[arg-type]


async def opened(pilot: Any, app: WorkbenchApp) -> None:
    """Wait until the app's workers are done and the review screen is up."""
    await app.workers.wait_for_complete()
    await wait_for(lambda: app.review is not None, pilot)
