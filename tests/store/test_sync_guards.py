"""The server's sync tables are append-only, like the audit log: `sync_applied` (what
makes each offline operation exactly once: a row deleted would let the op be applied
again) and `replica_archive` (the laptops' archived chains). Guard triggers refuse an
UPDATE or DELETE on either engine, a login of the app's group may not UPDATE, DELETE
or TRUNCATE them on PostgreSQL, and `check` reports a guard dropped or a right granted
back. On a central SQLite file, and on PostgreSQL when PORTFOLIO_TEST_PG is set."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest
from sqlmodel import select

from store.check import check_url
from store.db.grants import APP_ROLE, grant_statements
from store.models import Risk
from store.programme.risks.services import create_risk
from store.sync.run import sync
from store.tamper import guard_triggers, missing_guards
from tests.support import pg
from tests.support.cli import drop_trigger, tamper_connection
from tests.support.sync import RISK

SYNC_TABLES = ("sync_applied", "replica_archive")
STATEMENTS = {"changed": "UPDATE {table} SET login = login", "deleted": "DELETE FROM {table}"}
REFUSED = (sqlite3.IntegrityError, psycopg.errors.IntegrityError)


@pytest.fixture
def synced(server, laptop):
    """The server after one offline risk was synced: one op taken, one chain archived."""
    with laptop.writing() as session:
        create_risk(RISK | {"description": "Laptop risk"}, session=session)
    assert sync(laptop).applied == 1
    return server


def _count(url: str, table: str) -> int:
    connection = tamper_connection(url)
    try:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


def test_the_sync_tables_have_their_guards_on_a_fresh_database(store, store_url):
    wanted = {f"{table}_no_{verb}" for table in SYNC_TABLES for verb in ("update", "delete")}
    assert wanted <= set(guard_triggers())
    connection = tamper_connection(store_url)
    try:
        assert missing_guards(connection) == []
    finally:
        connection.close()


@pytest.mark.parametrize("table", SYNC_TABLES)
@pytest.mark.parametrize("verb", STATEMENTS)
def test_a_sync_table_row_cannot_be_changed_or_deleted(synced, laptop, table, verb):
    """Even the owner, with raw SQL beside the app, is refused; and the op that was
    taken is still taken once when the laptop syncs again."""
    url = synced.url
    assert _count(url, table) == 1
    connection = tamper_connection(url)
    try:
        with pytest.raises(REFUSED, match=f"{table} rows cannot be {verb}"):
            connection.execute(STATEMENTS[verb].format(table=table))
    finally:
        connection.close()
    assert _count(url, table) == 1
    assert sync(laptop).pushed == 0
    with synced.writing() as session:
        made = session.exec(select(Risk).where(Risk.description == "Laptop risk")).all()
    assert len(made) == 1 and check_url(url).ok


@pytest.mark.parametrize("name", ["sync_applied_no_delete", "replica_archive_no_update"])
def test_check_reports_a_sync_guard_dropped(synced, name):
    url = synced.url
    connection = tamper_connection(url)
    try:
        connection.execute(drop_trigger(url, name))
    finally:
        connection.close()
    report = check_url(url)
    assert report.missing_guards == [name] and not report.ok
    assert any(name in problem for problem in report.problems)


def test_no_login_is_granted_a_change_to_the_sync_tables():
    statements = grant_statements("public", ["risk", *SYNC_TABLES])
    changes = [s for s in statements if s.startswith(("GRANT UPDATE", "GRANT DELETE"))]
    assert changes and not any(table in s for s in changes for table in SYNC_TABLES)


needs_server = pytest.mark.skipif(pg.server_url() is None, reason="rights exist on PostgreSQL")


@needs_server
@pytest.mark.parametrize("table", SYNC_TABLES)
@pytest.mark.parametrize("statement", ["DELETE FROM {table}", "UPDATE {table} SET login = login",
                                       "TRUNCATE {table}"])  # fmt: skip
def test_a_login_may_not_change_a_sync_table_even_with_raw_sql(synced, table, statement):
    url = pg.login_url(synced.url, "m.forger")
    connection = tamper_connection(url)
    try:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
            connection.execute(statement.format(table=table))
    finally:
        connection.close()
    assert _count(synced.url, table) == 1


@needs_server
@pytest.mark.parametrize("table", SYNC_TABLES)
def test_check_reports_a_right_to_delete_a_sync_table_granted_back(synced, table):
    connection = tamper_connection(synced.url)
    try:
        connection.execute(f"GRANT DELETE ON {table} TO {APP_ROLE}")
    finally:
        connection.close()
    report = check_url(synced.url)
    assert f"{APP_ROLE}: DELETE on {table}" in report.forbidden_rights and not report.ok
