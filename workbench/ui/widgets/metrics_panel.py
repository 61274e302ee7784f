"""A panel with the post-editing metrics of one document: chrF++, TER (HTER), BLEU, share edited.

Self-contained: give it a document's label and state with :meth:`MetricsPanel.show_document`
(scored in a thread worker, since TER on a long document takes a moment) or ready
:class:`~workbench.core.metrics.Metrics` with :meth:`MetricsPanel.show_metrics`. The figures and
signatures are the ones ``workbench metrics`` prints; every string goes through ``safe_text``.
"""

from __future__ import annotations

from functools import partial

from rich.style import Style
from rich.text import Text
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from workbench.core.metrics import Metrics, document_metrics, signatures
from workbench.core.models import Alignment
from workbench.ui import safe_text

BOLD = Style(bold=True)
MUTED = Style(dim=True)
HINTS = {"chrF++": "higher is better", "TER": "HTER: edits per word of the post-edit, lower is better",
         "BLEU": "higher is better"}


def metrics_text(m: Metrics) -> Text:
    """The panel's content for some metrics."""
    rows = [safe_text.text(f"Post-editing metrics — {m.label}", BOLD),
            safe_text.text(f"segments {m.segments}   edited {m.edited} ({100 * m.edited_share:.1f} %)")]
    if not m.scores:
        rows.append(safe_text.text("nothing to score: the document has no English segments", MUTED))
    sigs = signatures()
    for name in ("chrF++", "TER", "BLEU"):
        score = m.score(name)
        value = f"{score.value:7.2f}" if score else "      -"
        rows.append(safe_text.assemble((f"{name:<7}", BOLD), f"{value}  ", (HINTS[name], MUTED)))
        rows.append(safe_text.text(f"        {score.signature if score else sigs[name]}", MUTED))
    rows.append(safe_text.text("MT as received against the edited English.", MUTED))
    return safe_text.lines(rows)


class MetricsPanel(Static):
    """Shows the metrics of one document; ``show_document`` scores it in the background."""

    DEFAULT_CSS = """
    MetricsPanel { height: auto; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(safe_text.text("no document scored yet", MUTED), id=id, classes=classes)
        self.metrics: Metrics | None = None

    def show_metrics(self, metrics: Metrics) -> None:
        """Display ready metrics."""
        self.metrics = metrics
        self.update(metrics_text(metrics))

    def show_document(self, label: str, state: Alignment) -> Worker[Metrics]:
        """Score a document in a thread worker and display the result when it is ready."""
        self.update(safe_text.text(f"scoring {label} …", MUTED))
        return self.run_worker(partial(document_metrics, label, state), name="metrics", group="metrics",
                               exclusive=True, thread=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show the result of the scoring worker, or say that it failed."""
        if event.worker.group != "metrics":
            return
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Metrics):
            self.show_metrics(event.worker.result)
        elif event.state is WorkerState.ERROR:
            self.update(safe_text.text(f"metrics failed: {event.worker.error}", MUTED))
