"""The portfolio list's columns: how each initiative's row is drawn."""

from __future__ import annotations

from rich.text import Text

from store.portfolio.read_models import NOT_YET_RATED, PortfolioRow
from store.types import Tier
from widgets.rag import confidence_badge, rag_badge, trend_mark
from widgets.window_table import Column


def _name_cell(row: PortfolioRow) -> Text:
    if row.depth == 0:
        return Text(row.name, style="bold" if row.kind == "programme" else "")
    return Text("  " * (row.depth - 1) + "└ " + row.name)


def _period_cell(row: PortfolioRow) -> Text:
    if not row.rag_period:
        return Text(NOT_YET_RATED, style="dim")
    text = Text(row.rag_period)
    if row.stale:
        text.append(" stale", style="bold #ffb300")
    return text


def _overdue_cell(row: PortfolioRow) -> Text:
    if not row.overdue_milestones:
        return Text("")
    return Text(f"!{row.overdue_milestones}", style="bold #ff5252")


def portfolio_columns() -> list[Column]:
    """The list's columns; the name, then the SRO, take the spare width their text
    needs (`widgets.column_widths`). Too narrow for all, the SRO goes first, then the
    tier, complexity and group (the detail shows them): code, name, RAG, delivery
    confidence, last RAG and late stay."""
    return [
        Column("code", "Code", 11, lambda row: row.code),
        Column("name", "Name", 0, _name_cell, min_width=24),
        Column("business_group", "BG", 4, lambda row: row.business_group, drops=1),
        Column("tier", "Tier", 11, lambda row: Tier.words(row.tier), drops=3),
        Column("complexity", "Cx", 6, lambda row: row.complexity or "—", drops=2),
        Column("rag", "RAG", 3, lambda row: rag_badge(row.rag)),
        Column("trend", "T", 1, lambda row: trend_mark(row.trend)),
        Column("confidence", "Conf", 5, lambda row: confidence_badge(row.confidence, word=False)),
        Column("sro", "SRO", 0, lambda row: row.sro or "—", min_width=20, drops=4),
        Column("period", "Last RAG", 13, _period_cell),
        Column("overdue", "Late", 4, _overdue_cell),
    ]
