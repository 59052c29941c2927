"""Reads of delivery confidence: the forward-looking rating on the five-point scale each
period, kept apart from the RAG criteria, with an optional independent assurance rating
beside the team's own. A later rating for the same initiative, source and period
replaces an earlier one (both are kept); these reads give the one in force.
`store.benefits.confidence_services` records them."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from store.benefits.read_models import ConfidenceRead
from store.benefits.types import Confidence
from store.rows import columns, named

SELECT = """
SELECT d.id, i.code, d.period, d.rating, d.rationale, d.assurance, d.author, d.recorded_at
FROM delivery_confidence AS d JOIN initiative AS i ON i.id = d.initiative_id
"""
# The rating in force for an initiative, source and period: the latest recorded for it.
_IN_FORCE = """NOT EXISTS (SELECT 1 FROM delivery_confidence AS n
    WHERE n.initiative_id = d.initiative_id AND n.assurance = d.assurance
      AND n.period = d.period AND n.id > d.id)"""


def rating_before(
    connection: sqlite3.Connection, initiative_id: int, period: str, assurance: bool
) -> str | None:
    """The rating in force for `period` (or the latest earlier one) before a new save."""
    row = connection.execute(
        "SELECT rating FROM delivery_confidence WHERE initiative_id = :i AND assurance = :a "
        "AND period <= :p ORDER BY period DESC, id DESC LIMIT 1",
        {"i": initiative_id, "a": assurance, "p": period},
    ).fetchone()
    return row[0] if row else None


def to_read(row) -> ConfidenceRead:
    """A rating row as its read model."""
    return ConfidenceRead(
        **columns(row, rating=Confidence(row["rating"]), assurance=bool(row["assurance"]))
    )


def confidence_history(connection: sqlite3.Connection, code: str) -> list[ConfidenceRead]:
    """An initiative's ratings in force, newest period first, the team's before the
    independent assurance rating of the same period."""
    sql = f"{SELECT} WHERE i.code = :code AND {_IN_FORCE} ORDER BY d.period DESC, d.assurance"
    return [to_read(row) for row in named(connection, sql, {"code": code.strip().upper()})]


def confidence_in_period(connection: sqlite3.Connection, period: str) -> list[ConfidenceRead]:
    """Every initiative's ratings in force for `period`, in register order."""
    sql = f"{SELECT} WHERE d.period = :period AND {_IN_FORCE} ORDER BY i.tree_path, d.assurance"
    return [to_read(row) for row in named(connection, sql, {"period": period})]


# The team's own rating in force as at a period: the latest recorded for it or an
# earlier one (an independent assurance rating stands beside it on the Status tab).
_TEAM_IN_FORCE = """(SELECT d.rating FROM delivery_confidence AS d
    WHERE d.initiative_id = i.id AND NOT d.assurance AND d.period <= :period
    ORDER BY d.period DESC, d.id DESC LIMIT 1)"""


def team_ratings(
    connection: sqlite3.Connection, initiative_ids: Sequence[int], period: str
) -> dict[int, Confidence]:
    """Each initiative's own delivery confidence in force as at `period`, by id, for a
    window of rows: one query per 500 ids, each a seek on the rating index; initiatives
    never rated are left out."""
    found: dict[int, Confidence] = {}
    for start in range(0, len(initiative_ids), 500):
        chunk = initiative_ids[start : start + 500]
        params: dict = {f"id{n}": value for n, value in enumerate(chunk)}
        params["period"] = period
        holes = ", ".join(f":id{n}" for n in range(len(chunk)))
        sql = f"SELECT i.id, {_TEAM_IN_FORCE} FROM initiative AS i WHERE i.id IN ({holes})"
        found.update(
            (id_, Confidence(rating)) for id_, rating in connection.execute(sql, params) if rating
        )
    return found
