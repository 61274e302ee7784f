"""The alignment store: one YAML file per document plus a journal for instant durability.

* A decision is made durable by appending it to ``<doc>.journal`` (one JSON line, fsynced) under
  the document's lock — a few milliseconds even for a large file.
* Saving folds the journal into the YAML: the new text is written atomically with the revision
  incremented, then the journal is emptied. Opening replays any journal entries the YAML lacks,
  which is how a crash is recovered.
* All writers take the same lock and bring themselves up to date with what is on disk before they
  write, so two editors (or an editor and ``git pull``) never overwrite each other silently:
  decisions that do not conflict are merged; a conflicting one is refused with the link ids named.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from workbench.core.decisions import apply
from workbench.core.errors import ConflictError, FormatError, Location
from workbench.core.models import Alignment, Decision
from workbench.storage.alignment_codec import decision_from_dict, decision_to_dict, decode, encode
from workbench.storage.atomic import atomic_write_text, file_lock
from workbench.storage.schema import Checker
from workbench.storage.textfile import read_text
from workbench.core.gc_pause import gc_paused

MAX_ALIGNMENT_BYTES = 40 * 1024 * 1024
_REVISION = re.compile(r"^revision: (\d+)$", re.MULTILINE)


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like on disk, to notice changes made by someone else."""

    yaml: tuple[int, int, int] | None
    journal: int


@dataclass(frozen=True)
class Replay:
    """The result of reading a file and its journal."""

    state: Alignment
    recovered: tuple[Decision, ...]
    conflicts: tuple[tuple[Decision, ConflictError], ...]


class AlignmentFile:
    """One alignment file on disk, with its journal and lock. ``label`` is how messages name it."""

    def __init__(self, path: Path, label: str | None = None) -> None:
        self.path = path
        self.label = label or str(path)
        self.journal_path = path.with_suffix(".journal")
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
            journal = os.stat(self.journal_path).st_size
        except FileNotFoundError:
            journal = 0
        return Fingerprint(yaml_fp, journal)

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
            return decode(text, self.label)

    def read_journal(self, offset: int = 0) -> tuple[list[Decision], int]:
        """Complete journal entries from ``offset``; a torn last line (a crash mid-write) is ignored."""
        try:
            with open(self.journal_path, "rb") as handle:
                handle.seek(offset)
                data = handle.read()
        except FileNotFoundError:
            return [], offset
        end = data.rfind(b"\n") + 1
        decisions: list[Decision] = []
        check = Checker("", str(self.journal_path))
        for number, line in enumerate(data[:end].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except (ValueError, UnicodeDecodeError):
                raise FormatError("journal line is not valid JSON", Location(str(self.journal_path), number)) from None
            decisions.append(decision_from_dict(item, check, ()))
        return decisions, offset + end

    def read(self) -> Replay:
        """The YAML file with the journal replayed on top (crash recovery and merging)."""
        state = self.read_yaml()
        decisions, _ = self.read_journal()
        return replay_journal(state, decisions)

    # -- writing (callers hold the lock) --

    def append(self, decisions: Iterable[Decision]) -> None:
        """Append decisions to the journal and fsync: once this returns they survive a crash."""
        payload = "".join(json.dumps(decision_to_dict(d), ensure_ascii=False, sort_keys=True) + "\n"
                          for d in decisions).encode("utf-8")
        if not payload:
            return
        fd = os.open(self.journal_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)

    def write(self, state: Alignment) -> Alignment:
        """Fold: write ``state`` as the next revision atomically, then empty the journal."""
        current = self.revision_on_disk()
        new_state = state.with_changes(revision=max(current, state.revision) + 1)
        with gc_paused():
            text = encode(new_state)
        atomic_write_text(self.path, text)
        if self.journal_path.exists():
            os.truncate(self.journal_path, 0)
        return new_state

    def create(self, state: Alignment) -> Alignment:
        """Write a new file (revision 1); refuses to replace an existing one."""
        if self.path.exists():
            raise FormatError("an alignment file already exists here", Location(self.label))
        new_state = state.with_changes(revision=1)
        atomic_write_text(self.path, encode(new_state))
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

    def lock(self):  # type: ignore[no-untyped-def]
        """The document's inter-process lock (a context manager)."""
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
        with file.lock():
            replay = file.read()
            if replay.conflicts:
                file.save_conflicts(replay.conflicts)
            self.state = replay.state
            self.recovered = replay.recovered
            self.conflicts = replay.conflicts
            self._fingerprint = file.fingerprint()
            self._journal_offset = self._fingerprint.journal

    def changed_on_disk(self) -> bool:
        """True when someone else wrote the file or its journal since we last looked."""
        return self.file.fingerprint() != self._fingerprint

    def _refresh_locked(self) -> list[str]:
        fp = self.file.fingerprint()
        if fp == self._fingerprint:
            return []
        messages: list[str] = []
        if fp.yaml == self._fingerprint.yaml and fp.journal >= self._journal_offset:
            new, offset = self.file.read_journal(self._journal_offset)
            replay = replay_journal(self.state, new)
            self._journal_offset = offset
        else:
            replay = self.file.read()
            self._journal_offset = fp.journal
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
        with self.file.lock():
            self._refresh_locked()
            state = self.state
            for decision in batch:
                state = apply(state, decision)
            self.file.append(batch)
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
            self.state = self.file.write(self.state)
            self._fingerprint = self.file.fingerprint()
            self._journal_offset = self._fingerprint.journal
        return self.state

