"""Export: read every registry table with plain SQL and hand typed rows to a writer.

Refs go out as the referenced row's natural key (a business group's code, an
initiative's code); ids are kept, so an import puts every row back where it was.
Progress is reported as rows written out of the rows to write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from store.db.dialect import streamed
from store.db.schema import head_revision
from store.errors import InputError
from store.exchange.formats import FORMATS, csv_format, json_format, xlsx_format
from store.exchange.tables import BY_NAME, TABLES, Table
from store.files import write_atomically

OnProgress = Callable[[int, int], None]

WRITERS = {"json": json_format.write, "xlsx": xlsx_format.write}
"""The writers of one file; csv writes a folder of them itself."""


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the path, the format and each table's row count."""

    path: Path
    format: str
    rows: dict[str, int]

    @property
    def total(self) -> int:
        """Rows written across every table."""
        return sum(self.rows.values())


def _order_by(table: Table) -> str:
    return ", ".join(
        table.columns[0].column if k == "id" else table.column(k).column for k in table.key
    )


def count_rows(connection: sqlite3.Connection) -> dict[str, int]:
    """Each exported table's row count."""
    return {
        table.name: connection.execute(f"SELECT COUNT(*) FROM {table.db}").fetchone()[0]
        for table in TABLES
    }


def _ref_maps(connection: sqlite3.Connection) -> dict[tuple[str, str], dict[int, Any]]:
    maps = {}
    for table in TABLES:
        for column in table.columns:
            if column.ref is not None and column.ref not in maps:
                target, key = column.ref
                source = BY_NAME[target]
                sql = f"SELECT id, {source.column(key).column} FROM {source.db}"
                maps[column.ref] = dict(connection.execute(sql).fetchall())
    return maps


def table_rows(
    connection: sqlite3.Connection, table: Table, refs: dict[tuple[str, str], dict[int, Any]]
) -> Iterator[tuple]:
    """`table`'s rows as typed tuples in header order, in key order."""
    columns = ", ".join(column.column for column in table.columns)
    sql = f"SELECT {columns} FROM {table.db} ORDER BY {_order_by(table)}"
    cursor = streamed(connection, sql, f"export_{table.db}")
    converters = []
    for index, column in enumerate(table.columns):
        if column.ref is not None:
            converters.append((index, refs[column.ref].get))
        elif column.type.value in ("decimal", "date", "bool"):
            converters.append((index, lru_cache(maxsize=4096)(column.export_value)))
    if not converters:
        yield from cursor
        return
    # Only the columns that change are touched; repeated dates and figures are
    # converted once.
    for row in cursor:
        row = list(row)
        for index, convert in converters:
            value = row[index]
            if value is not None:
                row[index] = convert(value)
        yield tuple(row)


def export_file(
    store,
    path: Path,
    fmt: str,
    *,
    force: bool = False,
    on_progress: OnProgress | None = None,
) -> ExportResult:
    """Write every exported table of `store`'s database to `path` in `fmt`
    (json or xlsx: a file; csv: a folder with one file per table). Each file is written
    whole or not at all (`store.files.write_atomically`): never over a database, and
    over another existing file only with `force`."""
    if fmt not in FORMATS:
        raise InputError("format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    path = Path(path)
    if fmt != "csv" and path.is_dir():
        raise InputError("output", f"{path} is a folder; give a file name for {fmt}")
    if fmt == "csv" and path.exists() and not path.is_dir():
        raise InputError("output", f"{path} is a file; CSV export writes a folder")
    with store.reading() as connection:
        counts = count_rows(connection)
        total = sum(counts.values())
        done = 0

        def tick(rows: int) -> None:
            nonlocal done
            done += rows
            if on_progress is not None:
                on_progress(done, total)

        if on_progress is not None:
            on_progress(0, total)
        refs = _ref_maps(connection)
        outgoing = [(table, table_rows(connection, table, refs)) for table in TABLES]
        meta = {"schema": head_revision()}
        protect = (store.path,)
        if fmt == "csv":
            csv_format.write(path, outgoing, tick, meta=meta, force=force, protect=protect)
        else:
            write_atomically(
                path,
                lambda temporary: WRITERS[fmt](temporary, outgoing, tick, meta=meta),
                force=force,
                protect=protect,
            )
    return ExportResult(path, fmt, counts)
