"""The portfolio list held in memory, so that each filter keystroke is answered without
a query: every row in hierarchy order, with the text the filter searches.

`load_index` reads it once (in a worker); `PortfolioIndex.select` then gives the rows a
`PortfolioQuery` shows, exactly as `queries.portfolio_page` would, for the queries it
covers (`covers`: the hierarchy order, either way, and any text, RAG and tier filters;
the other sorts and the Response to Red filter stay in SQL). The index is a snapshot:
its owner drops it when the data changes and loads it again.

The text filter is the SQL one (`store.sql.word_clauses`): every word must appear in
the code, name, business group or SRO, both sides lowered. The row's texts are lowered
by the database itself; the words by the same rule, probed from the database once
(SQLite lowers ASCII letters only, PostgreSQL every letter).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import attrgetter, contains

from store.demo import is_empty
from store.portfolio.queries import NO_RAG, PortfolioQuery, current_period, portfolio_page
from store.portfolio.read_models import PortfolioRow, PortfolioSummary

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_PROBE = "AÉ"


def ascii_lower(text: str) -> str:
    """`text` with only its ASCII letters lowered (SQLite's `lower`)."""
    return text.translate(_ASCII_LOWER)


def engine_lower(connection) -> Callable[[str], str]:
    """The Python equivalent of the database's `lower()`, found by asking it."""
    sql = "SELECT lower(CAST(:probe AS TEXT))"
    lowered = connection.execute(sql, {"probe": _PROBE}).fetchone()[0]
    return str.lower if lowered == _PROBE.lower() else ascii_lower


_TEXTS = """
    SELECT i.id, lower(i.code), lower(i.name), lower(bg.code), lower(COALESCE(i.sro, ''))
    FROM initiative AS i JOIN business_group AS bg ON bg.id = i.business_group_id
"""


@dataclass(frozen=True)
class PortfolioIndex:
    """Every row of the portfolio list, in hierarchy order, and what the filter searches."""

    rows: tuple[PortfolioRow, ...]
    # Each row's code, name, business group and SRO, lowered, one per line: a word of
    # the filter (no whitespace in it) is found in the text only within one of them.
    texts: tuple[str, ...]
    lower: Callable[[str], str]
    period: str
    empty: bool  # the database holds no initiatives and no business groups
    # The last query answered and its rows, as one value (read from worker threads too).
    _last: dict = field(default_factory=dict, compare=False)

    @staticmethod
    def covers(query: PortfolioQuery) -> bool:
        """Whether `select` answers `query` (else it is one for SQL)."""
        return query.sort == "hierarchy" and not query.red_response

    def select(self, query: PortfolioQuery) -> list[PortfolioRow]:
        """The rows `query` shows, in its order (the last answer is kept). Each word and
        filter is applied to the whole list in C (`map`, `compress`), not in a Python
        loop per row: at 100,000 initiatives this runs on the event loop at each key."""
        last = self._last.get("answer")
        if last is not None and last[0] == query:
            return last[1]
        rows: list[PortfolioRow] = list(self.rows)
        texts: tuple[str, ...] | list[str] = self.texts
        for word in (self.lower(word) for word in query.text.split()):
            found = list(map(contains, texts, repeat(word)))
            rows, texts = list(compress(rows, found)), list(compress(texts, found))
        if query.rags:
            letters = {letter for letter in query.rags if letter != NO_RAG}
            if NO_RAG in query.rags:
                letters.add(None)
            rows = _where(rows, "rag", letters)
        if query.tier is not None:
            rows = _where(rows, "tier", {query.tier})
        if query.descending:
            rows.reverse()
        self._last["answer"] = (query, rows)
        return rows


def _where(rows: list[PortfolioRow], name: str, wanted: set) -> list[PortfolioRow]:
    """The rows whose attribute `name` is one of `wanted`."""
    return list(compress(rows, map(wanted.__contains__, map(attrgetter(name), rows))))


def summary_of(rows: list[PortfolioRow]) -> PortfolioSummary:
    """What `queries.portfolio_summary` says of these rows."""
    counts = Counter(map(attrgetter("rag"), rows))
    return PortfolioSummary(len(rows), counts["R"], counts["A"], counts["G"], counts[None])


def position_in(rows: list[PortfolioRow], code: str | None) -> int | None:
    """The index of the row with `code`, or None."""
    if code is not None:
        for position, row in enumerate(rows):
            if row.code == code:
                return position
    return None


def load_index(connection) -> PortfolioIndex:
    """Read the whole list (with each row's overdue milestones) and its search texts."""
    rows = portfolio_page(connection, PortfolioQuery(), limit=-1)
    texts = {row_id: "\n".join(parts) for row_id, *parts in connection.execute(_TEXTS).fetchall()}
    return PortfolioIndex(
        rows=tuple(rows),
        texts=tuple(texts[row.id] for row in rows),
        lower=engine_lower(connection),
        period=current_period(connection),
        empty=is_empty(connection),
    )
