"""What waits in an alignment file's journal, not yet folded into its YAML."""

from __future__ import annotations

from workbench.core.decisions import net_changes
from workbench.core.errors import WorkbenchError
from workbench.storage.alignment_store import AlignmentFile


def unfolded_decisions(file: AlignmentFile) -> int:
    """The complete entries of the journal: decisions recorded since the last fold, by this editor
    or any other (they share the journal). A torn last line, still being written, is not counted."""
    try:
        data = file.journal_path.read_bytes()
    except FileNotFoundError:
        return 0
    return sum(1 for line in data[:data.rfind(b"\n") + 1].splitlines() if line.strip())


def unsaved_changes(file: AlignmentFile) -> int:
    """The changes the journal holds for the next save: its decisions, less each act undone before
    it was saved together with its undo (:func:`~workbench.core.decisions.net_changes`). A journal
    line that cannot be read is counted as one change each, as :func:`unfolded_decisions` does."""
    try:
        decisions, _ = file.read_journal()
    except WorkbenchError:
        return unfolded_decisions(file)
    return net_changes(decisions)
