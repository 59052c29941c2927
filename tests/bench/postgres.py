"""The bench's PostgreSQL server and its databases.

`PORTFOLIO_BENCH_PG`, when set, names a server to use: the URL of a database on it for
a role that may create databases (the owner URL `scripts/pg-dev DIR` prints). Its
databases are kept between runs, named with the same code key as the bench's SQLite
files, so the 10k portfolio is generated once per version of the generator and schema.
Without it the bench starts a private server with `scripts/pg-dev` in a temporary
folder (Unix socket only, fsync on, as a real server), and stops and removes it at the
end, so every run generates its data afresh. Without PostgreSQL's binaries the
PostgreSQL rows are left out, with a line saying why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ENV = "PORTFOLIO_BENCH_PG"
ROOT = Path(__file__).resolve().parents[2]
PG_DEV = ROOT / "scripts" / "pg-dev"


def binaries_present() -> bool:
    """True when scripts/pg-dev can find PostgreSQL (Debian's layout, or $PGBIN)."""
    pgbin = os.environ.get("PGBIN")
    if pgbin:
        return (Path(pgbin) / "initdb").exists()
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


@contextmanager
def bench_server() -> Iterator[str | None]:
    """The owner URL of the server the bench measures on, or None (with the reason
    printed) when there is none to be had."""
    given = os.environ.get(ENV)
    if given:
        yield given
        return
    if not binaries_present():
        print(f"PostgreSQL rows skipped: no PostgreSQL binaries (install postgresql, or set {ENV})")
        yield None
        return
    folder = tempfile.mkdtemp(prefix="portfolio-bench-pg.")
    try:
        printed = subprocess.run(
            [str(PG_DEV), folder], check=True, capture_output=True, text=True
        ).stdout
        yield next(
            line.split(": ", 1)[1].strip() for line in printed.splitlines() if "owner" in line
        )
    finally:
        subprocess.run([str(PG_DEV), folder, "stop"], check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _admin(server: str, sql: str) -> list[tuple]:
    """Run one statement outside a transaction on `server`'s own database; its rows."""
    import psycopg

    from store.db.backend_postgres import libpq_url

    with psycopg.connect(libpq_url(server), autocommit=True) as connection:
        cursor = connection.execute(sql)
        return cursor.fetchall() if cursor.description else []


def url_of(server: str, name: str) -> str:
    """The server's URL with database `name` in place of its own."""
    from sqlalchemy.engine import make_url

    return make_url(server).set(database=name).render_as_string(hide_password=False)


def fresh_database(server: str, name: str) -> str:
    """An empty database `name` on `server` (dropped first if there), by URL."""
    drop_database(server, name)
    _admin(server, f"CREATE DATABASE {name}")
    return url_of(server, name)


def _name(text: str) -> str:
    """`text` as a database name: lower case, dashes and dots as underscores."""
    return text.lower().replace("-", "_").replace(".", "_")


def cached_database(server: str, stem: str, key: str, build: Callable[[str], None]) -> str:
    """The URL of database `bench_<stem>_<key>`, made by `build(url)` unless it is there;
    the stem's databases with other keys are dropped."""
    prefix = _name(f"bench_{stem}_")
    name = prefix + _name(key)
    listed = f"SELECT datname FROM pg_database WHERE starts_with(datname, '{prefix}')"
    existing = [row[0] for row in _admin(server, listed)]
    for other in existing:
        if other != name:
            drop_database(server, other)
    if name not in existing:
        url = fresh_database(server, name)
        try:
            build(url)
        except BaseException:
            drop_database(server, name)
            raise
    return url_of(server, name)


def drop_database(server: str, name: str) -> None:
    """Drop database `name`, closing whatever is still connected to it."""
    _admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
