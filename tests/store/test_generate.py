"""The synthetic portfolio generator: deterministic, consistent, and only into empty databases."""

from __future__ import annotations

import pytest

from store.check import check_url
from store.errors import DiskFullError, InputError
from store.generate import Plan, generate
from store.handle import Store
from store.portfolio.queries import PortfolioQuery, portfolio_page, portfolio_summary
from tests.support.reads import rows


def _generate(where, plan: Plan) -> tuple[Store, object]:
    """Generate `plan` into the database `where` names: a URL, or a SQLite file's path."""
    store, _ = Store.open(where if "://" in str(where) else f"sqlite:///{where}", "tester")
    with store.writing() as session:
        summary = generate(session, plan)
    return store, summary


def _snapshot(store: Store) -> list[tuple]:
    return rows(
        store,
        "SELECT i.code, i.name, i.tier, a.period, a.rag FROM initiative i "
        "JOIN rag_assessment a ON a.initiative_id = i.id ORDER BY a.id",
    )


def test_it_writes_the_planned_sizes_and_a_consistent_database(store_url):
    plan = Plan(initiatives=120, periods=6, seed=7)
    store, summary = _generate(store_url, plan)
    assert summary.rows["initiatives"] == 120
    assert summary.rows["assessments"] == 120 * 6 * 2
    with store.reading() as connection:
        counts = portfolio_summary(connection, PortfolioQuery())
        rows = portfolio_page(connection, PortfolioQuery(), limit=-1)
    assert counts.total == 120 and counts.unrated == 0
    assert {row.rag_period for row in rows} == {"2021-Q1"}
    assert all(row.parent_code is None for row in rows if row.kind == "programme")
    assert all(row.parent_code for row in rows if row.kind != "programme")
    store.close()
    report = check_url(store_url)
    assert report.ok, report.problems
    # the first use making the OS user admin, then the whole generation as one change
    assert report.chain.events == 2


def test_the_same_seed_gives_the_same_portfolio(tmp_path):
    plan = Plan(initiatives=40, periods=3, seed=11)
    first, _ = _generate(tmp_path / "a.db", plan)
    second, _ = _generate(tmp_path / "b.db", plan)
    other, _ = _generate(tmp_path / "c.db", Plan(initiatives=40, periods=3, seed=12))
    assert _snapshot(first) == _snapshot(second)
    assert _snapshot(first) != _snapshot(other)
    for store in (first, second, other):
        store.close()


def test_it_refuses_a_database_that_already_holds_initiatives(tmp_path):
    store, _ = _generate(tmp_path / "g.db", Plan(initiatives=5, periods=1))
    with pytest.raises(InputError, match="empty database"), store.writing() as session:
        generate(session, Plan(initiatives=5, periods=1))
    store.close()


def test_a_full_disk_mid_generation_is_named_and_nothing_is_kept(tmp_path, monkeypatch):
    """The generator writes on the driver's own connection, whose errors SQLAlchemy
    never wraps: a full disk there is still a DiskFullError, and the load rolls back."""
    import sqlite3

    import store.generate.common as common

    def full(*_args):
        raise sqlite3.OperationalError("database or disk is full")

    store, _ = Store.open(f"sqlite:///{tmp_path / 'g.db'}", "tester")
    monkeypatch.setattr(common, "bulk_insert", full)
    with pytest.raises(DiskFullError), store.writing() as session:
        generate(session, Plan(initiatives=5, periods=1))
    assert rows(store, "SELECT COUNT(*) FROM initiative") == [(0,)]
    store.close()
