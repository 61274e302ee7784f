"""The shape of the founding sample: a web page of numbered documents, copied as plain text.

::

    <site header and collection title lines>
    No. 92                                  ← number
    Telegram from I. V. Stalin to …         ← title line
    July 26 [1920]                          ← date as printed
    Predrevsov[et] Trotsky,                 ← addressee line(s)
    Kharkov 26 July.                        ← place/date line
    <body paragraphs, one per line>
    Stalin.                                 ← signature
    RTSKHIDNI. F. 558. On. 1. D. 1868. …    ← archival reference
    Notes:
    1 Text in italics was crossed out …     ← notes, numbered (or not)

Lines are separated by blank lines; documents by a line holding a no-break space. The English
witness gets the addressee, place/date, body and signature as paragraphs, then the notes, with
note markers recognised (``[^n]``). Everything else goes to the metadata; the layout keeps the
glue, so :func:`render_document` gives back the received text byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from workbench.core.archival import parse_reference
from workbench.core.documents import (
    SOURCE_PENDING,
    DocumentMeta,
    VariantInfo,
    WitnessInfo,
    WitnessIssue,
    WitnessNoteInfo,
)
from workbench.core.errors import FormatError, Location
from workbench.core.markup import parse
from workbench.core.received.note_markers import find_markers, lost_marker_places, split_note_number
from workbench.core.received.paragraphs import split_paragraphs
from workbench.core.received.template import fill, literal
from workbench.core.received.textcodec import from_witness, to_witness

FORMAT = "bolshevik-web-text"
TARGET_SIGLUM = "en-mt"

_DOC_START = re.compile(r"^No\.\s*(\d+)\s*$", re.MULTILINE)
_REFERENCE = re.compile(r"^\s*(RT[SsHhKkIiDdNn]+|РЦХИДНИ|RGASPI|РГАСПИ|GARF|ГАРФ)\b")
_DATE_IN_LINE = re.compile(
    r"\b\d{1,2}/(?:\d{1,2}|[IVX]+)\b|\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b|\b(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?\b"
)
_ITALIC_NOTE = re.compile(r"\b(italics?|crossed out|struck out|deleted)\b", re.IGNORECASE)
HEADER_MAX = 80


@dataclass
class SeedDocument:
    """One imported document: metadata, the English witness text and its layout."""

    meta: DocumentMeta
    witness_text: str


@dataclass
class SeedCollection:
    """An imported collection: preamble fields and layout, and its documents in order."""

    fields: dict[str, str]
    layout: list[str]
    documents: list[SeedDocument] = field(default_factory=list)


def _blocks(lines: list[str]) -> list[tuple[int, str]]:
    """Non-blank lines with their line index."""
    return [(i, line) for i, line in enumerate(lines) if line.strip()]


def _parse_preamble(text: str) -> tuple[dict[str, str], list[str]]:
    lines = text.split("\n")
    fields: dict[str, str] = {}
    layout: list[str] = []
    for line in lines:
        stripped = line.strip("\u00a0 ")
        if stripped.startswith("Compiled by:"):
            fields["compilers"] = stripped[len("Compiled by:"):].strip()
            layout.append(line[: line.index("Compiled by:")] + "Compiled by: {compilers}"
                          + line[line.index(fields["compilers"]) + len(fields["compilers"]):])
        elif "Correspondence" in stripped and "title" not in fields and re.search(r"\d{4}", stripped):
            fields["title"] = stripped
            i = line.index(stripped)
            layout.append(literal(line[:i]) + "{title}" + literal(line[i + len(stripped):]))
        elif stripped.startswith("Collection of documents"):
            fields["edition"] = stripped
            i = line.index(stripped)
            layout.append(literal(line[:i]) + "{edition}" + literal(line[i + len(stripped):]))
        else:
            layout.append(literal(line))
    return fields, layout


def parse_collection(text: str, collection: str, path: str = "") -> SeedCollection:
    """Split a received file into documents; ``FormatError`` names the line when its shape is wrong."""
    starts = list(_DOC_START.finditer(text))
    if not starts:
        raise FormatError("no document found: expected lines like 'No. 91' starting each document",
                          Location(path, 1, 1))
    preamble_text = text[: starts[0].start()]
    fields, layout = _parse_preamble(preamble_text)
    edition = " ".join(x for x in (fields.get("title", ""), fields.get("edition", "")) if x)
    if fields.get("compilers"):
        edition += f" Compiled by: {fields['compilers']}"
    result = SeedCollection(fields, layout)
    seen: set[str] = set()
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        chunk = text[match.start():end]
        first_line = text.count("\n", 0, match.start()) + 1
        number = match.group(1)
        doc_id = number.zfill(3)
        if doc_id in seen:
            raise FormatError(f"document No. {number} appears twice", Location(path, first_line, 1))
        seen.add(doc_id)
        result.documents.append(_parse_document(chunk, collection, doc_id, number, edition.strip(),
                                                path, first_line))
    return result


def _parse_document(chunk: str, collection: str, doc_id: str, number: str, edition: str, path: str,
                    first_line: int) -> SeedDocument:
    lines = chunk.split("\n")
    blocks = _blocks(lines)

    def fail(message: str, line_index: int) -> FormatError:
        return FormatError(f"No. {number}: {message}", Location(path, first_line + line_index, 1))

    # separator lines (a no-break space) at the end are glue
    while blocks and not blocks[-1][1].strip("\u00a0 \t"):
        blocks.pop()
    if len(blocks) < 4:
        raise fail("too short: expected number, title, date and text", 0)
    roles: dict[int, str] = {}
    number_line = lines[blocks[0][0]]
    roles[blocks[0][0]] = "No. {number}" if number_line == f"No. {number}" else literal(number_line)
    title_i, title = blocks[1]
    date_i, date = blocks[2]
    roles[title_i] = "{title}"
    roles[date_i] = "{date}"
    ref_pos = next((k for k, (_, line) in enumerate(blocks) if _REFERENCE.match(line)), None)
    if ref_pos is None:
        raise fail("no archival reference line (RTSKHIDNI …) found", blocks[-1][0])
    ref_i, reference = blocks[ref_pos]
    roles[ref_i] = "{reference}"
    if ref_pos < 5:
        raise fail("expected a signature and the text before the archival reference", ref_i)
    sig_i, signature = blocks[ref_pos - 1]
    text_blocks = blocks[3:ref_pos - 1]
    header: list[tuple[int, str]] = []
    for i, line in text_blocks:
        if len(line) > HEADER_MAX or header and len(header) == len(text_blocks) - 1:
            break
        header.append((i, line))
    body = text_blocks[len(header):]
    if not body:
        raise fail("no body text found before the signature", sig_i)
    addressee = [line for _, line in header if not _DATE_IN_LINE.search(line)]
    place = [line for _, line in header if _DATE_IN_LINE.search(line)]

    # notes
    after = blocks[ref_pos + 1:]
    note_paras: list[tuple[int, str]] = []
    if after:
        head_i, head = after[0]
        if head.strip().rstrip(":").lower() != "notes":
            raise fail(f"expected 'Notes:' after the archival reference, found {head[:40]!r}", head_i)
        roles[head_i] = literal(head)
        note_paras = after[1:]

    witness_paras = header + body + [(sig_i, signature)]
    para_texts = [line for _, line in witness_paras]

    # note numbers: present, inferred (the next number, when the body has its marker), continuation
    numbered = [split_note_number(text) for _, text in note_paras]
    present_labels = [n for n, _, _ in numbered if n]
    max_label = max([int(x) for x in present_labels] + [len(note_paras)]) if note_paras else 0
    probe = find_markers(para_texts, [str(n) for n in range(1, max_label + 1)])
    probed = {hit.label for hit in probe}
    notes: list[dict[str, object]] = []
    note_of_para: list[tuple[str, bool]] = []  # (label, starts a note)
    prefixes: list[str] = []
    for k, (num, prefix, _) in enumerate(numbered):
        later = {n for n, _, _ in numbered[k + 1:] if n}
        if num:
            label, starts = num, True
            notes.append({"label": num, "number": "present"})
        else:
            candidate = str(int(str(notes[-1]["label"])) + 1) if notes else "1"
            if not notes or (candidate not in later and candidate in probed):
                label, starts = candidate, True
                notes.append({"label": candidate, "number": "inferred"})
            else:
                label, starts = str(notes[-1]["label"]), False
        note_of_para.append((label, starts))
        prefixes.append(prefix)
    labels = [str(n["label"]) for n in notes]
    hits = find_markers(para_texts, labels) if labels else []
    hit_by_label = {h.label: h for h in hits}

    # witness text: paragraphs with markers, then notes
    marker_records: list[dict[str, str]] = []
    witness_paragraphs: list[str] = []
    for p, text in enumerate(para_texts):
        pieces: list[str] = []
        pos = 0
        for hit in sorted((h for h in hits if h.paragraph == p), key=lambda h: h.start):
            pieces.append(to_witness(text[pos:hit.start]))
            pieces.append(hit.markup)
            marker_records.append({"witness": hit.markup, "received": hit.received})
            pos = hit.end
        pieces.append(to_witness(text[pos:]))
        witness_paragraphs.append("".join(pieces))
    note_texts: list[str] = []
    for (label, starts), (_, _, text) in zip(note_of_para, numbered, strict=True):
        body_text = to_witness(text)
        note_texts.append(f"[^{label}]: {body_text}" if starts else body_text)
    witness = "\n\n".join(witness_paragraphs) + "\n"
    if note_texts:
        witness += "\n" + "\n\n".join(note_texts) + "\n"
    parse(witness)  # the importer's own output must be valid markup

    # layout: one template per line of the chunk
    for k, (i, _) in enumerate(witness_paras):
        roles[i] = f"{{p:{k}}}"
    for k, (i, _) in enumerate(note_paras):
        roles[i] = f"{{n:{k}}}"
    layout = [roles.get(i, literal(line)) for i, line in enumerate(lines)]

    note_infos: list[WitnessNoteInfo] = []
    issues: list[WitnessIssue] = []
    variants: list[VariantInfo] = []
    body_joined = "\n".join(para_texts)
    for note in notes:
        label = str(note["label"])
        found = hit_by_label.get(label)
        note_infos.append(
            WitnessNoteInfo(
                label=label,
                number=str(note["number"]),
                marker="found" if found else "missing",
                certainty=found.certainty if found else None,
                context=found.context if found else "",
            )
        )
        if note["number"] == "inferred":
            issues.append(WitnessIssue("note-number-missing",
                                       f"note {label} has no number in this witness; the number was inferred",
                                       label))
        if not found:
            issues.append(WitnessIssue("note-marker-missing",
                                       f"note {label} has no marker in the body of this witness",
                                       label, tuple(lost_marker_places(body_joined))))
    for (label, starts), (_, _, text) in zip(note_of_para, numbered, strict=True):
        if starts and _ITALIC_NOTE.search(text) and "*" not in witness and "~~" not in witness:
            variants.append(
                VariantInfo(
                    id=f"V{len(variants) + 1}",
                    kind="struck-passage",
                    status="unresolved",
                    witness=TARGET_SIGLUM,
                    witness_note=label,
                    description=(
                        f"Note {label} says a passage in italics was crossed out in the original; this "
                        "witness lost the italics, so the words are unknown. Mark them from the printed "
                        "edition or the autograph; nothing is guessed."
                    ),
                )
            )

    meta = DocumentMeta(
        collection=collection,
        id=doc_id,
        title=title,
        number=number,
        date=date,
        place_date="\n".join(place),
        addressee="\n".join(addressee),
        signature=signature,
        archival_reference=parse_reference(reference),
        source_edition=edition,
        source=SOURCE_PENDING,
        target=TARGET_SIGLUM,
        witnesses=(
            WitnessInfo(
                siglum=TARGET_SIGLUM,
                language="en",
                role="target",
                description="English machine translation as received (rough; footnote markers flattened)",
                provenance="web copy of Bolshevik Leadership. Correspondence 1912–1927 (Moscow, 1996)",
            ),
        ),
        notes=tuple(note_infos),
        variants=tuple(variants),
        issues=tuple(issues),
        received={
            "format": FORMAT,
            "layout": layout,
            "markers": marker_records,
            "note_prefixes": prefixes,
        },
    )
    return SeedDocument(meta, witness)


# ------------------------------------------------------------------------------------------ export


def witness_paragraphs(witness_text: str) -> tuple[list[str], list[str]]:
    """Body paragraphs and note paragraphs (first paragraphs without their ``[^n]: `` head)."""
    first = re.search(r"^\[\^[^\]\s]+\]:", witness_text, re.MULTILINE)
    notes_text = witness_text[first.start():].strip("\n") if first else ""
    note_paras = [re.sub(r"^\[\^[^\]\s]+\]: ?", "", chunk) for chunk in notes_text.split("\n\n")] if notes_text else []
    return split_paragraphs(witness_text), note_paras


def _items(value: object) -> list[object]:
    """A list recorded in ``received`` (anything else reads as empty: the metadata was validated)."""
    return list(value) if isinstance(value, list | tuple) else []


def render_document(meta: DocumentMeta, witness_text: str) -> str:
    """The received text of one document, from its metadata and English witness."""
    received = meta.received
    if received.get("format") != FORMAT:
        raise FormatError(f"{meta.address} was not imported from the {FORMAT} shape")
    markers = [dict(m) for m in _items(received.get("markers")) if isinstance(m, Mapping)]
    body_paras, note_paras = witness_paragraphs(witness_text)
    restored = [_restore_markers(para, markers) for para in body_paras]
    if markers:
        raise FormatError(f"{meta.address}: note marker {markers[0]['witness']!r} is missing from the witness")
    prefixes = [str(p) for p in _items(received.get("note_prefixes"))]
    fields = {
        "number": meta.number,
        "title": meta.title,
        "date": meta.date,
        "reference": meta.archival_reference.text if meta.archival_reference else "",
    }

    def note(k: int) -> str:
        if k >= len(note_paras) or k >= len(prefixes):
            raise FormatError(f"{meta.address}: the layout names note paragraph {k}, the witness has "
                              f"{len(note_paras)}")
        return prefixes[k] + from_witness(note_paras[k])

    def para(k: int) -> str:
        if k >= len(restored):
            raise FormatError(f"{meta.address}: the layout names paragraph {k}, the witness has {len(restored)}")
        return restored[k]

    layout = [str(line) for line in _items(received.get("layout"))]
    return "\n".join(fill(line, fields, {"p": para, "n": note}) for line in layout)


def _restore_markers(para: str, queue: list[dict[str, str]]) -> str:
    """Received text of a witness paragraph: unescaped, with the recorded markers put back."""
    pos = 0
    pieces = []
    while queue:
        form = queue[0]["witness"]
        at = para.find(form, pos)
        if at < 0:
            break
        pieces.append(from_witness(para[pos:at]))
        pieces.append(queue.pop(0)["received"])
        pos = at + len(form)
    pieces.append(from_witness(para[pos:]))
    return "".join(pieces)


def render_collection(fields: dict[str, str], layout: list[str], documents: list[str]) -> str:
    """The whole received file: the preamble, then each document's text."""
    preamble = "\n".join(fill(line, fields, {}) for line in layout)
    return preamble + "".join(documents)
