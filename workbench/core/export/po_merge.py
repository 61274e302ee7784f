"""Bringing a translator's PO file back: which entries become which decisions, and which conflict.

Per entry (matched to its link by ``msgctxt``):

* the translator did not change it (its entry hash holds) → nothing, even if the link moved on in
  the project (the next export carries the new state);
* the link is gone, or it changed in the project since the export (its link hash differs) while
  the entry says something else than the project now does → **conflict**: reported, not applied;
* ``msgstr`` differs from the English the entry was exported with → an ``edit`` decision;
* ``fuzzy`` cleared on a link that is not confirmed → ``confirm``; set on a confirmed one →
  ``unconfirm``;
* translator comment lines that were not in the export → a ``note`` decision;
* a ``msgid`` that differs from the source of a link that did not change since the export → the
  whole file is refused (``FormatError``): the translator edited the source text.

Decisions are made one after another against the state they produce, so each ``before`` holds
when the store applies them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core import decide
from workbench.core.actions import Action
from workbench.core.decisions import DEFAULT_CLOCK, Clock, apply
from workbench.core.edits import distribute
from workbench.core.errors import FormatError, Location, WorkbenchError
from workbench.core.export.linktexts import LinkTexts, link_texts
from workbench.core.export.po import (
    STAMP_PREFIX,
    entry_hash,
    is_fuzzy,
    normal,
    split_stamp,
    stamp,
    translator_comment,
)
from workbench.core.models import Alignment, Decision, Status
from workbench.core.safe_values import control_problem


@dataclass(frozen=True)
class IncomingEntry:
    """What the importer read from one PO entry (independent of the PO library)."""

    document: str
    link: str
    msgstr: str
    fuzzy: bool
    stamp: str | None
    tcomment: str = ""
    line: int | None = None
    msgid: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What one entry leads to: ``kind`` is edit, confirm, unconfirm, comment or conflict.

    ``before``/``after`` show the change for ``--dry-run``; ``decision`` is what would be recorded."""

    document: str
    link: str
    kind: str
    message: str
    before: str = ""
    after: str = ""
    decision: Decision | None = None
    line: int | None = None


@dataclass
class Plan:
    """The outcomes for one document and the state they lead to."""

    document: str
    outcomes: list[Outcome] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # unchanged entries whose link moved on since

    @property
    def decisions(self) -> list[Decision]:
        """The decisions to record, in order."""
        return [o.decision for o in self.outcomes if o.decision is not None]

    @property
    def conflicts(self) -> list[Outcome]:
        """Entries refused."""
        return [o for o in self.outcomes if o.kind == "conflict"]


def _agrees(entry: IncomingEntry, item: LinkTexts) -> bool:
    return normal(entry.msgstr) == normal(item.english) and entry.fuzzy == is_fuzzy(item.link.status)


def _new_comment_lines(entry: IncomingEntry, item: LinkTexts) -> list[str]:
    exported = {normal(x) for x in translator_comment(item).splitlines()}
    return [normal(x) for x in entry.tcomment.splitlines() if normal(x) and normal(x) not in exported]


def plan_entries(state: Alignment, entries: list[IncomingEntry], author: str,
                 clock: Clock = DEFAULT_CLOCK) -> Plan:
    """The decisions and conflicts that bringing back ``entries`` (all of one document) amounts to."""
    plan = Plan(state.document)
    texts = {t.link.id: t for t in link_texts(state)}
    for entry in entries:
        item = texts.get(entry.link)
        parts = split_stamp(entry.stamp)
        _check_msgid(state, entry, item, parts)
        _check_controls(entry, item)
        if parts is None:
            conflict: str | None = (f"entry for {entry.link} carries no valid '{STAMP_PREFIX.strip()}' comment; "
                                    "export the PO file again")
        elif parts[1] == entry_hash(entry.msgstr, entry.fuzzy, entry.tcomment):
            if item is None or parts[0] != stamp(state.document, item):
                plan.stale.append(entry.link)
            continue  # the translator left it as exported
        elif item is None:
            conflict = f"link {entry.link} no longer exists in {state.document} (the alignment changed)"
        elif parts[0] != stamp(state.document, item):
            if _agrees(entry, item):
                continue  # changed on both sides to the same thing
            conflict = (f"link {entry.link} changed in the project since the export (now {item.link.status.value}: "
                        f"“{normal(item.english)[:60]}”); the entry was not applied")
        else:
            conflict = None
        if conflict is not None or item is None:
            plan.outcomes.append(Outcome(state.document, entry.link, "conflict", conflict or "", line=entry.line))
            continue
        try:
            state = _plan_one(state, entry, item, author, clock, plan)
        except WorkbenchError as err:
            plan.outcomes.append(Outcome(state.document, entry.link, "conflict", err.message, line=entry.line))
    return plan


def _check_msgid(state: Alignment, entry: IncomingEntry, item: LinkTexts | None,
                 parts: tuple[str, str] | None) -> None:
    """The msgid is the source text as exported, for reading only. While the link is as it was exported
    (its stamp holds), the source is too, so a different msgid was edited in the PO file: refused, since
    the workbench would otherwise apply the msgstr to a source the translator did not see."""
    if entry.msgid is None or item is None or parts is None or parts[0] != stamp(state.document, item):
        return
    if normal(entry.msgid) != normal(item.source):
        raise FormatError(f"the msgid of {entry.link} was changed in the PO file; msgid is the source text and "
                          "must stay as exported (change msgstr only)", Location(None, entry.line))


def _check_controls(entry: IncomingEntry, item: LinkTexts | None) -> None:
    """A control character the translator brings in (``ESC [31m`` in a msgstr or a new comment line) is
    refused with the entry's line. Only what would be recorded is checked, after the whitespace
    normalisation an edit gets: a witness's own NEL or form feed, exported and sent back unchanged, is
    not the translator's doing (and becomes a space in an edit)."""
    changed = [("msgstr", normal(entry.msgstr))] if item is None or normal(entry.msgstr) != normal(item.english) else []
    if item is not None:
        changed += [("a translator comment", line) for line in _new_comment_lines(entry, item)]
    for what, value in changed:
        problem = control_problem(value)
        if problem is not None:
            raise FormatError(f"{what} of {entry.link} {problem}", Location(None, entry.line))


def _record(state: Alignment, plan: Plan, outcome: Outcome) -> Alignment:
    plan.outcomes.append(outcome)
    assert outcome.decision is not None
    return apply(state, outcome.decision)


def _plan_one(state: Alignment, entry: IncomingEntry, item: LinkTexts, author: str, clock: Clock,
              plan: Plan) -> Alignment:
    link = item.link
    doc = state.document
    if normal(entry.msgstr) != normal(item.english):
        decision = decide.edit(state, link.id, distribute(entry.msgstr, len(link.target), state.target.language),
                               author, reason="po-import", clock=clock)
        state = _record(state, plan, Outcome(doc, link.id, "edit", "msgstr changed", normal(item.english),
                                             normal(entry.msgstr), decision, entry.line))
    if entry.fuzzy != is_fuzzy(link.status):
        action = Action.UNCONFIRM if entry.fuzzy else Action.CONFIRM
        decision = decide.set_status(state, link.id, action, author, reason="po-import", clock=clock)
        after = Status.AUTO.value if entry.fuzzy else Status.CONFIRMED.value
        change = "fuzzy " + ("set" if entry.fuzzy else "cleared")
        state = _record(state, plan, Outcome(doc, link.id, action.value, change, link.status.value, after, decision,
                                             entry.line))
    added = _new_comment_lines(entry, item)
    if added:
        decision = decide.comment(state, link.id, " ".join(added), author, reason="po-import", clock=clock)
        state = _record(state, plan, Outcome(doc, link.id, "comment", "translator comment added", "", " ".join(added),
                                             decision, entry.line))
    return state
