"""Collation of witnesses (and layers) in one language: variant locations with every reading.

Method (the Gothenburg model: tokenise, normalise, align, analyse):

1. Each layer is tokenised (:mod:`.tokens`) and each token gets its comparison form (:mod:`.normalise`);
   tokens whose form is empty (punctuation, when it is ignored) are not compared.
2. Every other witness is aligned with the first one, the *base*, by diff-match-patch over token
   sequences: each distinct form becomes one character, ``diff_main`` runs on the two strings (with
   no time limit, so the result is the same on every run), and the character diff maps back to
   tokens.
   Paragraph breaks are compared too, so that words of one paragraph are not matched with the
   next one's, but a difference in paragraphing alone makes no variant.
3. The places where any witness differs from the base are merged into *variant locations*: two
   differences that overlap or touch become one location, so each location lists the reading of
   every witness, and each inserted word belongs to exactly one location.
4. A moved passage shows in a diff as a deletion in one place and the same words inserted in
   another: such pairs (in the same paragraph, at least one word) are flagged as transpositions.

VariantLocation ids: a location holding a struck passage takes that passage's id (see
:func:`~workbench.core.variants.layers.variant_id`); any other is named after the base witness,
paragraph and offset of its first base word (``ru-1996.p1.40``), or of the word it precedes with
``+`` when the base has no words there (an addition).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from diff_match_patch import diff_match_patch

from workbench.core.errors import InputError
from workbench.core.segments import Paragraph
from workbench.core.variants.layers import StruckPassage, paragraph_of, variant_id
from workbench.core.variants.normalise import Normalisation, forms
from workbench.core.variants.tokens import BREAK, PARAGRAPH_MARK, WORD, LayerTokens, Token, reading

STRUCK_PASSAGE = "struck-passage"
TRANSPOSITION = "transposition"
ADDITION = "addition"
OMISSION = "omission"
SUBSTITUTION = "substitution"


@dataclass(frozen=True)
class Reading:
    """One witness's text at a variant location: tokens ``[first, last)``, raw span, text as read.

    An empty reading (the witness has nothing here) has ``first == last`` and ``start == end``
    at the raw position of the gap.
    """

    witness: str
    first: int
    last: int
    start: int
    end: int
    text: str
    form: tuple[str, ...]

    @property
    def empty(self) -> bool:
        """True when the witness has no words at this location."""
        return self.first == self.last


@dataclass(frozen=True)
class VariantLocation:
    """A variant location: id, kind, the reading of every witness (base first), paragraph.

    ``moved`` names the locations a transposition pairs this one with.
    """

    id: str
    kind: str
    readings: tuple[Reading, ...]
    paragraph: int
    moved: tuple[str, ...] = ()

    def reading(self, witness: str) -> Reading:
        """The reading of one witness; KeyError when it is not collated here."""
        for item in self.readings:
            if item.witness == witness:
                return item
        raise KeyError(witness)

    def groups(self) -> list[tuple[tuple[str, ...], Reading]]:
        """Witnesses that agree (same normalised form), each group with its first reading."""
        out: list[tuple[list[str], Reading]] = []
        for item in self.readings:
            for names, first in out:
                if first.form == item.form:
                    names.append(item.witness)
                    break
            else:
                out.append(([item.witness], item))
        return [(tuple(names), first) for names, first in out]


@dataclass(frozen=True)
class WitnessAlignment:
    """How one witness's tokens sit against the base: for each base boundary ``b`` (0…N) the
    witness positions before (``lo[b]``) and after (``hi[b]``) any words it inserts there."""

    lo: tuple[int, ...]
    hi: tuple[int, ...]
    changes: tuple[tuple[int, int, int, int], ...]  # (base first, base last, witness first, witness last)


@dataclass(frozen=True)
class Collation:
    """The collation of some layers: the layers (base first), their alignments, the locations."""

    layers: tuple[LayerTokens, ...]
    forms: tuple[tuple[str, ...], ...]
    compared: tuple[tuple[int, ...], ...]
    alignments: tuple[WitnessAlignment, ...]
    locations: tuple[VariantLocation, ...]
    rules: Normalisation = field(default_factory=Normalisation)

    @property
    def names(self) -> tuple[str, ...]:
        """The collated layers as cited, base first."""
        return tuple(layer.name for layer in self.layers)

    def layer(self, name: str) -> LayerTokens:
        """A collated layer by name; KeyError when absent."""
        for item in self.layers:
            if item.name == name:
                return item
        raise KeyError(name)

    def location(self, location_id: str) -> VariantLocation:
        """A location by id; KeyError when absent."""
        for item in self.locations:
            if item.id == location_id:
                return item
        raise KeyError(location_id)

    def span_in(self, name: str, start: int, end: int) -> tuple[int, int]:
        """The raw span of witness ``name`` that corresponds to the base's raw span ``[start, end)``.

        Used to show the witnesses of one base segment side by side. Words a witness adds at a
        boundary go with the span before it; an empty result (``start == end``) is where the
        witness has nothing corresponding.
        """
        base, base_index = self.layers[0].tokens, self.compared[0]
        w = self.names.index(name)
        if w == 0:
            return start, end
        first = next((k for k, t in enumerate(base_index) if base[t].end > start), len(base_index))
        last = next((k for k, t in enumerate(base_index) if base[t].start >= end), len(base_index))
        al, index, tokens = self.alignments[w], self.compared[w], self.layers[w].tokens
        lo = 0 if first == 0 else al.lo[first]
        hi = len(index) if last == len(base_index) else al.hi[last]
        if lo >= hi:
            gap = _gap(tokens, index[lo]) if lo < len(index) else (tokens[-1].end if tokens else 0)
            return gap, gap
        # uncompared tokens (punctuation) up to the next compared one belong to the span
        stop = index[hi] if hi < len(index) else len(tokens)
        return tokens[index[lo]].start, tokens[stop - 1].end


def _gap(tokens: Sequence[Token], index: int) -> int:
    """The raw position before token ``index`` (after the last token at the end); before a paragraph
    break, the end of the paragraph, so that words added there belong to the paragraph they end."""
    if index < len(tokens) and not (tokens[index].kind == BREAK and index > 0):
        return tokens[index].start
    return tokens[index - 1].end if tokens and index > 0 else 0


def _encode(seqs: Sequence[Sequence[str]]) -> list[str]:
    """One character per distinct form, as diff-match-patch's line mode does for lines."""
    table: dict[str, str] = {}
    out = []
    for seq in seqs:
        chars = []
        for item in seq:
            if item not in table:
                code = 0x100 + len(table)
                if code >= 0xD800:  # skip the surrogate block
                    code += 0x800
                table[item] = chr(code)
            chars.append(table[item])
        out.append("".join(chars))
    return out


def _diff(base: Sequence[str], other: Sequence[str]) -> list[tuple[int, int]]:
    """(op, length) pairs of a token diff: op 0 equal, -1 only in base, 1 only in other."""
    a, b = _encode([base, other])
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no time limit: the same input gives the same diff on every run
    return [(op, len(text)) for op, text in dmp.diff_main(a, b, False)]


def _align(base: Sequence[str], other: Sequence[str]) -> WitnessAlignment:
    n = len(base)
    lo: list[int | None] = [None] * (n + 1)
    hi: list[int] = [0] * (n + 1)

    def at(b: int, j: int) -> None:
        if lo[b] is None:
            lo[b] = j
        hi[b] = j

    i = j = 0
    at(0, 0)
    changes: list[list[int]] = []
    for op, count in _diff(base, other):
        if op == 0:
            for _ in range(count):
                i, j = i + 1, j + 1
                at(i, j)
            continue
        if changes and changes[-1][1] == i and changes[-1][3] == j:  # a deletion next to an insertion
            change = changes[-1]
        else:
            change = [i, i, j, j]
            changes.append(change)
        if op < 0:
            i += count
            change[1] = i
            for b in range(i - count + 1, i + 1):
                at(b, j)
        else:
            j += count
            change[3] = j
            at(i, j)
    kept = _without_paragraphing(base, other, changes)
    return WitnessAlignment(tuple(x if x is not None else 0 for x in lo), tuple(hi),
                     tuple((c[0], c[1], c[2], c[3]) for c in kept))


def _without_paragraphing(base: Sequence[str], other: Sequence[str], changes: list[list[int]]) -> list[list[int]]:
    """Drop the differences that are paragraphing alone: a break added or removed, or words moved
    across a break. Changes with only breaks between them are judged together."""
    def words(seq: Sequence[str]) -> list[str]:
        return [f for f in seq if f != PARAGRAPH_MARK]

    kept: list[list[int]] = []
    k = 0
    while k < len(changes):
        end = k
        while end + 1 < len(changes) and not words(base[changes[end][1]:changes[end + 1][0]]):
            end += 1
        first, last = changes[k], changes[end]
        if words(base[first[0]:last[1]]) != words(other[first[2]:last[3]]):
            kept.extend(changes[k:end + 1])
        k = end + 1
    return kept


def _compared(layer: LayerTokens, rules: Normalisation) -> tuple[list[int], list[str]]:
    """Indices of the compared tokens and their forms."""
    keys = forms(layer.tokens, rules, layer.language)
    index = [k for k, key in enumerate(keys) if key]
    return index, [keys[k] for k in index]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge closed intervals that overlap or touch."""
    out: list[list[int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(a, b) for a, b in out]


def collate(layers: Sequence[LayerTokens], paragraphs_of: dict[str, list[Paragraph]],
            struck: Sequence[StruckPassage] = (), rules: Normalisation | None = None) -> Collation:
    """Collate layers of one language against the first (the base).

    ``paragraphs_of`` maps each siglum to its witness's paragraphs (for location ids);
    ``struck`` lists the struck passages of the collated witnesses (their ids name locations).
    """
    rules = rules or Normalisation()
    if not layers:
        raise InputError("nothing to collate: name at least one witness")
    languages = {layer.language for layer in layers}
    if len(languages) > 1:
        raise InputError(f"witnesses in different languages cannot be collated ({', '.join(sorted(languages))}); "
                         "collate witnesses of one language")
    compared = [_compared(layer, rules) for layer in layers]
    base_index, base_forms = compared[0]
    alignments = [WitnessAlignment(tuple(range(len(base_forms) + 1)), tuple(range(len(base_forms) + 1)), ())]
    alignments += [_align(base_forms, keys) for _, keys in compared[1:]]
    spans = [(c[0], c[1]) for al in alignments[1:] for c in al.changes]
    moved = _transpositions(layers, compared, alignments)
    locations: list[VariantLocation] = []
    raw: list[tuple[tuple[int, int], list[Reading]]] = []
    for lo, hi in _merge(spans):
        readings = []
        for w, (layer, (index, keys), al) in enumerate(zip(layers, compared, alignments, strict=True)):
            first, last = (lo, hi) if w == 0 else (al.lo[lo], al.hi[hi])
            readings.append(_reading(layer, index, keys, first, last))
        raw.append(((lo, hi), readings))
    ids = [_location_id(layers[0], base_index, paragraphs_of, lo, hi, readings, struck)
           for (lo, hi), readings in raw]
    starts = [lo for (lo, _), _ in raw]
    partner_sets: list[set[str]] = [set() for _ in raw]
    for mine, other in moved:  # each change lies inside exactly one location
        a, b = _holder(starts, raw, mine), _holder(starts, raw, other)
        if a is not None and b is not None and a != b:
            partner_sets[a].add(ids[b])
    for k, (_, readings) in enumerate(raw):
        partners = sorted(partner_sets[k])
        kind = _kind(layers, readings, bool(partners))
        base_pos = readings[0].start
        number = _paragraph_number(paragraphs_of.get(layers[0].siglum, []), base_pos)
        locations.append(VariantLocation(ids[k], kind, tuple(readings), number, tuple(partners)))
    return Collation(tuple(layers), tuple(tuple(k) for _, k in compared), tuple(tuple(i) for i, _ in compared),
                     tuple(alignments), tuple(locations), rules)


def _paragraph_number(paras: list[Paragraph], offset: int) -> int:
    return paragraph_of(paras, offset)[0] if paras else 0


def _holder(starts: list[int], raw: list[tuple[tuple[int, int], list[Reading]]], span: tuple[int, int]) -> int | None:
    """Index of the location whose base span holds a change span."""
    k = bisect_right(starts, span[0]) - 1
    if k >= 0 and raw[k][0][0] <= span[0] and span[1] <= raw[k][0][1]:
        return k
    return None


def _reading(layer: LayerTokens, index: list[int], keys: list[str], first: int, last: int) -> Reading:
    """A reading from compared-token positions ``[first, last)``, shown with the tokens between."""
    tokens = layer.tokens
    if first >= last:
        gap = _gap(tokens, index[first]) if first < len(index) else (tokens[-1].end if tokens else 0)
        return Reading(layer.name, first, first, gap, gap, "", ())
    lo, hi = index[first], index[last - 1] + 1
    stop = index[last] if last < len(index) else len(tokens)
    while hi < stop and not tokens[hi].space_before:  # punctuation attached to the last word
        hi += 1
    shown = tokens[lo:hi]
    return Reading(layer.name, first, last, shown[0].start, shown[-1].end, reading(shown), tuple(keys[first:last]))


def _location_id(base: LayerTokens, index: list[int], paragraphs_of: dict[str, list[Paragraph]], lo: int, hi: int,
                 readings: list[Reading], struck: Sequence[StruckPassage]) -> str:
    for passage in struck:
        for item in readings:
            if item.witness.split("@")[0] == passage.witness and not item.empty \
                    and item.start < passage.end and passage.start < item.end:
                return passage.id
    paras = paragraphs_of.get(base.siglum, [])
    if lo < hi:
        return variant_id(base.siglum, paras, base.tokens[index[lo]].start)
    return variant_id(base.siglum, paras, readings[0].start, "+")


def _transpositions(layers: Sequence[LayerTokens], compared: list[tuple[list[int], list[str]]],
                    alignments: list[WitnessAlignment]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Pairs of base spans (as change spans) whose words one witness moved from one to the other."""
    base_layer, (base_index, base_keys) = layers[0], compared[0]
    pairs: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for w in range(1, len(layers)):
        keys = compared[w][1]
        changes = alignments[w].changes
        for a in changes:
            gone = base_keys[a[0]:a[1]]
            if not gone or not _has_word(base_layer.tokens, base_index, a[0], a[1]):
                continue
            for b in changes:
                if b is a or keys[b[2]:b[3]] != gone:
                    continue
                if _base_paragraph(base_layer, base_index, a[0]) == _base_paragraph(base_layer, base_index, b[0]):
                    pairs.append(((a[0], a[1]), (b[0], b[1])))
                    pairs.append(((b[0], b[1]), (a[0], a[1])))
    return pairs


def _base_paragraph(base: LayerTokens, index: list[int], position: int) -> int:
    if not index:
        return 0
    return base.tokens[index[min(position, len(index) - 1)]].paragraph


def _has_word(tokens: Sequence[Token], index: list[int], first: int, last: int) -> bool:
    return any(tokens[index[k]].kind == WORD for k in range(first, last))


def _kind(layers: Sequence[LayerTokens], readings: list[Reading], moved: bool) -> str:
    by_name = {r.witness: r for r in readings}
    for layer in layers:
        if layer.layer == "before":
            after = by_name.get(f"{layer.siglum}@after")
            if after is not None and after.form != by_name[layer.name].form:
                return STRUCK_PASSAGE
    if moved:
        return TRANSPOSITION
    if readings[0].empty:
        return ADDITION
    if any(r.empty for r in readings):
        return OMISSION
    return SUBSTITUTION
