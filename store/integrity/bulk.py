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
from datetime import date

from store.db.backend import wrap_driver_connection
from store.db.dialect import SQLITE, column_types, dialect_of, json_text
from store.integrity.findings import Finding
from store.integrity.tables import AUDITED, Audited

BULK_ACTIONS = ("generate", "import")
BUCKET = 64

# `savings_line_initiative` is vouched for by its line's events (`links`), not its own.
LINKS = Audited("savings_line_initiative", key="NULL", position=None)
BULK_TABLES = (*AUDITED, LINKS)
_BY_TABLE = {audited.table: audited for audited in BULK_TABLES}


def bulk_record(connection) -> dict[str, dict]:
    """What a bulk load's event records right after it writes: `tables` (`{table: [rows,
    highest position]}`) and `digests` (`{table: [hex digest of each bucket]}`), on the
    load's own DB-API connection (or SQLAlchemy's proxy of it). The position is the
    rowid on SQLite, the `id` on PostgreSQL; a table without one there records its row
    count as its highest (a copy to SQLite numbers its rows 1 to N) and no digests
    (`row_position`)."""
    connection = wrap_driver_connection(getattr(connection, "driver_connection", connection))
    tables: dict[str, list[int]] = {}
    digests: dict[str, list[str]] = {}
    for audited in BULK_TABLES:
        highest = f"MAX({audited.at(connection)})" if _digested(connection, audited) else "COUNT(*)"
        sql = f"SELECT COUNT(*), {highest} FROM {audited.table} AS r"
        rows, last = connection.execute(sql).fetchone()
        if rows:
            tables[audited.table] = [rows, last]
            if _digested(connection, audited):
                digests[audited.table] = _digests(connection, audited, last)
    return {"tables": tables, "digests": digests, "bucket": BUCKET}


def _digested(connection, audited: Audited) -> bool:
    """True when `audited`'s rows have positions to digest by: every table on SQLite
    (its rowid), only those with an integer id on PostgreSQL (`row_position`)."""
    return audited.position is not None or dialect_of(connection) == SQLITE


def _digested_columns(connection, audited: Audited) -> list[str]:
    """The columns a bucket's digest covers: all but those other records' events move."""
    return [c for c in column_types(connection, audited.table) if c not in audited.moved_by_others]


def _digests(connection, audited: Audited, last: int) -> list[str]:
    """`ROWS:HEX` for each bucket of positions up to `last` (empty for a bucket with no
    rows): how many rows it holds and the digest of their columns that only the row's
    own events change. SQLite joins each bucket's rows (one seek of the rowid range);
    elsewhere the rows are joined here the same way (`bucket_texts`)."""
    if dialect_of(connection) != SQLITE:
        return [_digest(text) for text in bucket_texts(connection, audited, last)]
    columns = _digested_columns(connection, audited)
    position = audited.at(connection)
    row = f"{position} || ':' || json_array({', '.join(f'r.{c}' for c in columns)})"
    sql = (
        f"SELECT group_concat({row}, char(10)) FROM {audited.table} AS r"
        f" WHERE {position} BETWEEN ? AND ?"
    )
    digests = []
    for bucket in range(max(last, 0) // BUCKET + 1):
        first = bucket * BUCKET
        digests.append(
            _digest(connection.execute(sql, (first, min(first + BUCKET - 1, last))).fetchone()[0])
        )
    return digests


def bucket_texts(connection, audited: Audited, last: int) -> list[str | None]:
    """Each bucket's rows up to position `last` as SQLite's `group_concat` of
    `position:json_array(columns)` joins them (None for an empty bucket), worked out
    from the rows on any engine, so that digests taken on either engine agree."""
    columns = _digested_columns(connection, audited)
    position = audited.at(connection)
    sql = (
        f"SELECT {position}, {', '.join(f'r.{c}' for c in columns)} FROM {audited.table} AS r"
        f" WHERE {position} BETWEEN 0 AND ? ORDER BY {position}"
    )
    buckets: list[list[str]] = [[] for _ in range(max(last, 0) // BUCKET + 1)]
    for at, *values in connection.execute(sql, (last,)):
        buckets[at // BUCKET].append(f"{at}:{_json_array(values)}")
    return ["\n".join(rows) if rows else None for rows in buckets]


def _iso(value: object) -> str:
    """A date as ISO text, as SQLite keeps it (JSON's hook for what it cannot write)."""
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write a {type(value).__name__} to JSON")


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_iso).encode


def _json_array(values: list) -> str:
    """`values` as SQLite's `json_array` writes a row of them: no spaces, booleans as
    0 and 1 and dates as ISO text (as SQLite keeps them), text unescaped beyond JSON's
    needs. (One encoder for every row; a row is only copied when it holds a boolean.)"""
    if bool in map(type, values):
        values = [int(v) if type(v) is bool else v for v in values]
    return _ENCODE(values)


def _digest(text: str | None) -> str:
    """A bucket's `ROWS:HEX` from its joined rows (empty when it has none)."""
    if not text:
        return ""
    return f"{text.count(chr(10)) + 1}:{hashlib.blake2b(text.encode(), digest_size=8).hexdigest()}"


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


def _changed_since(connection, audited: Audited) -> str:
    """SQL: the positions of `audited`'s rows that an event after `:after` names or vouches
    for, and of those it deleted (by the `id` its before records)."""
    table = audited.table
    position = audited.at(connection)
    if audited is LINKS:
        return (
            f"SELECT {position} FROM savings_line_initiative AS r WHERE EXISTS (SELECT 1 FROM"
            " audit_event AS x WHERE x.entity = 'savings_line' AND x.id > :after)"
        )
    named = (
        f"SELECT v.rid FROM ({audited.vouch(connection)}) AS v WHERE v.id > :after"
        if audited.vouch is not None
        else f"SELECT {position} FROM {table} AS r WHERE {audited.key} IN ("
        f"SELECT entity_id FROM audit_event WHERE entity = '{table}' AND id > :after)"
    )
    deleted = json_text(connection, "before_json", "id")
    return (
        f"{named} UNION SELECT CAST({deleted} AS INTEGER)"
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
        if audited is None or not _digested(connection, audited):
            continue
        changed = {
            rowid // BUCKET
            for (rowid,) in connection.execute(
                _changed_since(connection, audited), {"after": event_id}
            )
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
    WHERE {audited.at(connection)} <= :last
      AND {audited.at(connection)} NOT IN ({_changed_since(connection, audited)})"""
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
