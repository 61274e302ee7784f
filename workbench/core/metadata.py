"""A document's metadata as the decisions correct it.

``document.yaml`` keeps the metadata **as received** (what the importer read: title, date, place line,
addressee, signature, archival reference, source edition); it is never rewritten by a correction.
A correction is a ``metadata`` decision in the alignment file: ``target`` names the field, ``before`` and
``after`` are its values, ``reason`` says why (required), and it is undone like any other decision.
:func:`effective_meta` applies the live ones in order, so every format prints the same corrected
values; correcting the archival reference's text parses its parts anew (repository, fond, opis, delo,
folios), and a part can then be corrected on its own (``archival_reference.repository``).

Two fields are derived when nobody set them: ``date_when`` (the ISO date of the printed date,
:func:`normalise_date`: "July 26 [1920]" → ``1920-07-26``) and the archival reference's parts.

Fields the English witness itself carries as a paragraph (the seed's telegrams open with the
addressee and the place line and close with the signature) are printed from that paragraph, in its
edited form; they are corrected by editing the link (:func:`text_frame` names it), so that the text
and the metadata never say two things.

``document.yaml`` records the values it was written with under ``received.metadata`` (the importers
write it); :func:`hand_edits` lists the fields whose value in the file differs from it without a
decision that sets that value — an edit by hand, which ``validate`` and the export gate report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from workbench.core.actions import Action
from workbench.core.archival import parse_reference
from workbench.core.documents import ArchivalReference, DocumentMeta
from workbench.core.models import Alignment, Decision


@dataclass(frozen=True)
class MetaField:
    """One correctable field: its name (the decision's target), its label, and whether it holds lines."""

    name: str
    label: str
    lines: bool = False


REFERENCE = "archival_reference"
REFERENCE_PARTS = ("repository", "fond", "inventory", "file", "folios", "description")
_PART_LABELS = {"repository": "repository", "fond": "fond (F.)", "inventory": "opis (Op.)", "file": "delo (D.)",
                "folios": "folios (L.)", "description": "description"}

FIELDS: tuple[MetaField, ...] = (
    MetaField("title", "title"),
    MetaField("date", "date as printed"),
    MetaField("date_when", "date (ISO 8601)"),
    MetaField("place_date", "place line"),
    MetaField("addressee", "addressee", lines=True),
    MetaField("signature", "signature"),
    MetaField(REFERENCE, "archival reference"),
    *(MetaField(f"{REFERENCE}.{part}", f"archival reference: {_PART_LABELS[part]}") for part in REFERENCE_PARTS),
    MetaField("source_edition", "source edition"),
    MetaField("source_page", "source edition page"),
)
FIELDS_BY_NAME: Mapping[str, MetaField] = {f.name: f for f in FIELDS}
#: Frame fields the English witness may carry as paragraphs, by the role the edition gives them.
FRAME_FIELDS: Mapping[str, str] = {"title": "title", "addressee": "addressee", "place": "place_date",
                                   "signature": "signature"}
_WHEN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# -------------------------------------------------------------------------------------- values


def field_value(meta: DocumentMeta, name: str) -> str:
    """The value of one field in a metadata record ('' when empty); KeyError for an unknown field."""
    if name not in FIELDS_BY_NAME:
        raise KeyError(name)
    ref = meta.archival_reference
    if name == REFERENCE:
        return ref.text if ref else ""
    if name.startswith(REFERENCE + "."):
        return getattr(ref, name.split(".", 1)[1]) if ref else ""
    value: str = getattr(meta, name)
    return value


def with_field(meta: DocumentMeta, name: str, value: str) -> DocumentMeta:
    """A copy with one field set. A new archival reference text is parsed into its parts again."""
    if name == REFERENCE:
        return replace(meta, archival_reference=parse_reference(value) if value.strip() else None)
    if name.startswith(REFERENCE + "."):
        ref = meta.archival_reference or ArchivalReference("")
        return replace(meta, archival_reference=replace(ref, **{name.split(".", 1)[1]: value}))
    if name not in FIELDS_BY_NAME:
        raise KeyError(name)
    values: dict[str, object] = {name: value}
    return replace(meta, **values)  # type: ignore[arg-type]  # a text field, by FIELDS


def clean_value(name: str, value: str) -> str:
    """A value as a decision records it: spaces squeezed; a field of lines keeps its line breaks."""
    if FIELDS_BY_NAME[name].lines:
        return "\n".join(" ".join(line.split()) for line in value.splitlines() if line.strip())
    return " ".join(value.split())


def metadata_decisions(state: Alignment) -> list[Decision]:
    """The live metadata decisions, oldest first."""
    return [d for d in state.live_decisions if d.action is Action.METADATA]


def effective_meta(meta: DocumentMeta, state: Alignment | None) -> DocumentMeta:
    """The metadata every format prints: the received values with the live decisions applied, and
    the ISO date derived from the printed one when none was set."""
    out = meta
    if state is not None:
        for decision in metadata_decisions(state):
            if decision.target in FIELDS_BY_NAME:
                out = with_field(out, decision.target, decision.after or "")
    if not out.date_when:
        out = replace(out, date_when=normalise_date(out.date))
    return out


@dataclass(frozen=True)
class MetadataChange:
    """One corrected field: its value as received, now, and the decision that made it so."""

    field: str
    received: str
    current: str
    decision: Decision


def metadata_changes(meta: DocumentMeta, state: Alignment) -> list[MetadataChange]:
    """Every field a live decision changed, with the latest decision on it (field order)."""
    latest: dict[str, Decision] = {}
    for decision in metadata_decisions(state):
        latest[decision.target] = decision
    now = effective_meta(meta, state)
    base = effective_meta(meta, None)
    return [MetadataChange(f.name, field_value(base, f.name), field_value(now, f.name), latest[f.name])
            for f in FIELDS if f.name in latest and field_value(base, f.name) != field_value(now, f.name)]


# ----------------------------------------------------------------------------------- the record


def snapshot(meta: DocumentMeta) -> dict[str, str]:
    """The values of a metadata record, as ``received.metadata`` keeps them (empty ones left out)."""
    return {f.name: field_value(meta, f.name) for f in FIELDS if field_value(meta, f.name)}


def received_values(meta: DocumentMeta) -> Mapping[str, str] | None:
    """What ``document.yaml`` recorded as received (``received.metadata``), or None for a file without."""
    recorded = (meta.received or {}).get("metadata")
    if not isinstance(recorded, Mapping):
        return None
    return {str(k): str(v) for k, v in recorded.items()}


@dataclass(frozen=True)
class HandEdit:
    """A field of ``document.yaml`` that differs from what was received, with no decision setting it."""

    field: str
    received: str
    current: str

    @property
    def message(self) -> str:
        """One line for validate and the export gate."""
        label = FIELDS_BY_NAME[self.field].label
        return (f"the {label} in document.yaml ({_quote(self.current)}) differs from what was received "
                f"({_quote(self.received)}) and no decision records why; undo the hand edit and record it with "
                f"'workbench decide-meta DOC {self.field} VALUE --reason …'")


def _quote(text: str) -> str:
    flat = text.replace("\n", " / ")
    return f"“{flat}”" if len(flat) <= 60 else f"“{flat[:59]}…”"


def hand_edits(meta: DocumentMeta, state: Alignment | None) -> list[HandEdit]:
    """Fields changed in ``document.yaml`` since it was received, no decision explaining them."""
    received = received_values(meta)
    if received is None:
        return []
    explained: dict[str, set[str]] = {}
    for decision in metadata_decisions(state) if state is not None else []:
        explained.setdefault(decision.target, set()).add(decision.after or "")
    out = []
    for f in FIELDS:
        current = field_value(meta, f.name)
        was = received.get(f.name, "")
        if current != was and current not in explained.get(f.name, set()):
            out.append(HandEdit(f.name, was, current))
    return out


# ----------------------------------------------------------------------------------------- dates


_MONTHS = {
    **{m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                   "september", "october", "november", "december"), start=1)},
    **{m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                   "dec"), start=1)},
    **{m: i for i, m in enumerate(("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
                                   "октябр", "ноябр", "декабр"), start=1)},
}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11,
          "XII": 12}
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+")


def _month(word: str) -> int | None:
    low = word.lower().rstrip(".")
    if low in _MONTHS:
        return _MONTHS[low]
    for stem, number in _MONTHS.items():
        if len(stem) >= 3 and not stem.isascii() and low.startswith(stem):
            return number
    return _MONTHS.get("ма") if low in ("мая", "май") else None


def normalise_date(text: str) -> str:
    """The ISO 8601 date of a date as printed, or '' when it cannot be read without guessing.

    Reads "July 26 [1920]", "26 July 1920", "26 июля 1920 г.", "24/7 [1920]", "30/VIII 1920" (a
    supplied year in brackets counts as the year); a year alone gives ``1920``, a month and year
    ``1920-07``.
    """
    flat = text.replace("[", " ").replace("]", " ")
    years = re.findall(r"\b(1[6-9]\d\d|20\d\d)\b", flat)
    if len(set(years)) != 1:
        return ""
    year = int(years[0])
    rest = re.sub(r"\b" + years[0] + r"\b", " ", flat)
    month = day = None
    slash = re.search(r"\b(\d{1,2})\s*[./]\s*(\d{1,2}|[IVX]{1,4})\b", rest)
    if slash:
        day = int(slash.group(1))
        raw = slash.group(2)
        month = int(raw) if raw.isdigit() else _ROMAN.get(raw)
    else:
        months = [m for m in (_month(w) for w in _WORD.findall(rest)) if m is not None]
        if len(months) == 1:
            month = months[0]
            days = re.findall(r"\b(\d{1,2})\b", rest)
            day = int(days[0]) if len(days) == 1 else None
        elif months:
            return str(year)
    if month is None or not 1 <= month <= 12:
        return str(year)
    if day is None or not 1 <= day <= 31:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{day:02d}"


def when_problem(value: str) -> str | None:
    """Why a value is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), or None when it is one."""
    match = _WHEN.match(value)
    if match is None:
        return f"{value!r} is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD"
    month = int(match.group(2) or 1)
    day = int(match.group(3) or 1)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return f"{value!r} is not a date"
    return None


# ------------------------------------------------------------------------------------- the frame


def text_frame(meta: DocumentMeta, state: Alignment) -> dict[str, tuple[str, ...]]:
    """Frame fields the English witness carries as paragraphs: field → the links that print it."""
    from workbench.core.export.build import paragraph_frame_roles  # the edition's own recognition

    groups: list[list[str]] = []
    last: int | None = None
    for seg in state.target_segments:
        if seg.witness_note is not None:
            continue
        if seg.paragraph != last:
            groups.append([])
            last = seg.paragraph
        groups[-1].append(seg.id)
    segs = state.segment_map()
    roles = paragraph_frame_roles(meta, [" ".join(segs[s].text for s in group) for group in groups])
    out: dict[str, list[str]] = {}
    for index, role in roles.items():
        field = FRAME_FIELDS.get(role)
        if field is None:
            continue
        for seg_id in groups[index]:
            owner = state.owner(seg_id)
            if owner is not None and owner.id not in out.setdefault(field, []):
                out[field].append(owner.id)
    return {k: tuple(v) for k, v in out.items()}


def changed_fields(decisions: Sequence[Decision]) -> set[str]:
    """The fields some metadata decisions touch."""
    return {d.target for d in decisions if d.action is Action.METADATA}


@dataclass(frozen=True)
class FieldRow:
    """One metadata field as the metadata views list it: its value as every format prints it, the value
    received, the latest decision that corrected it, and the links whose English prints it."""

    spec: MetaField
    value: str
    received: str
    decision: Decision | None
    printed_from: tuple[str, ...]


def field_rows(meta: DocumentMeta, state: Alignment | None) -> list[FieldRow]:
    """Every field of :data:`FIELDS`, in order (``state`` None: no alignment yet, nothing corrected)."""
    now = effective_meta(meta, state)
    received = received_values(meta) or {}
    frame = text_frame(meta, state) if state is not None else {}
    latest = {d.target: d for d in (metadata_decisions(state) if state is not None else [])}
    return [FieldRow(spec, field_value(now, spec.name), received.get(spec.name, field_value(meta, spec.name)),
                     latest.get(spec.name), frame.get(spec.name, ())) for spec in FIELDS]
