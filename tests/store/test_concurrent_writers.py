"""Four processes each make 500 RAG saves at once to one SQLite file, through the real
service layer: every save is stored, none sees an error, and the chain verifies."""

from __future__ import annotations

import multiprocessing

import pytest

from store.check import check_database
from store.users.services import add_user
from tests.support.factories import small_portfolio
from tests.support.write_workers import save_many

WORKERS = 4
SAVES = 500


def _run_the_writers(db_path) -> list[str]:
    """Start four writer processes, let them all begin together (a start barrier), wait
    for them, and return the problems they reported; each must exit 0."""
    context = multiprocessing.get_context("fork")
    go, errors = context.Event(), context.Queue()
    readies = [context.Event() for _ in range(WORKERS)]
    children = [
        context.Process(
            target=save_many, args=(db_path, f"writer{i}", SAVES, readies[i], go, errors)
        )
        for i in range(WORKERS)
    ]
    for child in children:
        child.start()
    for ready in readies:
        assert ready.wait(30)
    go.set()  # the start barrier: all four begin together
    for child in children:
        child.join(300)
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    # the problems first, so a failure says why a writer stopped
    assert (problems, [child.exitcode for child in children]) == ([], [0] * WORKERS)
    return problems


def _what_the_writers_stored(store) -> tuple[dict, int, set]:
    """Saves per writer, audit events in all, and the distinct rationales written."""
    with store.reading() as connection:
        stored = dict(
            connection.execute(
                "SELECT author, COUNT(*) FROM rag_assessment WHERE author LIKE 'writer%' "
                "GROUP BY author"
            ).fetchall()
        )
        events = connection.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0]
        rationales = {
            row[0]
            for row in connection.execute(
                "SELECT rationale FROM rag_assessment WHERE author LIKE 'writer%'"
            )
        }
    return stored, events, rationales


@pytest.mark.not_yet_on_postgres(
    "the writer processes open the SQLite file and check_database reads it; PostgreSQL's two"
    " writers are in test_backend_postgres"
)
@pytest.mark.slow
def test_four_writers_store_all_2000_saves_without_an_error(store, db_path):
    small_portfolio(store)
    with store.writing() as session:  # four operators of the portfolio office
        for i in range(WORKERS):
            add_user({"login": f"writer{i}", "role": "portfolio_office"}, session=session)
    with store.reading() as connection:
        events_before = connection.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0]
    store.close()

    assert _run_the_writers(db_path) == []
    stored, events, rationales = _what_the_writers_stored(store)
    assert stored == {f"writer{i}": SAVES for i in range(WORKERS)}
    assert len(rationales) == WORKERS * SAVES
    assert events == events_before + WORKERS * SAVES
    report = check_database(db_path)
    assert report.ok, report.problems
