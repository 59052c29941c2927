"""Insert checked rows and collect every row the database refuses: the checks only
SQLite makes (unique keys over several columns, CHECK constraints, NOT NULL, foreign
keys) run in the checking pass too, so one run lists every problem.

Rows go in with bulk inserts (`COPY` on PostgreSQL), a chunk at a time, each chunk in
a savepoint; a chunk the database refuses is rolled back and tried row by row, each
refusal reported with its row number, and the rest goes on. The caller's transaction
keeps the rows (an import) or rolls them back (a check, or an import with problems).
`check_in_scratch` does the same in a new, private, temporary database, for a check
with no database.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from store.db.dialect import (
    bulk_cache,
    bulk_insert,
    created_indexes,
    defer_foreign_keys,
    foreign_key_violations,
    foreign_keys_of,
    marks,
)
from store.exchange.problems import Problem
from store.exchange.tables import TABLES
from store.exchange.validate import Checked, Loaded

Tick = Callable[[int], None]
CHUNK = 20_000
BULK_ROWS = 50_000


def insert_checked(dbapi, checked: Checked, tick: Tick, *, references: bool) -> list[Problem]:
    """Insert every checked row in the open transaction; every refusal, as problems.
    Foreign keys are checked at the end when `references` (when the checks found no
    problem: a row refused there would make its dependants' references fail too)."""
    defer_foreign_keys(dbapi)
    # Room for the new index pages, so they are not spilled and rewritten mid-import.
    bulk_cache(dbapi)
    problems: list[Problem] = []
    for table in TABLES:
        loaded = checked.tables.get(table.name)
        if loaded is not None and loaded.rows:
            problems.extend(_insert_table(dbapi, loaded, tick))
    if references and not problems:
        problems.extend(_foreign_key_problems(dbapi, checked))
    return problems


def insert_sql(dbapi, loaded: Loaded) -> str:
    """The INSERT statement for a checked table's columns (the driver's own marks)."""
    holes = marks(dbapi, len(loaded.columns))
    return f"INSERT INTO {loaded.table.db} ({', '.join(loaded.columns)}) VALUES ({holes})"


def _insert_table(dbapi, loaded: Loaded, tick: Tick) -> list[Problem]:
    sql = insert_sql(dbapi, loaded)
    problems: list[Problem] = []
    with _bulk_mode(dbapi, loaded, problems):
        for start in range(0, len(loaded.rows), CHUNK):
            chunk = loaded.rows[start : start + CHUNK]
            dbapi.execute("SAVEPOINT chunk")
            try:
                bulk_insert(dbapi, loaded.table.db, loaded.columns, chunk)
            except _refusals():
                dbapi.execute("ROLLBACK TO chunk")
                problems.extend(_row_by_row(dbapi, sql, loaded, start, len(chunk)))
            dbapi.execute("RELEASE chunk")
            tick(len(chunk))
    return problems


@contextmanager
def _bulk_mode(dbapi, loaded: Loaded, problems: list[Problem]) -> Iterator[None]:
    """Load a big table without its secondary indexes and (on PostgreSQL) its foreign
    keys, then build the indexes once (sorted) and check each key once over all rows,
    rather than keeping them up row by row; all of it inside the one transaction. A
    key the rows break is a problem (the load is then refused)."""
    table = loaded.table.db
    big = len(loaded.rows) > BULK_ROWS
    indexes = created_indexes(dbapi, [table]) if big else []
    keys = foreign_keys_of(dbapi, table) if big else []
    for name, _sql in indexes:
        dbapi.execute(f'DROP INDEX "{name}"')
    for name, _definition in keys:
        dbapi.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    yield
    for _name, create in indexes:
        dbapi.execute(create)
    for name, definition in keys:
        dbapi.execute("SAVEPOINT key")
        try:
            dbapi.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        except _refusals() as error:
            dbapi.execute("ROLLBACK TO key")
            problems.append(Problem(loaded.where, None, None, f"the database refuses it: {error}"))
        dbapi.execute("RELEASE key")


def _refusals() -> tuple[type[Exception], ...]:
    """The errors a database raises when it refuses a row, on either engine."""
    import psycopg

    return (sqlite3.IntegrityError, psycopg.IntegrityError)


def _row_by_row(dbapi, sql: str, loaded: Loaded, start: int, count: int) -> list[Problem]:
    """Insert a refused chunk's rows one at a time, each in a savepoint (a refusal ends
    PostgreSQL's transaction unless rolled back to one), each refusal as a problem."""
    problems = []
    for index in range(start, start + count):
        dbapi.execute("SAVEPOINT row")
        try:
            dbapi.execute(sql, loaded.rows[index])
        except _refusals() as error:
            dbapi.execute("ROLLBACK TO row")
            column = _column_named(str(error), loaded)
            refused = f"the database refuses it: {error}"
            problems.append(Problem(loaded.where, loaded.numbers[index], column, refused))
        dbapi.execute("RELEASE row")
    return problems


def _column_named(message: str, loaded: Loaded) -> str | None:
    """The file column a constraint message names, when it names one: a UNIQUE or NOT
    NULL message names `table.column`, a CHECK message its rule `ck_<table>_<column>`."""
    named = re.findall(r"\b\w+\.(\w+)", message)
    rule = re.search(r"CHECK constraint failed: ck_(\w+)", message)
    if rule:
        named = [rule.group(1).removeprefix(f"{loaded.table.db}_")]
    found = {
        column.name
        for name in named
        for column in loaded.table.columns
        if name in (column.name, column.column) or column.column.startswith(f"{name}_")
    }
    return found.pop() if len(found) == 1 else None


def _foreign_key_problems(dbapi, checked: Checked) -> list[Problem]:
    """Rows whose references the database cannot follow, placed by row number."""
    by_db = {loaded.table.db: loaded for loaded in checked.tables.values()}
    problems = []
    for table_db, rowid, parent, _fk in foreign_key_violations(dbapi):
        loaded = by_db.get(table_db)
        number = None
        if loaded is not None and "id" in loaded.columns:
            slot = loaded.columns.index("id")
            number = next(
                (n for r, n in zip(loaded.rows, loaded.numbers, strict=True) if r[slot] == rowid),
                None,
            )
        where = loaded.where if loaded else table_db
        problems.append(Problem(where, number, None, f"refers to a missing {parent} row"))
    return problems


class _RollBackError(Exception):
    """Raised to end a trial transaction without keeping anything."""


def check_in_scratch(checked: Checked, tick: Tick) -> list[Problem]:
    """Insert the checked rows into a new temporary database, collecting every refusal;
    the database is then deleted."""
    from store.handle import Store

    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="portfolio-check-") as folder:
        handle, _ = Store.open(f"sqlite:///{Path(folder) / 'check.db'}", "check")
        try:
            with handle.writing() as session:
                dbapi = session.connection().connection
                references = not checked.problems
                problems = insert_checked(dbapi, checked, tick, references=references)
                raise _RollBackError
        except _RollBackError:
            pass
        finally:
            handle.close()
    return problems
