"""How many decisions wait in an alignment file's journal, not yet folded into its YAML."""

from __future__ import annotations

from workbench.storage.alignment_store import AlignmentFile


def unfolded_decisions(file: AlignmentFile) -> int:
    """The complete entries of the journal: decisions recorded since the last fold, by this editor
    or any other (they share the journal). A torn last line, still being written, is not counted."""
    try:
        data = file.journal_path.read_bytes()
    except FileNotFoundError:
        return 0
    return sum(1 for line in data[:data.rfind(b"\n") + 1].split(b"\n") if line.strip())
