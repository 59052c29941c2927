"""Every row of an audited table matched against the audit event that last wrote it.

`add_with_audit` and `update_with_audit` record a row's columns in the event's
`after_json` (canonical JSON: dates as ISO text, booleans as true/false), so the latest
event naming a row vouches for the values the row must hold. One SQL pass per table
joins each row to that event (through the `(entity, entity_id)` index) and compares
every column with `json_extract`, which reads JSON the way SQLite stores the row
(true as 1, dates as text). A row no event names is reported, unless a bulk load
(`generate`, `import`) vouches for it: those record, per table, how many rows they
wrote and the highest id (`bulk_marks`).

A few columns are moved by another record's event (a decision settles its request's
status): they are `moved_by_others` and not compared here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from store.db.dialect import column_types
from store.integrity.findings import Finding

BULK_ACTIONS = ("generate", "import")


@dataclass(frozen=True)
class Audited:
    """An audited table (its events' `entity` is its name), the SQL for the `entity_id` its
    events give a row (`r` is the row), and the columns other records' events move."""

    table: str
    key: str = "CAST(r.id AS TEXT)"
    moved_by_others: tuple[str, ...] = ()


_REQUEST_DECIDED = ("engagement_id", "status", "outcome", "meeting_id", "decided_on", "version")

AUDITED = (
    Audited("app_user"),
    Audited("business_group"),
    Audited("initiative"),
    Audited("rag_criterion", moved_by_others=("position",)),
    Audited("rag_assessment"),
    Audited("risk"),
    Audited("milestone"),
    Audited("dependency"),
    Audited("savings_year"),
    Audited("savings_line"),
    Audited("savings_cell"),
    Audited("recommendation"),
    Audited("proposal", moved_by_others=("status", "initiative_id", "version")),
    Audited("proposal_triage"),
    Audited("proposal_decision"),
    Audited("sc_request", "r.reference", _REQUEST_DECIDED),
    Audited("sc_decision"),
    Audited("sc_meeting", "r.held_on"),
    Audited("sc_displaced", "r.reference", ("status", "status_on", "posted_request_id", "version")),
    Audited("sc_engagement", "r.reference", ("max_end_on", "version")),
    Audited(
        "sc_establishment",
        "(SELECT g.code FROM business_group AS g WHERE g.id = r.business_group_id)"
        " || '/' || r.staff_group || '/' || r.financial_year",
    ),
    Audited("sc_departure_scheme", "CAST(r.phase AS TEXT)"),
    Audited("setting", "r.key"),
)


def findings(connection) -> list[Finding]:
    """Every audited row that no event names, or whose columns differ from its event."""
    marks = vouched_by_bulk(connection)
    found: list[Finding] = []
    for audited in AUDITED:
        found.extend(_table_findings(connection, audited, marks.get(audited.table, (0, 0))))
    return found


def bulk_marks(connection, tables: Iterable[str] | None = None) -> dict[str, list[int]]:
    """`{table: [rows, highest id]}` of each audited table, for a bulk load's event to
    record right after it writes (so `check` knows which rows the load vouches for)."""
    names = [audited.table for audited in AUDITED] if tables is None else tables
    marks = {}
    for table in names:
        rows, last = connection.execute(f"SELECT COUNT(*), MAX(rowid) FROM {table}").fetchone()
        if rows:
            marks[table] = [rows, last]
    return marks


def vouched_by_bulk(connection) -> dict[str, tuple[int, int]]:
    """`{table: (rows, highest id)}` the bulk loads' events vouch for."""
    marks: dict[str, tuple[int, int]] = {}
    marks_sql = "SELECT after_json FROM audit_event WHERE action IN (:a, :b) ORDER BY id"
    for (after,) in connection.execute(marks_sql, dict(zip("ab", BULK_ACTIONS, strict=True))):
        for table, (rows, last) in json.loads(after or "{}").get("tables", {}).items():
            held = marks.get(table, (0, 0))
            marks[table] = (held[0] + rows, max(held[1], last))
    return marks


def _as_logged(columns: dict[str, str]) -> str:
    """SQL: the row `r` as `canonical_json` records it (keys sorted, no spaces, booleans
    as true/false), so a row its event records exactly is passed with one comparison."""

    def value(name: str) -> str:
        if columns[name] == "BOOLEAN":
            return f"json(CASE WHEN r.{name} THEN 'true' ELSE 'false' END)"
        return f"r.{name}"

    return "json_object(" + ", ".join(f"'{name}', {value(name)}" for name in sorted(columns)) + ")"


def _last_event_join(audited: Audited) -> str:
    """The LEFT JOIN of each row `r` to the latest event `e` naming it (one seek in the
    covering `(entity, entity_id)` index)."""
    return f"""
    LEFT JOIN audit_event AS e ON e.id = (
        SELECT MAX(x.id) FROM audit_event AS x
        WHERE x.entity = '{audited.table}' AND x.entity_id = {audited.key})"""


def _differs(column: str) -> str:
    """SQL: the event records `column` and its value is not the row's."""
    path = f"'$.{column}'"
    return (
        f"(json_type(e.after_json, {path}) IS NOT NULL "
        f"AND json_extract(e.after_json, {path}) IS NOT r.{column})"
    )


def _table_findings(connection, audited: Audited, bulk: tuple[int, int]) -> list[Finding]:
    """One pass over `audited`'s table: rows without an event (beyond what a bulk load
    vouches for) and rows that differ from their latest event. A row its event records
    exactly is passed on one string comparison; any other is compared column by column
    (an event may also hold other things, or lack a column added since)."""
    types = column_types(connection, audited.table)
    columns = [name for name in types if name not in audited.moved_by_others]
    differs = " OR ".join(_differs(column) for column in columns)
    selected = ", ".join(f"r.{column}" for column in columns)
    sql = f"""
    SELECT {audited.key}, e.id, e.occurred_at, e.after_json, {selected}
    FROM {audited.table} AS r {_last_event_join(audited)}
    WHERE (e.id IS NULL AND r.rowid > :last)
       OR (e.id IS NOT NULL AND (e.after_json IS NULL
           OR (e.after_json IS NOT {_as_logged(types)} AND ({differs}))))
    ORDER BY r.rowid"""
    found = [
        _finding(audited.table, columns, row) for row in connection.execute(sql, {"last": bulk[1]})
    ]
    if bulk[1]:
        found.extend(_bulk_findings(connection, audited, bulk))
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
    changed = [
        f"{column} is {value!r}, the event says {_as_stored(after[column])!r}"
        for column, value in zip(columns, values, strict=True)
        if column in after and _as_stored(after[column]) != value
    ]
    problem = f"differs from audit event {event_id}: " + "; ".join(changed)
    return Finding(table, str(key), problem, since=occurred_at)


def _as_stored(value):
    """A JSON value as SQLite stores the column (true as 1, false as 0)."""
    return int(value) if isinstance(value, bool) else value


def _bulk_findings(connection, audited: Audited, bulk: tuple[int, int]) -> list[Finding]:
    """More rows without an event, among the ids a bulk load wrote, than it wrote."""
    sql = f"""
    SELECT COUNT(*) FROM {audited.table} AS r
    WHERE r.rowid <= :last AND NOT EXISTS (
        SELECT 1 FROM audit_event AS x
        WHERE x.entity = '{audited.table}' AND x.entity_id = {audited.key})"""
    rows, last = bulk
    held = connection.execute(sql, {"last": last}).fetchone()[0]
    if held <= rows:
        return []
    return [
        Finding(
            audited.table,
            f"ids up to {last}",
            f"{held} rows have no audit event but the bulk load vouches for {rows}: "
            f"{held - rows} were written behind the app's back",
        )
    ]
