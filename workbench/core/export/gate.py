"""The gate before publication: what stops a document from being published.

``export`` in a publishing format (md, html, docx, txt, tei) refuses, with exit 1 and one line per
blocker, a document that has any of:

* an **unresolved variant** (imported, collated or a struck passage nobody decided);
* **unconfirmed links** (auto, flagged or rejected: their English would be published unreviewed);
* an **open merge conflict** (two editors' decisions that cannot both hold: ``workbench conflicts``);
* a **note without a marker** — a witness note nothing in the text refers to, or an editors' note
  whose anchor words are no longer in its link's English (:attr:`Edition.problems`);
* **metadata edited by hand** in ``document.yaml`` without a decision (:func:`metadata.hand_edits`);
* **open QA errors**: the caller passes them in (``qa``): ``export`` asks the QA checks
  (``storage.qa_runs.open_errors_by_document``, waivers applied) and hands their lines to :func:`blockers`.

``export --draft`` writes anyway and marks every output as a draft; the blockers are then printed
as warnings. The published text never carries workflow words: a note without a marker is a blocker
here, not a heading there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.export.build import ExportDocument
from workbench.core.export.model import Edition
from workbench.core.metadata import hand_edits
from workbench.core.models import Status
from workbench.core.variants.readings import UNRESOLVED, document_variants

#: The kinds of blocker, in the order they are listed.
KINDS = ("variant", "unconfirmed", "conflict", "note", "metadata", "qa")
_SHOWN_IDS = 12


@dataclass(frozen=True)
class Blocker:
    """One reason a document cannot be published yet: ``kind`` (one of :data:`KINDS`), the document
    and a message that says what to do."""

    document: str
    kind: str
    message: str

    @property
    def line(self) -> str:
        """The line ``export`` prints."""
        return f"{self.document}: {self.kind}: {self.message}"

    def as_json(self) -> dict[str, str]:
        """The blocker as a JSON object."""
        return {"document": self.document, "kind": self.kind, "message": self.message}


def _ids(ids: Sequence[str]) -> str:
    shown = ", ".join(ids[:_SHOWN_IDS])
    return shown + (f" … (+{len(ids) - _SHOWN_IDS})" if len(ids) > _SHOWN_IDS else "")


def blockers(doc: ExportDocument, edition: Edition, qa: Sequence[str] = ()) -> list[Blocker]:
    """Every blocker of one document. ``edition`` is its raw edition (``EditionCache.raw``), whose
    ``problems`` name the notes without a marker; ``qa`` the messages of its open QA errors."""
    address = doc.address
    out: list[Blocker] = []
    for variant in document_variants(doc.meta, doc.state, doc.witnesses):
        if variant.status == UNRESOLVED:
            what = f" ({variant.description})" if variant.description else ""
            out.append(Blocker(address, "variant", f"variant {variant.id} ({variant.kind}) is unresolved{what}; "
                               f"decide it (workbench variants {address})"))
    open_links = [lk.id for lk in doc.state.links if lk.status is not Status.CONFIRMED]
    if open_links:
        noun = "link is" if len(open_links) == 1 else "links are"
        out.append(Blocker(address, "unconfirmed", f"{len(open_links)} of {len(doc.state.links)} {noun} not "
                           f"confirmed: {_ids(open_links)}"))
    out += [Blocker(address, "conflict", f"merge conflict {c.id} is open ({c.message}); resolve it "
                    f"(workbench conflicts {address})") for c in doc.state.open_conflicts]
    out += [Blocker(address, "note", problem) for problem in edition.problems]
    out += [Blocker(address, "metadata", edit.message) for edit in hand_edits(doc.meta, doc.state)]
    out += [Blocker(address, "qa", message) for message in qa]
    return out
