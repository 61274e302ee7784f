"""A document's variants: collated locations, struck passages and imported variants, with the
readings of every witness, their decisions, status and publication policy.

Which witnesses are collated: the witnesses of each language, in the order source, target, then
as ``document.yaml`` lists them; the first is the base. A witness with struck text takes part with
both its layers (``@before``, ``@after``), so its struck passages show as variants even when it is
the only witness of its language. A language with one witness and no struck text has nothing to
collate.

Status: an imported variant (No. 92's ``V1``) is resolved by ``variant-mark`` or
``variant-resolve`` (``resolved_variant_ids``); a collated one also by adopting a reading, and a
struck passage by choosing its policy — the editor has then decided it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from workbench.core.documents import DocumentMeta, WitnessIssue
from workbench.core.errors import InputError
from workbench.core.markup import has_manuscript_marks
from workbench.core.models import Alignment
from workbench.core.segments import paragraphs
from workbench.core.variant_decisions import (
    DEFAULT_POLICY,
    adopted_reading,
    decided_policy,
    decisions_about,
    resolved_variant_ids,
    struck_marks,
)
from workbench.core.variants.collate import STRUCK_PASSAGE, Collation, VariantLocation, collate
from workbench.core.variants.layers import AFTER, BEFORE, has_layers, layer_name, split_name, struck_passages
from workbench.core.variants.marks import mark_notes, witness_phrase
from workbench.core.variants.normalise import Normalisation
from workbench.core.variants.tokens import layer_tokens

RESOLVED = "resolved"
UNRESOLVED = "unresolved"


@dataclass(frozen=True)
class Variant:
    """One variant of a document as the ``variants`` command and the collation view show it.

    ``readings`` maps each witness (or layer) to its text there, in collation order; it is empty
    for an imported variant whose words nobody has marked yet. ``policy`` is the publication
    policy of struck text (the default until an editor chooses), ``None`` for other kinds.
    """

    id: str
    kind: str
    status: str
    witnesses: tuple[str, ...]
    readings: Mapping[str, str]
    policy: str | None
    adopted: str | None = None
    origin: str = "collation"
    language: str | None = None
    paragraph: int | None = None
    witness_note: str | None = None
    description: str = ""
    moved: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    policy_decided: bool = False
    location: VariantLocation | None = field(default=None, compare=False)

    def as_json(self) -> dict[str, object]:
        """The ``variants --json`` object of this variant."""
        out: dict[str, object] = {
            "id": self.id, "kind": self.kind, "status": self.status, "witnesses": list(self.witnesses),
            "readings": dict(self.readings), "policy": self.policy, "policy_decided": self.policy_decided,
            "adopted": self.adopted, "origin": self.origin, "decisions": list(self.decisions),
        }
        if self.language:
            out["language"] = self.language
        if self.paragraph is not None:
            out["paragraph"] = self.paragraph
        if self.witness_note is not None:
            out["note"] = self.witness_note
        if self.description:
            out["description"] = self.description
        if self.moved:
            out["moved"] = list(self.moved)
        return out


@dataclass(frozen=True)
class IssueEntry:
    """A problem of a witness as received, listed with the variants (a note without marker …)."""

    witness: str
    kind: str
    message: str
    witness_note: str | None
    candidates: tuple[str, ...]
    variants: tuple[tuple[str, str], ...] = ()  # (id, status) of the imported variants of its note

    def as_json(self) -> dict[str, object]:
        """The ``variants --json`` object of this issue."""
        out: dict[str, object] = {"witness": self.witness, "kind": self.kind, "note": self.witness_note,
                                  "message": self.message, "candidates": list(self.candidates)}
        if self.variants:
            out["variants"] = {vid: status for vid, status in self.variants}
        return out


def ordered_sigla(meta: DocumentMeta) -> list[str]:
    """The document's witnesses in collation order: source, target, then as listed."""
    sigla = [w.siglum for w in meta.witnesses]
    first = [s for s in (meta.source, meta.target) if s in sigla]
    return first + [s for s in sigla if s not in first]


def language_groups(meta: DocumentMeta, witnesses: Mapping[str, str]) -> list[tuple[str, list[str]]]:
    """(language, sigla) of each language whose witnesses there is something to collate in."""
    groups: dict[str, list[str]] = {}
    for siglum in ordered_sigla(meta):
        if siglum in witnesses:
            groups.setdefault(meta.witness(siglum).language, []).append(siglum)
    return [(lang, sigla) for lang, sigla in groups.items()
            if len(sigla) > 1 or any(has_layers(witnesses[s]) for s in sigla)]


def expand(sigla: Sequence[str], witnesses: Mapping[str, str]) -> list[str]:
    """Witness names to collate: a siglum with struck text becomes its two layers."""
    out: list[str] = []
    for name in sigla:
        siglum, layer = split_name(name)
        if siglum not in witnesses:
            raise InputError(f"no witness {siglum!r} in this document (it has {', '.join(witnesses) or 'none'})")
        if layer is None and has_layers(witnesses[siglum]):
            out += [layer_name(siglum, BEFORE), layer_name(siglum, AFTER)]
        else:
            out.append(name)
    if len(set(out)) != len(out):
        raise InputError("a witness is named twice")
    return out


def collate_witnesses(meta: DocumentMeta, witnesses: Mapping[str, str], names: Sequence[str],
                      rules: Normalisation | None = None) -> Collation:
    """Collate witnesses (or layers) of a document, the first named as base."""
    layers = []
    for name in expand(names, witnesses):
        siglum, layer = split_name(name)
        layers.append(layer_tokens(siglum, witnesses[siglum], meta.witness(siglum).language, layer))
    sigla = {layer.siglum for layer in layers}
    paras = {s: paragraphs(witnesses[s]) for s in sigla}
    struck = [p for s in sigla for p in struck_passages(s, witnesses[s])]
    return collate(layers, paras, struck, rules)


def document_collations(meta: DocumentMeta, witnesses: Mapping[str, str],
                        rules: Normalisation | None = None) -> list[Collation]:
    """One collation per language that has something to collate."""
    return [collate_witnesses(meta, witnesses, sigla, rules) for _, sigla in language_groups(meta, witnesses)]


def _status(resolved: bool) -> str:
    return RESOLVED if resolved else UNRESOLVED


def document_variants(meta: DocumentMeta, state: Alignment | None, witnesses: Mapping[str, str],
                      rules: Normalisation | None = None) -> list[Variant]:
    """Every variant of a document: collated locations (reading order per language), then the
    variants recorded at import."""
    resolved = resolved_variant_ids(state)
    out: list[Variant] = []
    for coll in document_collations(meta, witnesses, rules):
        language = coll.layers[0].language
        for loc in coll.locations:
            struck = loc.kind == STRUCK_PASSAGE
            policy = decided_policy(state, loc.id) if state else None
            adopted = adopted_reading(state, loc.id) if state else None
            done = loc.id in resolved or adopted is not None or (struck and policy is not None)
            out.append(Variant(
                id=loc.id, kind=loc.kind, status=_status(done), witnesses=tuple(r.witness for r in loc.readings),
                readings={r.witness: r.text for r in loc.readings},
                policy=(policy or DEFAULT_POLICY) if struck else None, adopted=adopted, language=language,
                paragraph=loc.paragraph, moved=loc.moved,
                decisions=tuple(d.id for d in decisions_about(state, loc.id)) if state else (),
                policy_decided=policy is not None, location=loc))
    marks = {m.variant: m for m in struck_marks(state)} if state else {}
    for info in meta.variants:
        mark = marks.get(info.id)
        policy = decided_policy(state, info.id) if state else None
        out.append(Variant(
            id=info.id, kind=info.kind, status=_status(info.status == RESOLVED or info.id in resolved),
            witnesses=(info.witness,), readings={mark.witness: mark.text} if mark else {},
            policy=(policy or DEFAULT_POLICY) if info.kind == STRUCK_PASSAGE else None,
            adopted=adopted_reading(state, info.id) if state else None, origin="import",
            language=meta.witness(info.witness).language if info.witness in {w.siglum for w in meta.witnesses}
            else None, witness_note=info.witness_note, description=info.description,
            decisions=tuple(d.id for d in decisions_about(state, info.id)) if state else (),
            policy_decided=policy is not None))
    out.extend(_mark_variants(meta, state, witnesses))
    return out


def _mark_variants(meta: DocumentMeta, state: Alignment | None, witnesses: Mapping[str, str]) -> list[Variant]:
    """The manuscript marks of the source witness (``core/mark_notes.py``), each a variant an editor can
    word or publish by policy (``note`` says it in the apparatus, ``omit`` leaves it out)."""
    source = meta.source
    if meta.source_pending or source not in witnesses or not has_manuscript_marks(witnesses[source]):
        return []
    out = []
    for note in mark_notes(source, witnesses[source], witness_phrase(meta, source)):
        policy = decided_policy(state, note.id) if state else None
        out.append(Variant(
            # a mark is what the transcription records, not a disagreement to settle: resolved as it stands
            id=note.id, kind=f"mark-{note.kind}", status=RESOLVED,
            witnesses=(source,), readings={source: note.source_text}, policy=policy or DEFAULT_POLICY,
            origin="transcription", language=meta.witness(source).language, description=note.text,
            decisions=tuple(d.id for d in decisions_about(state, note.id)) if state else (),
            policy_decided=policy is not None))
    return out


def witness_issues(meta: DocumentMeta, variants: Sequence[Variant] = ()) -> list[IssueEntry]:
    """The problems recorded for the document's witness as received (they belong to the target,
    the witness the importer read).

    An issue stays listed while it is true (No. 92's note 1 still has no marker once V1 is marked),
    but one about a note that an imported variant concerns says where that variant stands, from
    ``variants`` (as :func:`document_variants` gives them): "… (variant V1 of this note is resolved)".
    """
    return [_issue(meta.target, issue, variants) for issue in meta.issues]


def _issue(witness: str, issue: WitnessIssue, variants: Sequence[Variant]) -> IssueEntry:
    related = tuple((v.id, v.status) for v in variants
                    if issue.witness_note is not None and v.origin == "import" and v.witness_note == issue.witness_note)
    message = issue.message
    if related:
        message += " (" + "; ".join(f"variant {vid} of this note is {status}" for vid, status in related) + ")"
    return IssueEntry(witness, issue.kind, message, issue.witness_note, tuple(issue.candidates), related)
