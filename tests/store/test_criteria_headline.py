"""One rule for the headline criterion: the active criterion at position 1, whatever it is
called. The portfolio list, its counts, the detail, dependency risk and the board pack
all follow it when the office moves another criterion to position 1; a rename changes
nothing. Older databases are renumbered 1..n when opened."""

from __future__ import annotations

import sqlite3

import pytest

from store.db.schema import open_database, upgrade
from store.portfolio.criteria.queries import criteria_rows
from store.portfolio.criteria.services import move_criterion, rename_criterion
from store.portfolio.queries import (
    PortfolioQuery,
    initiative_detail,
    overall_criterion_id,
    portfolio_row,
    portfolio_summary,
)
from store.portfolio.services import record_assessment
from store.programme.dependencies.services import create_dependency, update_dependency
from store.reports.sections import rag_by_group
from tests.support.factories import small_portfolio

RISKS = "Risks & mitigations"


@pytest.fixture
def portfolio(store, frozen_clock):
    """The small portfolio with TPD's risks Red in 2011-Q1 (its overall status is Green)
    and a dependency of DRM on TPD."""
    small_portfolio(store)
    with store.writing() as session:
        record_assessment(
            {"code": "TPD", "criterion": RISKS, "rag": "R", "rationale": "No risk owner."},
            session=session,
        )
        create_dependency(
            {
                "from_code": "TPD",
                "to_code": "DRM",
                "needed": "Estate plan",
                "needed_by": "2011-09-30",
                "importance": "high",
            },
            session=session,
        )
    return store


def _move(store, name: str, to: int) -> None:
    with store.writing() as session:
        move_criterion({"criterion": name, "to": to}, session=session)


def _counts(summary) -> tuple[int, int, int, int]:
    return summary.red, summary.amber, summary.green, summary.unrated


def _seen(store) -> dict[str, object]:
    """The headline RAG as each part of the app sees it."""
    from store.programme.dependencies.queries import dependency

    with store.reading() as connection:
        detail = initiative_detail(connection, "TPD")
        return {
            "list": portfolio_row(connection, "TPD").rag,
            "counts": _counts(portfolio_summary(connection, PortfolioQuery())),
            "detail": detail.criteria[0].criterion,
            "at risk": dependency(connection, 1).at_risk,
            "pack": rag_by_group(connection, "2011-Q1").blocks[0].rows[0][2:5],
            "marked": [row.name for row in criteria_rows(connection) if row.headline],
        }


def test_moving_a_criterion_to_position_1_makes_it_the_headline_everywhere(portfolio):
    assert _seen(portfolio) == {
        "list": "G",
        "counts": (1, 0, 1, 3),
        "detail": "Overall status",
        "at risk": False,
        "pack": (0, 0, 1),
        "marked": ["Overall status"],
    }
    _move(portfolio, RISKS, 1)
    assert _seen(portfolio) == {
        "list": "R",
        "counts": (1, 0, 0, 4),
        "detail": RISKS,
        "at risk": True,
        "pack": (1, 0, 0),
        "marked": [RISKS],
    }
    with portfolio.writing() as session:
        saved = update_dependency({"id": 1, "importance": "low"}, session=session)
    assert saved.at_risk_reasons == ("TPD's overall RAG is Red",)


def test_the_headline_goes_by_position_never_by_name(portfolio):
    with portfolio.writing() as session:
        rename_criterion({"criterion": "Overall status", "new_name": "Delivery"}, session=session)
        rename_criterion({"criterion": RISKS, "new_name": "Overall status"}, session=session)
    seen = _seen(portfolio)
    assert (seen["list"], seen["detail"], seen["marked"]) == ("G", "Delivery", ["Delivery"])


def test_no_criteria_means_no_headline(store):
    with store.reading() as connection:
        assert overall_criterion_id(connection) == 0
        assert criteria_rows(connection) == []


def test_an_older_database_gets_its_criteria_renumbered_1_to_n(db_path):
    upgrade(f"sqlite:///{db_path}", "0009_tamper")
    connection = sqlite3.connect(db_path)
    connection.executescript(
        """
        INSERT INTO rag_criterion (id, name, position, active) VALUES
            (1, 'Overall status', 0, 1), (2, 'Benefits', 0, 1), (3, 'Old', 1, 0),
            (4, 'Risks', 7, 1);
        """
    )
    connection.commit()
    connection.close()
    open_database(f"sqlite:///{db_path}")
    connection = sqlite3.connect(db_path)
    try:
        rows = connection.execute(
            "SELECT name, position FROM rag_criterion ORDER BY NOT active, position"
        ).fetchall()
        assert rows == [("Overall status", 1), ("Benefits", 2), ("Risks", 3), ("Old", 0)]
        assert overall_criterion_id(connection) == 1
    finally:
        connection.close()
