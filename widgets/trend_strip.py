"""A strip of RAG badges, one per period, oldest on the left."""

from __future__ import annotations

from rich.text import Text

from widgets.plain_text import Static
from widgets.rag import rag_badge


def trend_strip_text(label: str, points: list[tuple[str, str]], label_width: int = 22) -> Text:
    """`Overall status   2010-Q4  A  → 2011-Q1  G` as one line of rich Text."""
    line = Text(f"{label[: label_width - 1]:<{label_width}}")
    if not points:
        line.append("no assessments yet", style="#9e9e9e")
        return line
    for n, (period, rag) in enumerate(points):
        if n:
            line.append(" → ", style="#9e9e9e")
        line.append(f"{period} ")
        line.append_text(rag_badge(rag))
    return line


class RagTrendStrip(Static):
    """Shows each criterion's RAG period by period, so a trend reads at a glance."""

    DEFAULT_CSS = """
    RagTrendStrip { height: auto; }
    """

    def show(self, strips: list[tuple[str, list[tuple[str, str]]]]) -> None:
        """Display one line per (criterion, [(period, rag), ...])."""
        lines = [trend_strip_text(label, points) for label, points in strips]
        self.update(Text("\n").join(lines) if lines else Text("No criteria defined."))
