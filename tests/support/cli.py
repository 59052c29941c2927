"""Running the `portfolio` command in-process for tests, and counting what it wrote."""

from __future__ import annotations

import sqlite3

from tui.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run `portfolio ARGV`; return its exit code, stdout and stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_as(capsys, person: str, *argv: str) -> tuple[int, str, str]:
    """Run `portfolio ARGV --user PERSON` as `person` at their own OS account: separation
    of duties compares OS accounts too, so one admin account acting for both the person
    entering a record and the person deciding it would be refused."""
    import pytest

    from store import paths

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paths, "os_login", lambda: person)
        return run(capsys, *argv, "--user", person)


def at_os_account(capsys, db, os_account: str, *argv: str) -> tuple[int, str, str]:
    """Run `portfolio ARGV --db DB` from the OS account `os_account` (the identity the
    operating system gives; `--user` in ARGV may claim another)."""
    import pytest

    from store import paths

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paths, "os_login", lambda: os_account)
        return run(capsys, *argv, "--db", str(db))


def raw_sql(path, *statements: str) -> None:
    """Run `statements` straight on the SQLite file, beside the app (as a tamperer), in
    one transaction; or on the database a URL names (a `sqlite:///` file, or a
    PostgreSQL database as the login the URL gives: the owner role, on the test server)."""
    if str(path).startswith("postgresql"):
        import psycopg

        from store.db.backend_postgres import libpq_url

        with psycopg.connect(libpq_url(str(path))) as server:
            for statement in statements:
                server.execute(statement)
        return
    connection = sqlite3.connect(str(path).removeprefix("sqlite:///"))
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def tamper_connection(db):
    """A DB-API connection straight to the database `db` names (a SQLite file or URL,
    or a PostgreSQL URL, as its login), in autocommit, taking `?` marks on either
    engine: what a tamperer beside the app uses."""
    if str(db).startswith("postgresql"):
        import psycopg

        from store.db.backend_postgres import PgConnection, libpq_url

        return PgConnection(psycopg.connect(libpq_url(str(db)), autocommit=True))
    return sqlite3.connect(str(db).removeprefix("sqlite:///"), isolation_level=None)


def drop_trigger(db, name: str) -> str:
    """The statement dropping the guard trigger `name` (`TABLE_no_VERB`) on the engine
    `db` is on (PostgreSQL names the table too): a tamperer's first step."""
    if str(db).startswith("postgresql"):
        return f"DROP TRIGGER {name} ON {name.rsplit('_no_', 1)[0]}"
    return f"DROP TRIGGER {name}"


def count(path, table: str) -> int:
    """The number of rows in `table` of the SQLite file at `path`, or of the database
    a URL names (what `--db` was given: the demo_db fixture on PostgreSQL)."""
    if "://" in str(path):
        from store.handle import Store

        with Store(str(path), "counter") as handle, handle.reading() as connection:
            return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


def audit_events(path) -> int:
    """The number of events in the audit log of the SQLite file (or URL) at `path`."""
    return count(path, "audit_event")


def audit_rows(path, columns: str = "actor, os_user, entity, entity_id, action") -> list[tuple]:
    """The audit log of the SQLite file at `path`, oldest first: `columns` of each event."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT {columns} FROM audit_event ORDER BY id").fetchall()
    finally:
        connection.close()
