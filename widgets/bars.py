"""Text bars for counts and percentages: the number is always printed beside the bar,
so the bar is never the only signal."""

from __future__ import annotations

from rich.text import Text

FULL, EMPTY = "█", "░"


def percent_bar(percent: int, width: int = 20, *, style: str = "#43a047") -> Text:
    """`██████░░░░  60%`: filled in proportion to `percent` (0–100)."""
    percent = max(0, min(100, percent))
    bar = fill_bar(percent, width, style=style)
    bar.append(f" {percent:>3}%")
    return bar


def fill_bar(percent: int, width: int, *, style: str = "#43a047") -> Text:
    """`██████░░░░`: filled in proportion to `percent` (0–100, beyond it full or empty),
    for a place that prints the figure in the next column."""
    filled = round(width * max(0, min(100, percent)) / 100)
    bar = Text(FULL * filled, style=style)
    bar.append(EMPTY * (width - filled), style="#616161")
    return bar


def count_bar(count: int, largest: int, width: int = 30, *, style: str = "#4fc3f7") -> Text:
    """`████████ 63`: a bar scaled so `largest` fills `width`."""
    filled = round(width * count / largest) if largest else 0
    if count and not filled:
        filled = 1
    bar = Text(FULL * filled, style=style)
    bar.append(" " * (width - filled))
    bar.append(f" {count:>4}")
    return bar
