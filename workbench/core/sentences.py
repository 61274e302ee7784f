"""Sentence segmentation of one paragraph into character spans.

A witness paragraph is cut into sentences by a statistical/rule splitter (razdel for Russian,
sentencex for English and the other languages it has rules for, a small regex otherwise), and a
rule layer then corrects the splitter for the material of an archival edition. Segments are
*spans* into the original text, never rewritten strings, so a segment's id and span stay valid
against the witness file byte for byte.

Policies (the labelling conventions of ``tests/data/segmentation/README.md`` follow them):

* **A boundary needs sentence-final punctuation** (``. ! ? …`` possibly followed by closing quotes
  or brackets). An editorial omission ``[...]`` is not a terminator, and a footnote number glued to
  the next word (``questions 1We``) is not split: the editor fixes the witness, not the splitter.
* **Quotations are split like running text, in every language.** razdel splits inside ``«…»``,
  sentencex never splits inside ``“…”``; mixed, a quoted telegram of five sentences would be five
  Russian segments against one English segment, a 5-1 bead. We chose splitting over
  never-splitting because machine-translated English often loses one of the quotation marks (the
  seed's No. 99, note 1, has only the closing ``”``), and a "never split inside quotes" rule would
  then swallow the rest of the paragraph on one side only. For sentencex the rule layer therefore
  adds candidate boundaries inside balanced quotation marks, which then pass the same checks as
  every other boundary.
* **No boundary inside balanced parentheses or square brackets.** In this material they hold
  citations (``(Ibid. F. 17. Op 3. D. 99. L. 1, 4-9)``, ``(см.: Ленин В. И. ПСС. Т. 51. С. 247)``),
  editorial attributions (``(Кавказского фронта. — Сост.)``) and short asides; a parenthesised
  citation standing after a full stop (``… Western Front. (From the history … Vol. 3, pp. 350,
  351).``) also stays with the sentence it cites.
* **An archival reference line is one segment**, description included:
  ``RTSKHIDNI. F. 558. On. 1. D. 1868. L. 2-4. Autograph.`` and
  ``РЦХИДНИ. Ф. 558. Оп. 1. Д. 5551. Л. 3–4. Автограф.`` align as one unit with each other; cutting
  off ``Autograph.`` would only create 1-2 beads where translators reorder or drop the word.
* Initials (``V. I. Lenin``, ``S.S. Kamenev``, ``К. Е. Ворошилову``, ``I. STALIN.``), reference
  fields (``F.``, ``On.``/``Op.``, ``D.``, ``L.``, ``T.``, ``P.``, ``S.``, ``No.``, ``vol.``, ``pp.``,
  ``Ф.``, ``Оп.``, ``Д.``, ``Л.``, ``Т.``, ``С.``, ``№``), places of publication (``M., 1974``,
  ``Ереван, 1957``) and abbreviations that cannot end a sentence (``тов.``, ``т.``, ``т. е.``,
  ``см.``, ``Экз.``, ``Ex.``, ``2 авг. 1920 г.``) never end a segment. Abbreviations that *can* end
  one (``и т. д.``, ``и др.``, ``г.``, ``etc.``) end it only when the next word is capitalised,
  because a lowercase continuation always re-joins.
* A note number at the start of a paragraph (``1 . On July 27…``) belongs to the first sentence; a
  piece of bare punctuation (``Kamenev. .``) to the sentence before; an ellipsis standing after a
  full stop (``remember. … I came``) stays with the sentence it trails, as ``помню…`` does.

The rules were written while looking at the seed and the gold passages, so the gold-set scores in
``docs/benchmarks.md`` are optimistic; known misses are listed there.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata

import razdel
import sentencex

from workbench.core.lines import split_lines

__all__ = [
    "SEGMENTER_VERSION",
    "BoundaryScore",
    "Span",
    "parse_gold",
    "score_boundaries",
    "split_sentences",
    "splitter_spans",
]

Span = tuple[int, int]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:  # pragma: no cover - both are hard dependencies
        return "unknown"


#: Recorded in alignment files: a change of rules or of a splitter's version can move boundaries,
#: so stored segment spans are only comparable under the same value. Bump the leading
#: ``sentences-N`` whenever the rule layer changes behaviour.
SEGMENTER_VERSION = f"sentences-1 razdel-{_version('razdel')} sentencex-{_version('sentencex')}"

# Languages for which the installed sentencex (1.0.32) carries its own rule module (the
# `languages::<code>` modules visible in its binary). For any other code sentencex silently uses
# its English rules, which would mis-handle e.g. Chinese or Georgian punctuation, so those get the
# plain regex fallback below instead.
_SENTENCEX_LANGS = frozenset(
    [
        "am", "ar", "bg", "bn", "ca", "da", "de", "el", "en", "es", "fi", "fr", "gu", "hi", "hy", "it", "ja", "kk",
        "kn", "ml", "mr", "my", "nl", "pa", "pl", "pt", "ru", "sk", "ta", "te", "uk"
    ]
)

# ---------------------------------------------------------------------------------------------
# Character classes and patterns
# ---------------------------------------------------------------------------------------------

_UPPER = "A-ZА-ЯЁІЇЄҐ"
_OPEN_QUOTES = "«“„‘‹"
_CLOSE_QUOTES = "»”’›"

_OTHER_WS = re.compile(r"[^\S ]")
_ANY_QUOTE = re.compile(r"[«»“”„\"]")
_NONSPACE = re.compile(r"\S")
_ALNUM = re.compile(r"[^\W_]")
_OMISSION = r"\[\s*(?:\.\s*){2,4}\]|\[\s*…\s*\]"

# Fields of an archival or bibliographic reference; they are always followed by a number, so a
# segment never starts or ends with one. Single capitals are here too (``F.``, ``D.``) even though
# the initials rule also catches them, because the field rule also re-joins a *following* piece.
_FIELD = r"(?:F|Ф|On|Op|Оп|D|Д|L|Л|S|С|T|Т|P|Р|Vol|vol|Vols|pp?|No|Nos|Ч|Кн|Вып|Стр|Ст)"
# A piece that starts with a reference field and a number: "F. 558.", "Op 3.", "L .2-3", "№ 3",
# possibly after the year or number that ends the previous field: "1991. № 2", "1. D. 5551".
# Only "Op"/"Оп" may lack the dot: a dotless "On 5 August …" or "No 10 …" starts real sentences.
_STARTS_WITH_FIELD = re.compile(
    rf"(?:\d{{1,4}}[.,]\s*)?(?:{_FIELD}\s*\.\s*(?:\d|[IVXLC]+\b)|(?:Op|Оп)\s*\d|№)"
)
_ENDS_WITH_FIELD = re.compile(rf"(?:^|[\s(\[;,])(?:{_FIELD})\s*\.$|№$")
# A place of publication before the year: "M., 1974." / "Ереван, 1957." / "СПб., 1998;".
_STARTS_WITH_PLACE_YEAR = re.compile(rf"[{_UPPER}][\w-]*\.?,\s*\d{{4}}\s*[.,;)]")
# An editorial attribution that razdel cuts off after the full stop: "(…фронта. — Сост.)".
_STARTS_WITH_ATTRIBUTION = re.compile(r"[—–-]\s*(?:Сост|Ред|Прим|Пер|Comp|Ed|Eds|Trans|Tr)\.")
# A bare number (a footnote number, a year, "1 ."), possibly with punctuation around it.
_BARE_NUMBER = re.compile(r"[^\w]*\d{1,4}(?:[-–/]\d{1,4})?[^\w]*")
# Only opening punctuation and omission marks: such a piece belongs to what follows.
_OPENING_ONLY = re.compile(rf"(?:[\s{_OPEN_QUOTES}(\[\"'—–-]|{_OMISSION})*")
# The current segment ends in an opening quote or bracket (optionally followed by "[...]"), i.e.
# the splitter cut right after the quotation began: `говорилось: «[...] ‖ Действия`. The mark must
# follow a space: after a word "“" closes a German „…“ and '"' closes a straight-quoted passage.
_ENDS_OPEN = re.compile(rf"(?:^|\s)[{_OPEN_QUOTES}(\[\"']\s*(?:{_OMISSION})?$")
_ENDS_WITH_OMISSION = re.compile(rf"(?:{_OMISSION})$")
# Initials at the end of a segment: "V.", "V.I.", "S. S." (the last one is what matters).
_ENDS_WITH_INITIAL = re.compile(rf"(?:^|[^\w.])(?:[{_UPPER}]\.)+$")
_ENDS_WITH_TE = re.compile(r"(?:^|\W)т\.\s?е\.$")
# An archival reference line: optional archive acronym (RTsKhIDNI, РЦХИДНИ, АП РФ), then a fond
# and an opis/inventory number. Both fields are required so that prose starting with "F." is safe.
_REFERENCE_LINE = re.compile(
    rf"\(?\s*(?:(?:[{_UPPER}][\w]*[{_UPPER}]\s*){{1,3}}[.;,]?\s*|(?:Ibid|Там же)\.\s*)?"
    rf"(?:F|Ф|Fond|Фонд)\s*\.?\s*\d+\s*[.,;]?\s*(?:On|Op|Оп|List|Опись)\s*\.?\s*\d"
)
# A reference field anywhere (used to recognise a parenthesised citation).
_REFERENCE_IN_GROUP = re.compile(rf"(?:^|[\s(.;,])(?:{_FIELD})\s*\.\s*\d|№\s*\d|\b(?:Ibid|Там же)\.")

# Abbreviations after which a sentence never ends (matched against the last token, case kept).
_NEVER_FINAL = frozenset(
    [
        "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Col.", "Capt.", "Lt.", "Sgt.", "St.", "Messrs.", "Rev.", "cf.",
        "Cf.", "e.g.", "i.e.", "viz.", "Ex.", "t.", "tov.", "Tov.", "тов.", "Тов.", "т.", "см.", "См.", "ср.", "Ср.",
        "напр.", "Напр.", "Экз.", "экз.", "им.", "ст.", "гр.", "проф.", "акад.", "ген.", "кн.", "св.", "Св.", "т.е.",
        "т.н.", "т.к."
    ]
)
# Month abbreviations: not final when a day or year number (or an editorial "[1920 г.]") follows.
_MONTHS = frozenset(
    [
        "янв.", "февр.", "фев.", "мар.", "апр.", "авг.", "сент.", "сен.", "окт.", "нояб.", "дек.", "Jan.", "Feb.",
        "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec."
    ]
)
_LEADING_PUNCT = "([{\"'«“„‘‹—–-"

# Candidate boundaries of the regex fallback and of the quote pass: terminal punctuation, closing
# marks, whitespace, then something that can start a sentence.
_CANDIDATE = re.compile(
    rf"[.!?…]+[\"'{_CLOSE_QUOTES})\]]*\s+(?=[\"'{_OPEN_QUOTES}(\[—–-]*\s*[{_UPPER}\d])"
)


# ---------------------------------------------------------------------------------------------
# Base splitters → boundary offsets
# ---------------------------------------------------------------------------------------------


def _cuts_from_pieces(text: str, pieces: Sequence[str]) -> list[int]:
    """Offsets where pieces 2..n start, found in ``text`` without trusting the splitter's spacing.

    The fast path finds each stripped piece right after the previous one. If a splitter changed
    spacing or characters, every piece is located instead by counting non-space characters, which
    is exact when only whitespace changed and approximate (but still valid offsets) otherwise.
    """
    cuts: list[int] = []
    pos = 0
    for piece in pieces:
        core = piece.strip()
        if not core:
            continue
        at = text.find(core, pos)
        if at < 0 or (at > pos and not text[pos:at].isspace()):
            return _cuts_by_count(text, pieces)
        if at > 0:
            cuts.append(at)
        pos = at + len(core)
    return cuts


def _cuts_by_count(text: str, pieces: Sequence[str]) -> list[int]:
    nonspace = [m.start() for m in _NONSPACE.finditer(text)]
    cuts: list[int] = []
    count = 0
    for piece in pieces:
        n = len(_NONSPACE.findall(piece))
        if n == 0:
            continue
        if count >= len(nonspace):
            break
        if count > 0:
            cuts.append(nonspace[count])
        count += n
    return cuts


def _razdel_cuts(text: str) -> list[int]:
    starts = []
    for sub in razdel.sentenize(text):
        if text[sub.start : sub.stop] != sub.text:  # never seen, but razdel owes us nothing here
            return _cuts_from_pieces(text, [s.text for s in razdel.sentenize(text)])
        starts.append(sub.start)
    return [s for s in starts if s > 0]


def _sentencex_cuts(text: str, lang: str) -> list[int]:
    try:
        found = sentencex.get_sentence_boundaries(lang, text)
    except Exception:  # a Rust panic or an unencodable string: fall back rather than fail an edit
        return _regex_cuts(text)
    starts = []
    for item in found:
        start, end, piece = item["start_index"], item["end_index"], item["text"]
        if text[start:end] != piece:  # offsets not in Python characters: locate the texts instead
            return _cuts_from_pieces(text, [i["text"] for i in found])
        lead = len(piece) - len(piece.lstrip())
        starts.append(start + lead)
    return [s for s in starts if s > 0 and s < len(text)]


def _regex_cuts(text: str) -> list[int]:
    return [m.end() for m in _CANDIDATE.finditer(text)]


def _lang_code(lang: str) -> str:
    return lang.lower().replace("_", "-").split("-")[0]


def _base_cuts(text: str, lang: str) -> list[int]:
    """Boundary offsets (start of every sentence but the first) from the language's splitter."""
    code = _lang_code(lang)
    if code == "ru":
        return _razdel_cuts(text)
    if code in _SENTENCEX_LANGS:
        return _sentencex_cuts(text, code)
    return _regex_cuts(text)


# ---------------------------------------------------------------------------------------------
# Groups: quotations (where boundaries are added) and brackets (where they are removed)
# ---------------------------------------------------------------------------------------------


def _quote_spans(text: str) -> list[Span]:
    """Balanced quotations: “…”, «…» (nesting allowed), „…“ and pairs of straight quotes."""
    spans: list[Span] = []
    stack: list[tuple[str, int]] = []
    straight = -1
    pairs = {"“": "”", "«": "»", "„": "“"}
    for m in _ANY_QUOTE.finditer(text):
        ch, i = m.group(), m.start()
        if ch in pairs and not (stack and stack[-1][0] == ch):  # "“" also closes „…“
            stack.append((pairs[ch], i))
        elif stack and ch == stack[-1][0]:
            spans.append((stack.pop()[1], i))
        elif ch == '"':
            if straight < 0:
                straight = i
            else:
                spans.append((straight, i))
                straight = -1
    return spans


_MAX_GROUP = 600  # a longer "(…)" is more likely an unbalanced bracket than one citation


def _bracket_spans(text: str) -> list[Span]:
    """Balanced (…) and […] groups, innermost pairing, at most ``_MAX_GROUP`` characters."""
    spans: list[Span] = []
    stack: list[tuple[str, int]] = []
    for m in re.finditer(r"[()\[\]]", text):
        ch, i = m.group(), m.start()
        if ch in "([":
            stack.append((")" if ch == "(" else "]", i))
        elif stack and stack[-1][0] == ch:
            opened = stack.pop()[1]
            if i - opened <= _MAX_GROUP:
                spans.append((opened, i))
        else:
            stack.clear()  # a stray closer: forget half-open groups rather than mis-pair them
    return spans


def _container(spans: Sequence[Span]) -> Callable[[int], bool]:
    """A test "does some span (a, b) have a < cut <= b", in O(log n) per cut for long paragraphs."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    reach: list[int] = []
    furthest = -1
    for _, b in ordered:
        furthest = max(furthest, b)
        reach.append(furthest)

    def inside(cut: int) -> bool:
        i = bisect_left(starts, cut) - 1
        return i >= 0 and reach[i] >= cut

    return inside


# ---------------------------------------------------------------------------------------------
# The rule layer
# ---------------------------------------------------------------------------------------------


def _last_token(segment: str) -> str:
    token = segment.rsplit(None, 1)[-1] if segment else ""
    return token.lstrip(_LEADING_PUNCT)


# How much of the current segment the "ends with …" tests look at: enough for a run of initials
# and a reference field, and a bound that keeps a long run of rejected cuts linear.
_TAIL = 160


def _keep_cut(text: str, seg_start: int, cut: int, next_cut: int, para_start: int) -> bool:
    """Decide whether the proposed boundary at ``cut`` stands.

    The current segment runs from ``seg_start`` to ``cut``; the *piece* from ``cut`` to the next
    proposed boundary. Patterns about what follows are matched on the text from ``cut`` onwards,
    not just the piece, because a splitter may have cut a reference into fragments ("F." ‖ "558.").
    Each test names the hazard it guards.
    """
    before = text[max(seg_start, cut - _TAIL) : cut].rstrip()
    piece = text[cut:next_cut].rstrip()
    first = _ALNUM.search(text, cut)
    # The current segment is only opening marks or "[...]", or only a note/list number at the
    # start of the paragraph ("1 . On July 27…"): it belongs to what follows.
    if not _ALNUM.search(text, seg_start, cut):
        return False
    if seg_start == para_start and cut - seg_start < _TAIL and _BARE_NUMBER.fullmatch(before):
        return False
    if not _ALNUM.search(piece):
        # A piece of bare punctuation (the orphan "." of "Kamenev. .", a lone "”" or ")") joins
        # the sentence before; an omission mark or an opening quote waits for the next sentence.
        return bool(_OPENING_ONLY.fullmatch(piece))
    if first is not None and first.group().islower():
        # Lowercase continuation: "и др. материалы", "— слышит вдруг Очумелов", "3 ч. ночи".
        return False
    if _BARE_NUMBER.fullmatch(piece):
        # "CPSU. ‖ 1991. ‖ No. 2", "Correspondence. ‖ 1912-1927", "truce ‖ 2.".
        return False
    if _STARTS_WITH_FIELD.match(text, cut) or _STARTS_WITH_PLACE_YEAR.match(text, cut):
        return False
    if _STARTS_WITH_ATTRIBUTION.match(text, cut):
        return False
    if piece[0] == "(" and _REFERENCE_IN_GROUP.search(piece):
        # "…Western Front. ‖ (From the history … Vol. 3, pp. 350, 351)."
        return False
    if _ENDS_OPEN.search(before) or _ENDS_WITH_OMISSION.search(before):
        # `говорилось: «[...] ‖ Действия`; "region [...] ‖ In view of this" (not a terminator).
        return False
    token = _last_token(before)
    if _ENDS_WITH_INITIAL.search(before) or token in _NEVER_FINAL or _ENDS_WITH_TE.search(before):
        return False
    if piece[0].isdigit() and (_ENDS_WITH_FIELD.search(before) or token in _MONTHS):
        return False
    return not (piece[0] == "[" and token in _MONTHS)


_STRAY_ELLIPSIS = re.compile(r"(?:…|\.{3})\s+")
_ENDS_TERMINAL = re.compile(rf"[.!?][\"'{_CLOSE_QUOTES})\]]*\s*$")


def _after_stray_ellipsis(text: str, cut: int) -> int:
    """Move a cut past an ellipsis that stands alone after a full stop: `remember. … ‖ I came`.

    Garnett writes Chekhov's "помню…" as "remember. …"; the ellipsis belongs with the sentence it
    trails, as it does in the Russian, so that the two sides align with the same text in a bead.
    """
    m = _STRAY_ELLIPSIS.match(text, cut)
    if m and m.end() < len(text) and _ENDS_TERMINAL.search(text, max(0, cut - 4), cut):
        return m.end()
    return cut


def _rule_layer(text: str, cuts: list[int], extra: Sequence[int] = ()) -> list[int]:
    """Filter the proposed boundaries ``cuts`` (plus ``extra`` candidates) through the rules."""
    if extra:
        cuts = sorted(set(cuts).union(extra))
    groups = _bracket_spans(text) if ("(" in text or "[" in text) else []
    if groups:
        in_group = _container(groups)
        cuts = [c for c in cuts if not in_group(c)]
    kept: list[int] = []
    para_start = seg_start = _first_nonspace(text)
    proposed = [_after_stray_ellipsis(text, c) for c in cuts] + [len(text)]
    for cut, next_cut in zip(proposed, proposed[1:], strict=False):
        if seg_start < cut < next_cut and _keep_cut(text, seg_start, cut, next_cut, para_start):
            kept.append(cut)
            seg_start = cut
    return kept


def _quote_candidates(text: str, lang: str) -> list[int]:
    """Candidate boundaries inside balanced quotations, which sentencex never proposes.

    sentencex is run a second time with the quotation marks blanked out (same length, so offsets
    hold); its cuts that fall inside a quotation become candidates. Reusing sentencex rather than a
    regex keeps its abbreviation knowledge for the quoted text too.
    """
    if not _ANY_QUOTE.search(text):
        return []
    spans = _quote_spans(text)
    if not spans:
        return []
    blanked = _ANY_QUOTE.sub(" ", text)
    # A quotation reaches to the next word after its closing mark, so that the boundary right
    # after `…kommen.“ ‖ Dann` (which sentencex misses for „…“) is a candidate too.
    in_quote = _container([(a, _first_nonspace(text, b + 1)) for a, b in spans])
    found = []
    for cut in _sentencex_cuts(blanked, lang):
        # A blanked opening quote just before the cut starts the sentence: `said. “Next`.
        while cut > 0 and text[cut - 1] in _OPEN_QUOTES + '"':
            cut -= 1
        if in_quote(cut):
            found.append(cut)
    return found


def _first_nonspace(text: str, start: int = 0) -> int:
    m = _NONSPACE.search(text, start)
    return m.start() if m else len(text)


def _spans(text: str, cuts: Sequence[int]) -> list[Span]:
    spans: list[Span] = []
    bounds = [_first_nonspace(text), *cuts, len(text)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        chunk = text[a:b]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((a + lead, a + lead + len(stripped)))
    return spans


def _normalise_space(text: str) -> str:
    # Every whitespace character becomes one plain space: the same length, so offsets carry over,
    # and neither splitter treats a soft line break inside the paragraph as a paragraph break.
    return _OTHER_WS.sub(" ", text)


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def splitter_spans(text: str, lang: str) -> list[Span]:
    """Sentence spans from the underlying splitter alone, without the rule layer.

    The baseline the benchmark compares against; same contract as :func:`split_sentences`.
    """
    if not text.strip():
        return []
    flat = _normalise_space(text)
    return _spans(text, sorted(set(_base_cuts(flat, lang))))


def split_sentences(text: str, lang: str) -> list[Span]:
    """Split one paragraph of plain text into sentence spans ``(start, end)``.

    ``text`` is a single paragraph without transcription markup (editorial brackets, quotes and
    dashes are fine). ``lang`` is an ISO 639-1 code: ``ru`` uses razdel, ``en`` and the other
    languages sentencex has rules for use sentencex, anything else a regex splitter; a rule layer
    then re-joins false splits (archival references, initials, abbreviations) and adds boundaries
    inside quotations (see the module docstring for the policies).

    The spans are ascending and non-overlapping, start and end on non-whitespace characters, and
    together cover every non-whitespace character of ``text``; ``text[start:end]`` is the sentence.
    """
    if not text.strip():
        return []
    flat = _normalise_space(text)
    if _REFERENCE_LINE.match(flat, _first_nonspace(flat)):
        return _spans(text, [])
    cuts = sorted(set(_base_cuts(flat, lang)))
    # razdel already splits inside quotations and the regex fallback does not know about them;
    # only sentencex needs the candidates inside quotations added.
    code = _lang_code(lang)
    extra = _quote_candidates(flat, code) if code != "ru" and code in _SENTENCEX_LANGS else ()
    return _spans(text, _rule_layer(flat, cuts, extra))


# ---------------------------------------------------------------------------------------------
# Evaluation against a hand-labelled boundary gold set
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoundaryScore:
    """Pooled boundary counts: true positives, false positives (false splits), false negatives."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """Share of proposed boundaries that are in the gold set (1.0 when none proposed)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of gold boundaries found (1.0 when the gold has none)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def parse_gold(text: str) -> list[list[str]]:
    """Read a gold file's text: one sentence per line, paragraphs separated by an empty line."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in split_lines(text, crlf=True):
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def score_boundaries(
    gold: Sequence[Sequence[str]],
    lang: str,
    split: Callable[[str, str], list[Span]] = split_sentences,
) -> BoundaryScore:
    """Boundary P/R/F1 of ``split`` against gold paragraphs, pooled over paragraphs.

    Each paragraph is its sentences joined by single spaces; a boundary is the offset where a
    sentence other than the first starts. Paragraph starts are not boundaries (they are given).
    """
    tp = fp = fn = 0
    for sentences in gold:
        expected: set[int] = set()
        offset = 0
        for sentence in sentences[:-1]:
            offset += len(sentence) + 1
            expected.add(offset)
        found = {start for start, _ in split(" ".join(sentences), lang)[1:]}
        tp += len(expected & found)
        fp += len(found - expected)
        fn += len(expected - found)
    return BoundaryScore(tp, fp, fn)
