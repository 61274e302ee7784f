"""One entry point per document and format: build the edition, render it, list what is lost.

``docx`` is rendered by the storage layer (python-docx writes a package); here it gets its
edition and loss report like the others.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from workbench.core.export.build import ApparatusResult, ExportDocument, build_raw, publication_view
from workbench.core.export.html import render_html
from workbench.core.export.linktexts import LinkTexts, link_texts
from workbench.core.export.loss import LossItem
from workbench.core.export.markdown import render_markdown
from workbench.core.export.model import Edition
from workbench.core.export.plaintext import render_text
from workbench.core.export.po import render_po
from workbench.core.export.policy import apply_policy, check_policy
from workbench.core.export.style import DEFAULT_STYLE, HouseStyle
from workbench.core.export.tei import render_tei
from workbench.core.export.text_view import READING, apply_view, check_view
from workbench.core.export.tmx import confirmed, render_tmx
from workbench.core.metadata import effective_meta
from workbench.core.models import Status

FORMATS = ("md", "html", "docx", "txt", "tei", "tmx", "po")
EXTENSIONS = {"md": ".md", "html": ".html", "docx": ".docx", "txt": ".txt", "tei": ".xml", "tmx": ".tmx",
              "po": ".po"}
NEEDS_SOURCE = frozenset({"tmx", "po"})


@dataclass(frozen=True)
class Prepared:
    """One document ready to write in one format.

    ``text`` is the file's content (``None`` for docx, which storage renders from ``edition``, and
    for a skipped document, when ``skipped`` says why). ``units`` counts what the file holds:
    translation units (tmx), entries (po) or segments."""

    document: str
    format: str
    text: str | None
    edition: Edition | None
    units: int
    losses: tuple[LossItem, ...]
    skipped: str | None = None


class EditionCache:
    """One document's editions, built once per export run and shared by every format."""

    def __init__(self, doc: ExportDocument, policy: str, view: str = READING, *, draft: bool = False,
                 style: HouseStyle = DEFAULT_STYLE) -> None:
        self.doc = doc
        self.policy = policy
        self.view = check_view(view)
        self.draft = draft
        self.style = style
        self._raw: tuple[Edition, ApparatusResult | None] | None = None
        self._published: Edition | None = None
        self._links: list[LinkTexts] | None = None

    def raw(self) -> Edition:
        """The edition as TEI encodes it (struck text kept, apparatus apart, with the source)."""
        if self._raw is None:
            raw, result = build_raw(self.doc, default_policy=self.policy, style=self.style)
            self._raw = (replace(raw, draft=self.draft), result)
        return self._raw[0]

    def published(self) -> Edition:
        """The edition for reading, struck text rewritten under the policy."""
        if self._published is None:
            raw = self.raw()
            assert self._raw is not None
            self._published = apply_view(apply_policy(publication_view(raw, self._raw[1]), self.doc.state,
                                                      self.policy), self.view)
        return self._published

    def links(self) -> list[LinkTexts]:
        """Per-link texts (markup and as published), notes and latest decision: what PO and TMX carry."""
        if self._links is None:
            ed = self.published()
            self._links = link_texts(self.doc.state, ed.english, ed.source)
        return self._links


def check_formats(value: str) -> list[str]:
    """``md,tei`` or ``all`` → format names; ``ValueError`` names an unknown one."""
    names = list(FORMATS) if value.strip() == "all" else [v.strip() for v in value.split(",") if v.strip()]
    for name in names:
        if name not in FORMATS:
            raise ValueError(f"unknown format {name!r}: use {', '.join(FORMATS)} or all")
    return list(dict.fromkeys(names))


def _edition_losses(fmt: str, doc: ExportDocument, ed: Edition) -> list[LossItem]:
    return [LossItem(fmt, doc.address, f) for f in ed.findings]


def _count(doc: ExportDocument, status: Status) -> int:
    return sum(1 for lk in doc.state.links if lk.status is status)


def prepare(fmt: str, doc: ExportDocument, policy: str, now: str,
            qa: Mapping[str, Sequence[str]] | None = None, cache: EditionCache | None = None,
            view: str = READING) -> Prepared:
    """Render one document in one format (``now``: ISO 8601 UTC, stamped into PO and TMX headers);
    ``view`` is the reading or the diplomatic text (``export/text_view.py``) for md, html, docx, txt.

    Pass the same ``cache`` for every format of a run so the edition is built once."""
    check_policy(policy)
    if cache is None or cache.doc is not doc or cache.policy != policy or cache.view != view:
        cache = EditionCache(doc, policy, view)
    address = doc.address
    state = doc.state
    if fmt in NEEDS_SOURCE and state.source is None:
        why = f"skipped: {fmt} needs the source text, and the source witness is pending"
        return Prepared(address, fmt, None, None, 0, (LossItem(fmt, address, why),), why)
    if fmt == "po":
        items = cache.links()
        text: str | None
        text, skipped = render_po(address, state, items, now, title=cache.raw().title, qa=qa, draft=cache.draft)
        losses = []
        for status in (Status.REJECTED, Status.FLAGGED):
            n = _count(doc, status)
            if n:
                losses.append(LossItem(fmt, address, f"{n} {status.value} link(s) exported as fuzzy"))
        if skipped:
            losses.append(LossItem(fmt, address, f"{skipped} link(s) without source text (0-1) left out"))
        return Prepared(address, fmt, text, None, len(items) - skipped, tuple(losses))
    if fmt == "tei":
        ed = cache.raw()
        losses = _edition_losses(fmt, doc, ed)
        if ed.source is None:
            losses.append(LossItem(fmt, address, "the source half is left out: the source witness is pending"))
        text = render_tei(ed, effective_meta(doc.meta, state), state, policy)
        return Prepared(address, fmt, text, ed, len(state.target_segments), tuple(losses))
    ed = cache.published()
    if fmt == "tmx":
        assert state.source is not None
        items = cache.links()
        kept = confirmed(items)
        losses = [LossItem(fmt, address, f"{len(items) - len(kept)} of {len(items)} link(s) not written "
                           "(not confirmed, or empty on one side)")] if len(kept) < len(items) else []
        text = render_tmx(address, state.source.language, state.target.language, items, now)
        return Prepared(address, fmt, text, ed, len(kept), tuple(losses))
    losses = _edition_losses(fmt, doc, ed)
    renderers = {"md": render_markdown, "html": render_html, "txt": render_text}
    text = renderers[fmt](ed) if fmt in renderers else None
    return Prepared(address, fmt, text, ed, len(state.target_segments), tuple(losses))
