"""A modal screen around the metrics panel: MT against the edited English of the open document."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from workbench.core.models import Alignment
from workbench.ui.widgets.metrics_panel import MetricsPanel


class MetricsScreen(ModalScreen[None]):
    """chrF++, TER (HTER), BLEU and the share edited, with their sacrebleu signatures."""

    BINDINGS = [Binding("escape", "close", "Back", id="metrics.back")]
    DEFAULT_CSS = """
    MetricsScreen { align: center middle; }
    MetricsScreen > Vertical { width: 90%; height: auto; border: round $accent; background: $surface; }
    """

    def __init__(self, label: str, state: Alignment) -> None:
        super().__init__()
        self.label = label
        self.state = state

    def compose(self) -> ComposeResult:
        with Vertical():
            yield MetricsPanel(id="metrics-panel")

    def on_mount(self) -> None:
        """Start scoring in the background."""
        self.query_one(MetricsPanel).show_document(self.label, self.state)

    def action_close(self) -> None:
        """Back to the review screen."""
        self.dismiss(None)
