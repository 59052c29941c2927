"""The list's first rows, read while the app starts (`store.first_read`): when the list
is mounted they go straight on screen, with no read of its own; a read still being made
is waited for, not made again; a failed one leaves the list to read for itself; and a
save that lands before the app starts watching for saves is still shown."""

from __future__ import annotations

import threading
import time

import pytest

import screens.portfolio.portfolio_list as portfolio_list
from store.first_read import FirstRead
from store.portfolio.list_read import first_list_read
from store.portfolio.services import record_assessment
from tests.support.tui import settle
from tui.app import PortfolioApp


def _no_second_read(monkeypatch) -> None:
    def read_again(*args, **kwargs):
        raise AssertionError("the list read again what was read while the app started")

    monkeypatch.setattr(portfolio_list, "read_list", read_again)


def _rag_of(screen, code: str) -> str | None:
    table = screen.table
    rows = [table.row_at(n) for n in range(table.total)]
    return next((row.rag for row in rows if row is not None and row.code == code), None)


async def test_rows_read_while_the_app_started_are_on_screen_at_once(demo_store, monkeypatch):
    first = FirstRead(demo_store, first_list_read)
    expected = first.wait()
    _no_second_read(monkeypatch)
    app = PortfolioApp(demo_store, warm_up=False, first_read=first)
    async with app.run_test(size=(120, 40)) as pilot:
        listed = app.screen
        assert listed.summary == expected.summary  # shown as the list mounted
        await settle(pilot)
        assert listed.table.current_row.code == expected.rows[0].code
        assert f"{expected.summary.total} shown" in listed.query_one("#status").render().plain


async def test_a_first_read_still_being_made_is_waited_for(demo_store, monkeypatch):
    release = threading.Event()

    def slow(connection):
        release.wait(10)
        return first_list_read(connection)

    first = FirstRead(demo_store, slow)
    _no_second_read(monkeypatch)
    app = PortfolioApp(demo_store, warm_up=False, first_read=first)
    async with app.run_test(size=(120, 40)) as pilot:
        listed = app.screen
        await pilot.pause(0.2)
        assert listed.summary is None  # nothing yet: the read is still being made
        release.set()
        await settle(pilot)
        assert listed.summary is not None and listed.table.current_row is not None


async def test_a_failed_first_read_leaves_the_list_to_read_for_itself(demo_store):
    def broken(connection):
        raise RuntimeError("disk went away")

    first = FirstRead(demo_store, broken)
    first.wait()
    app = PortfolioApp(demo_store, warm_up=False, first_read=first)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.table.current_row is not None


def _save_red(store) -> None:
    with store.writing() as session:
        record_assessment(
            {"code": "LEAN", "criterion": "Overall status", "rag": "R", "rationale": "Slipped."},
            session=session,
        )


async def _until_lean_is_red(pilot, app) -> None:
    started = time.monotonic()
    while time.monotonic() - started < 4 and _rag_of(app.screen, "LEAN") != "R":
        await pilot.pause(0.05)
    assert _rag_of(app.screen, "LEAN") == "R"


@pytest.mark.parametrize("first_read", [True, False], ids=["first read", "no first read"])
async def test_a_save_before_the_app_watches_is_shown(demo_store, other_desk, first_read):
    """Someone marks LEAN Red after the first read was made but before the app starts
    watching for saves: the list shows Red, as it does when it reads for itself."""
    first = FirstRead(demo_store, first_list_read) if first_read else None
    if first is not None:
        assert next(r.rag for r in first.wait().rows if r.code == "LEAN") == "G"
    _save_red(other_desk("tester"))
    app = PortfolioApp(demo_store, warm_up=False, first_read=first)
    async with app.run_test(size=(120, 40)) as pilot:
        await _until_lean_is_red(pilot, app)


async def test_a_save_found_before_the_list_has_its_first_rows_is_shown(demo_store, other_desk):
    """The watcher finds a save made after the first read while the list is still waiting
    for that read, and its rows land only after: the list reads again (it used to keep
    the first read's rows, as its first resume was still to come)."""
    desk, saved = other_desk("tester"), threading.Event()

    def read_then_someone_saves(connection):
        read = first_list_read(connection)
        _save_red(desk)  # after the read, before the app watches for saves
        saved.set()
        time.sleep(0.5)  # still being made as the list mounts
        return read

    first = FirstRead(demo_store, read_then_someone_saves)
    assert saved.wait(5)  # so only the watcher's first look can tell the list of it
    wait = first.wait

    def late_for_the_list(timeout: float = 30.0):
        value = wait(timeout)
        if threading.current_thread().name != "live-refresh":
            time.sleep(0.5)  # the list's worker takes the rows after the watcher has looked
        return value

    first.wait = late_for_the_list
    app = PortfolioApp(demo_store, warm_up=False, first_read=first)
    async with app.run_test(size=(120, 40)) as pilot:
        await _until_lean_is_red(pilot, app)
