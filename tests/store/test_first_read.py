"""The list's first read, made in a thread while the app starts (`store.first_read`,
`store.portfolio.list_read`): it gives what the list itself would read, says when a
save has landed since it was made, and a read that fails gives nothing rather than
stopping anything, on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from store.first_read import FirstRead
from store.portfolio.list_read import PAGE, first_list_read, read_list
from store.portfolio.queries import PortfolioQuery, portfolio_page, portfolio_summary
from tests.support.writes import measured_elsewhere

HOURS = "Officer hours returned to local policing"


def test_the_first_read_is_the_whole_list_from_the_top(demo_store):
    read = FirstRead(demo_store, first_list_read).wait()
    with demo_store.reading() as connection:
        summary = portfolio_summary(connection, PortfolioQuery())
        rows = portfolio_page(connection, PortfolioQuery(), offset=0, limit=PAGE)
    assert read.query == PortfolioQuery()
    assert read.summary == summary and read.summary.total > 0
    assert [row.code for row in read.rows] == [row.code for row in rows]
    assert (read.start, read.cursor, read.empty) == (0, 0, False)


def test_a_kept_code_puts_the_window_around_it(demo_store):
    with demo_store.reading() as connection:
        codes = [row.code for row in read_list(connection, PortfolioQuery()).rows]
        kept = read_list(connection, PortfolioQuery(), keep_code=codes[-1])
    assert kept.rows[kept.cursor - kept.start].code == codes[-1]


def test_a_save_after_the_read_is_seen(demo_store, demo_url):
    first = FirstRead(demo_store, first_list_read)
    first.wait()
    assert not first.changed_since(demo_store)
    measured_elsewhere(demo_url, HOURS, date(2011, 3, 31), 6000)
    assert first.changed_since(demo_store)


def test_a_failed_read_gives_nothing_and_is_logged(demo_store, caplog):
    def broken(connection):
        connection.execute("SELECT no_such_column FROM initiative")

    with caplog.at_level(logging.ERROR, logger="store.first_read"):
        first = FirstRead(demo_store, broken)
        assert first.wait() is None
    assert first.ready() is None
    assert not first.changed_since(demo_store)  # nothing was read to be out of date
    assert "the first read failed" in caplog.text


def test_a_read_in_hand_as_the_store_closes_is_closed_after_it(demo_store):
    """A thread still reading when the store closes (the list's first read, when the app
    is quit at once) gives its connection back afterwards: it is closed then, not kept
    in a pool that nothing will close again."""
    with demo_store.reading() as connection:
        demo_store.close()
        assert connection.execute("SELECT COUNT(*) FROM initiative").fetchone()[0] > 0
    with pytest.raises(Exception, match="closed"):
        connection.execute("SELECT 1")
