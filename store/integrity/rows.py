"""Every row of an audited table matched against the audit event that last wrote it.

`add_with_audit` and `update_with_audit` record a row's columns in the event's
`after_json` (canonical JSON: dates as ISO text, booleans as true/false), so the latest
event naming a row vouches for the values the row must hold. One SQL pass per table
joins each row to that event (through the `(entity, entity_id)` index) and compares
every column with its value in the event's JSON (`store.db.dialect.json_differs`).
A row no event names is reported, unless a bulk load (`generate`, `import`) vouches
for it (`store.integrity.bulk`). The tables and what vouches for their rows are listed
in `store.integrity.tables`; the links of savings lines to initiatives are matched in
`store.integrity.links`.

A few columns are moved by another record's event (a decision settles its request's
status): they are `moved_by_others` and not compared here.
"""

from __future__ import annotations

import json
from datetime import date

from store.db.dialect import (
    column_types,
    json_differs,
    json_document,
    json_has,
    json_row,
)
from store.integrity import links
from store.integrity.bulk import LINKS, bulk_findings, vouched_by_bulk
from store.integrity.findings import Finding
from store.integrity.tables import AUDITED, Audited


def findings(connection) -> list[Finding]:
    """Every audited row that no event names, or whose columns differ from its event."""
    marks = vouched_by_bulk(connection)
    found: list[Finding] = []
    for audited in AUDITED:
        found.extend(_table_findings(connection, audited, marks.get(audited.table, (0, 0))))
    found.extend(links.findings(connection, marks.get(LINKS.table, (0, 0))))
    return found


def _last_event_join(connection, audited: Audited) -> str:
    """The LEFT JOIN of each row `r` to the latest event `e` naming it (one seek in the
    covering `(entity, entity_id)` index), or to what `audited.vouch` gives."""
    if audited.vouch is not None:
        return f"LEFT JOIN ({audited.vouch(connection)}) AS e ON e.rid = {audited.at(connection)}"
    return f"""
    LEFT JOIN audit_event AS e ON e.id = (
        SELECT MAX(x.id) FROM audit_event AS x
        WHERE x.entity = '{audited.table}' AND x.entity_id = {audited.key})"""


def _differs(connection, column: str) -> str:
    """SQL: the event records `column` and its value is not the row's."""
    return (
        f"({json_has(connection, 'e.after_json', column)} "
        f"AND {json_differs(connection, 'e.after_json', column, f'r.{column}')})"
    )


def _table_findings(connection, audited: Audited, bulk: tuple[int, int]) -> list[Finding]:
    """One pass over `audited`'s table: rows without an event (beyond what a bulk load
    vouches for) and rows that differ from their latest event. A row its event records
    exactly is passed on one comparison with the row as JSON; any other is compared
    column by column (an event may also hold other things, or lack a column added since)."""
    types = column_types(connection, audited.table)
    columns = [name for name in types if name not in audited.moved_by_others]
    differs = " OR ".join(_differs(connection, column) for column in columns)
    selected = ", ".join(f"r.{column}" for column in columns)
    logged = json_document(connection, "e.after_json")
    position = audited.at(connection)
    sql = f"""
    SELECT {audited.key}, e.id, e.occurred_at, e.after_json, {selected}
    FROM {audited.table} AS r {_last_event_join(connection, audited)}
    WHERE (e.id IS NULL AND {position} > :last)
       OR (e.id IS NOT NULL AND (e.after_json IS NULL
           OR ({logged} IS DISTINCT FROM {json_row(connection, "r", types)} AND ({differs}))))
    ORDER BY {position}"""
    found = [
        _finding(audited.table, columns, row) for row in connection.execute(sql, {"last": bulk[1]})
    ]
    if bulk[1]:
        found.extend(bulk_findings(connection, audited, bulk))
    return found


def _finding(table: str, columns: list[str], row: tuple) -> Finding:
    """Name what is wrong with one row the table pass picked out."""
    key, event_id, occurred_at, after_json, *values = row
    if event_id is None:
        return Finding(table, str(key), "has no audit event: it was written behind the app's back")
    if after_json is None:
        problem = f"is still here, but its latest audit event {event_id} removed it"
        return Finding(table, str(key), problem, since=occurred_at)
    after = json.loads(after_json)
    held = {column: _as_stored(value) for column, value in zip(columns, values, strict=True)}
    changed = [
        f"{column} is {value!r}, the event says {_as_stored(after[column])!r}"
        for column, value in held.items()
        if column in after and _as_stored(after[column]) != value
    ]
    problem = f"differs from audit event {event_id}: " + "; ".join(changed)
    return Finding(table, str(key), problem, since=occurred_at)


def _as_stored(value):
    """A column's value as its event's JSON records it (true as 1, false as 0, which is
    also how SQLite keeps them; a date as ISO text, as SQLite keeps it)."""
    if isinstance(value, bool):
        return int(value)
    return value.isoformat() if isinstance(value, date) else value
