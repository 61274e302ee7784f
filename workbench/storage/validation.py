"""``workbench validate``: read every file of the project (or the given ones) and report.

*Errors* are files that cannot be read or parsed (exit 2); *findings* are readable files with a
problem an editor should act on, such as a witness that changed since it was aligned (exit 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.building import check_segments
from workbench.core.decisions import changes_nothing
from workbench.core.errors import Location, MarkupError, WorkbenchError
from workbench.core.markup import Transcription, parse, parse_inline, runs
from workbench.core.metadata import hand_edits
from workbench.storage.alignment_store import AlignmentFile
from workbench.storage.alignments import check_witnesses
from workbench.storage.atomic import temp_target
from workbench.storage.corpus import MAX_WITNESS_BYTES, Corpus, DocRef
from workbench.storage.document_store import read_collection, read_document
from workbench.storage.glossary_store import FILE_NAME as GLOSSARY_FILE
from workbench.storage.glossary_store import read_glossary
from workbench.storage.textfile import read_text
from workbench.storage.transaction import leftovers

_TEMP_CURE = "opening the document (or the next import or add-witness) removes it; nothing is lost with it"


@dataclass
class Report:
    """What validation found."""

    errors: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    checked: int = 0


def _doc_ref_for_alignment(corpus: Corpus, path: Path) -> DocRef | None:
    try:
        rel = path.resolve().relative_to(corpus.alignments)
    except ValueError:
        return None
    if len(rel.parts) != 2:
        return None
    ref = DocRef(rel.parts[0], Path(rel.parts[1]).stem)
    return ref if (corpus.doc_dir(ref) / "document.yaml").is_file() else None


def _check_alignment(corpus: Corpus, path: Path, report: Report) -> None:
    label = corpus.label(path)
    ref = _doc_ref_for_alignment(corpus, path)
    file = AlignmentFile(path, label, document=None if ref is None else str(ref))
    replay = file.read()  # raises on unreadable files, and on one that names another document
    state = replay.state
    if replay.recovered:
        report.findings.append(f"{label}: {len(replay.recovered)} decision(s) are only in the journal "
                               f"({file.journal_path.name}); open the document and save, or run 'workbench decide'")
    if replay.conflicts:
        report.findings.append(f"{label}: {len(replay.conflicts)} journal decision(s) no longer apply")
    for decision in state.decisions:
        if changes_nothing(state, decision):
            report.findings.append(f"{label}: decision {decision.id} ({decision.action} {decision.target}) changes "
                                   f"nothing ({_short(decision.before)} → {_short(decision.after)}); "
                                   "the workbench no longer records such acts")
    scan = replay.journal
    if scan is not None and scan.damaged:
        lines = ", ".join(str(n) for n in scan.damaged)
        glued = f"; {scan.salvaged} decision(s) glued to it are recovered" if scan.salvaged else ""
        report.findings.append(f"{file.journal_label}: line {lines} is torn (an interrupted write{glued}); "
                               "opening the document cuts the torn bytes away into a side file")
    if scan is not None and scan.tail:
        report.findings.append(f"{file.journal_label}: ends in {scan.tail} byte(s) of a write cut short (never "
                               "acknowledged); opening the document cuts them away into a side file")
    for torn in file.torn_files():
        report.findings.append(f"{corpus.label(torn)}: bytes cut out of the journal after a crash (not "
                               "decisions); look them over, then delete the file")
    if file.conflicts_path.exists():
        report.findings.append(f"{corpus.label(file.conflicts_path)}: decisions that conflicted with another "
                               "editor's changes are kept here; review and redo them")
    if ref is None:
        return
    for check in check_witnesses(corpus, ref, state):
        report.findings.append(f"{label}: {check.message}")
    for side, recorded, segments in (("source", state.source, state.source_segments),
                                     ("target", state.target, state.target_segments)):
        if recorded is None:
            continue
        text = corpus.read_witness(ref, recorded.siglum)
        for seg, why in check_segments(text, segments)[:5]:
            report.findings.append(f"{label}: {side} segment {seg.id}: {why} in {recorded.siglum}.txt")
    target_notes = {n.label for n in parse(corpus.read_witness(ref, state.target.siglum)).notes}
    for seg_id, text in sorted(state.edits.items()):
        for problem in edit_problems(text, target_notes):
            report.findings.append(f"{label}: the edited English of {seg_id} {problem}")


def _short(text: str | None, width: int = 40) -> str:
    flat = (text or "").replace("\n", " ⏎ ")
    return flat if len(flat) <= width else flat[:width - 1] + "…"


def _check_document(corpus: Corpus, path: Path, report: Report) -> None:
    label = corpus.label(path)
    meta = read_document(path, label)
    folder = path.parent
    for witness in meta.witnesses:
        if not (folder / f"{witness.siglum}.txt").is_file():
            report.errors.append(f"{label}: witness {witness.siglum} is listed but {witness.siglum}.txt is missing")
    if folder.parent.name != meta.collection or folder.name != meta.id:  # every command refuses it too
        report.errors.append(f"{label}: says {meta.collection}/{meta.id}, but lives in "
                             f"{folder.parent.name}/{folder.name}")
    listed = {f"{w.siglum}.txt" for w in meta.witnesses}
    for orphan in sorted(p.name for p in folder.glob("*.txt") if p.name not in listed):
        report.findings.append(f"{corpus.label(folder / orphan)}: a witness file that document.yaml does not list "
                               "(left by an interrupted add-witness? the next import or add-witness finishes one); "
                               f"add it with 'workbench add-witness', or remove it")
    ref = DocRef(folder.parent.name, folder.name)
    if folder.parent.parent == corpus.texts and not corpus.alignment_path(ref).exists():
        report.findings.append(f"{label}: no alignment file yet; run 'workbench align {ref}'")
    state = None
    if folder.parent.parent == corpus.texts and corpus.alignment_path(ref).exists():
        try:
            state = corpus.open_state(ref)
        except WorkbenchError:
            state = None  # the alignment file's own check reports it
    for edit in hand_edits(meta, state):
        report.findings.append(f"{label}: {edit.message}")


def edit_problems(text: str, notes: set[str]) -> list[str]:
    """What is wrong with an edited English text: broken markup, or a reference to a missing note."""
    try:
        nodes = parse_inline(text)
    except MarkupError as err:
        return [f"is not valid markup: {err.message} (column {err.location.column})"]
    refs = sorted({run.label for run in runs(Transcription(nodes, ())) if run.label is not None})
    return [f"refers to note {label}, which the witness does not have" for label in refs if label not in notes]


def _check_witness(corpus: Corpus, path: Path, report: Report) -> None:
    label = corpus.label(path)
    text = read_text(path, max_bytes=MAX_WITNESS_BYTES, label=label)
    try:
        doc = parse(text)
    except MarkupError as err:
        raise err.with_path(label) from None
    notes = {n.label for n in doc.notes}
    refs = {run.label for run in runs(doc) if run.label is not None}
    for missing in sorted(refs - notes):
        report.findings.append(f"{label}: note reference [^{missing}] has no note [^{missing}]: …")


def _files(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The files to check, and the symbolic links met on the way (neither followed nor checked)."""
    out: list[Path] = []
    links: list[Path] = []
    for path in paths:
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_symlink():
                    links.append(p)
                elif p.is_file():  # rglob does not descend into linked folders
                    out.append(p)
        else:
            out.append(path)
    return out, links


def validate_project(corpus: Corpus) -> Report:
    """Validate ``texts/`` and ``alignments/``, and report what interrupted multi-file commands left."""
    project_glossary = corpus.root / GLOSSARY_FILE
    report = validate_paths(corpus, [corpus.texts, corpus.alignments]
                            + ([project_glossary] if project_glossary.is_file() else []))
    report.findings.extend(leftovers(corpus.root))
    return report


def validate_paths(corpus: Corpus, paths: list[Path]) -> Report:
    """Validate files and folders; unknown file kinds are skipped. Symbolic links inside the project are
    errors: the workbench neither reads nor writes through them (``storage.atomic.refuse_links``)."""
    report = Report()
    files, links = _files(paths)
    for link in links:
        report.errors.append(f"{corpus.label(link.parent) + '/' + link.name}: is a symbolic link; the workbench "
                             "does not write through links inside the project (replace it with a real folder or "
                             "file)")
    for path in files:
        name = path.name
        try:
            if not path.exists():
                raise WorkbenchError("no such file or folder", Location(corpus.label(path)))
            if name.startswith("."):
                target = temp_target(path)
                if target is not None:
                    report.findings.append(f"{corpus.label(path)}: left by a save that was interrupted (kill, "
                                           f"crash) while writing {target.name}; {_TEMP_CURE}")
                continue
            if name == "document.yaml":
                _check_document(corpus, path, report)
            elif name == "collection.yaml":
                read_collection(path, corpus.label(path))
            elif name == GLOSSARY_FILE:
                read_glossary(path, corpus.label(path))
            elif name.endswith(".journal") or name.endswith(".conflicts.jsonl"):
                continue  # reported with their alignment file
            elif path.suffix in (".yaml", ".yml"):
                _check_alignment(corpus, path, report)
            elif path.suffix == ".txt":
                _check_witness(corpus, path, report)
            else:
                continue
        except WorkbenchError as err:
            message = str(err)
            if message not in report.errors:  # a bad witness also stops its alignment file's check
                report.errors.append(message)
        report.checked += 1
    return report
