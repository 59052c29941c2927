"""Real logins on a PostgreSQL server: the database login is the person, so a login
without an active app role cannot act (exit 3), `--user` cannot claim someone else
(exit 3, audited), the app's logins cannot change or delete history even with raw SQL
(the rights are revoked, not just trigger-guarded), and `check` reports a guard trigger
switched off or a right to change history granted back.

These need a server (`PORTFOLIO_TEST_PG`, the owner URL `scripts/pg-dev DIR` prints)
with pg-dev's roles: `portfolio_users`, and `portfolio_app`, a login in it. The grants
themselves are checked without a server too."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.engine import make_url

from store.check import check_url
from store.db.backend_postgres import libpq_url
from store.db.grants import APP_ROLE, DELETABLE_TABLES, grant_statements
from store.tamper import GUARDED_TABLES
from tests.support import pg
from tests.support.cli import run

APP_LOGIN = "portfolio_app"

needs_server = pytest.mark.skipif(
    pg.server_url() is None,
    reason="needs a PostgreSQL server with pg-dev's roles (PORTFOLIO_TEST_PG)",
)


def _sql(url: str, *statements: str) -> None:
    """Run `statements` on the database at `url`, as the login it names."""
    with psycopg.connect(libpq_url(url), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def _rows(url: str, sql: str) -> list[tuple]:
    with psycopg.connect(libpq_url(url), autocommit=True) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def owner_url(store_url: str) -> str:
    """This test's migrated database, as the owner role (the first admin)."""
    return store_url


@pytest.fixture
def app_url(owner_url: str) -> str:
    """The same database as the login `portfolio_app` (skipped when there is none)."""
    if not _rows(owner_url, f"SELECT 1 FROM pg_roles WHERE rolname = '{APP_LOGIN}'"):
        pytest.skip(f"the server has no login {APP_LOGIN} (run scripts/pg-dev)")
    return make_url(owner_url).set(username=APP_LOGIN).render_as_string(hide_password=False)


@pytest.fixture
def office(owner_url: str, capsys) -> str:
    """The owner has made itself admin (first save) and added a viewer."""
    code, _, err = run(capsys, "user", "add", "someone", "--role", "viewer", "--db", owner_url)
    assert code == 0, err
    return owner_url


def test_grants_give_no_login_update_delete_or_truncate_on_history():
    tables = ["alembic_version", "audit_event", "risk", "sc_agenda_item", "sc_decision"]
    statements = grant_statements("public", tables)
    assert not any("TRUNCATE" in s and s.startswith("GRANT") for s in statements)
    for statement in statements:
        if statement.startswith(("GRANT UPDATE", "GRANT DELETE")):
            assert not any(f" {t}" in statement for t in GUARDED_TABLES), statement
    assert f"GRANT UPDATE ON risk, sc_agenda_item TO {APP_ROLE}" in statements
    assert f"GRANT DELETE ON {', '.join(DELETABLE_TABLES)} TO {APP_ROLE}" in statements
    assert f"GRANT INSERT ON audit_event, risk, sc_agenda_item, sc_decision TO {APP_ROLE}" in (
        statements
    )


@needs_server
def test_a_login_without_an_app_role_cannot_act(office, app_url, capsys):
    code, out, err = run(capsys, "list", "--db", app_url)
    assert code == 3 and out == ""
    assert f"database login {APP_LOGIN} has no role in this portfolio" in err
    assert f"portfolio user add {APP_LOGIN} --role" in err
    denied = _rows(office, "SELECT actor, action FROM audit_event WHERE action = 'denied'")
    assert denied == [(APP_LOGIN, "denied")]


@needs_server
def test_a_disabled_login_cannot_act(office, app_url, capsys):
    assert run(capsys, "user", "add", APP_LOGIN, "--role", "viewer", "--db", office)[0] == 0
    assert run(capsys, "list", "--db", app_url)[0] == 0
    assert run(capsys, "user", "disable", APP_LOGIN, "--db", office)[0] == 0
    code, _, err = run(capsys, "list", "--db", app_url)
    assert code == 3
    assert f"database login {APP_LOGIN} is disabled here" in err


@needs_server
def test_on_an_empty_database_only_the_owner_becomes_the_first_admin(owner_url, app_url, capsys):
    code, _, err = run(capsys, "user", "add", APP_LOGIN, "--role", "admin", "--db", app_url)
    assert code == 3
    assert "has no users yet" in err and "owner role" in err
    assert _rows(owner_url, "SELECT login FROM app_user") == []
    assert run(capsys, "user", "add", APP_LOGIN, "--role", "admin", "--db", owner_url)[0] == 0
    users = _rows(owner_url, "SELECT login, role FROM app_user ORDER BY login")
    assert users == [(APP_LOGIN, "admin"), ("portfolio_owner", "admin")]


@needs_server
def test_the_acting_user_is_the_database_login(office, app_url, capsys):
    assert run(capsys, "user", "add", APP_LOGIN, "--role", "admin", "--db", office)[0] == 0
    assert run(capsys, "user", "add", "b.clerk", "--role", "viewer", "--db", app_url)[0] == 0
    event = _rows(office, "SELECT actor, os_user FROM audit_event ORDER BY id DESC LIMIT 1")
    assert event == [(APP_LOGIN, APP_LOGIN)]


@needs_server
def test_user_cannot_claim_another_person_on_a_server(office, app_url, capsys, monkeypatch):
    assert run(capsys, "user", "add", APP_LOGIN, "--role", "admin", "--db", office)[0] == 0
    code, out, err = run(capsys, "list", "--db", app_url, "--user", "someone")
    assert code == 3 and out == ""
    assert f"you act as your database login {APP_LOGIN}" in err and "(someone)" in err
    monkeypatch.setenv("PORTFOLIO_USER", "someone")
    assert run(capsys, "list", "--db", app_url)[0] == 3
    monkeypatch.setenv("PORTFOLIO_USER", APP_LOGIN)
    assert run(capsys, "list", "--db", app_url)[0] == 0
    denied = _rows(office, "SELECT actor, entity_id FROM audit_event WHERE action = 'denied'")
    assert denied == [(APP_LOGIN, "act on behalf of another user")] * 2


@needs_server
@pytest.mark.parametrize("table", ["audit_event", "sc_decision", "proposal_decision"])
@pytest.mark.parametrize(
    "statement", ["DELETE FROM {table}", "UPDATE {table} SET id = id", "TRUNCATE {table}"]
)
def test_the_app_login_cannot_change_history_even_with_raw_sql(office, app_url, table, statement):
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
        _sql(app_url, statement.format(table=table))
    assert _rows(office, "SELECT COUNT(*) FROM audit_event")[0][0] > 0


@needs_server
def test_check_reports_a_guard_trigger_switched_off(office, capsys):
    assert check_url(office).disabled_guards == []
    _sql(office, "ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_delete")
    report = check_url(office)
    assert report.disabled_guards == ["audit_event_no_delete"] and not report.ok
    code, _, err = run(capsys, "check", "--db", office)
    assert code == 1
    assert "1 trigger(s) switched off, first audit_event_no_delete" in err


@needs_server
@pytest.mark.parametrize("grantee", [APP_LOGIN, APP_ROLE, "PUBLIC"])
def test_check_reports_a_right_to_delete_history_granted_back(office, app_url, grantee, capsys):
    assert check_url(office).forbidden_rights == []
    _sql(office, f"GRANT DELETE ON audit_event TO {grantee}")
    rights = check_url(office).forbidden_rights
    assert f"{grantee.lower()}: DELETE on audit_event" in rights
    code, _, err = run(capsys, "check", "--db", app_url)
    assert code == 1
    assert "right(s) to change history granted" in err


@needs_server
def test_check_reports_a_missing_guard_trigger_on_a_server(office):
    _sql(office, "DROP TRIGGER sc_decision_no_delete ON sc_decision")
    assert check_url(office).missing_guards == ["sc_decision_no_delete"]
