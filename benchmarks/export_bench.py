"""Export benchmark: a synthetic 50,000-link collection written to every format.

The collection (default 50 documents × 1,000 links, Russian source and English MT with italics,
supplied words, omissions, notes; in every 10th document's autograph a passage crossed out per 250
sentences; 20 % of the English edited, 40 % confirmed, some flagged and rejected, ~35,000
decisions) is generated into a temporary project once. The run then does what ``workbench export
--format all`` does: load the documents (timed apart: the store's work), build each document's
edition once (with its apparatus; shared by every format), and per format prepare every file in
memory and write them atomically. Each format first runs in a forked child, so its time and peak
RSS are its own (what the parent holds plus what the format adds); then all formats run once more
in the parent, one after another, as a single command would. Goal: edition + that run ≤ 10 s.

    .venv/bin/python benchmarks/export_bench.py                 # 50 × 1000 links, every format
    .venv/bin/python benchmarks/export_bench.py --struck-every 1   # struck passages in every document
    .venv/bin/python benchmarks/export_bench.py --docs 5 --links 200 --formats md,po

The goal is printed beside its figure (``MISSED`` when it is not met); the last line is one JSON
object with every figure and the checks (``make bench`` reads it).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from goals import Goal, checks_json, report  # noqa: E402

from workbench.core.documents import DocumentMeta, WitnessInfo  # noqa: E402
from workbench.core.export.formats import FORMATS  # noqa: E402
from workbench.core.lines import format_edit  # noqa: E402
from workbench.core.models import Alignment, Decision, Link, Segment, Status, WitnessRef  # noqa: E402
from workbench.storage.alignment_codec import encode  # noqa: E402
from workbench.storage.corpus import Corpus, sha256_text  # noqa: E402
from workbench.storage.document_store import write_document  # noqa: E402

RU = ["Первое", "положение", "на", "фронте", "хорошее", "противник", "наступает", "в", "районе", "станции",
      "дивизии", "подходят", "медленно", "прошу", "сообщить", "решение", "Политбюро", "Врангель", "Буденный",
      "конница", "штаб", "приказ", "тридцатого", "июля", "армия"]
EN = ["first", "the", "situation", "at", "front", "is", "good", "enemy", "advances", "near", "station",
      "divisions", "approach", "slowly", "please", "report", "decision", "Politburo", "Wrangel", "Budyonny",
      "cavalry", "staff", "order", "thirtieth", "July", "army"]
GOALS = (Goal("export_total_s", 10.0, "s", "edition + all formats in one process"),)
SENTENCES_PER_PARAGRAPH = 5
NOTE_EVERY = 50
STRUCK_EVERY = 250


def _sentence(words: list[str], rng: random.Random, k: int, struck: bool) -> str:
    picked = [rng.choice(words) for _ in range(rng.randint(6, 18))]
    if k % 7 == 3:
        picked[2] = f"*{picked[2]}*"
    if k % 11 == 5:
        picked[4] = f"{picked[4][:3]}[{picked[4][3:] or 'x'}]"
    if k % 29 == 9:
        picked.insert(5, "[...]")
    text = " ".join(picked)
    text = text[0].upper() + text[1:] + "."
    return f"~~{text}~~" if struck else text


def _witness(words: list[str], rng: random.Random, links: int, prefix: str, struck_ok: bool
             ) -> tuple[str, list[Segment]]:
    """A witness of ``links`` sentences in paragraphs, with note references and notes."""
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    notes: list[int] = []
    body = links - links // NOTE_EVERY
    paragraph = 0
    for k in range(body):
        if k and k % SENTENCES_PER_PARAGRAPH == 0:
            parts.append("\n\n")
            pos += 2
            paragraph += 1
        elif k:
            parts.append(" ")
            pos += 1
        text = _sentence(words, rng, k, struck_ok and k % STRUCK_EVERY == STRUCK_EVERY - 1)
        if k % NOTE_EVERY == 10 and len(notes) < links // NOTE_EVERY:
            notes.append(len(notes) + 1)
            text = text[:-1] + f"[^{notes[-1]}]."
        segments.append(Segment(f"{prefix}{len(segments) + 1}", pos, pos + len(text), text, paragraph))
        parts.append(text)
        pos += len(text)
    parts.append("\n")
    pos += 1
    for label in notes:
        paragraph += 1
        head = f"\n[^{label}]: "
        text = _sentence(words, rng, label, False)
        parts.append(head + text + "\n")
        start = pos + len(head)
        segments.append(Segment(f"{prefix}{len(segments) + 1}", start, start + len(text), text, paragraph, str(label)))
        pos += len(head) + len(text) + 1
    return "".join(parts), segments


def make_document(collection: str, doc_id: str, links: int, seed: int, struck: bool = True
                  ) -> tuple[DocumentMeta, dict[str, str], Alignment]:
    """One synthetic document: metadata, witnesses and an alignment state with decisions."""
    rng = random.Random(seed)
    ru_text, ru_segs = _witness(RU, rng, links, "s", struck)
    en_text, en_segs = _witness(EN, rng, links, "t", False)
    meta = DocumentMeta(collection=collection, id=doc_id, number=str(seed), title=f"Synthetic document {seed}",
                        date="July 24 [1920]", source="ru-a", target="en-mt",
                        witnesses=(WitnessInfo("ru-a", "ru", "source", "Autograph"),
                                   WitnessInfo("en-mt", "en", "target", "Machine translation")))
    statuses = [Status.CONFIRMED] * 8 + [Status.AUTO] * 10 + [Status.FLAGGED, Status.REJECTED]
    link_list: list[Link] = []
    decisions: list[Decision] = []
    edits: dict[str, str] = {}
    clock = 0
    for k, (s, t) in enumerate(zip(ru_segs, en_segs, strict=True)):
        status = statuses[k % len(statuses)]
        link_list.append(Link(f"L{k + 1}", (s.id,), (t.id,), status, 0.9, "aligner"))
        if k % 5 == 0 and not t.text.startswith("~~"):
            edits[t.id] = t.text.replace(" the ", " a ", 1) + " (edited)"
            clock += 1
            when = f"2025-03-01T10:{clock // 60 % 60:02d}:{clock % 60:02d}.000Z"
            decisions.append(Decision(f"D-{seed:04d}{k:06d}e", when, "Ann Editor", "edit", f"L{k + 1}", t.id,
                                      format_edit(t.id, edits[t.id])))
        if status is not Status.AUTO:
            clock += 1
            action = {Status.CONFIRMED: "confirm", Status.FLAGGED: "flag", Status.REJECTED: "reject"}[status]
            when = f"2025-03-01T11:{clock // 60 % 60:02d}:{clock % 60:02d}.000Z"
            decisions.append(Decision(f"D-{seed:04d}{k:06d}s", when, "Boris Reviewer", action, f"L{k + 1}", "auto",
                                      status.value))
        if k % 97 == 0:
            decisions.append(Decision(f"D-{seed:04d}{k:06d}n", "2025-03-01T12:00:00.000Z", "Ann Editor", "comment",
                                      f"L{k + 1}", note="Check the name against the autograph."))
    state = Alignment(f"{collection}/{doc_id}", 1, WitnessRef("ru-a", "ru", sha256_text(ru_text)),
                      WitnessRef("en-mt", "en", sha256_text(en_text)), tuple(ru_segs), tuple(en_segs),
                      tuple(link_list), edits, tuple(decisions))
    return meta, {"ru-a": ru_text, "en-mt": en_text}, state


def generate(root: Path, docs: int, links: int, struck_every: int) -> int:
    """Write the synthetic project; returns the number of links."""
    total = 0
    for n in range(docs):
        struck = struck_every > 0 and n % struck_every == 0
        meta, witnesses, state = make_document("synthetic", f"doc{n:03d}", links, n + 1, struck)
        folder = root / "texts" / "synthetic" / meta.id
        folder.mkdir(parents=True, exist_ok=True)
        write_document(folder / "document.yaml", meta)
        for siglum, text in witnesses.items():
            (folder / f"{siglum}.txt").write_text(text, encoding="utf-8")
        path = root / "alignments" / "synthetic" / f"{meta.id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(encode(state), encoding="utf-8")
        total += len(state.links)
    return total


def _in_child(work: Callable[[], dict[str, object]]) -> dict[str, object]:
    """Run ``work`` in a forked child (its peak RSS is its own: what the parent holds plus what the
    format adds) and return its figures."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            row = work()
            row["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
            data = json.dumps(row).encode()
        except BaseException as exc:  # report, never fall back into the parent's code
            data = json.dumps({"error": repr(exc)}).encode()
        with os.fdopen(write_fd, "wb") as handle:
            handle.write(data)
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as handle:
        data = handle.read()
    os.waitpid(pid, 0)
    row = json.loads(data)
    if "error" in row:
        raise SystemExit(f"child failed: {row['error']}")
    return row


def measure(root: Path, formats: list[str], out: Path) -> dict[str, object]:
    """Load the collection, build the editions once, then export each format in a child process."""
    from workbench.core.export.formats import EditionCache
    from workbench.core.gc_pause import gc_paused
    from workbench.storage.exporters import load_document, plan_export, write_export

    corpus = Corpus(root)
    t0 = time.perf_counter()
    docs = [load_document(corpus, ref) for ref in corpus.documents("synthetic")]
    t1 = time.perf_counter()
    caches = [EditionCache(doc, "note") for doc in docs]
    with gc_paused():  # as 'workbench export' does
        for cache in caches:  # what every format shares: the edition (with its apparatus), built once
            cache.raw()
            cache.published()
            cache.links()
    t2 = time.perf_counter()
    load_rss = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    gc.freeze()  # the children share the parent's objects: keep their collector from copying every page
    rows = []
    for fmt in formats:
        def work(fmt: str = fmt) -> dict[str, object]:
            s0 = time.perf_counter()
            with gc_paused():
                plan = plan_export(docs, [fmt], out, "note", "2025-03-01T12:00:00.000Z", caches=caches)
                s1 = time.perf_counter()
                paths = write_export(plan)
            s2 = time.perf_counter()
            return {"format": fmt, "prepare_s": round(s1 - s0, 3), "write_s": round(s2 - s1, 3),
                    "export_s": round(s2 - s0, 3), "files": len(paths),
                    "bytes": sum(p.stat().st_size for p in paths),
                    "units": sum(item.units for _, item in plan.outputs)}
        rows.append(_in_child(work))
    gc.unfreeze()
    # then, as one 'workbench export --format all' run does: every format in this process, one after another
    s0 = time.perf_counter()
    with gc_paused():
        plan = plan_export(docs, formats, out, "note", "2025-03-01T12:00:00.000Z", caches=caches)
        paths = write_export(plan)
    one_run = time.perf_counter() - s0
    return {"load_s": round(t1 - t0, 3), "edition_s": round(t2 - t1, 3), "rss_after_edition_mb": load_rss,
            "formats": rows, "all_formats_one_process_s": round(one_run, 3), "all_formats_files": len(paths),
            "peak_rss_one_process_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=50)
    parser.add_argument("--links", type=int, default=1000, help="links per document")
    parser.add_argument("--struck-every", type=int, default=10,
                        help="every N-th document has passages crossed out in its autograph (default 10)")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="export-bench-") as tmp:
        root = Path(tmp) / "project"
        t0 = time.perf_counter()
        total = generate(root, args.docs, args.links, args.struck_every)
        gen_s = time.perf_counter() - t0
        print(f"generated {args.docs} documents, {total} links in {gen_s:.1f} s "
              f"(struck passages in every {args.struck_every}th document)")
        result = measure(root, args.formats.split(","), Path(tmp) / "out")
        print(f"load  {result['load_s']:6.2f} s   edition (built once, shared) {result['edition_s']:6.2f} s   "
              f"peak RSS {result['rss_after_edition_mb']} MB")
        rows = result["formats"]
        assert isinstance(rows, list)
        for row in rows:
            print(f"{row['format']:<5} export {row['export_s']:6.2f} s (prepare {row['prepare_s']:5.2f}, write "
                  f"{row['write_s']:5.2f})  peak RSS {row['peak_rss_mb']:7.1f} MB  {row['files']} files, "
                  f"{row['bytes'] / 1e6:.1f} MB, {row['units']} units")
        per_format = sum(float(r["export_s"]) for r in rows)
        sum_total = float(result["edition_s"]) + per_format  # type: ignore[arg-type]
        export_total = float(result["edition_s"]) + float(result["all_formats_one_process_s"])  # type: ignore[arg-type]
        print(f"sum of the above: edition {result['edition_s']} s + formats {per_format:.2f} s = {sum_total:.2f} s")
        print(f"total export {export_total:.2f} s = edition {result['edition_s']} s + all formats in one process "
              f"{result['all_formats_one_process_s']} s, peak RSS {result['peak_rss_one_process_mb']} MB "
              f"(loading the collection: {result['load_s']} s more)")
        figures = {"benchmark": "export", "documents": args.docs, "links": total,
                   "struck_every": args.struck_every, "generate_s": round(gen_s, 2), **result,
                   "sum_of_formats_s": round(sum_total, 2), "export_total_s": round(export_total, 2)}
        checks = report(GOALS, figures)
        print(json.dumps({**figures, "goal_s": GOALS[0].limit, "goal_met": checks[0].met,
                          "goal_checks": checks_json(checks),
                          "python": platform.python_version(), "cpus": os.cpu_count()}))


if __name__ == "__main__":
    main()
