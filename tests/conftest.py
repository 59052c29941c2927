"""Shared fixtures: a fresh migrated database per test, a pinned clock, the demo copied
per test, and the app on it (for Pilot and snapshot tests).

The `store`, `demo_store` and `other_desk` handles are on SQLite files, or, when
`PORTFOLIO_TEST_PG` names a PostgreSQL server (`tests.support.pg`), on a database per
test just as a template migrated (or loaded) once per test process made it: the
process's working copy, put back between tests. `demo_db` is what the CLI tests pass
as `--db`."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from store import clock, paths
from store.handle import Store
from tests.support import css_cache, frames, pg
from tests.support.templates import shared_template

# Property tests: bounded example counts so `make test` stays quick, and no per-example
# deadline (the machine is shared; timing is for `make bench`).
settings.register_profile(
    "portfolio",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("portfolio")

# Pilot tests draw the screen when they look at it, not for the headless driver, and
# parse each CSS source once per process rather than once per app.
frames.install()
css_cache.install()

PINNED_START = datetime(2011, 6, 13, 9, 0, tzinfo=UTC)
PINNED_TODAY = date(2011, 6, 13)
# The OS login every test claims: the first write to a new database makes it admin.
OS_LOGIN = "tester"


class FrozenClock:
    """A clock that starts at a fixed instant and ticks one second per reading."""

    def __init__(self, start: datetime, today: date) -> None:
        self.now = start
        self.day = today

    def utc_now(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now

    def today(self) -> date:
        return self.day


# The garbage collector's thresholds for a test process: each of the young generation's
# passes after this many new objects (Python's default is 700), and the full pass only
# after many of those. A Pilot test makes and drops a whole app (its widgets, strips and
# caches), and at the default thresholds the full passes, each walking every module and
# object the process holds, were a quarter of a Pilot test's CPU time.
GC_THRESHOLDS = (50_000, 20, 20)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Once the tests are collected (every module imported), keep what is loaded by now
    out of the collector's passes (`gc.freeze`, as the app itself does after its first
    paint) and make the passes rarer (`GC_THRESHOLDS`; the app keeps Python's own).
    Garbage is still collected: a test's dropped app is freed by a later pass."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _weight(item: pytest.Item) -> int:
    """0 for the slow-marked tests, 1 for Pilot and snapshot tests, 2 for the rest."""
    if item.get_closest_marker("slow"):
        return 0
    return 1 if any(part in item.nodeid for part in ("tests/tui/", "tests/snapshots/")) else 2


def _in_shares(items: list[pytest.Item], workers: int) -> list[pytest.Item]:
    """`items` (longest first) dealt out in turn into one share per worker, the shares
    one after another. xdist's `worksteal` hands each worker one unbroken block of the
    list and, when a worker runs out, moves the end of the longest queue to it: so each
    worker starts on its share of the slow tests, goes on to Pilot tests, and ends on
    quick ones, which are also what moves. A Pilot test spends much of its time waiting
    for the app to go idle, and ending a run on Pilot tests alone left cores idle."""
    shares: list[list[pytest.Item]] = [[] for _ in range(workers)]
    for n, item in enumerate(items):
        shares[n % workers].append(item)
    return [item for share in shares for item in share]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest first: the slow tests (crash kills, concurrent writers), then the Pilot
    and snapshot tests, then the quick ones, so that under xdist no long test starts
    last while the other worker sits idle. Otherwise in file order (a stable sort).
    Under xdist, each worker's share is in that order (`_in_shares`).
    On PostgreSQL, each `sqlite_only("why")` test is skipped with its reason, and each
    `not_yet_on_postgres("why")` test is expected to fail (strictly: it is reported the
    day it passes, so the mark comes off)."""
    items.sort(key=_weight)
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if workers > 1:
        items[:] = _in_shares(items, workers)
    if pg.server_url() is None:
        return
    for item in items:
        only = item.get_closest_marker("sqlite_only")
        if only is not None:
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {_reason(only)}"))
        pending = item.get_closest_marker("not_yet_on_postgres")
        if pending is not None:
            why = f"not yet on PostgreSQL: {_reason(pending)}"
            item.add_marker(pytest.mark.xfail(reason=why, strict=True))


def _reason(marker: pytest.Mark) -> str:
    """The reason a `sqlite_only` or `not_yet_on_postgres` mark gives (it must give one)."""
    return marker.args[0] if marker.args else marker.kwargs["reason"]


@pytest.fixture(autouse=True)
def os_login_is_tester(monkeypatch) -> None:
    """Stand in for the OS account as `tester` (the store reads it from the password
    database, which a test cannot change), so a test's own store, acting as `tester`, is
    the admin the first write makes, whoever runs the tests. A `portfolio` run as a
    separate process is the real OS account."""
    monkeypatch.setattr(paths, "os_login", lambda: OS_LOGIN)


@pytest.fixture
def frozen_clock(monkeypatch) -> FrozenClock:
    """Pin the store's clock: UTC time starts at 2011-06-13 09:00 and today is 2011-06-13."""
    frozen = FrozenClock(PINNED_START, PINNED_TODAY)
    monkeypatch.setattr(clock, "utc_now", frozen.utc_now)
    monkeypatch.setattr(clock, "today", frozen.today)
    return frozen


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where this test's database file lives (not yet created)."""
    return tmp_path / "portfolio.db"


@pytest.fixture(scope="session")
def pg_databases():
    """The PostgreSQL databases this test process makes (None on SQLite), dropped at the end."""
    url = pg.server_url()
    if url is None:
        yield None
        return
    databases = pg.Databases(url)
    yield databases
    databases.drop_templates()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    """A new database, fully migrated and still empty, made once per run: each test's
    `store` starts from a copy rather than running every migration again."""

    def build(path: Path) -> None:
        handle, _ = Store.open(f"sqlite:///{path}", "tester")
        handle.close()

    return shared_template(tmp_path_factory, "migrated.db", build)


@pytest.fixture
def store_url(request, pg_databases):
    """The URL of a fresh, fully migrated database for this test: a copy of the migrated
    template (a file), or the test server's working copy of it, put back as it was."""
    if pg_databases is None:
        db_path = request.getfixturevalue("db_path")
        shutil.copyfile(request.getfixturevalue("migrated_template"), db_path)
        yield f"sqlite:///{db_path}"
        return

    def build(url: str) -> None:
        handle, _ = Store.open(url, "tester")
        handle.close()

    yield pg_databases.fresh("migrated", build)


@pytest.fixture
def store(store_url: str):
    """A handle on a fresh, fully migrated database, acting as 'tester'."""
    handle, _ = Store.open(store_url, "tester")
    yield handle
    handle.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo portfolio, loaded once per test run with the clock pinned, so every
    timestamp in it is the same on every run."""

    return shared_template(
        tmp_path_factory, "demo.db", lambda path: _load_demo(f"sqlite:///{path}")
    )


def _load_demo(url: str) -> None:
    """Load the demo portfolio into the new database at `url` with the clock pinned."""
    from store.demo import load_demo

    def load(handle: Store) -> None:
        with handle.writing() as session:
            load_demo(session)

    _write_pinned(url, "portfolio.office", load)


def _write_pinned(url: str, user: str, write: Callable[[Store], None]) -> None:
    """Open (or make) the database at `url` as `user` and `write(handle)` into it, at the
    OS account every test claims and with the clock pinned as every test pins it."""
    with pytest.MonkeyPatch.context() as patch:
        frozen = FrozenClock(PINNED_START, PINNED_TODAY)
        patch.setattr(clock, "utc_now", frozen.utc_now)
        patch.setattr(clock, "today", frozen.today)
        patch.setattr(paths, "os_login", lambda: OS_LOGIN)
        handle, _ = Store.open(url, user)
        try:
            write(handle)
        finally:
            handle.close()


@pytest.fixture(scope="session")
def built_once(tmp_path_factory, migrated_template):
    """`built_once(name, write)`: the SQLite file `name`, made once per run from the
    migrated template by `write(store)` acting as 'tester' (the clock pinned, as in
    every test), for a test to copy when many tests start from the same records."""

    def build(name: str, write: Callable[[Store], None]) -> Path:
        def make(path: Path) -> None:
            shutil.copyfile(migrated_template, path)
            _write_pinned(f"sqlite:///{path}", OS_LOGIN, write)

        return shared_template(tmp_path_factory, name, make)

    return build


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database for one test."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def demo_url(request, pg_databases):
    """The URL of this test's private copy of the demo (a file, or a database on the
    test server). `demo_path` is the file, on SQLite only."""
    if pg_databases is None:
        yield f"sqlite:///{request.getfixturevalue('demo_path')}"
        return
    yield pg_databases.fresh("demo", _load_demo)


@pytest.fixture
def store_db(request, store_url: str, pg_databases) -> str:
    """What `--db` names for this test's `store` database, for the CLI tests: the file
    on SQLite; on the PostgreSQL test server the database's URL as the owner role (a
    command on a server acts as its login, and making the schema's bulk loads, as
    `generate` does, is the owner's). A file's first user, `tester`, is its admin; on a
    server the owner makes `tester` the first admin and itself one too."""
    if pg_databases is None:
        return str(request.getfixturevalue("db_path"))
    pg.register_login(store_url, OS_LOGIN)
    return store_url


@pytest.fixture
def demo_db(request, pg_databases) -> str:
    """What `--db` names for this test's copy of the demo, for the CLI tests: the file
    on SQLite, the database's URL on the PostgreSQL test server. A `portfolio` command
    acts as the OS account on a file and as the database login on a server, so on the
    server it connects as the login `tester`, an app login like any office's, which is
    the demo's first admin as the OS account `tester` is on the file."""
    if pg_databases is None:
        return str(request.getfixturevalue("demo_path"))
    return pg.login_url(request.getfixturevalue("demo_url"), OS_LOGIN)


@pytest.fixture
def other_desk(demo_url: str, frozen_clock):
    """Open this test's demo file as another user, as at another desk:
    `other_desk("a.kowalski")` returns a Store acting as them (closed after the test)."""
    handles: list[Store] = []

    def open_as(login: str) -> Store:
        handle = Store(demo_url, login)
        handles.append(handle)
        return handle

    yield open_as
    for handle in handles:
        handle.close()


@pytest.fixture
def other(request, other_desk):
    """The colleague at another desk, on the same database file, whom the test module
    names in `OTHER` (its login)."""
    return other_desk(request.module.OTHER)


@pytest.fixture
def demo_store(demo_url: str, frozen_clock):
    """A handle on this test's copy of the demo, acting as 'tester', with the clock pinned."""
    handle = Store(demo_url, "tester")
    yield handle
    handle.close()


@pytest.fixture
def app(request, demo_store, frozen_clock):
    """The app, without the background warm-up, on this test's copy of the demo, acting
    as `tester`. Today is the pinned 2011-06-13, or the test module's `APP_TODAY` (the
    front door's tests run on 14 June 2021, when its proposals are recent)."""
    from tui.app import PortfolioApp

    today = getattr(request.module, "APP_TODAY", None)
    if today is not None:
        frozen_clock.day = today
    return PortfolioApp(demo_store, warm_up=False)
