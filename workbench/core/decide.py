"""The one set of constructors for editors' acts: every front-end (the CLI, the review, collation and
variant screens, the PO merge) builds its decisions here, so each act is checked the same way.

Each function reads an :class:`Alignment` and returns a :class:`Decision` (nothing is applied): the
caller records it through the store, which applies it and makes it durable. A constructor refuses,
with an ``OperationError`` an editor can read, an act on something that does not exist, an act with
a detail out of range, and an act that would change nothing. Structural acts (merge, split, shift …)
are built in :mod:`workbench.core.operations` and :mod:`workbench.core.realign`.

Variant decisions that judge an apparatus note (the publication policy, the note's wording) record
their *basis*: short hashes of the struck passage and of its English, so the apparatus can later say
the note is stale when either changed. They need the document's metadata and witness texts for it,
which :class:`VariantContext` carries.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from workbench.core.actions import Action, DecisionData
from workbench.core.apparatus import basis_data, basis_for
from workbench.core.decisions import DEFAULT_CLOCK, Clock, edit_lines, make, status_word
from workbench.core.documents import DocumentMeta
from workbench.core.editors_notes import DEFAULT_KIND, NOTE_KINDS, find_anchor, new_note_id, note_by_id, plain_text
from workbench.core.errors import MarkupError, OperationError
from workbench.core.lines import format_edit
from workbench.core.markup import parse_inline
from workbench.core.metadata import FIELDS_BY_NAME, clean_value, effective_meta, field_value, text_frame, when_problem
from workbench.core.models import Alignment, Decision, Link
from workbench.core.qa.model import CHECK_IDS, Finding
from workbench.core.qa.waivers import fingerprint
from workbench.core.variant_decisions import POLICIES, latest, policy_for


@dataclass(frozen=True)
class VariantContext:
    """What variant decisions need beside the alignment: the document and its witness texts by siglum."""

    meta: DocumentMeta
    witnesses: Mapping[str, str]


def _link(state: Alignment, link_id: str) -> Link:
    try:
        return state.link(link_id)
    except KeyError:
        raise OperationError(f"no link {link_id!r} in {state.document}") from None


# -------------------------------------------------------------------------------------------- links


def set_status(state: Alignment, link_id: str, action: Action | str, author: str, *, reason: str | None = None,
               note: str | None = None, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """A confirm / reject / flag / unconfirm of one link; refused when the link already has that status."""
    try:
        action = Action.parse(action)
    except ValueError:
        raise OperationError(f"unknown action {action!r}") from None
    if not action.is_status:
        raise OperationError(f"{action!r} is not one of confirm, reject, flag, unconfirm")
    link = _link(state, link_id)
    after = status_word(action)
    if link.status.value == after:
        raise OperationError(f"{link_id} is already {after}; nothing to record")
    return make(action, link_id, author, before=link.status.value, after=after, reason=reason, note=note,
                clock=clock)


def confirm(state: Alignment, link_id: str, author: str, *, reason: str | None = None, note: str | None = None,
            clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Confirm a link (see :func:`set_status`)."""
    return set_status(state, link_id, Action.CONFIRM, author, reason=reason, note=note, clock=clock)


def reject(state: Alignment, link_id: str, author: str, *, reason: str | None = None, note: str | None = None,
            clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Reject a link (see :func:`set_status`)."""
    return set_status(state, link_id, Action.REJECT, author, reason=reason, note=note, clock=clock)


def flag(state: Alignment, link_id: str, author: str, *, reason: str | None = None, note: str | None = None,
            clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Flag a link for a second look (see :func:`set_status`)."""
    return set_status(state, link_id, Action.FLAG, author, reason=reason, note=note, clock=clock)


def edit(state: Alignment, link_id: str, texts: list[str], author: str, *, reason: str | None = None,
         note: str | None = None, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """An edit of the English of a link: ``texts`` gives the new text of each target segment.

    Each text must be valid transcription markup (an edit keeps struck words, supplied words and note
    references as markup); runs of white space become one space, as in the witness.
    """
    link = _link(state, link_id)
    if not link.target:
        raise OperationError(f"link {link_id} has no English segment to edit")
    if len(texts) != len(link.target):
        raise OperationError(f"link {link_id} has {len(link.target)} English segments, got {len(texts)} texts")
    for text in texts:
        try:
            parse_inline(text)
        except MarkupError as err:
            raise OperationError(f"the English for {link_id} is not valid transcription markup: {err.message} "
                                 f"(column {err.location.column}); escape a literal ~ * [ ] with a backslash") from None
    before = edit_lines(state, link.target)
    after = "\n".join(format_edit(sid, " ".join(text.split())) for sid, text in zip(link.target, texts, strict=True))
    current = "\n".join(format_edit(sid, state.segment_english(sid)) for sid in link.target)
    if after == current:
        raise OperationError(f"the English of {link_id} already reads so; nothing to record")
    return make(Action.EDIT, link_id, author, before=before, after=after, reason=reason, note=note, clock=clock)


def comment(state: Alignment, target: str, text: str, author: str, *, reason: str | None = None,
            clock: Clock = DEFAULT_CLOCK) -> Decision:
    """An editor's comment on a link or a variant (kept in the history, never published)."""
    if not text.strip():
        raise OperationError("a comment needs some text")
    if not target or any(c.isspace() for c in target):
        raise OperationError(f"{target!r} is not a link or variant id")
    if target.startswith("L") and target[1:].isdigit():
        _link(state, target)
    return make(Action.COMMENT, target, author, reason=reason, note=text, clock=clock)


# ----------------------------------------------------------------------------------------------- QA


def waive(state: Alignment, target: str, check: str, reason: str, author: str, *, judged: str,
          open_checks: Collection[str], note: str | None = None, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """A ``qa-waive``: the findings of ``check`` on ``target`` (a link id or a metadata field) are set aside
    for the text ``judged`` (the link's English or the field as it now reads), for ``reason``.

    Refused for an unknown check, without a reason, and when ``open_checks`` (the checks with an open
    finding on the target) does not hold the check: there is nothing to waive."""
    if check not in CHECK_IDS:
        raise OperationError(f"unknown check {check!r}; the checks are {', '.join(CHECK_IDS)}")
    if not target or any(c.isspace() for c in target):
        raise OperationError(f"{target!r} is not a link id or a metadata field")
    if target.startswith("L") and target[1:].isdigit():
        _link(state, target)
    text = " ".join(reason.split())
    if not text:
        raise OperationError("a waiver needs a reason: say why the finding does not apply")
    if check not in open_checks:
        raise OperationError(f"no open {check} finding on {target}; nothing to waive")
    return make(Action.QA_WAIVE, target, author, reason=text, note=note,
                data=DecisionData(check=check, english_sha=fingerprint(judged)), clock=clock)


def apply_suggestion(state: Alignment, finding: Finding, author: str, *,
                     clock: Clock = DEFAULT_CLOCK) -> Decision:
    """The edit that puts a finding's suggestion in place of its span in the English of its link (recorded
    as an ``edit`` with reason ``qa <check>``). Refused for a finding without a link, a span or a
    suggestion, and for one whose span no longer fits the English (it was found in an older text)."""
    if finding.link is None:
        raise OperationError(f"this {finding.check} finding is on the document's {finding.field}, not on a link; "
                             "correct document.yaml")
    if finding.span is None or finding.suggestion is None:
        raise OperationError(f"this {finding.check} finding has no suggestion to apply")
    link = _link(state, finding.link)
    start, end = finding.span
    offset = 0
    texts = [state.segment_english(sid) for sid in link.target]
    for index, text in enumerate(texts):
        if not text:
            continue
        if offset <= start and end <= offset + len(text):
            texts[index] = text[:start - offset] + finding.suggestion + text[end - offset:]
            break
        offset += len(text) + 1
    else:
        raise OperationError(f"the finding's place ({start}–{end}) is not in the English of {link.id} as it now "
                             "reads; run the checks again")
    return edit(state, link.id, texts, author, reason=f"qa {finding.check}", clock=clock)


# ---------------------------------------------------------------------------------------- undo/redo


def revert(state: Alignment, decision_id: str, author: str, *, reason: str | None = None,
           note: str | None = None, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """A new decision that undoes an earlier one (history stays append-only)."""
    original = next((d for d in state.decisions if d.id == decision_id), None)
    if original is None:
        raise OperationError(f"no decision {decision_id!r} in {state.document}")
    if original.id in state.reverted_ids:
        raise OperationError(f"decision {decision_id} was already undone")
    return make(Action.REVERT, original.target, author, before=original.after, after=original.before,
                reason=reason, note=note, data=DecisionData(reverts=original.id, of=original.effective_action),
                clock=clock)


def redo(original: Decision, author: str, *, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """The same act again after an undo: a fresh decision (new id and time) with the same change.

    Redo is not a revert of the revert: the log then reads as the editor acted — did, undid, did.
    """
    return replace(original, id=clock.new_id(), time=clock.now(), author=author,
                   data=replace(original.data, redoes=original.id))


# ----------------------------------------------------------------------------------------- variants


def _variant_id(variant: str) -> str:
    if not variant or any(c.isspace() for c in variant):
        raise OperationError(f"{variant!r} is not a variant id")
    return variant


def _judged(certainty: float | None, evidence: str | None, **details: object) -> DecisionData:
    if certainty is not None and not 0.0 <= certainty <= 1.0:
        raise OperationError(f"certainty is between 0 and 1, got {certainty:g}")
    return DecisionData(certainty=certainty, evidence=evidence or None, **details)  # type: ignore[arg-type]


def mark_struck(state: Alignment, variant: str, author: str, *, witness: str, start: int, end: int,
                witness_text: str, certainty: float | None = None, evidence: str | None = None,
                reason: str | None = None, note: str | None = None, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Mark the words of a struck passage in a witness: raw offsets ``[start, end)`` of ``witness_text``.
    It resolves the variant."""
    _variant_id(variant)
    if not 0 <= start < end <= len(witness_text):
        raise OperationError(f"the span {start}–{end} is not inside {witness} (0–{len(witness_text)})")
    words = witness_text[start:end]
    if not words.strip():
        raise OperationError("the marked span holds no words")
    data = _judged(certainty, evidence, witness=witness, start=start, end=end, text=words)
    return make(Action.VARIANT_MARK, variant, author, reason=reason, note=note, data=data, clock=clock)


def set_policy(state: Alignment, context: VariantContext, variant: str, policy: str, author: str, *,
               reason: str | None = None, note: str | None = None, evidence: str | None = None,
               certainty: float | None = None, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """How the struck words of a variant are published (one of :data:`POLICIES`), with its basis.

    Choosing the policy already chosen is refused, unless the passage or its English changed since:
    then the choice is made again on the new basis (the apparatus note stops being stale)."""
    _variant_id(variant)
    if policy not in POLICIES:
        raise OperationError(f"policy must be one of {', '.join(POLICIES)}, got {policy!r}")
    before = policy_for(state, variant)
    basis = basis_for(context.meta, state, context.witnesses, variant)
    sha = basis_data(basis) if basis else {}
    data = _judged(certainty, evidence, **sha)
    previous = latest(state, variant, Action.VARIANT_POLICY)
    if previous is not None and previous.after == policy and (previous.data.source_sha, previous.data.english_sha) \
            == (data.source_sha, data.english_sha):
        raise OperationError(f"{variant} is already published as {policy}; nothing to record")
    return make(Action.VARIANT_POLICY, variant, author, before=before, after=policy, reason=reason, note=note,
                data=data, clock=clock)


def set_wording(state: Alignment, context: VariantContext, variant: str, wording: str, author: str, *,
                reason: str | None = None, note: str | None = None, evidence: str | None = None,
                certainty: float | None = None, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """The editor's own wording of a variant's English apparatus note (it replaces the generated text)."""
    _variant_id(variant)
    text = " ".join(wording.split())
    if not text:
        raise OperationError("the wording of the note is empty")
    basis = basis_for(context.meta, state, context.witnesses, variant)
    data = _judged(certainty, evidence, **(basis_data(basis) if basis else {}))
    return make(Action.VARIANT_WORDING, variant, author, after=text, reason=reason, note=note, data=data,
                clock=clock)


def adopt_reading(state: Alignment, variant: str, witness: str, author: str, *, reason: str | None = None,
                  note: str | None = None, evidence: str | None = None, certainty: float | None = None,
                  clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Adopt the reading of ``witness`` (a siglum) as the base of the edition at a variant."""
    _variant_id(variant)
    if not witness.strip():
        raise OperationError("adopt needs the siglum of a witness")
    return make(Action.VARIANT_ADOPT, variant, author, after=witness, reason=reason, note=note,
                data=_judged(certainty, evidence), clock=clock)


def resolve_variant(state: Alignment, variant: str, author: str, *, reason: str | None = None,
                    note: str | None = None, evidence: str | None = None, certainty: float | None = None,
                    clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Resolve a variant without marking words (``note`` says why)."""
    _variant_id(variant)
    return make(Action.VARIANT_RESOLVE, variant, author, reason=reason, note=note,
                data=_judged(certainty, evidence), clock=clock)


# ----------------------------------------------------------------------------------- editors' notes


def annotate(state: Alignment, link_id: str, text: str, anchor: str, author: str, *, kind: str = DEFAULT_KIND,
             note_id: str | None = None, reason: str | None = None, note: str | None = None,
             clock: Clock = DEFAULT_CLOCK) -> Decision:
    """An editors' note on a link, hung on the words ``anchor`` of its English; with ``note_id``, a new
    text, anchor, kind or link for that note. ``text`` is transcription markup (``*italic*``)."""
    link = _link(state, link_id)
    if not link.target:
        raise OperationError(f"{link_id} has no English to anchor a note in")
    body = " ".join(text.split())
    if not body:
        raise OperationError("an editors' note needs some text")
    try:
        parse_inline(body)
    except MarkupError as err:
        raise OperationError(f"the note is not valid transcription markup: {err.message} (column "
                             f"{err.location.column}); escape a literal ~ * [ ] with a backslash") from None
    if kind not in NOTE_KINDS:
        raise OperationError(f"the kind of an editors' note is one of {', '.join(NOTE_KINDS)}, got {kind!r}")
    words = " ".join(anchor.split())
    english = plain_text(state.english(link))
    if not words:
        raise OperationError("say which words of the English the note is about (--anchor 'words')")
    if find_anchor(english, words) is None:
        raise OperationError(f"“{words}” is not in the English of {link_id} (“{english[:80]}”); the anchor must "
                             "be words of the English as it reads now")
    before = None
    if note_id is not None:
        current = note_by_id(state, note_id)
        if current is None:
            raise OperationError(f"no editors' note {note_id!r} in {state.document}")
        if (current.link, current.text, current.anchor, current.kind) == (link_id, body, words, kind):
            raise OperationError(f"note {note_id} already reads so; nothing to record")
        before = current.text
    data = DecisionData(editors_note=note_id or new_note_id(state), anchor=words, note_kind=kind)
    return make(Action.ANNOTATE, link_id, author, before=before, after=body, reason=reason, note=note, data=data,
                clock=clock)


def remove_annotation(state: Alignment, note_id: str, author: str, *, reason: str | None = None,
                      note: str | None = None, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Take an editors' note out (undo brings it back)."""
    current = note_by_id(state, note_id)
    if current is None:
        raise OperationError(f"no editors' note {note_id!r} in {state.document}")
    return make(Action.ANNOTATE_REMOVE, current.link, author, before=current.text, reason=reason, note=note,
                data=DecisionData(editors_note=note_id, anchor=current.anchor, note_kind=current.kind), clock=clock)


# ------------------------------------------------------------------------------------------ metadata


def set_metadata(state: Alignment, meta: DocumentMeta, field: str, value: str, author: str, *, reason: str,
                 note: str | None = None, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """Correct one field of a document's metadata (see :mod:`workbench.core.metadata`); ``reason`` is
    required. A field the English witness prints as a paragraph is corrected by editing its link."""
    spec = FIELDS_BY_NAME.get(field)
    if spec is None:
        raise OperationError(f"no metadata field {field!r}: use one of {', '.join(FIELDS_BY_NAME)}")
    if not reason or not reason.strip():
        raise OperationError(f"a correction of the {spec.label} needs a reason (--reason)")
    new = clean_value(field, value)
    if field == "date_when" and new:
        problem = when_problem(new)
        if problem:
            raise OperationError(problem)
    carried = text_frame(meta, state).get(field)
    if carried:
        raise OperationError(f"the {spec.label} is printed from the English of {', '.join(carried)}; correct it "
                             f"there (workbench decide {meta.address} {carried[0]} edit --text …), so the text and "
                             "the metadata say the same")
    current = field_value(effective_meta(meta, state), field)
    if new == current:
        raise OperationError(f"the {spec.label} already reads so; nothing to record")
    return make(Action.METADATA, field, author, before=current, after=new, reason=" ".join(reason.split()),
                note=note, clock=clock)


# ---------------------------------------------------------------------------------------- witnesses


def add_witness(state: Alignment, witness: str, author: str, *, role: str, language: str, sha256: str,
                before: str | None = None, after: str | None = None, clock: Clock = DEFAULT_CLOCK) -> Decision:
    """The record that a witness joined the document (``before``/``after``: the links, when it became the
    source and the document was aligned anew)."""
    return make(Action.ADD_WITNESS, witness, author, before=before, after=after,
                data=DecisionData(role=role, language=language, sha256=sha256), clock=clock)

