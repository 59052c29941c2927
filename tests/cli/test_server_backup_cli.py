"""`portfolio backup` and `restore` on a PostgreSQL server: the server's database is
backed up into a portfolio file that `check --expect` verifies without a server, and
restored from one into an empty server database; one holding rows is never written
over. PostgreSQL only (`PORTFOLIO_TEST_PG`)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from store.handle import Store
from store.users.services import add_user
from tests.support import pg
from tests.support.cli import audit_events, count, run

pytestmark = pytest.mark.skipif(pg.server_url() is None, reason="needs PORTFOLIO_TEST_PG")


@pytest.fixture
def office(capsys, demo_path, pg_databases):
    """The demo moved onto a new server database (`copy-to`), whose login (the owner
    role, who runs these commands) the demo's admin has made an admin; its URL."""
    server = pg_databases.create()
    assert run(capsys, "copy-to", server, "--db", str(demo_path))[0] == 0
    with Store(server, "tester") as store, store.writing() as session:
        add_user({"login": make_url(server).username, "role": "admin"}, session=session)
    yield server
    pg_databases.drop(server)


def test_a_server_backup_is_a_portfolio_file_its_anchor_verifies(capsys, office, tmp_path):
    anchor = run(capsys, "check", "--db", office, "--anchor")[1].strip()
    backup = tmp_path / "office.bak"

    code, out, err = run(capsys, "backup", str(backup), "--db", office)

    assert code == 0 and '"integrity_check": "ok"' in out, err
    assert count(backup, "app_user") == count(office, "app_user")
    assert audit_events(backup) == audit_events(office) + 1  # the copy's own event
    code, out, err = run(capsys, "check", "--db", str(backup), "--expect", anchor)
    assert code == 0 and "anchor: ok" in out, (out, err)


def test_a_backup_is_restored_into_an_empty_server_database_only(
    capsys, office, tmp_path, pg_databases
):
    anchor = run(capsys, "check", "--db", office, "--anchor")[1].strip()
    backup = tmp_path / "office.bak"
    assert run(capsys, "backup", str(backup), "--db", office)[0] == 0
    events = audit_events(office)

    code, _, err = run(capsys, "restore", str(backup), "--db", office, "--force")
    assert code == 2 and "never restored over" in err
    assert audit_events(office) == events

    fresh = pg_databases.create()
    try:
        code, out, err = run(capsys, "restore", str(backup), "--db", fresh)
        assert code == 0 and '"audit_hash"' in out, err
        assert count(fresh, "app_user") == count(office, "app_user")
        assert audit_events(fresh) == audit_events(backup) + 1
        code, out, err = run(capsys, "check", "--db", fresh, "--expect", anchor)
        assert code == 0 and "anchor: ok" in out, (out, err)
    finally:
        pg_databases.drop(fresh)
