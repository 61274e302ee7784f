"""What waits in an alignment file's journal, not yet folded into its YAML."""

from __future__ import annotations

from workbench.core.decisions import live_changes
from workbench.core.errors import WorkbenchError
from workbench.storage.alignment_store import AlignmentFile, Fingerprint


def unfolded_decisions(file: AlignmentFile) -> int:
    """The complete entries of the journal: decisions recorded since the last fold, by this editor
    or any other (they share the journal). A torn last line, still being written, is not counted."""
    try:
        data = file.journal_path.read_bytes()
    except FileNotFoundError:
        return 0
    return sum(1 for line in data[:data.rfind(b"\n") + 1].split(b"\n") if line.strip())


class UnsavedChanges:
    """The changes a file's journal holds for the next save: its decisions, less each act undone
    before it was saved together with its undo (:func:`~workbench.core.decisions.live_changes`).

    Asked after every act, it reads only the journal lines written since it last looked; a fold
    (the YAML file rewritten, the journal emptied) starts it afresh.
    """

    def __init__(self, file: AlignmentFile) -> None:
        self.file = file
        self._seen: Fingerprint | None = None
        self._offset = 0
        self._live: set[str] = set()

    def count(self) -> int:
        """The number of unsaved changes now. A line that is not a decision counts for nothing (the
        next open cuts it away); a journal that cannot be read makes it count the journal's lines."""
        now = self.file.fingerprint()
        if (self._seen is None or now.yaml != self._seen.yaml or now.journal_inode != self._seen.journal_inode
                or now.journal < self._offset):
            self._offset, self._live = 0, set()
        self._seen = now
        if now.journal > self._offset:
            try:
                decisions, self._offset = self.file.read_journal(self._offset)
            except WorkbenchError:
                self._seen = None  # read it all again next time
                return unfolded_decisions(self.file)
            live_changes(decisions, self._live)
        return len(self._live)
