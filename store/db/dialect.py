"""The little SQL that cannot be written once for both SQLite and PostgreSQL.

Every query of the store is standard SQL that both engines run with the same result;
what is left here is the catalogue (which tables, indexes and triggers exist, a
table's column types), the checks SQLite makes on request and PostgreSQL makes always
(foreign keys), tuning that only SQLite has (pragmas for a bulk load) and the DB-API
parameter marks of a driver-level bulk insert.

Each function takes a connection: a `sqlite3.Connection` (or a SQLAlchemy connection or
session over one) is SQLite, anything else is PostgreSQL.
"""

from __future__ import annotations

import itertools
import sqlite3
from typing import Any

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

# A bulk load's page cache on SQLite (KiB), so index pages are not spilled mid-load.
BULK_CACHE_KIB = 131072
# Rows to one INSERT statement in a bulk load on SQLite (fewer if they would pass
# SQLite's limit on a statement's values).
ROWS_PER_INSERT = 100


def dialect_of(connection: Any) -> str:
    """`sqlite` or `postgresql`: the engine behind a DB-API connection, a SQLAlchemy
    connection or a session."""
    if isinstance(connection, sqlite3.Connection):
        return SQLITE
    bind = getattr(connection, "bind", None) or connection
    name = getattr(getattr(bind, "dialect", None), "name", None)
    if name is not None:
        return SQLITE if name == SQLITE else POSTGRESQL
    driver = getattr(connection, "driver_connection", None)
    if driver is not None:
        return dialect_of(driver)
    return POSTGRESQL


def _execute(connection: Any, sql: str, params: tuple = ()) -> Any:
    """Run `sql` (positional marks) on a DB-API or SQLAlchemy connection."""
    run = getattr(connection, "exec_driver_sql", None) or connection.execute
    return run(sql, params)


def _rows(connection: Any, sql: str, params: tuple = ()) -> list[tuple]:
    """The rows of a catalogue query, as tuples."""
    return [tuple(row) for row in _execute(connection, sql, params)]


def marks(connection: Any, count: int) -> str:
    """`count` parameter marks, comma-separated, as `connection`'s own `execute` takes
    them: `?` for sqlite3 and for the store's PostgreSQL read connection (which
    translates `?`, and escapes a literal `%`), `%s` for psycopg itself (a raw driver
    connection, or a SQLAlchemy connection's `exec_driver_sql`)."""
    translates = getattr(connection, "dialect", None) == POSTGRESQL
    mark = "?" if translates or dialect_of(connection) == SQLITE else "%s"
    return ", ".join([mark] * count)


def bulk_insert(connection: Any, table: str, columns: list[str], rows: list) -> None:
    """Insert `rows` (values in `columns`' order) into `table` on a driver connection:
    `ROWS_PER_INSERT` rows to a statement on SQLite (`_sqlite_bulk_insert`), a
    `COPY ... FROM STDIN` on PostgreSQL (one stream instead of a statement per row). A
    row the database refuses raises its integrity error, as an INSERT would (for the
    statement's rows together: `store.exchange.trial` then tries them one by one)."""
    if dialect_of(connection) == SQLITE:
        _sqlite_bulk_insert(connection, table, columns, rows)
        return
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _sqlite_bulk_insert(connection: Any, table: str, columns: list[str], rows: list) -> None:
    """`rows` into `table` by `executemany` of an INSERT of `ROWS_PER_INSERT` rows (fewer
    where the SQLite build takes fewer values to a statement; the last few a row at a
    time). SQLite's cost per run of a statement (binding, resetting, starting its
    program) is then paid once per hundred rows: 300,000 rows of four columns went in
    in 0.13 to 0.15 s, against 0.25 s a row at a time."""
    width = len(columns)
    if any(len(row) != width for row in rows):  # flattened, they would shift columns
        raise ValueError(f"a row for {table} does not have its {width} values")
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    one = "(" + ", ".join(["?"] * width) + ")"
    values = connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)  # 999 before 3.32
    per = max(1, min(ROWS_PER_INSERT, values // width))
    whole = len(rows) - len(rows) % per
    if whole:
        flat = itertools.chain.from_iterable
        batches = (tuple(flat(rows[at : at + per])) for at in range(0, whole, per))
        connection.executemany(insert + ", ".join([one] * per), batches)
    if whole < len(rows):
        connection.executemany(insert + one, rows[whole:])


def streamed(connection: Any, sql: str, name: str) -> Any:
    """The rows of `sql` on a read connection, fetched a batch at a time: through a
    server-side cursor called `name` on PostgreSQL (whose ordinary cursor holds every
    row in memory), the ordinary cursor on SQLite (which steps through them already).
    PostgreSQL's needs the read transaction open while the rows are read."""
    if dialect_of(connection) == SQLITE:
        return connection.execute(sql)
    cursor = getattr(connection, "driver", connection).cursor(name=name)
    cursor.itersize = 5000
    return cursor.execute(sql)


def table_names(connection: Any) -> list[str]:
    """The application's tables (SQLite's own left out), by name."""
    if dialect_of(connection) == SQLITE:
        sql = (
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
        return [row[0] for row in _rows(connection, sql)]
    sql = (
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        " AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    return [row[0] for row in _rows(connection, sql)]


def trigger_names(connection: Any) -> set[str]:
    """The names of the triggers in the database."""
    if dialect_of(connection) == SQLITE:
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        sql = (
            "SELECT DISTINCT trigger_name FROM information_schema.triggers"
            " WHERE trigger_schema = current_schema()"
        )
    return {row[0] for row in _rows(connection, sql)}


def disabled_triggers(connection: Any) -> set[str]:
    """The names of the triggers present but switched off (PostgreSQL's `ALTER TABLE …
    DISABLE TRIGGER`, or set to fire only on replicas). SQLite cannot switch one off."""
    if dialect_of(connection) == SQLITE:
        return set()
    sql = (
        "SELECT t.tgname FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid"
        " WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal"
        " AND t.tgenabled NOT IN ('O', 'A')"
    )
    return {row[0] for row in _rows(connection, sql)}


def trigger_definitions(connection: Any) -> dict[str, str]:
    """Each live trigger's definition, by name: on SQLite its CREATE statement as stored;
    on PostgreSQL `pg_get_triggerdef`, only for a trigger that is enabled and whose
    function still raises (one whose function was made a no-op is left out as if dropped;
    `disabled_triggers` names those switched off)."""
    if dialect_of(connection) == SQLITE:
        sql = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
    else:
        sql = (
            "SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger AS t"
            " JOIN pg_class AS c ON c.oid = t.tgrelid"
            " JOIN pg_namespace AS n ON n.oid = c.relnamespace"
            " JOIN pg_proc AS p ON p.oid = t.tgfoid"
            " WHERE n.nspname = current_schema() AND NOT t.tgisinternal"
            " AND p.prosrc LIKE '%RAISE EXCEPTION%'"
        )
    return {row[0]: row[1] or "" for row in _rows(connection, sql)}


def created_indexes(connection: Any, tables: list[str]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the indexes made explicitly on `tables`, by name: not
    those behind a primary key or a UNIQUE constraint, which cannot be dropped."""
    if not tables:
        return []
    if dialect_of(connection) == SQLITE:
        sql = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            f" AND tbl_name IN ({marks(connection, len(tables))}) ORDER BY name"
        )
    else:
        sql = (
            "SELECT i.indexname, i.indexdef FROM pg_indexes AS i WHERE i.schemaname ="
            f" current_schema() AND i.tablename IN ({marks(connection, len(tables))})"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c"
            " WHERE c.conname = i.indexname) ORDER BY i.indexname"
        )
    return _rows(connection, sql, tuple(tables))


def foreign_keys_of(connection: Any, table: str) -> list[tuple[str, str]]:
    """`table`'s foreign keys as (name, definition) on PostgreSQL, to drop for a bulk
    load and add back after it (one check of every row then, rather than a trigger per
    row); none on SQLite, whose foreign keys belong to the table (`defer_foreign_keys`)."""
    if dialect_of(connection) == SQLITE:
        return []
    sql = (
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        f" WHERE conrelid = to_regclass({marks(connection, 1)}) AND contype = 'f'"
        " ORDER BY conname"
    )
    return _rows(connection, sql, (table,))


def column_types(connection: Any, table: str) -> dict[str, str]:
    """A table's declared column types by column name, upper case."""
    if dialect_of(connection) == SQLITE:
        return {row[1]: row[2].upper() for row in _rows(connection, f"PRAGMA table_info({table})")}
    # The catalogue itself: information_schema's view of it costs ten times as much,
    # and an integrity check asks once for each audited table.
    sql = (
        "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute"
        f" WHERE attrelid = to_regclass({marks(connection, 1)}) AND attnum > 0"
        " AND NOT attisdropped ORDER BY attnum"
    )
    return {name: kind.upper() for name, kind in _rows(connection, sql, (table,))}


def foreign_key_violations(connection: Any) -> list[tuple]:
    """(table, row id, parent table, key number) of each row whose reference is missing.
    SQLite checks on request; PostgreSQL refuses such rows as they are written."""
    if dialect_of(connection) == SQLITE:
        return _rows(connection, "PRAGMA foreign_key_check")
    return []


def defer_foreign_keys(connection: Any) -> None:
    """Check foreign keys at commit rather than per row, for a load in any table order
    (SQLite's pragma; on PostgreSQL nothing: its constraints are not declared deferrable)."""
    if dialect_of(connection) == SQLITE:
        _execute(connection, "PRAGMA defer_foreign_keys = ON")


def bulk_cache(connection: Any, kib: int | None = BULK_CACHE_KIB) -> int | None:
    """Set SQLite's page cache to `kib` KiB for a bulk load (None: leave it) and return
    the size it had, in SQLite's own units, to put back after. Nothing on PostgreSQL."""
    if dialect_of(connection) != SQLITE:
        return None
    before = _rows(connection, "PRAGMA cache_size")[0][0]
    if kib is not None:
        _execute(connection, f"PRAGMA cache_size = {-int(kib)}")
    return before


def restore_cache(connection: Any, size: int | None) -> None:
    """Put back the page cache size `bulk_cache` returned (nothing when it is None)."""
    if size is not None and dialect_of(connection) == SQLITE:
        _execute(connection, f"PRAGMA cache_size = {int(size)}")


def index_hint(connection: Any, index: str) -> str:
    """`INDEXED BY index` on SQLite, whose planner would otherwise scan the table in id
    order for a "latest of one kind" look-up; nothing on PostgreSQL, which has no hints."""
    return f"INDEXED BY {index}" if dialect_of(connection) == SQLITE else ""


def missing_object(error: BaseException) -> bool:
    """True when `error` says a table (or SQLite index) does not exist (yet)."""
    return "no such" in str(error) or getattr(error, "sqlstate", None) == "42P01"


def finish_bulk_load(connection: Any) -> None:
    """What a bulk load (an import, `generate`, a `move`) leaves to do in its
    transaction: move the id sequences past the ids it wrote (`reset_sequences`) and,
    on PostgreSQL, gather the planner's statistics of every table (`ANALYZE`,
    PostgreSQL's own advice after a bulk load), so the first reads after it are planned
    on its rows rather than on tables the planner still takes for empty. SQLite plans
    without statistics."""
    tables = table_names(connection)
    reset_sequences(connection, tables)
    if dialect_of(connection) != SQLITE:
        _execute(connection, f"ANALYZE {', '.join(tables)}")


def reset_sequences(connection: Any, tables: list[str]) -> None:
    """Move the id sequence of each of `tables` that has an `id` past its highest id,
    after rows were written with explicit ids (PostgreSQL's `setval`; SQLite takes the
    next id from the table itself). Needs UPDATE on the sequences: the schema owner's
    right, not the app login's."""
    if dialect_of(connection) == SQLITE:
        return
    for table in tables:
        if "ID" not in {name.upper() for name in column_types(connection, table)}:
            continue
        _execute(
            connection,
            f"SELECT setval(s, m) FROM (SELECT pg_get_serial_sequence({marks(connection, 1)},"
            " 'id') AS s,"
            f" (SELECT max(id) FROM {table}) AS m) AS x WHERE s IS NOT NULL AND m IS NOT NULL",
            (table,),
        )


# JSON in SQL: the audit log's `after_json` (text) read inside a query. SQLite's JSON1
# functions take a path and give SQL values; PostgreSQL casts the text to jsonb.


def json_has(connection: Any, document: str, key: str) -> str:
    """SQL: true when the JSON object `document` (an SQL expression) has `key`, even
    with a null value."""
    if dialect_of(connection) == SQLITE:
        return f"(json_type({document}, '$.{key}') IS NOT NULL)"
    return f"jsonb_exists(CAST({document} AS jsonb), '{key}')"


def json_differs(connection: Any, document: str, key: str, value: str) -> str:
    """SQL: true when `document`'s `key` is not the SQL value `value` as canonical JSON
    records it (dates as ISO text, booleans as true/false, which SQLite reads as 1/0)."""
    if dialect_of(connection) == SQLITE:
        return f"(json_extract({document}, '$.{key}') IS NOT {value})"
    as_json = f"coalesce(to_jsonb({value}), CAST('null' AS jsonb))"
    return f"((CAST({document} AS jsonb) -> '{key}') IS DISTINCT FROM {as_json})"


def json_text(connection: Any, document: str, key: str) -> str:
    """SQL: the text of `document`'s scalar `key` (NULL when it is missing or null)."""
    if dialect_of(connection) == SQLITE:
        return f"CAST(json_extract({document}, '$.{key}') AS TEXT)"
    return f"(CAST({document} AS jsonb) ->> '{key}')"


def json_items(connection: Any, document: str, key: str, alias: str, *, text: bool = False) -> str:
    """SQL for a FROM clause: the items of `document`'s array `key`, as rows of a
    table `alias` whose column `value` is each item (its text with `text`: an array of
    strings; else an object's JSON, read with `json_text`)."""
    if dialect_of(connection) == SQLITE:
        return f"json_each({document}, '$.{key}') AS {alias}"
    items = "jsonb_array_elements_text" if text else "jsonb_array_elements"
    return f"{items}(CAST({document} AS jsonb) -> '{key}') AS {alias}(value)"


def json_row(connection: Any, alias: str, columns: dict[str, str]) -> str:
    """SQL: the row `alias` as `canonical_json` records it (keys sorted, no spaces,
    booleans true/false), to compare with an event's `after_json` in one test: text on
    SQLite, jsonb on PostgreSQL (compare it with `json_document`)."""
    names = sorted(columns)
    if dialect_of(connection) != SQLITE:
        return "jsonb_build_object(" + ", ".join(f"'{n}', {alias}.{n}" for n in names) + ")"

    def value(name: str) -> str:
        if columns[name] == "BOOLEAN":
            return f"json(CASE WHEN {alias}.{name} THEN 'true' ELSE 'false' END)"
        return f"{alias}.{name}"

    return "json_object(" + ", ".join(f"'{name}', {value(name)}" for name in names) + ")"


def json_document(connection: Any, document: str) -> str:
    """SQL: the JSON text `document` in the form `json_row` gives (jsonb on PostgreSQL)."""
    return document if dialect_of(connection) == SQLITE else f"CAST({document} AS jsonb)"


def greatest(connection: Any, *values: str) -> str:
    """SQL: the largest of `values` (SQLite's scalar `max`, PostgreSQL's `greatest`)."""
    function = "max" if dialect_of(connection) == SQLITE else "greatest"
    return f"{function}({', '.join(values)})"


def row_position(connection: Any, alias: str, key: str | None = "id") -> str:
    """SQL: the position a bulk load records a row of `alias` by: its integer `key` (on
    SQLite, the same as its rowid). A table without one (`key` None) has SQLite's rowid;
    on PostgreSQL, which keeps no such number, each of its rows is at position 1: a bulk
    load vouches for how many there are, not which (`store.integrity.bulk`)."""
    if key is not None:
        return f"{alias}.{key}"
    return f"{alias}.rowid" if dialect_of(connection) == SQLITE else "1"
