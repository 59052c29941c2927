"""`portfolio generate` on either engine: it writes the plan and names the database."""

from __future__ import annotations

import pytest

from tests.support.cli import run


def test_generate_names_the_database_it_wrote_on_either_engine(capsys, store_db):
    code, _, err = run(capsys, "generate", "--db", store_db, "--initiatives", "5", "--periods", "1")
    assert code == 0, err
    assert f"generated into {store_db}: " in err and "5 initiatives" in err


def test_generate_force_replaces_a_file_but_never_wipes_a_server(capsys, store_db, pg_databases):
    """--force replaces a laptop's file (keeping a backup); on a shared server it is
    refused with a message saying what to do, and the register is left as it was."""
    run(capsys, "generate", "--db", store_db, "--initiatives", "5", "--periods", "1")
    code, _, err = run(
        capsys, "generate", "--db", store_db, "--initiatives", "3", "--periods", "1", "--force"
    )
    if pg_databases is None:
        assert code == 0, err
        assert "the previous data was backed up to" in err
        return
    assert code == 2
    assert "--force replaces a SQLite file only" in err and "empty database" in err
    code, out, _ = run(capsys, "list", "--db", store_db, "--format", "json")
    assert code == 0 and out.count('"code"') == 5


def test_a_login_without_a_servers_right_is_told_so(capsys, store_db, pg_databases):
    """On a server, a login the DBA has not given a right (the app login may not drop
    the indexes a bulk load drops) is told the server refused it (exit 3), not that a
    file is read-only; nothing is written."""
    if pg_databases is None:
        pytest.skip("a file has no per-login rights: the read-only file is test_unwritable_cli's")
    from tests.support.pg import login_url

    app_login = login_url(store_db, "tester")
    code, _, err = run(capsys, "generate", "--db", app_login, "--initiatives", "3")
    assert code == 3, err
    assert "read-only" not in err
    assert "the server does not give the login tester the right" in err
    code, out, _ = run(capsys, "list", "--db", store_db, "--format", "json")
    assert code == 0 and '"code"' not in out
