"""`store.move.copy_database` (`portfolio copy-to`): a whole portfolio, users and audit
history too, into an empty database, after which an anchor taken on the source still
verifies. SQLite to SQLite always; SQLite to PostgreSQL and back when
`PORTFOLIO_TEST_PG` names a server."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from store.check import check_url
from store.db import copy as copying
from store.db.backend import backend_for
from store.db.dialect import table_names
from store.errors import InputError
from store.move import MOVE, CopyRefusedError, copy_database, held_rows
from tests.support import pg


def _plain(value):
    """A value as SQLite keeps it (booleans 0/1, dates ISO text), to compare engines."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def rows_of(url: str) -> dict[str, list[tuple]]:
    """Every row of every table but alembic_version, by table, columns by name, in id
    order: what a faithful copy must keep."""
    backend = backend_for(url)
    connection = backend.connect_read()
    try:
        backend.begin_read(connection)
        found = {}
        for table in table_names(connection):
            if table == "alembic_version":
                continue
            columns, rows = copying.read_table(connection, table)
            named = [tuple(sorted(zip(columns, map(_plain, row), strict=True))) for row in rows]
            found[table] = named if "id" in columns else sorted(named, key=repr)
        return found
    finally:
        connection.close()


def assert_same_rows(source: str, target: str) -> None:
    """Every table's rows identical, row by row, bar the one event recording the copy."""
    before, after = rows_of(source), rows_of(target)
    assert set(before) == set(after)
    copied = after["audit_event"].pop()
    assert dict(copied)["entity"] == MOVE and dict(copied)["action"] == MOVE
    for table in before:
        assert after[table] == before[table], table
    assert before["app_user"] and before["audit_event"]


def anchor_of(url: str) -> str:
    """The chain head of the database at `url`, as `check --anchor` prints it."""
    report = check_url(url)
    assert report.ok, report.problems
    return report.chain.last_hash


def test_a_copy_keeps_every_row_user_and_event_and_the_anchor(demo_path, tmp_path):
    source, target = f"sqlite:///{demo_path}", f"sqlite:///{tmp_path / 'copy.db'}"
    anchor = anchor_of(source)

    report = copy_database(source, target, "tester")

    assert report.source_head == anchor and report.target_check.ok
    assert_same_rows(source, target)
    assert check_url(target, expect=anchor).ok
    assert report.rows["audit_event"] == report.source_events


def test_a_target_with_rows_is_refused_and_left_as_it_was(demo_path, tmp_path):
    source = f"sqlite:///{demo_path}"
    target = tmp_path / "copy.db"
    copy_database(source, f"sqlite:///{target}", "tester")
    held = held_rows(sqlite3.connect(target))

    with pytest.raises(InputError, match=r"is not empty \(it holds .*audit_event"):
        copy_database(source, f"sqlite:///{target}", "tester")

    assert held_rows(sqlite3.connect(target)) == held


def test_a_tampered_source_is_refused_and_nothing_written(demo_path, tmp_path):
    connection = sqlite3.connect(demo_path)
    connection.execute("DROP TRIGGER audit_event_no_update")
    connection.execute("UPDATE audit_event SET reason = 'rewritten' WHERE id = 3")
    connection.commit()
    connection.close()
    target = tmp_path / "copy.db"

    with pytest.raises(CopyRefusedError, match="source: audit chain"):
        copy_database(f"sqlite:///{demo_path}", f"sqlite:///{target}", "tester")

    assert not target.exists()


@pytest.fixture
def failing_copy(monkeypatch) -> None:
    """Copying fails at the audit log, after the tables before it were written."""
    real = copying.copy_table

    def failing(source, target, table):
        if table == "audit_event":
            raise RuntimeError("the disk or the network went away")
        return real(source, target, table)

    monkeypatch.setattr(copying, "copy_table", failing)


def test_a_copy_that_fails_half_way_leaves_no_file(demo_path, tmp_path, failing_copy):
    folder = tmp_path / "laptop"
    folder.mkdir()
    with pytest.raises(RuntimeError):
        copy_database(f"sqlite:///{demo_path}", f"sqlite:///{folder / 'copy.db'}", "tester")
    assert list(folder.iterdir()) == []  # no copy, no temporary file beside it


def test_parents_come_before_the_rows_that_name_them():
    rows = [(1, 3), (2, None), (3, 2), (4, 1)]
    assert copying.parents_first(rows, ["id", "parent_id"], "parent_id") == [
        (2, None), (3, 2), (1, 3), (4, 1),
    ]  # fmt: skip


@pytest.mark.skipif(pg.server_url() is None, reason="needs PORTFOLIO_TEST_PG (a server)")
def test_sqlite_to_postgresql_and_back_keeps_everything(demo_path, tmp_path, pg_databases):
    """PostgreSQL only: the round trip the office makes, laptop to server and back."""
    laptop, back = f"sqlite:///{demo_path}", f"sqlite:///{tmp_path / 'back.db'}"
    server = pg_databases.create()
    try:
        anchor = anchor_of(laptop)
        assert copy_database(laptop, server, "tester").target_check.ok
        assert_same_rows(laptop, server)
        assert check_url(server, expect=anchor).ok

        with pytest.raises(InputError, match="is not empty"):
            copy_database(laptop, server, "tester")

        assert copy_database(server, back, "tester").target_check.ok
        assert_same_rows(server, back)
        report = check_url(back, expect=anchor)
        assert report.ok and report.chain.ok, report.problems
    finally:
        pg_databases.drop(server)


@pytest.mark.skipif(pg.server_url() is None, reason="needs PORTFOLIO_TEST_PG (a server)")
def test_a_failed_copy_leaves_the_server_database_empty(demo_path, pg_databases, failing_copy):
    """PostgreSQL only: one transaction, rolled back whole."""
    server = pg_databases.create()
    try:
        with pytest.raises(RuntimeError):
            copy_database(f"sqlite:///{demo_path}", server, "tester")
        backend = backend_for(server)
        connection = backend.connect_read()
        try:
            assert held_rows(connection) == {}
        finally:
            connection.close()
    finally:
        pg_databases.drop(server)


def test_a_login_that_may_not_set_sequences_is_told_to_copy_as_the_owner():
    import psycopg

    from store.move import refusal

    error = psycopg.errors.InsufficientPrivilege("permission denied for sequence app_user_id_seq")
    said = refusal(backend_for("postgresql+psycopg://portfolio_app@/portfolio"), error)
    assert "app_user_id_seq" in said and "as the schema owner" in said
    assert "nothing was written" in said


@pytest.mark.skipif(pg.server_url() is None, reason="needs PORTFOLIO_TEST_PG (a server)")
def test_a_generated_portfolio_copied_to_the_server_passes_check(tmp_path, pg_databases):
    """PostgreSQL only: a bulk load's digests, taken on SQLite, hold on the server."""
    from store.generate import Plan, generate
    from store.handle import Store

    laptop = f"sqlite:///{tmp_path / 'g.db'}"
    with Store.open(laptop, "tester")[0] as store, store.writing() as session:
        generate(session, Plan(initiatives=40, periods=2, seed=3))
    server = pg_databases.create()
    try:
        assert copy_database(laptop, server, "tester").target_check.ok
        report = check_url(server, expect=anchor_of(laptop))
        assert report.ok and not report.tampered, report.problems
    finally:
        pg_databases.drop(server)
