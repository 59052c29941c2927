"""SQLite's CHECK constraints of the form `column IN ('a','b','c')` (three or more
values) spelled `(column = 'a' OR column = 'b' OR column = 'c')`, which allows exactly
the same values. Schema text only: no row is read or written.

Why: SQLite builds a small temporary index for an IN list of three or more values each
time a statement runs, and a bulk load runs its INSERT once per row. A CHECK like
`rag IN ('R','A','G')` cost about 1.7 microseconds a row, four times the insert itself
(300,000 rows: 0.74 s against 0.22 s with the OR form); the 800,000 assessments of a
10,000-initiative import paid it once per row, as does every save. Lists of one or two
values are turned into comparisons by SQLite already, and PostgreSQL keeps an IN list as
one array, so neither is touched.

How: SQLite cannot alter a constraint, and rebuilding every table to change its text
would copy every row. Its documented procedure for a change that leaves the stored rows
as they are (https://www.sqlite.org/lang_altertable.html, "making other kinds of table
schema changes") rewrites the table's `CREATE TABLE` text in `sqlite_master` under
`PRAGMA writable_schema` and bumps the schema version, in one transaction. Each table
is read back before the transaction ends, so a text SQLite cannot parse rolls the whole
upgrade back.

Create Date: 2026-12-06
"""

import re

import sqlalchemy as sa
from alembic import op

from store.migrations.dialect import on_postgres

revision = "0014_check_lists"
down_revision = "0013_sync_guards"

# Frozen here on purpose: a migration must not change when app code does.
# `column IN ('x', 'y', 'z', ...)` with at least three quoted values (none holds a quote).
IN_LIST = re.compile(r"\b(\w+) IN \(('[^']*'(?:\s*,\s*'[^']*'){2,})\)")


def spelled_out(match: re.Match) -> str:
    """`(column = 'a' OR column = 'b' OR ...)` for one `column IN (...)` match; a
    `NOT IN` is left as it is (its "column" is the word NOT)."""
    column, values = match.group(1), re.findall(r"'[^']*'", match.group(2))
    if column.upper() == "NOT":
        return match.group(0)
    return "(" + " OR ".join(f"{column} = {value}" for value in values) + ")"


def upgrade() -> None:
    """Rewrite each SQLite table whose text holds such a list; nothing on PostgreSQL."""
    if on_postgres():
        return
    _rewrite(_table_texts())


def downgrade() -> None:
    """Nothing to undo: the OR form allows exactly what the IN form did."""


def _table_texts() -> dict[str, str]:
    """Each table's `CREATE TABLE` text, by name."""
    rows = op.get_bind().exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL"
    )
    return dict(rows.fetchall())


def _rewrite(texts: dict[str, str]) -> None:
    """Store each changed text under `writable_schema`, bump the schema version so that
    every connection reads the schema again, then read each changed table back."""
    changed = {name: IN_LIST.sub(spelled_out, sql) for name, sql in texts.items()}
    changed = {name: sql for name, sql in changed.items() if sql != texts[name]}
    if not changed:
        return
    connection = op.get_bind()
    schema_version = connection.exec_driver_sql("PRAGMA schema_version").scalar()
    connection.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        for name, sql in changed.items():
            connection.execute(
                sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = :n"),
                {"sql": sql, "n": name},
            )
        connection.exec_driver_sql(f"PRAGMA schema_version = {int(schema_version) + 1}")
    finally:
        connection.exec_driver_sql("PRAGMA writable_schema = OFF")
    for name in changed:
        connection.exec_driver_sql(f'SELECT * FROM "{name}" LIMIT 0').fetchall()
