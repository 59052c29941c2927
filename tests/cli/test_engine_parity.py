"""The same demo on SQLite and on PostgreSQL reads the same through the CLI.

The demo is loaded into each engine with the clock pinned (the `demo_template` and the
test server's demo template, `tests/conftest.py`), and every read command the office
reports from is run on both with the real `portfolio` command line: what they print must
be the same, timestamps aside. The audit chain, which hashes every event with its time,
must end on the same hash. PostgreSQL only: it needs `PORTFOLIO_TEST_PG`.
"""

from __future__ import annotations

import json
import re

import pytest

from store.check import check_url
from tests.support import pg
from tests.support.cli import run

pytestmark = pytest.mark.skipif(
    pg.server_url() is None, reason="needs PORTFOLIO_TEST_PG (a server) beside SQLite"
)

# An ISO 8601 time (what an event or a save records), as a report or a listing shows it.
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?( ?UTC|Z)?")

READS = (
    ("list", "--format", "json"),
    ("report", "--format", "md"),
    ("savings", "--format", "json"),
    ("vacancies", "--format", "json"),
)


def _output(capsys, db: str, *argv: str) -> str:
    """What `portfolio ARGV --db DB` prints, its timestamps masked; it must succeed."""
    code, out, err = run(capsys, *argv, "--db", db)
    assert code == 0, (argv, db, err)
    return _TIMESTAMP.sub("<time>", out)


def _login_of(url: str) -> str:
    """The database login a PostgreSQL URL connects as (the person on the server)."""
    from sqlalchemy.engine import make_url

    return make_url(url).username


@pytest.fixture
def demos(demo_path, demo_url) -> dict[str, str]:
    """The demo's URL on each engine: the file, the server's database."""
    assert demo_url.startswith("postgresql")
    return {"sqlite": f"sqlite:///{demo_path}", "postgresql": demo_url}


@pytest.fixture
def engines(demos, frozen_clock) -> dict[str, str]:
    """What `--db` names for the demo on each engine, where the server's login (who acts
    there) has been made a viewer by the demo's admin, on both engines alike."""
    from store.handle import Store
    from store.users.services import add_user

    viewer = {"login": _login_of(demos["postgresql"]), "role": "viewer"}
    for url in demos.values():
        with Store(url, "tester") as handle, handle.writing() as session:
            add_user(viewer, session=session)
    return {"sqlite": demos["sqlite"].removeprefix("sqlite:///"), "postgresql": demos["postgresql"]}


@pytest.mark.parametrize("argv", READS, ids=lambda argv: argv[0])
def test_a_read_command_prints_the_same_on_both_engines(capsys, frozen_clock, engines, argv):
    sqlite, postgresql = (_output(capsys, db, *argv) for db in engines.values())
    assert postgresql.splitlines() == sqlite.splitlines()


def test_show_prints_the_same_initiatives_on_both_engines(capsys, frozen_clock, engines):
    listed = json.loads(_output(capsys, engines["sqlite"], "list", "--format", "json"))
    codes = [row["code"] for row in listed]
    assert len(codes) > 3
    for code in (codes[0], codes[len(codes) // 2], codes[-1]):
        for form in ("text", "json"):
            sqlite, postgresql = (
                _output(capsys, db, "show", code, "--format", form) for db in engines.values()
            )
            assert postgresql.splitlines() == sqlite.splitlines(), (code, form)


def test_the_demo_ends_on_the_same_chain_hash_on_both_engines(demos):
    """Loaded with the clock pinned, each event hashes the same on either engine."""
    sqlite, postgresql = (check_url(url) for url in demos.values())
    assert sqlite.ok and postgresql.ok, (sqlite.problems, postgresql.problems)
    assert sqlite.chain.events == postgresql.chain.events
    assert postgresql.chain.last_hash == sqlite.chain.last_hash
