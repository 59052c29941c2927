"""Writer processes saving at once to one database, through the real service layer, on
SQLite and (with `PORTFOLIO_TEST_PG`) on PostgreSQL: every save is stored, none is
refused, and the chain verifies; two users saving one record from one version: exactly
one is refused as stale (no lost update).

A save that finds the database busy (another writer held the lock past the busy timeout,
5 s, which a loaded machine can reach) is tried again, as the CLI's user would on exit
4; the retries are counted (the bench prints them) and every save must still land."""

from __future__ import annotations

import pytest

from store.check import check_url
from store.programme.risks.services import create_risk
from store.users.services import add_user
from tests.support.factories import small_portfolio
from tests.support.write_workers import Race, race, save_many, save_risk_from

# (writer processes, saves each): the long run, and the 8 x 50.
CROWDS = [pytest.param(4, 500, id="4x500"), pytest.param(8, 50, id="8x50")]


def _office_of(store, workers: int) -> None:
    """`workers` operators of the portfolio office: writer0, writer1, ..."""
    with store.writing() as session:
        for i in range(workers):
            add_user({"login": f"writer{i}", "role": "portfolio_office"}, session=session)


def _no_problems(result: Race) -> None:
    """Every writer reported and exited 0 (the problems first, so a failure says why)."""
    problems = [r for r in result.reports if r[2].startswith("problem")]
    assert (problems, result.exitcodes) == ([], [0] * len(result.exitcodes))


def _what_the_writers_stored(store) -> tuple[dict, int, set]:
    """Saves per writer, audit events in all (less those of the Responses to Red that
    Red saves opened: each is a change of its own), and the distinct rationales written."""
    with store.reading() as connection:
        stored = dict(
            connection.execute(
                "SELECT author, COUNT(*) FROM rag_assessment WHERE author LIKE 'writer%' "
                "GROUP BY author"
            ).fetchall()
        )
        events = connection.execute(
            "SELECT COUNT(*) FROM audit_event WHERE entity <> 'red_response'"
        ).fetchone()[0]
        rationales = {
            row[0]
            for row in connection.execute(
                "SELECT rationale FROM rag_assessment WHERE author LIKE 'writer%'"
            )
        }
    return stored, events, rationales


def _events(store) -> int:
    with store.reading() as connection:
        return connection.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0]


@pytest.mark.slow
@pytest.mark.parametrize(("workers", "saves"), CROWDS)
def test_concurrent_writers_store_every_save_without_an_error(store, store_url, workers, saves):
    small_portfolio(store)
    _office_of(store, workers)
    events_before = _events(store)
    store.close()  # the writers are forked: they must not share its connections

    result = race(save_many, [(store_url, f"writer{i}", saves) for i in range(workers)])
    _no_problems(result)
    stored, events, rationales = _what_the_writers_stored(store)
    assert stored == {f"writer{i}": saves for i in range(workers)}
    assert len(rationales) == workers * saves
    assert events == events_before + workers * saves
    report = check_url(store_url)
    assert report.ok, report.problems


@pytest.mark.slow
def test_two_users_saving_one_risk_from_one_version_one_is_refused_as_stale(store, store_url):
    small_portfolio(store)
    _office_of(store, 2)
    with store.writing() as session:
        risk = create_risk(
            {"code": "TPD", "description": "Vetting backlog", "likelihood": 3, "impact": 4},
            session=session,
        )
    events_before = _events(store)
    store.close()

    both = [(store_url, f"writer{i}", risk.id, risk.version) for i in range(2)]
    result = race(save_risk_from, both)
    _no_problems(result)
    outcomes = {worker: outcome for worker, _, outcome in result.reports}
    assert sorted(outcomes.values()) == ["saved", "stale"]
    saver = next(worker for worker, outcome in outcomes.items() if outcome == "saved")
    with store.reading() as connection:
        mitigation, version = connection.execute(
            "SELECT mitigation, version FROM risk WHERE id = :id", {"id": risk.id}
        ).fetchone()
    assert (mitigation, version) == (f"{saver}'s plan", risk.version + 1)
    assert _events(store) == events_before + 1
    assert check_url(store_url).ok
