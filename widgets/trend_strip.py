"""A strip of rating badges, one per period, oldest on the left: each RAG criterion's,
and delivery confidence's (the badge is given)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text

from widgets.plain_text import Static
from widgets.rag import rag_badge

Badge = Callable[[Any], Text]
NO_POINTS = "no assessments yet"


def trend_strip_text(
    label: str,
    points: list[tuple[str, Any]],
    label_width: int = 22,
    badge: Badge = rag_badge,
    empty: str = NO_POINTS,
) -> Text:
    """`Overall status   2010-Q4  A  → 2011-Q1  G` as one line of rich Text; each
    rating drawn by `badge` (a RAG's by default)."""
    line = Text(f"{label[: label_width - 1]:<{label_width}}")
    if not points:
        line.append(empty, style="#9e9e9e")
        return line
    for n, (period, rating) in enumerate(points):
        if n:
            line.append(" → ", style="#9e9e9e")
        line.append(f"{period} ")
        line.append_text(badge(rating))
    return line


class RagTrendStrip(Static):
    """Shows each criterion's RAG (or another rating) period by period, so a trend reads
    at a glance."""

    DEFAULT_CSS = """
    RagTrendStrip { height: auto; }
    """

    def show(
        self,
        strips: list[tuple[str, list[tuple[str, Any]]]],
        *,
        badge: Badge = rag_badge,
        empty: str = NO_POINTS,
    ) -> None:
        """Display one line per (label, [(period, rating), ...]), each rating drawn by
        `badge`; `empty` is what a line with no points says."""
        lines = [
            trend_strip_text(label, points, badge=badge, empty=empty) for label, points in strips
        ]
        self.update(Text("\n").join(lines) if lines else Text("No criteria defined."))
