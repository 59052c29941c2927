"""Bench figures for laptop sync (issue 17): operations synced per second for 1,000
journalled operations (risks made offline, each then edited through its offline
identity, and RAGs), to a central SQLite file (`sync_on_sqlite`, a measure) and to the
bench's PostgreSQL server (`sync_on_postgres`). The push is timed on its own (each op
one server transaction, exactly once); the note gives the whole sync with its pull."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from tests.bench.run import CACHE, Figure

OPERATIONS = 1_000
SYNC_DB = "bench_sync"


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


def sync_rate(server_url: str) -> tuple[float, float]:
    """(ops/s of the push, ops/s of the whole sync) for OPERATIONS journalled ops on a
    new replica of the server at `server_url`."""
    from store.files import remove_database
    from store.paths import os_login
    from store.sync.run import sync
    from store.users.roles import Role
    from tests.support.sync import make_replica

    laptop = CACHE / "bench-laptop.db"
    remove_database(laptop)
    with make_replica(server_url, laptop, Role.PORTFOLIO_OFFICE, os_login()) as replica:
        _journal(replica, OPERATIONS)
        pushed: list[float] = []

        def progress(done: int, total: int, what: str) -> None:
            if what == "sent":
                pushed.append(time.perf_counter())

        started = time.perf_counter()
        result = sync(replica, progress=progress)
        ended = time.perf_counter()
    remove_database(laptop)
    assert result.applied == OPERATIONS, result
    return OPERATIONS / (pushed[0] - started), OPERATIONS / (ended - started)


def _figure(engine: str, rates: tuple[float, float]) -> Figure:
    push, whole = rates
    return Figure(
        f"sync push{engine}",
        f"{push:,.0f} ops/s",
        f"{OPERATIONS:,} journalled ops, each one server transaction; whole sync with its "
        f"pull {whole:,.0f} ops/s",
        push,
    )


def sync_on_sqlite(demo: Path, generated: Path) -> list[Figure]:
    """Syncing 1,000 offline operations to a central SQLite file (a copy of the demo)."""
    from store.files import remove_database
    from store.paths import sqlite_url

    server = CACHE / "bench-sync-server.db"
    remove_database(server)
    shutil.copyfile(demo, server)
    try:
        return [_figure("", sync_rate(sqlite_url(server)))]
    finally:
        remove_database(server)


def sync_on_postgres(server: str, demo: Path) -> list[Figure]:
    """Syncing 1,000 offline operations to PostgreSQL (the demo copied onto it)."""
    from store.move import copy_database
    from store.paths import os_login, sqlite_url
    from tests.bench.engines import PG
    from tests.bench.postgres import drop_database, fresh_database

    try:
        url = fresh_database(server, SYNC_DB)
        copy_database(sqlite_url(demo), url, os_login())
        return [_figure(PG, sync_rate(url))]
    finally:
        drop_database(server, SYNC_DB)
