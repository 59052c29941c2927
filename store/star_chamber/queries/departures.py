"""Early departure schemes with their groups and uptake."""

from __future__ import annotations

import sqlite3

from store.star_chamber.queries.common import as_date
from store.star_chamber.read_models import DepartureGroupRead, SchemeRead


def schemes(connection: sqlite3.Connection) -> list[SchemeRead]:
    """Every scheme by phase, each with its groups in order."""
    groups: dict[int, list[DepartureGroupRead]] = {}
    for row in connection.execute(
        "SELECT scheme_id, name, offered, accepted, cost_gbp_k, version "
        "FROM sc_departure_group ORDER BY scheme_id, position, id"
    ):
        groups.setdefault(row[0], []).append(DepartureGroupRead(*row[1:]))
    rows = connection.execute(
        "SELECT id, phase, name, staff_groups, terms, opens_on, closes_on "
        "FROM sc_departure_scheme ORDER BY phase"
    )
    return [
        SchemeRead(
            id=row[0],
            phase=row[1],
            name=row[2],
            staff_groups=row[3],
            terms=row[4],
            opens_on=as_date(row[5]),
            closes_on=as_date(row[6]),
            groups=tuple(groups.get(row[0], ())),
        )
        for row in rows
    ]
