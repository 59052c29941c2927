"""Gantt-style bars by calendar quarter, as rich Text: one cell of four characters a quarter.

A programme's bar is drawn `━` from its start quarter to its end quarter; milestones
sit on it as `◆` (to come), `✓` (done) or `!` (overdue), so the marks read without
colour. `◀` and `▶` show the bar carries on outside the window.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text

from store.periods import Period, period_of
from store.programme.milestones.read_models import TimelineMark, TimelineRow

CELL = 4
BAR = "━"
MARK_STYLES = {"!": "bold #ff5252", "✓": "bold #66bb6a", "◆": "bold #ffd54f"}
BAR_STYLES = {"R": "#e53935", "A": "#ffb300", "G": "#43a047", None: "#9e9e9e"}
TODAY_STYLE = "on #37474f"  # the quarter of the reporting date
AS_AT_MARK = "▾"  # beside that quarter's name, for a screen without colour


def quarters(first: Period, count: int) -> list[Period]:
    """`count` quarters from `first`."""
    out = [first]
    while len(out) < count:
        out.append(out[-1].next())
    return out


def mark_symbol(mark: TimelineMark) -> str:
    """`!` overdue, `✓` done, `◆` otherwise (cancelled milestones are not drawn)."""
    if mark.overdue:
        return "!"
    return "✓" if mark.status == "done" else "◆"


def year_header(first: Period, count: int) -> str:
    """Years over their quarters: `2010            2011 ...`, four characters a quarter."""
    line = ""
    for quarter in quarters(first, count):
        line += (str(quarter.year) if quarter.quarter == 1 or not line else "").ljust(CELL)
    return line


def quarter_header(first: Period, count: int, as_at: date) -> Text:
    """`Q1  Q2  Q3  Q4  ...`, with the quarter of `as_at` (the reporting date)
    highlighted and marked `▾`, so it reads without colour too."""
    line = Text()
    now = period_of(as_at)
    for quarter in quarters(first, count):
        label = f"Q{quarter.quarter}" + (AS_AT_MARK if quarter == now else "")
        line.append(label.ljust(CELL), style=TODAY_STYLE if quarter == now else "")
    return line


def timeline_bar(row: TimelineRow, first: Period, count: int, as_at: date) -> Text:
    """One programme's bar over `count` quarters from `first`, with its milestones and
    the quarter of `as_at` (the reporting date) shaded."""
    shown = quarters(first, count)
    start = period_of(row.start_date) if row.start_date else None
    end = period_of(row.end_date) if row.end_date else None
    by_quarter: dict[Period, list[str]] = {}
    for mark in row.marks:
        if mark.status != "cancelled":
            by_quarter.setdefault(period_of(mark.on), []).append(mark_symbol(mark))
    now = period_of(as_at)
    text = Text(no_wrap=True)
    bar_style = BAR_STYLES.get(row.rag, BAR_STYLES[None])
    for n, quarter in enumerate(shown):
        active = (start is None or start <= quarter) and (end is None or quarter <= end)
        if start is None and end is None:
            active = False
        cell = [BAR if active else " "] * CELL
        if n == 0 and active and start is not None and start < quarter:
            cell[0] = "◀"
        if n == len(shown) - 1 and active and end is not None and end > quarter:
            cell[-1] = "▶"
        symbols = sorted(by_quarter.get(quarter, []), key="!✓◆".index)
        for i, symbol in enumerate(symbols[: CELL - 1]):
            cell[i] = symbol
        if len(symbols) > CELL - 1:
            cell[CELL - 1] = "+"
        background = TODAY_STYLE if quarter == now else ""
        for char in cell:
            style = MARK_STYLES.get(char, bar_style if char in (BAR, "◀", "▶") else "")
            text.append(char, style=f"{style} {background}".strip())
    return text
