"""Reading rows straight from a test database through a store handle, so a test that
checks what a step stored says only its SQL."""

from __future__ import annotations

from typing import Any

from store.handle import Store


def rows(store: Store, sql: str, params: tuple = ()) -> list[tuple]:
    """Every row `sql` selects."""
    with store.reading() as connection:
        return connection.execute(sql, params).fetchall()


def row(store: Store, sql: str, params: tuple = ()) -> tuple | None:
    """The first row `sql` selects, or None."""
    with store.reading() as connection:
        return connection.execute(sql, params).fetchone()


def value(store: Store, sql: str, params: tuple = ()) -> Any:
    """The first column of the first row `sql` selects (a count, a version)."""
    with store.reading() as connection:
        return connection.execute(sql, params).fetchone()[0]
