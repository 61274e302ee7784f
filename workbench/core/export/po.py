"""gettext PO for translators who work in Poedit or Weblate: one entry per link.

* ``msgctxt`` is ``COLLECTION/DOC/LINK``; ``msgid`` the source and ``msgstr`` the edited English,
  both in transcription markup (so ``[^2]`` or ``~~…~~`` come back as they went out).
* Links that are not confirmed are ``fuzzy`` (PO has no other review state; the real status is
  in a ``#.`` line). Editors' notes are translator comments (``#``); the MT English when it was
  edited, QA findings and the export stamp are extracted comments (``#.``).
* References (``#:``) give witness and segment: ``ru-un:s3 en-un:t2``.
* The stamp ``<link hash>.<entry hash>`` hashes the link as exported and the entry as exported
  (msgstr, fuzzy, translator comment), so an import can tell whether the translator changed the
  entry and whether the link changed in the project since.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import polib

from workbench import __version__
from workbench.core.export.linktexts import LinkTexts
from workbench.core.models import Alignment, Status

STAMP_PREFIX = "workbench-stamp: "
STATUS_PREFIX = "status: "
MT_PREFIX = "MT: "
QA_PREFIX = "QA: "


def normal(text: str) -> str:
    """Whitespace-normalised text, the form edits are stored in."""
    return " ".join(text.split())


def _hash(parts: tuple[str, ...], size: int) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:size]


def stamp(document: str, item: LinkTexts, english: str | None = None) -> str:
    """A short hash of a link as it is in the project: segments, status, source and English
    (``english``: the English already normalised, when the caller has it)."""
    link = item.link
    return _hash((document, link.id, " ".join(link.source), " ".join(link.target), link.status.value,
                  normal(item.source), normal(item.english) if english is None else english), 16)


def entry_hash(msgstr: str, fuzzy: bool, tcomment: str) -> str:
    """A short hash of what a translator can change in an entry: msgstr, fuzzy, translator comment."""
    comment = "\n".join(normal(x) for x in tcomment.splitlines()) if tcomment else ""
    return _hash((normal(msgstr), "fuzzy" if fuzzy else "", comment), 12)


def full_stamp(document: str, item: LinkTexts) -> str:
    """The stamp written into an entry: ``<link hash>.<entry hash>``."""
    english = normal(item.english)
    return (f"{stamp(document, item, english)}."
            f"{entry_hash(english, is_fuzzy(item.link.status), translator_comment(item))}")


def split_stamp(value: str | None) -> tuple[str, str] | None:
    """``<link hash>.<entry hash>`` → its two parts; None when malformed."""
    head, sep, tail = (value or "").partition(".")
    return (head, tail) if sep and head and tail else None


def context(document: str, link_id: str) -> str:
    """``msgctxt`` of a link."""
    return f"{document}/{link_id}"


def split_context(msgctxt: str) -> tuple[str, str] | None:
    """``COLLECTION/DOC/LINK`` → (``COLLECTION/DOC``, ``LINK``), or None when it is not one of ours."""
    head, sep, link = (msgctxt or "").rpartition("/")
    if not sep or head.count("/") != 1 or not link:
        return None
    return head, link


def is_fuzzy(status: Status) -> bool:
    """Everything not confirmed is exported fuzzy."""
    return status is not Status.CONFIRMED


def translator_comment(item: LinkTexts) -> str:
    """Editors' notes on the link, one per line, as ``author: note``."""
    return "\n".join(f"{n.author}: {normal(n.note or '')}" for n in item.comments)


def _po_date(iso: str) -> str:
    # gettext's form: 2025-03-01 10:20+0000
    return f"{iso[:10]} {iso[11:16]}+0000" if len(iso) >= 16 else iso


class _Entry(polib.POEntry):  # type: ignore[misc]
    """A polib entry that writes itself faster in the common case.

    polib's writer spends ~30 µs per entry (most of a 50,000-link export) on wrapping checks it
    does not need here (the file is written unwrapped). For an entry whose strings are single lines
    and that has no plural or previous fields, the same bytes are produced directly; anything else
    goes to polib. ``tests/test_export_validate.py`` checks both give identical text.
    """

    def __unicode__(self, wrapwidth: int = 78) -> str:
        fields = (self.msgctxt or "", self.msgid, self.msgstr)
        if (wrapwidth or self.obsolete or self.msgid_plural or self.msgstr_plural or self.previous_msgctxt
                or self.previous_msgid or self.previous_msgid_plural or self.msgctxt is None
                or any(len(f.splitlines()) > 1 for f in fields)):
            return str(super().__unicode__(wrapwidth))
        lines = [f"# {c}" for c in self.tcomment.split("\n")] if self.tcomment else []
        if self.comment:
            lines += [f"#. {c}" for c in self.comment.split("\n")]
        if self.occurrences:
            lines.append("#: " + " ".join(f"{f}:{n}" if n else f for f, n in self.occurrences))
        if self.flags:
            lines.append("#, " + ", ".join(self.flags))
        lines += [f'msgctxt "{polib.escape(self.msgctxt)}"', f'msgid "{polib.escape(self.msgid)}"',
                  f'msgstr "{polib.escape(self.msgstr)}"', ""]
        return "\n".join(lines)


def po_entry(document: str, item: LinkTexts, source_siglum: str, target_siglum: str,
             qa: Sequence[str] = ()) -> polib.POEntry:
    """The PO entry of one link (the link must have a source text)."""
    link = item.link
    extracted = [STAMP_PREFIX + full_stamp(document, item), STATUS_PREFIX + link.status.value]
    if item.english != item.mt:
        mt = normal(item.mt)
        if mt != normal(item.english):
            extracted.append(MT_PREFIX + mt)
    extracted += [QA_PREFIX + normal(q) for q in qa]
    refs = [(source_siglum, s) for s in link.source] + [(target_siglum, t) for t in link.target]
    return _Entry(msgctxt=context(document, link.id), msgid=item.source, msgstr=item.english,
                  comment="\n".join(extracted), tcomment=translator_comment(item), occurrences=refs,
                  flags=["fuzzy"] if is_fuzzy(link.status) else [])


def render_po(document: str, state: Alignment, items: list[LinkTexts], now: str, *, title: str = "",
              qa: Mapping[str, Sequence[str]] | None = None, draft: bool = False) -> tuple[str, int]:
    """The PO file of one document and how many links it left out (no source text); a ``draft``
    (``export --draft`` of a document the publication gate would refuse) says so in its header."""
    if state.source is None:
        raise ValueError("a PO file needs the source witness")  # callers skip pending documents first
    po = polib.POFile(wrapwidth=0)  # no wrapping: one line per string, and textwrap is slow
    last = state.decisions[-1] if state.decisions else None
    po.metadata = {
        "Project-Id-Version": f"{document} (workbench {__version__})",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": _po_date(now),
        "PO-Revision-Date": _po_date(last.time if last else now),
        "Last-Translator": last.author if last else "workbench",
        "Language-Team": state.target.language,
        "Language": state.target.language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
        "X-Generator": f"workbench {__version__}",
        "X-Workbench-Document": document,
        "X-Workbench-Revision": str(state.revision),
        "X-Workbench-Source": f"{state.source.siglum} ({state.source.language})",
        "X-Workbench-Target": f"{state.target.siglum} ({state.target.language})",
    }
    if draft:
        po.metadata["X-Workbench-Draft"] = "yes"
    if title:
        po.header = f"{title}\nExported by workbench {__version__}; import back with 'workbench import-po FILE'."
    skipped = 0
    for item in items:
        if not item.source:
            skipped += 1
            continue
        po.append(po_entry(document, item, state.source.siglum, state.target.siglum,
                           (qa or {}).get(item.link.id, ())))
    return str(po) + "\n", skipped
