"""What the portfolio list reads when it opens or its query changes, in one read
transaction: how many initiatives match and their RAG counts, the window of rows around
the cursor, the reporting period, and whether the register is empty at all.

`first_list_read` is the read the list makes when the app opens. The app starts it in
a thread of its own while it starts up (`store.first_read`), so the rows are usually there
when the list is first drawn. Each read notes the audit chain's head it was made after
(`store.kept.chain_head`), so a save landing after it can be told apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.demo import is_empty
from store.kept import chain_head
from store.portfolio.queries import (
    PortfolioQuery,
    current_period,
    portfolio_page,
    portfolio_summary,
    position_of,
)
from store.portfolio.read_models import PortfolioRow, PortfolioSummary

PAGE = 100  # rows read around the cursor; the list reads more as it scrolls


@dataclass(frozen=True)
class ListRead:
    """One read of the list: `rows` are the window from `start`; `cursor` is the row of
    the code asked to be kept (0 when it is not shown); `empty`: the register holds no
    initiatives and no business groups; `head`: the audit chain's head before it."""

    query: PortfolioQuery
    summary: PortfolioSummary
    start: int
    rows: list[PortfolioRow]
    cursor: int
    period: str
    empty: bool
    head: tuple | None


def read_list(connection, query: PortfolioQuery, keep_code: str | None = None) -> ListRead:
    """Count, summarise and read the window around `keep_code` (the top when None)."""
    head = chain_head(connection)
    summary = portfolio_summary(connection, query)
    cursor = (position_of(connection, query, keep_code) if keep_code else None) or 0
    start = max(0, cursor - PAGE // 2)
    rows = portfolio_page(connection, query, offset=start, limit=PAGE)
    empty = summary.total == 0 and is_empty(connection)
    return ListRead(query, summary, start, rows, cursor, current_period(connection), empty, head)


def first_list_read(connection) -> ListRead:
    """What the list shows when the app opens: every initiative, in tree order."""
    return read_list(connection, PortfolioQuery())
