"""Post-editing metrics: the MT as received against the edited English, per document and pooled.

* chrF++ — ``CHRF(word_order=2)``; higher is better.
* TER — computed against the editors' post-edit of this very MT, so it is HTER (Snover et al.
  2006): the share of words an editor had to insert, delete, substitute or shift; lower is better.
  Case-sensitive, because fixing capitals (``RTSHIDNI`` → ``RTsKhIDNI``) is editing work.
* BLEU — sacrebleu's defaults.
* the share of target segments whose English was edited.

Each score carries its sacrebleu signature. Corpus scores are computed over the pooled segments
(TER: total edits / total reference words), never as a mean of document scores. Texts are
compared as read: transcription marks removed, note references dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER

from workbench.core.export.inline import markup_inlines
from workbench.core.export.model import plain_inlines
from workbench.core.models import Alignment


@dataclass(frozen=True)
class Score:
    """One corpus-level score and the sacrebleu signature that says how it was computed."""

    name: str
    value: float
    signature: str

    def as_json(self) -> dict[str, object]:
        """The score as JSON."""
        return {"name": self.name, "score": round(self.value, 2), "signature": self.signature}


@dataclass(frozen=True)
class Metrics:
    """The scores of one document (or of the pooled corpus, ``label`` = ``corpus``)."""

    label: str
    segments: int
    edited: int
    scores: tuple[Score, ...]

    @property
    def edited_share(self) -> float:
        """Edited segments / segments (0 when there are none)."""
        return self.edited / self.segments if self.segments else 0.0

    def score(self, name: str) -> Score | None:
        """A score by name (``chrF++``, ``TER``, ``BLEU``)."""
        return next((s for s in self.scores if s.name == name), None)

    def as_json(self) -> dict[str, object]:
        """The metrics as JSON."""
        return {"label": self.label, "segments": self.segments, "edited": self.edited,
                "edited_share": round(self.edited_share, 4), "scores": [s.as_json() for s in self.scores]}


@dataclass(frozen=True)
class Pair:
    """One target segment: the MT as received and the English of the edition, as read."""

    mt: str
    edited: str
    changed: bool


def reading(text: str) -> str:
    """Text as read: marks removed, references dropped, spaces normalised."""
    return " ".join(plain_inlines(markup_inlines(text)).split())


def segment_pairs(state: Alignment) -> list[Pair]:
    """MT/edition pairs for every target segment of a document, in order."""
    out = []
    for seg in state.target_segments:
        mt = reading(seg.text)
        if seg.id in state.edits:
            edited = reading(state.edits[seg.id])
            out.append(Pair(mt, edited, edited != mt))
        else:
            out.append(Pair(mt, mt, False))
    return out


def _metrics() -> tuple[tuple[str, CHRF | TER | BLEU], ...]:
    return (("chrF++", CHRF(word_order=2)), ("TER", TER(case_sensitive=True)), ("BLEU", BLEU()))


def _signature(name: str, metric: CHRF | TER | BLEU) -> str:
    return f"{'chrF2++' if name == 'chrF++' else name}|{metric.get_signature()}"


@lru_cache(maxsize=1)
def signatures() -> dict[str, str]:
    """The signature of each metric as this module computes it (also when there is nothing to score:
    sacrebleu knows a signature only after scoring, so a one-word pair is scored first)."""
    out = {}
    for name, metric in _metrics():
        metric.corpus_score(["a"], [["a"]])
        out[name] = _signature(name, metric)
    return out


def score_pairs(label: str, pairs: Sequence[Pair]) -> Metrics:
    """Scores for some pairs; a document without segments gets no scores."""
    edited = sum(1 for p in pairs if p.changed)
    if not pairs:
        return Metrics(label, 0, 0, ())
    hyps = [p.mt for p in pairs]
    refs = [[p.edited for p in pairs]]
    scores = []
    for name, metric in _metrics():
        value = float(metric.corpus_score(hyps, refs).score)
        scores.append(Score(name, value, _signature(name, metric)))
    return Metrics(label, len(pairs), edited, tuple(scores))


def document_metrics(label: str, state: Alignment) -> Metrics:
    """The scores of one document."""
    return score_pairs(label, segment_pairs(state))


def corpus_metrics(documents: Iterable[tuple[str, Alignment]]) -> tuple[list[Metrics], Metrics]:
    """Per-document scores and the pooled corpus scores."""
    per_doc: list[Metrics] = []
    pooled: list[Pair] = []
    for label, state in documents:
        pairs = segment_pairs(state)
        per_doc.append(score_pairs(label, pairs))
        pooled.extend(pairs)
    return per_doc, score_pairs("corpus", pooled)
