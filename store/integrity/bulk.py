"""What a bulk load (`generate`, `import`) vouches for, and the check that it still holds.

A bulk load writes thousands of rows under ONE audit event. That event records, per
table, how many rows it wrote and the highest rowid (`marks`), and a digest of the rows
themselves: the rows are taken in rowid order in buckets of `BUCKET` rowids, and each
bucket's count and rows (their columns as a JSON array, less the columns other records'
events move) are hashed (`digests`). `check` works the digests out again for every bucket
whose rows no later event has changed, so a bulk-loaded row edited, added or deleted
straight in SQLite is named by the range of ids it sits in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from store.db.dialect import SQLITE, column_types, dialect_of
from store.integrity.findings import Finding
from store.integrity.tables import AUDITED, Audited

BULK_ACTIONS = ("generate", "import")
BUCKET = 64

# `savings_line_initiative` is vouched for by its line's events (`links`), not its own.
LINKS = Audited("savings_line_initiative", key="NULL")
BULK_TABLES = (*AUDITED, LINKS)
_BY_TABLE = {audited.table: audited for audited in BULK_TABLES}


def bulk_record(connection) -> dict[str, dict]:
    """What a bulk load's event records right after it writes: `tables` (`{table: [rows,
    highest rowid]}`) and, on SQLite, `digests` (`{table: [hex digest of each bucket]}`).
    PostgreSQL has no rowid: there the highest `id` is recorded (the row count for a
    table without one, which a copy to SQLite numbers 1 to N), and no digests, since
    `check` matches rows to their events on SQLite only."""
    on_sqlite = dialect_of(connection) == SQLITE
    tables: dict[str, list[int]] = {}
    digests: dict[str, list[str]] = {}
    for audited in BULK_TABLES:
        rows, last = connection.execute(_marks_sql(connection, audited.table)).fetchone()
        if rows:
            tables[audited.table] = [rows, last]
            if on_sqlite:
                digests[audited.table] = _digests(connection, audited, last)
    if not on_sqlite:
        return {"tables": tables}
    return {"tables": tables, "digests": digests, "bucket": BUCKET}


def _marks_sql(connection, table: str) -> str:
    """SQL: the rows of `table` and its highest rowid (see `bulk_record`)."""
    if dialect_of(connection) == SQLITE:
        return f"SELECT COUNT(*), MAX(rowid) FROM {table}"
    highest = "MAX(id)" if "id" in column_types(connection, table) else "COUNT(*)"
    return f"SELECT COUNT(*), {highest} FROM {table}"


def _digests(connection, audited: Audited, last: int) -> list[str]:
    """`ROWS:HEX` for each bucket of rowids up to `last` (empty for a bucket with no rows):
    how many rows it holds and the digest of their columns that only the row's own
    events change. SQLite joins each bucket's rows (one seek of the rowid range)."""
    columns = [
        c for c in column_types(connection, audited.table) if c not in audited.moved_by_others
    ]
    row = f"rowid || ':' || json_array({', '.join(columns)})"
    sql = (
        f"SELECT COUNT(*), group_concat({row}, char(10)) FROM {audited.table}"
        " WHERE rowid BETWEEN ? AND ?"
    )
    digests = []
    for bucket in range(max(last, 0) // BUCKET + 1):
        first = bucket * BUCKET
        rows, text = connection.execute(sql, (first, min(first + BUCKET - 1, last))).fetchone()
        hashed = hashlib.blake2b(text.encode(), digest_size=8).hexdigest() if rows else ""
        digests.append(f"{rows}:{hashed}" if rows else "")
    return digests


def _bulk_events(connection) -> Iterator[tuple[int, str, dict]]:
    """Each bulk load's event: its id, when, and what it recorded."""
    sql = (
        "SELECT id, occurred_at, after_json FROM audit_event"
        f" WHERE action IN ({', '.join('?' * len(BULK_ACTIONS))}) ORDER BY id"
    )
    for event_id, occurred_at, after in connection.execute(sql, BULK_ACTIONS):
        yield event_id, occurred_at, json.loads(after or "{}")


def vouched_by_bulk(connection) -> dict[str, tuple[int, int]]:
    """`{table: (rows, highest id)}` the bulk loads' events vouch for."""
    marks: dict[str, tuple[int, int]] = {}
    for _, _, after in _bulk_events(connection):
        for table, (rows, last) in after.get("tables", {}).items():
            held = marks.get(table, (0, 0))
            marks[table] = (held[0] + rows, max(held[1], last))
    return marks


def _changed_since(audited: Audited) -> str:
    """SQL: the rowids of `audited`'s rows that an event after `:after` names or vouches
    for, and of those it deleted (by the `id` its before records)."""
    table = audited.table
    if audited is LINKS:
        return (
            "SELECT r.rowid FROM savings_line_initiative AS r WHERE EXISTS (SELECT 1 FROM"
            " audit_event AS x WHERE x.entity = 'savings_line' AND x.id > :after)"
        )
    named = (
        f"SELECT rid FROM ({audited.vouch}) WHERE id > :after"
        if audited.vouch is not None
        else f"SELECT r.rowid FROM {table} AS r WHERE {audited.key} IN ("
        f"SELECT entity_id FROM audit_event WHERE entity = '{table}' AND id > :after)"
    )
    return (
        f"{named} UNION SELECT CAST(json_extract(before_json, '$.id') AS INTEGER)"
        f" FROM audit_event WHERE entity = '{table}' AND id > :after AND after_json IS NULL"
    )


def digest_findings(connection) -> list[Finding]:
    """Every bucket of bulk-loaded rows, unchanged by the app since, whose rows are not
    what the latest bulk load that wrote the table recorded."""
    latest: dict[str, tuple[int, str, list[str], int]] = {}
    for event_id, occurred_at, after in _bulk_events(connection):
        if after.get("bucket") != BUCKET:
            continue
        for table, digests in after.get("digests", {}).items():
            latest[table] = (event_id, occurred_at, digests, after["tables"][table][1])
    found = []
    for table, (event_id, occurred_at, recorded, last) in latest.items():
        audited = _BY_TABLE.get(table)
        if audited is None:
            continue
        changed = {
            rowid // BUCKET
            for (rowid,) in connection.execute(_changed_since(audited), {"after": event_id})
            if rowid is not None
        }
        now = _digests(connection, audited, last)
        for bucket, digest in enumerate(recorded):
            problem = _bucket_problem(digest, now[bucket] if bucket < len(now) else "")
            if problem and bucket not in changed:
                found.append(_bucket_finding(table, bucket, event_id, occurred_at, problem))
    return found


def _bucket_problem(recorded: str, now: str) -> str | None:
    """What happened to a bucket's rows, from its `ROWS:HEX` then and now; None when it
    holds or only gained rows (rows without an event are counted by `bulk_findings`)."""
    if recorded == now:
        return None
    then_rows, now_rows = (int(text.split(":")[0] or 0) if text else 0 for text in (recorded, now))
    if now_rows > then_rows:
        return None
    if now_rows < then_rows:
        return f"{then_rows - now_rows} of the {then_rows} rows it wrote here were deleted"
    return "a row it wrote here was changed (or one replaced by another)"


def _bucket_finding(
    table: str, bucket: int, event_id: int, occurred_at: str, problem: str
) -> Finding:
    """One bucket of rows that differs from what the bulk load wrote."""
    first, last = bucket * BUCKET, bucket * BUCKET + BUCKET - 1
    return Finding(
        table,
        f"ids {max(first, 1)}-{last}",
        f"not as the bulk load (audit event {event_id}) wrote them: {problem} "
        "behind the app's back",
        since=occurred_at,
    )


def bulk_findings(connection, audited: Audited, bulk: tuple[int, int]) -> list[Finding]:
    """More rows without an event, among the ids a bulk load wrote, than it wrote."""
    sql = f"""
    SELECT COUNT(*) FROM {audited.table} AS r
    WHERE r.rowid <= :last AND r.rowid NOT IN ({_changed_since(audited)})"""
    rows, last = bulk
    held = connection.execute(sql, {"last": last, "after": 0}).fetchone()[0]
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
