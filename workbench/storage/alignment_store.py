"""The alignment store: one YAML file per document plus a journal for instant durability.

* A decision is made durable by appending it to ``<doc>.journal`` (one JSON line, fsynced) under
  the document's lock — a few milliseconds even for a large file.
* Saving folds the journal into the YAML: the new text is written atomically with the revision
  incremented, then the journal is emptied. Opening replays any journal entries the YAML lacks,
  which is how a crash is recovered.
* All writers take the same lock and bring themselves up to date with what is on disk before they
  write, so two editors (or an editor and ``git pull``) never overwrite each other silently:
  decisions that do not conflict are merged; a conflicting one is refused with the link ids named.
* An append writes every byte and fsyncs, or fails with :class:`FileSystemError` and cuts the journal
  back to where it was: a decision is acknowledged only when all of it is on disk.
* Bytes a crash left in the journal that are not decisions (a line cut short by kill -9 or a full
  disk, or such a line with the next decision glued to it by an older version) are cut away when
  the document is opened, kept in a side file ``<doc>.journal.torn-<time>``, and reported in
  :attr:`Session.messages`; a decision glued to a torn line is recovered.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.core.decisions import apply
from workbench.core.errors import ConflictError, FormatError, InputError, Location
from workbench.core.gc_pause import gc_paused
from workbench.core.models import Alignment, Decision
from workbench.storage.alignment_codec import decision_from_dict, decision_to_dict, decode, encode
from workbench.storage.atomic import (
    atomic_write_bytes,
    atomic_write_text,
    file_lock,
    fsync_dir,
    lock_path_for,
    os_error,
    refuse_links,
    remove_temp_files,
    write_all,
    write_synced_and_close,
)
from workbench.storage.schema import Checker
from workbench.storage.textfile import read_text

MAX_ALIGNMENT_BYTES = 40 * 1024 * 1024
_REVISION = re.compile(r"^revision: (\d+)$", re.MULTILINE)


TORN_INFIX = ".torn-"


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like on disk, to notice changes made by someone else."""

    yaml: tuple[int, int, int] | None
    journal: int
    journal_inode: int = 0  # a repaired journal is a new file: readers must not go on from an old offset


@dataclass(frozen=True)
class JournalScan:
    """The decisions of a journal (from an offset) and what in it is not a decision."""

    decisions: tuple[Decision, ...]
    end: int  # offset just past the last complete line
    damaged: tuple[int, ...] = ()  # numbers (from the offset) of complete lines that are not decisions
    salvaged: int = 0  # decisions recovered from damaged lines (glued after a torn write)
    tail: int = 0  # bytes after the last newline: a write cut short


@dataclass(frozen=True)
class JournalRepair:
    """What opening a document cut out of its journal, and where the cut bytes are kept."""

    journal: str
    side_file: Path
    damaged: tuple[int, ...]
    salvaged: int
    tail: int

    def message(self) -> str:
        """One line for the editor."""
        parts = []
        if self.tail:
            parts.append(f"{self.tail} byte(s) of a write cut short at its end (never acknowledged)")
        if self.damaged:
            lines = ", ".join(str(n) for n in self.damaged[:5]) + ("…" if len(self.damaged) > 5 else "")
            parts.append(f"the torn part of line(s) {lines}"
                         + (f" ({self.salvaged} decision(s) glued to them recovered)" if self.salvaged else ""))
        return (f"{self.journal}: cut away {' and '.join(parts)}; the cut bytes are kept in "
                f"{self.side_file.name}")


@dataclass(frozen=True)
class Replay:
    """The result of reading a file and its journal."""

    state: Alignment
    recovered: tuple[Decision, ...]
    conflicts: tuple[tuple[Decision, ConflictError], ...]
    journal: JournalScan | None = None


def _parse_line(line: bytes, check: Checker) -> Decision:
    return decision_from_dict(json.loads(line), check, ())


def _salvage(line: bytes, check: Checker) -> tuple[Decision | None, int]:
    """A line that is not a decision: an older version glued the next decision onto a torn line, so
    a decision may start at a later '{"'. Returns it (or None) and where the kept part starts."""
    start = line.find(b'{"', 1)
    while start != -1:
        with contextlib.suppress(ValueError, FormatError):
            return _parse_line(line[start:], check), start
        start = line.find(b'{"', start + 1)
    return None, len(line)


class AlignmentFile:
    """One alignment file on disk, with its journal and lock. ``label`` is how messages name it; with
    ``root`` (the project folder) every writer refuses symbolic links between the root and the file."""

    def __init__(self, path: Path, label: str | None = None, root: Path | None = None,
                 document: str | None = None) -> None:
        self.path = path
        self.label = label or str(path)
        self.root = root
        self.document = document  # COLLECTION/DOC the file must say it is, when known
        self.journal_path = path.with_suffix(".journal")
        self.journal_label = str(Path(self.label).with_suffix(".journal"))
        self.conflicts_path = path.with_suffix(".conflicts.jsonl")

    # -- reading --

    def exists(self) -> bool:
        """True when the YAML file exists."""
        return self.path.exists()

    def fingerprint(self) -> Fingerprint:
        """Stat data of the YAML file and the journal length."""
        try:
            st = os.stat(self.path)
            yaml_fp: tuple[int, int, int] | None = (st.st_mtime_ns, st.st_size, st.st_ino)
        except FileNotFoundError:
            yaml_fp = None
        try:
            jst = os.stat(self.journal_path)
            journal, inode = jst.st_size, jst.st_ino
        except FileNotFoundError:
            journal, inode = 0, 0
        return Fingerprint(yaml_fp, journal, inode)

    def revision_on_disk(self) -> int:
        """The revision written in the file's head (0 when missing or unreadable)."""
        try:
            with open(self.path, "rb") as handle:
                head = handle.read(4096).decode("utf-8", "replace")
        except FileNotFoundError:
            return 0
        match = _REVISION.search(head)
        return int(match.group(1)) if match else 0

    def read_yaml(self) -> Alignment:
        """The YAML file alone, validated."""
        text = read_text(self.path, max_bytes=MAX_ALIGNMENT_BYTES, label=self.label)
        with gc_paused():
            state = decode(text, self.label)
        if self.document is not None and state.document != self.document:
            # a copied file would put one document's decisions on another's texts
            Checker(text, self.label).fail(f"'document' says {state.document!r}, but this is the alignment file "
                                           f"of {self.document}", ("document",))
        return state

    def _journal_bytes(self, offset: int = 0) -> bytes:
        try:
            with open(self.journal_path, "rb") as handle:
                handle.seek(offset)
                return handle.read()
        except FileNotFoundError:
            return b""
        except OSError as exc:
            raise os_error(exc, self.journal_label, "cannot read the journal") from None

    def scan_journal(self, offset: int = 0) -> JournalScan:
        """The decisions in the journal from ``offset`` (a line boundary). Nothing is refused: bytes
        after the last newline (a write cut short) and lines that are not decisions are counted in
        the result; :meth:`repair_journal` cuts them away. Lines end at ``\\n`` only."""
        data = self._journal_bytes(offset)
        end = data.rfind(b"\n") + 1
        decisions: list[Decision] = []
        damaged: list[int] = []
        salvaged = 0
        check = Checker("", self.journal_label)
        for number, line in enumerate(data[:end].split(b"\n")[:-1], start=1):
            if not line.strip():
                continue
            try:
                decisions.append(_parse_line(line, check))
                continue
            except (ValueError, FormatError):
                damaged.append(number)
            found, _ = _salvage(line, check)
            if found is not None:
                decisions.append(found)
                salvaged += 1
        return JournalScan(tuple(decisions), offset + end, tuple(damaged), salvaged, len(data) - end)

    def read_journal(self, offset: int = 0) -> tuple[list[Decision], int]:
        """Complete journal entries from ``offset`` and the offset after them (see :meth:`scan_journal`)."""
        scan = self.scan_journal(offset)
        return list(scan.decisions), scan.end

    def read(self) -> Replay:
        """The YAML file with the journal replayed on top (crash recovery and merging)."""
        state = self.read_yaml()
        scan = self.scan_journal()
        replay = replay_journal(state, scan.decisions)
        return Replay(replay.state, replay.recovered, replay.conflicts, scan)

    def torn_files(self) -> list[Path]:
        """Side files holding bytes cut out of the journal (``<doc>.journal.torn-<time>``)."""
        prefix = self.journal_path.name + TORN_INFIX
        try:
            return sorted(p for p in self.path.parent.iterdir() if p.name.startswith(prefix))
        except FileNotFoundError:
            return []

    # -- writing (callers hold the lock) --

    def remove_temp_files(self) -> list[Path]:
        """Remove temporary files that a kill -9 during a save left beside the YAML file."""
        return remove_temp_files(self.path)

    def repair_journal(self) -> JournalRepair | None:
        """Cut out of the journal what is not a decision (see :meth:`scan_journal`), keeping decisions
        glued to a torn line; the cut bytes go to a new side file first. None when nothing was cut."""
        data = self._journal_bytes()
        end = data.rfind(b"\n") + 1
        tail = data[end:]
        check = Checker("", self.journal_label)
        kept: list[bytes] = []
        cut: list[bytes] = []
        damaged: list[int] = []
        salvaged = 0
        for number, line in enumerate(data[:end].split(b"\n")[:-1], start=1):
            try:
                if line.strip():
                    _parse_line(line, check)
                kept.append(line)
                continue
            except (ValueError, FormatError):
                damaged.append(number)
            found, start = _salvage(line, check)
            cut.append(line[:start])
            if found is not None:
                kept.append(line[start:])
                salvaged += 1
        if not cut and not tail:
            return None
        side = self._write_side_file(b"".join(piece + b"\n" for piece in cut) + tail)
        try:
            if cut:  # a new file (and inode): open sessions reread it instead of going on from an old offset
                atomic_write_bytes(self.journal_path, b"".join(line + b"\n" for line in kept), self.journal_label)
            else:  # only a tail: every reader's offset is at or before its start
                os.truncate(self.journal_path, end)
        except OSError as exc:
            raise os_error(exc, self.journal_label, "cannot cut the torn end of the journal") from None
        return JournalRepair(self.journal_label, side, tuple(damaged), salvaged, len(tail))

    def _write_side_file(self, data: bytes) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        base = self.journal_path.with_name(f"{self.journal_path.name}{TORN_INFIX}{stamp}")
        for n in range(1, 10_000):
            side = base if n == 1 else base.with_name(f"{base.name}-{n}")
            try:
                fd = os.open(side, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                continue
            except OSError as exc:
                raise os_error(exc, str(side), "cannot keep the torn end of the journal") from None
            try:
                write_synced_and_close(fd, data)
                fsync_dir(side.parent)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    side.unlink()
                raise os_error(exc, str(side), "cannot keep the torn end of the journal") from None
            return side
        raise os_error(OSError(17, "too many side files"), str(base), "cannot keep the torn end of the journal")

    def append(self, decisions: Iterable[Decision]) -> JournalRepair | None:
        """Append decisions to the journal and fsync: once this returns they survive a crash.

        Every byte is written (``os.write`` may write fewer) and synced, or the journal is cut back
        to its length before the append and :class:`FileSystemError` names it: a decision is never
        acknowledged half written. A torn end left by a crash is cut away first (the repair is
        returned), so a new line is never glued onto it."""
        try:
            payload = "".join(json.dumps(decision_to_dict(d), ensure_ascii=False, sort_keys=True) + "\n"
                              for d in decisions).encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate, e.g. from a terminal in another encoding
            raise InputError(f"the decision holds a character that is not valid Unicode ({exc.object[exc.start]!r}); "
                             "the decision was not recorded", Location(self.journal_label)) from None
        if not payload:
            return None
        repair = None
        fd = self._open_journal()
        try:
            start = os.fstat(fd).st_size
            if start and os.pread(fd, 1, start - 1) != b"\n":
                os.close(fd)
                fd = -1
                repair = self.repair_journal()
                fd = self._open_journal()
                start = os.fstat(fd).st_size
            try:
                write_all(fd, payload)
                os.fsync(fd)
            except OSError as exc:
                with contextlib.suppress(OSError):  # if even this fails, the next open cuts the torn end
                    os.ftruncate(fd, start)
                    os.fsync(fd)
                raise os_error(exc, self.journal_label, "cannot append to the journal; the decision was not "
                               "recorded") from None
        finally:
            if fd >= 0:
                os.close(fd)
        return repair

    def _open_journal(self) -> int:
        try:
            return os.open(self.journal_path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise os_error(exc, self.journal_label, "cannot open the journal; the decision was not recorded") from None

    def next_revision(self, state: Alignment) -> tuple[Alignment, str]:
        """``state`` as the file's next revision, and its YAML text (to write, or to stage in a
        transaction; the caller holds the lock)."""
        current = self.revision_on_disk()
        new_state = state.with_changes(revision=max(current, state.revision) + 1)
        with gc_paused():
            text = encode(new_state)
        return new_state, text

    def write(self, state: Alignment, on_repair: Callable[[JournalRepair], None] | None = None) -> Alignment:
        """Fold: write ``state`` as the next revision atomically, then empty the journal."""
        new_state, text = self.next_revision(state)
        atomic_write_text(self.path, text, self.label)
        repair = self.journal_folded()
        if repair is not None and on_repair is not None:
            on_repair(repair)
        return new_state

    def journal_folded(self) -> JournalRepair | None:
        """Empty the journal once the YAML file holds its decisions (a crash before this is harmless:
        replay skips decisions the file already has). Bytes in it that are not decisions are kept in
        a side file first, as on open; the repair is returned."""
        if not self.journal_path.exists():
            return None
        repair = self.repair_journal()
        try:
            os.truncate(self.journal_path, 0)
        except OSError as exc:
            raise os_error(exc, self.journal_label, "saved, but the journal could not be emptied") from None
        return repair

    def create(self, state: Alignment) -> Alignment:
        """Write a new file (revision 1); refuses to replace an existing one."""
        if self.path.exists():
            raise FormatError("an alignment file already exists here", Location(self.label))
        new_state = state.with_changes(revision=1)
        atomic_write_text(self.path, encode(new_state), self.label)
        return new_state

    def save_conflicts(self, conflicts: Iterable[tuple[Decision, ConflictError]]) -> None:
        """Keep decisions that could not be merged beside the file, so nothing is lost."""
        lines = [json.dumps({"decision": decision_to_dict(d), "conflict": err.message}, ensure_ascii=False)
                 for d, err in conflicts]
        if lines:
            with open(self.conflicts_path, "a", encoding="utf-8") as handle:
                handle.write("\n".join(lines) + "\n")
                handle.flush()
                os.fsync(handle.fileno())

    def lock(self) -> contextlib.AbstractContextManager[None]:
        """The document's inter-process lock (a context manager). Every write happens under it, so this
        is where links inside the project are refused."""
        if self.root is not None:
            refuse_links(self.root, self.path, self.journal_path, self.conflicts_path, lock_path_for(self.path))
        return file_lock(self.path)


def replay_journal(state: Alignment, decisions: Iterable[Decision]) -> Replay:
    """Apply journal decisions the state lacks; ones that no longer apply are returned as conflicts."""
    known = set(state.decision_ids)
    recovered: list[Decision] = []
    conflicts: list[tuple[Decision, ConflictError]] = []
    for decision in decisions:
        if decision.id in known:
            continue
        try:
            state = apply(state, decision)
        except ConflictError as err:
            conflicts.append((decision, err))
            continue
        known.add(decision.id)
        recovered.append(decision)
    return Replay(state, tuple(recovered), tuple(conflicts))


class Session:
    """An open document that records decisions durably and keeps up with changes on disk."""

    def __init__(self, file: AlignmentFile) -> None:
        self.file = file
        self.messages: list[str] = []  # what opening or recording found and repaired, for the editor
        self.author_from: str | None = None  # where the editor's name came from, stamped on what it records
        self.repairs: list[JournalRepair] = []
        with file.lock():
            file.remove_temp_files()
            replay = file.read()
            scan = replay.journal
            if scan is not None and (scan.damaged or scan.tail):
                self._repaired(file.repair_journal())
                replay = file.read()
            if replay.conflicts:
                file.save_conflicts(replay.conflicts)
            self.state = replay.state
            self.recovered = replay.recovered
            self.conflicts = replay.conflicts
            self._fingerprint = file.fingerprint()
            self._journal_offset = replay.journal.end if replay.journal else self._fingerprint.journal

    def _repaired(self, repair: JournalRepair | None) -> None:
        if repair is not None:
            self.repairs.append(repair)
            self.messages.append(repair.message())

    def changed_on_disk(self) -> bool:
        """True when someone else wrote the file or its journal since we last looked."""
        return self.file.fingerprint() != self._fingerprint

    def _refresh_locked(self) -> list[str]:
        fp = self.file.fingerprint()
        if fp == self._fingerprint:
            return []
        messages: list[str] = []
        same_journal = self._journal_offset == 0 or fp.journal_inode == self._fingerprint.journal_inode
        if fp.yaml == self._fingerprint.yaml and same_journal and fp.journal >= self._journal_offset:
            new, offset = self.file.read_journal(self._journal_offset)
            replay = replay_journal(self.state, new)
            self._journal_offset = offset
        else:
            replay = self.file.read()
            self._journal_offset = replay.journal.end if replay.journal else fp.journal
            messages.append(f"{self.file.label} changed on disk (revision {replay.state.revision}); reloaded")
        if replay.recovered:
            messages.append(f"merged {len(replay.recovered)} decision(s) recorded elsewhere")
        if replay.conflicts:
            self.file.save_conflicts(replay.conflicts)
            ids = sorted({i for _, err in replay.conflicts for i in err.links})
            messages.append(f"{len(replay.conflicts)} decision(s) conflict with the version on disk "
                            f"({', '.join(ids)}); kept in {self.file.conflicts_path.name}")
        self.state = replay.state
        self._fingerprint = fp
        return messages

    def refresh(self) -> list[str]:
        """Bring the state up to date with the disk; returns messages saying what happened."""
        with self.file.lock():
            return self._refresh_locked()

    def record(self, decisions: Decision | Iterable[Decision]) -> Alignment:
        """Apply decisions and make them durable (journal + fsync) before returning.

        The state is first brought up to date with the disk, so a decision made against a link
        someone else changed meanwhile raises ``ConflictError`` and nothing is written.
        """
        batch = [decisions] if isinstance(decisions, Decision) else list(decisions)
        if self.author_from is not None:
            batch = [d if d.author_from is not None else replace(d, author_from=self.author_from) for d in batch]
        with self.file.lock():
            self._refresh_locked()
            state = self.state
            for decision in batch:
                state = apply(state, decision)
            self._repaired(self.file.append(batch))
            self.state = state
            self._fingerprint = self.file.fingerprint()
            self._journal_offset = self._fingerprint.journal
        return self.state

    def save(self) -> Alignment:
        """Fold the journal into the YAML file (atomic, revision + 1).

        With an empty journal there is nothing to fold and the file is left alone: opening a
        document and closing it again must not change it (nor its revision) in git.
        """
        with self.file.lock():
            self._refresh_locked()
            if self.file.fingerprint().journal == 0:
                return self.state
            self.state = self.file.write(self.state, self._repaired)
            self._fingerprint = self.file.fingerprint()
            self._journal_offset = self._fingerprint.journal
        return self.state

