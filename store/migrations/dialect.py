"""DDL that SQLite and PostgreSQL spell differently, for the migrations.

Frozen like `columns`: a migration must build the same schema for ever, so the SQLite
text each function returns is exactly what the revisions wrote before there was a second
engine (existing files keep byte-identical DDL); PostgreSQL gets the equivalent:
a regular expression for a GLOB, `lpad` for `printf('%04d')`, and a plpgsql trigger
function raising an exception where SQLite's trigger does `RAISE(ABORT, …)`.
"""

import sqlalchemy as sa
from alembic import op

# The SQLSTATE the guard triggers raise on PostgreSQL: restrict_violation, an integrity
# error (class 23), as SQLite's RAISE(ABORT) is a constraint failure.
GUARD_SQLSTATE = "23001"


def on_postgres() -> bool:
    """True while migrating a PostgreSQL database."""
    return op.get_bind().dialect.name == "postgresql"


def either(sqlite: str, postgresql: str) -> str:
    """`sqlite`'s text on SQLite, `postgresql`'s on PostgreSQL."""
    return postgresql if on_postgres() else sqlite


def create_guard_trigger(table: str, verb: str, message: str) -> None:
    """A trigger `{table}_no_{verb}` that refuses every `verb` (update or delete) on
    `table` with `message`."""
    name = f"{table}_no_{verb}"
    if not on_postgres():
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {verb.upper()} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION portfolio_refuse() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = '{GUARD_SQLSTATE}'; END$$"
    )
    op.execute(
        f"CREATE TRIGGER {name} BEFORE {verb.upper()} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION portfolio_refuse('{message}')"
    )


def drop_guard_trigger(table: str, verb: str) -> None:
    """Drop the trigger `create_guard_trigger` made, if it is there."""
    on = f" ON {table}" if on_postgres() else ""
    op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}{on}")


def replace_table_texts(connection, texts: dict[str, str]) -> bool:
    """Put `texts` (`{table: CREATE TABLE text}`) in SQLite's `sqlite_master` in place of
    those tables' texts, for a change that leaves every stored row valid (SQLite's own
    procedure for one: https://www.sqlite.org/lang_altertable.html, "making other kinds
    of table schema changes"). Done under `writable_schema` with the schema version
    bumped, so that every connection reads the schema again, and each table read back.
    All of it or none: False, with nothing changed, when SQLite refuses any of it (a
    text it cannot read, or a connection in defensive mode)."""
    connection.exec_driver_sql("SAVEPOINT table_texts")
    try:
        _write_table_texts(connection, texts)
    except sa.exc.DBAPIError:
        connection.exec_driver_sql("ROLLBACK TO SAVEPOINT table_texts")
        connection.exec_driver_sql("RELEASE SAVEPOINT table_texts")
        return False
    connection.exec_driver_sql("RELEASE SAVEPOINT table_texts")
    return True


def _write_table_texts(connection, texts: dict[str, str]) -> None:
    schema_version = connection.exec_driver_sql("PRAGMA schema_version").scalar()
    connection.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        for name, sql in texts.items():
            connection.execute(
                sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = :n"),
                {"sql": sql, "n": name},
            )
        connection.exec_driver_sql(f"PRAGMA schema_version = {int(schema_version) + 1}")
    finally:
        connection.exec_driver_sql("PRAGMA writable_schema = OFF")
    for name in texts:
        connection.exec_driver_sql(f'SELECT * FROM "{name}" LIMIT 0').fetchall()
