"""What the portfolio list shows of each initiative beyond its own columns: its count of
milestones overdue as at the reporting date and its delivery confidence in force, worked
out for a whole window of rows at once, and each row as plain values
(`PortfolioRow.from_values`), which the garbage collector does not track."""

from __future__ import annotations

import sqlite3
from datetime import date
from operator import itemgetter

from store.benefits.confidence import team_ratings
from store.portfolio.read_models import ROW_FIELDS
from store.programme.milestones.rules import overdue_counts_sql

CHUNK = 500  # ids to a query


def values_with_facts(
    connection: sqlite3.Connection, found: list[sqlite3.Row], period: str, as_at: date
) -> list[tuple]:
    """The rows' values in `ROW_FIELDS` order (their own columns by name, then whether
    stale, the overdue count and the confidence letters): one query each for the whole
    window, `CHUNK` ids at a time."""
    if not found:
        return []
    ids = [row["id"] for row in found]
    counts: dict[int, int] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        params = {f"id{n}": row_id for n, row_id in enumerate(chunk)}
        params["today"] = as_at.isoformat()
        counts.update(connection.execute(overdue_counts_sql(len(chunk)), params).fetchall())
    ratings = team_ratings(connection, ids, period)
    letters = {row_id: rating.value for row_id, rating in ratings.items()}
    names = list(found[0].keys())
    own = ROW_FIELDS[: ROW_FIELDS.index("stale")]
    pick, stale = itemgetter(*(names.index(name) for name in own)), names.index("stale")
    return [
        (*pick(row), bool(row[stale]), counts.get(row_id, 0), letters.get(row_id))
        for row, row_id in zip(found, ids, strict=True)
    ]
