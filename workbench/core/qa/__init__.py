"""Quality checks for the English: pure functions over a document's state, metadata and glossary.

One module per check family — :mod:`.numbers` (``number``), :mod:`.glossary` (``glossary``),
:mod:`.consistency`, :mod:`.archival` (``archival-reference``), :mod:`.note_markers` (``note-marker``),
:mod:`.untranslated`, :mod:`.mixed_script`, :mod:`.spacing`, :mod:`.glued` (``glued-word``),
:mod:`.repeated` (``repeated-word``), :mod:`.brackets` (``bracket``), :mod:`.omission` — each reporting
:class:`~.model.Finding` records; :mod:`.run` runs them (:class:`~.run.DocumentQA`, incremental after an
edit), :mod:`.waivers` applies ``qa-waive`` decisions, :mod:`.risk` orders a document's links for review.
docs/qa.md describes every check with examples from the founding sample.

The public API other features call (the publication gate, approvals): :func:`open_errors` over the
findings of :func:`~.run.check_document`; storage's ``workbench.storage.qa_runs.document_findings``
and ``open_qa_errors`` read the glossary and the collection and call these.
"""

from workbench.core.qa.model import CHECK_IDS, META_FIELDS, Finding, Severity, counts, open_errors

__all__ = ["CHECK_IDS", "META_FIELDS", "Finding", "Severity", "counts", "open_errors"]
