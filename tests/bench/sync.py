"""Bench figures for laptop sync (issue 17): operations synced per second for 1,000
journalled operations (risks made offline, each then edited through its offline
identity, and RAGs), to a central SQLite file, and to PostgreSQL when
PORTFOLIO_TEST_PG names a server. The push is timed on its own (each op one server
transaction, exactly once), then the whole sync with its pull."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

OPERATIONS = 1_000


def _journal(replica, operations: int) -> None:
    """Journal `operations` offline ops on the replica: a third risks made, a third
    edits of them, a third RAGs."""
    from store.portfolio.services import record_assessment
    from store.programme.risks.services import create_risk, update_risk

    made: list[int] = []
    for n in range(operations):
        with replica.writing() as session:
            if n % 3 == 0:
                risk = {"code": "TPD", "description": f"bench {n}", "likelihood": 2, "impact": 2}
                made.append(create_risk(risk, session=session).id)
            elif n % 3 == 1:
                update_risk({"id": made[-1], "likelihood": 3 + n % 3}, session=session)
            else:
                rag = {"code": "TPD", "criterion": "Overall status", "rag": "RAG"[n % 3]}
                record_assessment(rag | {"rationale": f"bench {n}"}, session=session)


def _pg_rate(demo: Path, workdir: Path, login: str) -> tuple[float, float] | None:
    """The rates on a fresh PostgreSQL copy of the demo on the test server (dropped
    afterwards), or None without a server."""
    from sqlalchemy.engine import make_url

    from store.move import copy_database
    from store.paths import sqlite_url
    from tests.support import pg

    if pg.server_url() is None:
        return None
    databases = pg.Databases(pg.server_url())
    url = databases.create()
    try:
        copy_database(sqlite_url(demo), url, login)
        return sync_rate(url, workdir)
    finally:
        databases._admin(f"DROP DATABASE {make_url(url).database} WITH (FORCE)")


def sync_rate(server_url: str, workdir: Path) -> tuple[float, float]:
    """(ops/s of the push, ops/s of the whole sync) for OPERATIONS journalled ops."""
    from store.paths import os_login
    from store.sync.run import sync
    from store.users.roles import Role
    from tests.support.sync import make_replica

    laptop = workdir / "bench-laptop.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{laptop}{suffix}").unlink(missing_ok=True)
    with make_replica(server_url, laptop, Role.PORTFOLIO_OFFICE, os_login()) as replica:
        _journal(replica, OPERATIONS)
        pushed: list[float] = []

        def progress(done: int, total: int, what: str) -> None:
            if what == "sent":
                pushed.append(time.perf_counter())

        started = time.perf_counter()
        result = sync(replica, progress=progress)
        ended = time.perf_counter()
    assert result.applied == OPERATIONS, result
    return OPERATIONS / (pushed[0] - started), OPERATIONS / (ended - started)


def sync_figures(demo: Path, workdir: Path) -> list[tuple[str, float, float]]:
    """(engine, push ops/s, whole sync ops/s) for a central SQLite file and, when there
    is a test server, PostgreSQL."""
    from store.paths import os_login, sqlite_url

    server = workdir / "bench-sync-server.db"
    shutil.copyfile(demo, server)
    figures = [("SQLite", *sync_rate(sqlite_url(server), workdir))]
    rates = _pg_rate(demo, workdir, os_login())
    if rates is not None:
        figures.append(("PostgreSQL", *rates))
    return figures
