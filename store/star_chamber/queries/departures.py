"""Early departure schemes with their groups and uptake."""

from __future__ import annotations

import sqlite3

from store.rows import as_date, columns, named
from store.star_chamber.read_models import DepartureGroupRead, SchemeRead


def schemes(connection: sqlite3.Connection) -> list[SchemeRead]:
    """Every scheme by phase, each with its groups in order."""
    groups: dict[int, list[DepartureGroupRead]] = {}
    for row in named(
        connection,
        "SELECT scheme_id, name, offered, accepted, cost_gbp_k, version "
        "FROM sc_departure_group ORDER BY scheme_id, position, id",
    ):
        group = columns(row)
        groups.setdefault(group.pop("scheme_id"), []).append(DepartureGroupRead(**group))
    rows = named(
        connection,
        "SELECT id, phase, name, staff_groups, terms, opens_on, closes_on "
        "FROM sc_departure_scheme ORDER BY phase",
    )
    return [
        SchemeRead(
            **columns(
                row,
                opens_on=as_date(row["opens_on"]),
                closes_on=as_date(row["closes_on"]),
                groups=tuple(groups.get(row["id"], ())),
            )
        )
        for row in rows
    ]
