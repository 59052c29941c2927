"""Deterministic synthetic portfolios for performance work (`portfolio generate`).

Everything is written with bulk inserts (`store.db.dialect.bulk_insert`: a hundred rows
to an INSERT on SQLite, `COPY` on PostgreSQL) inside one write transaction, never ORM
objects one at a time. The whole generation is one change, so it is recorded as
one audit event. Each feature adds a part: a module with
`generate(connection, plan, rng) -> dict[str, int]`, run in `PARTS` order.
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass, field

from store.db.dialect import bulk_cache, finish_bulk_load, restore_cache, table_names

PARTS = [
    "store.generate.portfolio",
    "store.generate.programme",
    "store.generate.star_chamber",
    "store.generate.front_door",
    "store.generate.benefits",
]
# Bump when what the generator writes changes: benchmarks key their cached databases by it.
GENERATOR_VERSION = 4
LOAD_CACHE_KIB = 256 * 1024


@dataclass(frozen=True)
class Plan:
    """How big a portfolio to make."""

    initiatives: int = 10_000
    periods: int = 40
    seed: int = 2011
    last_period: str = "2021-Q1"
    requests: int | None = None
    proposals_wanted: int | None = None

    @property
    def sc_requests(self) -> int:
        """Star Chamber requests: `requests`, else ten for every initiative."""
        return self.requests if self.requests is not None else 10 * self.initiatives

    @property
    def proposals(self) -> int:
        """Front door proposals: `proposals_wanted`, else one for every two initiatives."""
        return self.proposals_wanted if self.proposals_wanted is not None else self.initiatives // 2


@dataclass
class GenerateSummary:
    """Rows written per table, and the time it took."""

    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        """All rows written."""
        return sum(self.rows.values())

    def describe(self) -> str:
        """`10000 initiatives, 800000 assessments, ... in 4.2 s (190,000 rows/s)`."""
        counts = ", ".join(f"{count} {table}" for table, count in self.rows.items())
        rate = self.total / self.seconds if self.seconds else 0
        return f"{counts} in {self.seconds:.1f} s ({rate:,.0f} rows/s)"


def generate(session, plan: Plan) -> GenerateSummary:
    """Write a synthetic portfolio into an empty database, in the session's transaction."""
    import time

    from store.audit import record_event
    from store.errors import InputError
    from store.generate.common import deferred_indexes
    from store.integrity.bulk import bulk_record
    from store.users.guard import require
    from store.users.roles import Permission

    require(session, Permission.LOAD_DATA)
    connection = session.connection()
    if connection.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM initiative)").scalar():
        raise InputError("database", "already holds initiatives; generate into an empty database")
    if plan.initiatives < 1 or plan.periods < 1:
        raise InputError("initiatives", "initiatives and periods must be at least 1")
    if (plan.requests or 0) < 0 or (plan.proposals_wanted or 0) < 0:
        raise InputError("requests", "requests and proposals must not be negative")
    started = time.perf_counter()
    rng = random.Random(plan.seed)
    summary = GenerateSummary()
    # A big page cache for the load, so that pages are not spilled to the WAL and
    # written again mid-transaction; the connection's own size is put back after.
    cache_size = bulk_cache(connection, LOAD_CACHE_KIB)
    try:
        with deferred_indexes(connection, table_names(connection)):
            for part in PARTS:
                summary.rows.update(importlib.import_module(part).generate(connection, plan, rng))
        finish_bulk_load(connection)
    finally:
        restore_cache(connection, cache_size)
    summary.seconds = time.perf_counter() - started
    record_event(
        session,
        entity="portfolio",
        entity_id="generated",
        action="generate",
        after={
            "plan": plan.__dict__,
            "rows": summary.rows,
            **bulk_record(connection.connection),
        },
        reason="synthetic data for performance work",
    )
    return summary
