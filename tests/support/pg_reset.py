"""Putting a used test database back as it was, faster than copying its template again.

A test's database on the PostgreSQL test server is a copy of a template (migrated, or
with the demo loaded). Copying one (`CREATE DATABASE … TEMPLATE`) copies the whole
database, system catalogue included, through the write-ahead log: about a second. So
each test process keeps one working copy per template and, between tests, puts it back:
it ends whatever connections a test left open, finds the tables the test wrote (a row
written since the last reset, by its `xmin`, or a row count that differs), empties
those, copies the template's rows back into them (`COPY … FROM STDIN` from a snapshot
held in the test process, parents before children) and sets every sequence back.

Emptying is a `DELETE` with triggers and foreign keys off for the reset's transaction
(`session_replication_role = replica`, which `scripts/pg-dev` lets its owner role set):
the audit guards would refuse it otherwise, and a table that refers to an emptied one
keeps its rows, whose references the copy puts back as they were. A server that does
not let the role set it gets `TRUNCATE` of those tables and every table that refers to
them, which makes new files for each table and index: about 0.1 s of the server's time
per reset, where most tests wrote to `app_user`, which most tables refer to. A test that
wrote nothing costs two queries. When a test
changed the schema itself (dropped a trigger, a table, a grant), which emptying the
tables would not undo, the fingerprint of the catalogue differs and the copy is dropped
and made again from the template.
"""

from __future__ import annotations

from typing import Any

# Everything a test could change in the schema, in one text: tables, columns, their
# privileges, constraints, triggers (and whether enabled), functions, schemas.
FINGERPRINT = """
SELECT md5(string_agg(item, ',' ORDER BY item)) FROM (
    SELECT 'c' || c.oid || c.relname || c.relkind::text || COALESCE(c.relacl::text, '')
    FROM pg_class AS c WHERE c.relnamespace = 'public'::regnamespace
    UNION ALL SELECT 'a' || a.attrelid || a.attname || a.atttypid || a.attnotnull::text
    FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
    WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL SELECT 'k' || k.oid || k.conname FROM pg_constraint AS k
    WHERE k.connamespace = 'public'::regnamespace
    UNION ALL SELECT 't' || t.oid || t.tgname || t.tgenabled::text FROM pg_trigger AS t
    UNION ALL SELECT 'p' || p.oid || md5(p.prosrc) FROM pg_proc AS p
    WHERE p.pronamespace = 'public'::regnamespace
    UNION ALL SELECT 'n' || n.oid || n.nspname FROM pg_namespace AS n
) AS items (item)
"""


def _references(connection: Any) -> list[tuple[str, str]]:
    """(child, parent) for each foreign key between two different tables."""
    sql = (
        "SELECT c.relname, p.relname FROM pg_constraint AS k"
        " JOIN pg_class AS c ON c.oid = k.conrelid JOIN pg_class AS p ON p.oid = k.confrelid"
        " WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace"
    )
    return [(child, parent) for child, parent in connection.execute(sql) if child != parent]


def _parents_first(tables: list[str], references: list[tuple[str, str]]) -> list[str]:
    """`tables` ordered so that each comes after the tables its foreign keys point at."""
    parents: dict[str, set[str]] = {table: set() for table in tables}
    for child, parent in references:
        parents[child].add(parent)
    ordered: list[str] = []

    def visit(table: str) -> None:
        if table not in ordered:
            for parent in sorted(parents[table]):
                visit(parent)
            ordered.append(table)

    for table in sorted(tables):
        visit(table)
    return ordered


def _children(references: list[tuple[str, str]]) -> dict[str, set[str]]:
    """The tables whose foreign keys point at each table."""
    children: dict[str, set[str]] = {}
    for child, parent in references:
        children.setdefault(parent, set()).add(child)
    return children


def _with_referrers(tables: set[str], children: dict[str, set[str]]) -> set[str]:
    """`tables` and every table that refers to one of them, directly or not: what
    `TRUNCATE` of `tables` must name too."""
    found, todo = set(tables), list(tables)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _snapshot(connection: Any, table: str) -> bytes:
    """Every row of `table`, in COPY's binary format."""
    data = bytearray()
    with connection.cursor().copy(f'COPY public."{table}" TO STDOUT (FORMAT binary)') as copy:
        for block in copy:
            data += block
    return bytes(data)


class Resetter:
    """How to put one working copy back as its template made it."""

    def __init__(self, connection: Any) -> None:
        """Snapshot the freshly copied database `connection` is on (autocommit)."""
        names = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        self.references = _references(connection)
        self.children = _children(self.references)
        self.tables = _parents_first([row[0] for row in connection.execute(names)], self.references)
        self.counts = {
            table: connection.execute(f'SELECT COUNT(*) FROM public."{table}"').fetchone()[0]
            for table in self.tables
        }
        self.rows = {
            table: _snapshot(connection, table) for table in self.tables if self.counts[table]
        }
        self.setvals = _setvals(connection)
        self.fingerprint = connection.execute(FINGERPRINT).fetchone()[0]
        self.since = _now(connection)

    def written(self, connection: Any) -> set[str]:
        """The tables whose rows differ from the snapshot: a row written (inserted or
        updated) since the last reset, or a different count (a row deleted)."""
        probes = " UNION ALL ".join(
            f"SELECT '{table}', COUNT(*), COALESCE(bool_or(age(xmin) < age('{self.since}'::xid)),"
            f' false) FROM public."{table}"'
            for table in self.tables
        )
        return {
            table
            for table, count, newer in connection.execute(probes)
            if newer or count != self.counts[table]
        }

    def reset(self, connection: Any) -> bool:
        """Put the database back (True), or False when its schema was changed and it
        must be made again. `connection` is the only one left on it (autocommit)."""
        if connection.execute(FINGERPRINT).fetchone()[0] != self.fingerprint:
            return False
        written = self.written(connection)
        with connection.transaction():
            emptied = self._empty(connection, written)
            for table in self.tables:
                if table in emptied and table in self.rows:
                    with connection.cursor().copy(
                        f'COPY public."{table}" FROM STDIN (FORMAT binary)'
                    ) as copy:
                        copy.write(self.rows[table])
            if self.setvals:
                connection.execute(self.setvals)
        self.since = _now(connection)
        return True

    def _empty(self, connection: Any, written: set[str]) -> set[str]:
        """Empty the `written` tables in the reset's transaction, and return every table
        emptied: those alone with triggers and foreign keys off, else with the tables
        that refer to them (which `TRUNCATE` must name)."""
        if not written:
            return written
        if _without_triggers(connection):
            for table in self.tables:
                if table in written:
                    connection.execute(f'DELETE FROM public."{table}"')
            return written
        emptied = _with_referrers(written, self.children)
        names = ", ".join(f'public."{t}"' for t in self.tables if t in emptied)
        connection.execute(f"TRUNCATE {names}")
        return emptied


def _setvals(connection: Any) -> str | None:
    """One statement that sets every sequence back to where it is now."""
    sequences = "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
    setvals = []
    for (sequence,) in connection.execute(sequences).fetchall():
        value, called = connection.execute(
            f'SELECT last_value, is_called FROM public."{sequence}"'
        ).fetchone()
        setvals.append(f"setval('public.\"{sequence}\"', {int(value)}, {bool(called)})")
    return "SELECT " + ", ".join(setvals) if setvals else None


def _now(connection: Any) -> int:
    """A transaction id taken now (32 bits, as `xmin` holds it): every row written from
    here on has a younger `xmin`."""
    return connection.execute("SELECT txid_current() % 4294967296").fetchone()[0]


def _without_triggers(connection: Any) -> bool:
    """Turn triggers and foreign keys off until this transaction ends (True), or False
    when the server does not let this role."""
    import psycopg

    try:
        with connection.transaction():
            connection.execute("SET LOCAL session_replication_role = replica")
    except psycopg.errors.InsufficientPrivilege:
        return False
    return True
