"""Copy every row of one portfolio database into another, across engines.

The rows go in foreign-key order (parents before children; within a table that refers
to itself, such as an initiative's parent or a decision's superseded one, each row after
the row it names), with their own ids, so every reference and the audit chain's ids are
as they were. Values are converted for the target's column types and nothing else:
SQLite keeps booleans as 0/1 and dates as ISO text, PostgreSQL as BOOLEAN and DATE, and
text (the audit log's JSON among it) is copied character for character, so every event
hash still verifies. `alembic_version` is not copied: the target has its own, from the
migrations that made its schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from store.db.dialect import SQLITE, column_types, dialect_of, marks, table_names

SKIPPED = ("alembic_version",)
BATCH = 1000

Converter = Callable[[Any], Any]


def copy_order(connection: Any) -> list[str]:
    """The tables to copy, parents before children: the models' foreign-key order, then
    any table the models do not know, by name."""
    from sqlmodel import SQLModel

    import store.models  # noqa: F401  (registers every table in the metadata)

    present = [name for name in table_names(connection) if name not in SKIPPED]
    ordered = [t.name for t in SQLModel.metadata.sorted_tables if t.name in present]
    return ordered + [name for name in present if name not in ordered]


def self_reference(table: str) -> str | None:
    """The column by which rows of `table` refer to other rows of it, if any."""
    from sqlmodel import SQLModel

    model = SQLModel.metadata.tables.get(table)
    for key in model.foreign_keys if model is not None else ():
        if key.column.table.name == table:
            return key.parent.name
    return None


def parents_first(rows: list[tuple], columns: list[str], reference: str | None) -> list[tuple]:
    """`rows` (in id order) reordered so no row comes before the row its `reference`
    column names; as they are when there is no such column."""
    if reference is None or "id" not in columns:
        return rows
    key, ref = columns.index("id"), columns.index(reference)
    placed: set[Any] = set()
    ordered: list[tuple] = []
    waiting = rows
    while waiting:
        held = [row for row in waiting if row[ref] is not None and row[ref] not in placed]
        ready = [row for row in waiting if row[ref] is None or row[ref] in placed]
        if not ready:  # a loop or a missing parent: let the target's keys refuse it
            return ordered + held
        ordered += ready
        placed.update(row[key] for row in ready)
        waiting = held
    return ordered


def _to_date(value: Any) -> Any:
    """An ISO date string as a date (PostgreSQL's DATE); anything else as it is."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _to_bool(value: Any) -> Any:
    """SQLite's 0/1 as a boolean (PostgreSQL's BOOLEAN); NULL stays NULL."""
    return None if value is None else bool(value)


def _to_sqlite(value: Any) -> Any:
    """A PostgreSQL value as SQLite stores it: booleans 0/1, dates ISO text."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def converters(target: Any, table: str, columns: list[str]) -> list[Converter] | None:
    """One converter per column for writing into `table` on `target` (None: none needed)."""
    if dialect_of(target) == SQLITE:
        return [_to_sqlite] * len(columns)
    kinds = column_types(target, table)
    by_kind = {"DATE": _to_date, "BOOLEAN": _to_bool}
    found = [by_kind.get(kinds.get(column, "")) for column in columns]
    if not any(found):
        return None
    return [convert or (lambda value: value) for convert in found]


def read_table(source: Any, table: str) -> tuple[list[str], list[tuple]]:
    """The column names and every row of `table`, in id order where it has ids."""
    cursor = source.execute(f"SELECT * FROM {table}")
    columns = [column[0] for column in cursor.description]
    rows = [tuple(row) for row in cursor.fetchall()]
    if "id" in columns:
        key = columns.index("id")
        rows.sort(key=lambda row: row[key])
    return columns, rows


def _batches(rows: list[tuple], convert: list[Converter] | None) -> Iterator[list[tuple]]:
    """The rows, converted, a batch at a time."""
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        if convert is None:
            yield batch
        else:
            yield [tuple(f(value) for f, value in zip(convert, row, strict=True)) for row in batch]


def copy_table(source: Any, target: Any, table: str) -> int:
    """Insert every row of `table` on the DB-API connection `source` into the same table
    on the driver connection `target`; the number of rows."""
    columns, rows = read_table(source, table)
    rows = parents_first(rows, columns, self_reference(table))
    convert = converters(target, table, columns)
    names = ", ".join(f'"{column}"' for column in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks(target, len(columns))})"
    cursor = target.cursor()
    try:
        for batch in _batches(rows, convert):
            cursor.executemany(sql, batch)
    finally:
        cursor.close()
    return len(rows)


def copy_tables(
    source: Any, target: Any, on_table: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy every table from `source` (a DB-API read connection) into `target` (a driver
    connection in the caller's transaction), parents first; rows copied, by table."""
    counts: dict[str, int] = {}
    for table in copy_order(source):
        counts[table] = copy_table(source, target, table)
        if on_table is not None:
            on_table(table, counts[table])
    return counts
