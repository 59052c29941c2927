"""Rows read by column name: how every plain-SQL read runs its SELECT, and how a row
becomes a read model.

`named(connection, sql, params)` returns a cursor whose rows answer to `row["column"]`
(the column's name, or its alias in the SELECT: `bg.code AS business_group`). A read
model whose fields the SELECT names one for one is built with `Model(**row)`, or
`Model(**columns(row, day=as_date(row["day"])))` when some values need converting.
A service builds its read model from a table row's attributes with `from_record`, and
reads through the screens' queries on `raw(session)`. Only the standard library, so the
read path stays light; a second database driver needs only its own named rows here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import date
from typing import Any, TypeVar

T = TypeVar("T")


def named(
    connection: sqlite3.Connection, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
) -> sqlite3.Cursor:
    """Run `sql` on `connection`; the rows it gives are read by column name."""
    cursor = connection.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, params)


def columns(row: sqlite3.Row, **converted: Any) -> dict[str, Any]:
    """The row's values by column name, with `converted` values in place of some (a date
    read from its ISO text, a flag from 0 or 1): `Model(**columns(row, on=as_date(...)))`."""
    return {name: row[name] for name in row.keys()} | converted  # noqa: SIM118 - a Row


def as_date(value: str | date | None) -> date | None:
    """A date read from its stored ISO text (`2011-06-30`); None or blank stays None."""
    if not value:
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def from_record(model: type[T], record: Any, **values: Any) -> T:
    """The read model `model` (a dataclass) from a table row's attributes of the same
    names, with `values` for the fields the row does not hold as they are (an initiative's
    code, something worked out)."""
    names = [field.name for field in fields(model) if field.init and field.name not in values]
    return model(**{name: getattr(record, name) for name in names}, **values)


def raw(session: Any) -> sqlite3.Connection:
    """A write session's own DB-API connection, inside its transaction, with pending writes
    flushed: so a service's plain-SQL reads (the queries the screens use) see exactly what
    its change sees."""
    session.flush()
    from store.db.backend import wrap_driver_connection

    return wrap_driver_connection(session.connection().connection.driver_connection)
