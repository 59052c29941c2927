"""Concurrent writers: 8 processes x 50 RAG saves at once into one database, through the
real service layer (`tests.support.write_workers`, as tests/store/test_concurrent_writers
runs them), on SQLite and on PostgreSQL. The figure is saves per second from the start
signal until the last writer reported; the note says how many were stored, how many
busy retries it took, and whether `check` passes after."""

from __future__ import annotations

from store.paths import os_login

WORKERS, SAVES = 8, 50


def _prepare(url: str) -> None:
    """The small portfolio and `WORKERS` portfolio office operators, in a new database."""
    from store.handle import Store
    from store.users.services import add_user
    from tests.support.factories import small_portfolio

    store, _ = Store.open(url, os_login())  # the first writer: the admin
    try:
        small_portfolio(store)
        with store.writing() as session:
            for i in range(WORKERS):
                add_user({"login": f"writer{i}", "role": "portfolio_office"}, session=session)
    finally:
        store.close()


def _stored(url: str) -> int:
    """How many RAG saves the writers stored."""
    from store.handle import Store

    with Store(url, "bench") as store, store.reading() as connection:
        sql = "SELECT COUNT(*) FROM rag_assessment WHERE author LIKE 'writer%'"
        return connection.execute(sql).fetchone()[0]


def concurrent_saves(url: str) -> tuple[float, str]:
    """(saves per second, note) for `WORKERS` x `SAVES` concurrent saves into the new,
    empty database at `url`."""
    from store.check import check_url
    from tests.support.write_workers import race, save_many

    _prepare(url)
    result = race(save_many, [(url, f"writer{i}", SAVES) for i in range(WORKERS)])
    wanted = WORKERS * SAVES
    stored = _stored(url)
    problems = [outcome for _, _, outcome in result.reports if outcome.startswith("problem")]
    verdict = "check passes" if check_url(url).ok else "CHECK FAILS"
    note = f"{stored}/{wanted} stored, {result.retries} busy retries, {verdict}" + (
        f"; {problems[0]}" if problems else ""
    )
    return wanted / result.seconds, note
