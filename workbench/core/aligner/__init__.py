"""Sentence alignment: anchors (numbers, names, cognates, punctuation, optional dictionary and
embeddings) first, then a banded dynamic programme between them; and the strict/lax scorer.

Entry points: :func:`workbench.core.aligner.align.align` with :mod:`.beads` (``Bead``,
``AlignResult``, ``AlignResources``), and :mod:`.score` (``evaluate``, ``parse_beads``,
``format_bead``). The package imports nothing itself, so that the number readers (``en_numbers``,
``ru_numbers``), which collation also uses, come without the aligner and numpy.
"""
