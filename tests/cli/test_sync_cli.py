"""`portfolio replica create`, `sync`, `conflicts` and `conflicts resolve`: one offline
day end to end, the refusals, and sync killed with SIGKILL at random points 50 times
(then synced again: nothing twice, nothing lost, `check` passing on both sides). On a
central SQLite file, and on PostgreSQL when PORTFOLIO_TEST_PG is set.

The killed syncs are `portfolio sync` run by a child forked from the test process (the
command's own `main`, at the real OS account and clock): the same code as the console
script without an interpreter's start-up, so each kill lands inside the sync, and 55
runs cost a second of CPU rather than a minute. The replica is made, and first synced,
by the real `portfolio` command."""

from __future__ import annotations

import json
import multiprocessing
import os
import pwd
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import select

from store import clock, paths
from store.check import check_url
from store.models import Risk
from store.paths import sqlite_url
from store.programme.risks.services import create_risk, update_risk
from store.users.roles import Role
from tests.support import pg
from tests.support.cli import run
from tests.support.sync import RISK, give_role, laptop_url, open_replica
from tui.cli import main

PORTFOLIO = str(Path(sys.executable).with_name("portfolio"))
REAL_ACCOUNT = pwd.getpwuid(os.getuid()).pw_name
KILL_ROUNDS, KILLS_PER_ROUND, OPS_PER_ROUND = 5, 10, 8
FORK = multiprocessing.get_context("fork")
# The real OS account and clock, as a `portfolio` process has them (the fixtures stand
# in for both in the test process, after this module is imported).
REAL_WORLD = (paths.os_login, clock.utc_now, clock.today)


def _laptop(server: str) -> str:
    """What a laptop names the server by: on PostgreSQL an ordinary login's URL (the
    app's rights only, `tests.support.sync.laptop_url`), a central file as is."""
    return server if pg.server_url() is None else laptop_url(server)


def _login(server: str, os_account: str) -> str:
    """Who a replica of `server` made from `os_account` belongs to, given a role on it."""
    if pg.server_url() is None:
        return os_account
    from sqlalchemy.engine import make_url

    return make_url(_laptop(server)).username


def _server_url(server: str) -> str:
    return server if "://" in server else sqlite_url(Path(server))


def test_one_offline_day(capsys, demo_db, frozen_clock, tmp_path):
    laptop = str(tmp_path / "laptop.db")
    give_role(_server_url(demo_db), _login(demo_db, "tester"), Role.ADMIN)

    code, out, _ = run(capsys, "replica", "create", _laptop(demo_db), laptop)
    assert code == 0 and "made replica" in out
    assert stat.S_IMODE(os.stat(laptop).st_mode) == 0o600
    assert run(capsys, "--db", laptop, "risks", "add", "TPD", "--description", "Offline",
               "--likelihood", "2", "--impact", "2")[0] == 0  # fmt: skip
    assert run(capsys, "--db", laptop, "risks", "update", "7", "--likelihood", "1")[0] == 0
    assert run(capsys, "--db", demo_db, "risks", "update", "7", "--likelihood", "3")[0] == 0

    code, out, _ = run(capsys, "--db", laptop, "sync")
    assert code == 0 and "sent 2 operations: 1 applied" in out and "1 in conflict" in out
    code, out, _ = run(capsys, "--db", laptop, "conflicts", "--format", "json")
    [conflict] = json.loads(out)
    assert conflict["theirs"] == {"likelihood": 3} and conflict["mine"]["likelihood"] == "1"
    assert "changed on the server" in conflict["reason"]

    code, out, _ = run(capsys, "--db", laptop, "conflicts", "resolve", conflict["op_id"][:8],
                       "--reapply")  # fmt: skip
    assert code == 0 and "sent again" in out
    code, out, _ = run(capsys, "--db", laptop, "sync")
    assert code == 0 and "sent 1 operations: 1 applied" in out
    assert json.loads(run(capsys, "--db", laptop, "conflicts", "--format", "json")[1]) == []
    assert run(capsys, "--db", laptop, "check")[0] == 0
    code, out, _ = run(capsys, "--db", demo_db, "check")
    assert code == 0 and "offline archives: ok (2 laptop chains" in out


def test_sync_refuses_what_is_not_a_replica(capsys, demo_db):
    give_role(_server_url(demo_db), _login(demo_db, "tester"), Role.ADMIN)
    code, _, err = run(capsys, "--db", _laptop(demo_db), "sync")
    assert code == 1 and "not a replica" in err and "replica create" in err


def test_resolving_an_unknown_op_is_bad_input(capsys, demo_db, tmp_path):
    laptop = str(tmp_path / "laptop.db")
    give_role(_server_url(demo_db), _login(demo_db, "tester"), Role.ADMIN)
    assert run(capsys, "replica", "create", _laptop(demo_db), laptop)[0] == 0
    code, _, err = run(capsys, "--db", laptop, "conflicts", "resolve", "abc", "--drop")
    assert code == 2 and "names no operation" in err


def _portfolio(*argv: str, **options) -> subprocess.Popen:
    return subprocess.Popen(
        [PORTFOLIO, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **options
    )


def _sync(laptop: Path) -> None:
    """In a forked child: `portfolio --db LAPTOP sync`, as the real account, now."""
    paths.os_login, clock.utc_now, clock.today = REAL_WORLD
    sys.exit(main(["--db", str(laptop), "sync"]))


def _forked_sync(laptop: Path) -> multiprocessing.Process:
    """`portfolio --db LAPTOP sync` running in a child forked from this process."""
    child = FORK.Process(target=_sync, args=(laptop,))
    child.start()
    return child


def _journal_ops(laptop: Path, rng: random.Random, label: str) -> dict[str, int]:
    """Offline: risks made and edited (the edits name the risks made offline); the
    likelihood each should end with, by description."""
    wanted = {}
    with open_replica(laptop) as replica:
        for n in range(OPS_PER_ROUND // 2):
            description = f"{label} {n}"
            with replica.writing() as session:
                made = create_risk(RISK | {"description": description}, session=session)
            wanted[description] = rng.randint(3, 5)  # RISK has 2
            with replica.writing() as session:
                update_risk({"id": made.id, "likelihood": wanted[description]}, session=session)
    return wanted


def _server_risks(url: str) -> list[Risk]:
    from store.handle import Store

    with Store(url, "tester") as server, server.writing() as session:
        return list(session.exec(select(Risk)))


@pytest.mark.slow
def test_sync_killed_at_random_points_then_run_again(demo_db, frozen_clock, tmp_path):
    rng = random.Random(17)
    url, laptop = _server_url(demo_db), tmp_path / "laptop.db"
    give_role(url, _login(demo_db, REAL_ACCOUNT), Role.PORTFOLIO_OFFICE)
    assert _portfolio("replica", "create", _laptop(demo_db), str(laptop)).wait(120) == 0
    assert _portfolio("--db", str(laptop), "sync").wait(120) == 0
    started = time.monotonic()
    first = _forked_sync(laptop)
    first.join(120)
    assert first.exitcode == 0
    whole = time.monotonic() - started
    wanted: dict[str, int] = {}
    for round_ in range(KILL_ROUNDS):
        wanted |= _journal_ops(laptop, rng, f"round {round_}")
        for _ in range(KILLS_PER_ROUND):
            child = _forked_sync(laptop)
            time.sleep(rng.uniform(0, whole))  # within a sync's run: each kill lands mid-way
            os.kill(child.pid, signal.SIGKILL)
            child.join(60)
            assert check_url(sqlite_url(laptop)).ok  # the replica is whole after each kill
        started = time.monotonic()
        done = _forked_sync(laptop)
        done.join(120)
        assert done.exitcode == 0  # its complaint, if any, is in the captured stderr
        whole = max(whole, time.monotonic() - started)  # the kills land within a sync's run
        offline = [r for r in _server_risks(url) if r.description.startswith("round")]
        assert sorted(r.description for r in offline) == sorted(wanted)  # once each
        assert {r.description: r.likelihood for r in offline} == wanted  # on its own risk
        assert check_url(url).ok and check_url(sqlite_url(laptop)).ok
    with open_replica(laptop) as replica, replica.reading() as connection:
        statuses = connection.execute("SELECT DISTINCT status FROM sync_journal").fetchall()
    assert statuses == [("synced",)]
