"""Running the `portfolio` command in-process for tests, and counting what it wrote."""

from __future__ import annotations

import sqlite3

from tui.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run `portfolio ARGV`; return its exit code, stdout and stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def as_person(db, person: str) -> tuple[str, str, str, str]:
    """`--db DB --user PERSON`: on a SQLite file, the OS account (the admin) acting as
    `person`; on a server, where the database login is the person and `--user` may name
    only it, DB's URL as `person`'s own login (`tests.support.pg.login_url`)."""
    db = str(db)
    if "://" in db and not db.startswith("sqlite"):
        from tests.support.pg import login_url

        db = login_url(db, person)
    return ("--db", db, "--user", person)


def run_as(capsys, person: str, *argv: str) -> tuple[int, str, str]:
    """Run `portfolio ARGV` (which names `--db`) as `person` at their own OS account (or
    database login, on a server): separation of duties compares OS accounts too, so one
    admin account acting for both the person entering a record and the person deciding
    it would be refused."""
    import pytest

    from store import paths

    argv_list = list(argv)
    at = argv_list.index("--db")
    argv_list[at : at + 2] = as_person(argv_list[at + 1], person)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paths, "os_login", lambda: person)
        return run(capsys, *argv_list)


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


def _rows(db, sql: str) -> list[tuple]:
    """The rows `sql` selects in the SQLite file at `db`, or in the database a URL names
    (what `--db` was given: the demo_db fixture on PostgreSQL)."""
    if "://" in str(db):
        from store.handle import Store

        with Store(str(db), "counter") as handle, handle.reading() as connection:
            return [tuple(row) for row in connection.execute(sql).fetchall()]
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def count(path, table: str) -> int:
    """The number of rows in `table` of the SQLite file (or URL) at `path`."""
    return _rows(path, f"SELECT COUNT(*) FROM {table}")[0][0]


def audit_events(path) -> int:
    """The number of events in the audit log of the SQLite file (or URL) at `path`."""
    return count(path, "audit_event")


def audit_rows(path, columns: str = "actor, os_user, entity, entity_id, action") -> list[tuple]:
    """The audit log of the SQLite file (or URL) at `path`, oldest first: `columns` of
    each event."""
    return _rows(path, f"SELECT {columns} FROM audit_event ORDER BY id")
