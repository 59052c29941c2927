"""`portfolio demo` and `init` say which database they wrote: its file, or on a server
its URL without the password (a server database has no file: it once printed `None`)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from tests.support import pg
from tests.support.cli import audit_events, run


def _db_and_place(store_url: str) -> tuple[str, str]:
    """What to pass as `--db` for the test's empty database and how the CLI should name
    it: the file on SQLite; on a server its URL, given with a password (which trusted
    local connections ignore) that must not be printed."""
    url = make_url(store_url)
    if url.get_backend_name() == "sqlite":
        return url.database, url.database
    given = url.set(password="not-for-print")
    return given.render_as_string(hide_password=False), given.render_as_string(hide_password=True)


def test_init_names_the_database_it_left_as_it_was(store_url, capsys):
    db, place = _db_and_place(store_url)
    code, out, err = run(capsys, "init", "--db", db)
    assert (code, out, err) == (0, "", f"{place} already exists; left as it is\n")


def test_demo_names_the_database_it_loaded_and_the_one_it_left(store_url, frozen_clock, capsys):
    db, place = _db_and_place(store_url)
    code, _, err = run(capsys, "demo", "--db", db)
    assert code == 0 and err.startswith(f"loaded the demo portfolio into {place}: "), err
    code, _, err = run(capsys, "demo", "--db", db, "--if-empty")
    assert (code, err) == (0, f"{place} already holds data; left as it is\n")
    code, _, err = run(capsys, "demo", "--db", db)
    assert code == 2 and f"database: {place} already holds data; use --force" in err
    assert "not-for-print" not in err and "None" not in err


@pytest.mark.skipif(
    pg.server_url() is None,
    reason="a server database; --force on a file is tested in test_portfolio_cli",
)
@pytest.mark.parametrize("command", [("demo",), ("generate", "--initiatives", "5")])
def test_force_on_a_server_is_refused_in_one_line_and_writes_nothing(command, demo_db, capsys):
    """--force replaces a SQLite file (keeping a backup); a server database is the DBA's,
    and is not dropped and made again by the app: refused, with what to do instead."""
    before = audit_events(demo_db)
    code, out, err = run(capsys, *command, "--db", demo_db, "--force")
    assert (code, out) == (2, "") and err.count("\n") == 1, err
    assert "--force replaces a SQLite file only" in err and "Traceback" not in err
    assert audit_events(demo_db) == before
