"""The Sync and Conflicts keys and the title bar's sync badge (issue 17): offered on a
laptop replica only, in the footer, the command palette and `?` help; a burst of `S`
runs one sync; a busy database says "Database busy" and retries until it lands,
sending nothing twice; a refused sync says why and what to do."""

from __future__ import annotations

import sqlite3

from screens.common.help import key_table
from tests.support.busy import write_lock_held
from tests.support.laptop import (
    ITEMS,
    SECRETARY,
    at,
    decide_offline,
    decisions_by,
    header_line,
    journal,
    laptop_app,
    said,
    withdraw_on_server,
)
from tests.support.tui import burst, press, screen_text, settle, until
from widgets.header import SyncBadge

NOWHERE = "postgresql+psycopg://nobody@/portfolio?host=/nonexistent-synctui-socket"


def _footer(app) -> str:
    return screen_text(app).splitlines()[-1]


def _help_keys(app) -> set[str]:
    """What the keys listed in the help screen on show do."""
    assert type(app.screen).__name__ == "HelpScreen"
    return {str(cell) for cell in key_table(app.screen.target).columns[1].cells}


async def _synced(pilot) -> str:
    """Wait for the sync under way to end; what the sync dialog says then."""
    app = pilot.app
    await until(pilot, lambda: said(app).startswith(("Synced at", "Not synced")))
    return said(app)


async def test_a_normal_database_shows_no_sync(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(SyncBadge).display
        assert "pending" not in header_line(app) and "Sync" not in _footer(app)
        await press(pilot, "S")
        assert type(app.screen).__name__ == "PortfolioListScreen"
        await press(pilot, "C")
        assert type(app.screen).__name__ == "PortfolioListScreen"
        await press(pilot, "question_mark")
        assert not {"Sync", "Sync conflicts"} & _help_keys(app)
        await press(pilot, "escape", "ctrl+p", *"sync")
        assert "Sync" not in screen_text(app)


async def test_the_title_bar_follows_what_is_pending_at_80_columns(laptop):
    app = laptop_app(laptop)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert header_line(app).endswith("0 pending · never synced")
        assert "period 2011-Q1, as at 2011-03-31" in header_line(app)  # the subtitle stays
        assert "S Sync" in _footer(app)
        decide_offline(laptop, 2)  # as if typed: the watcher sees the writes
        await until(pilot, lambda: "2 pending · never synced" in header_line(app))
        await press(pilot, "S")
        await _synced(pilot)
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "PortfolioListScreen"
        assert header_line(app).endswith("0 pending · synced 09:00")


async def test_sync_and_conflicts_are_in_the_palette_and_help(laptop):
    app = laptop_app(laptop)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert {"Sync", "Sync conflicts"} <= _help_keys(app)
        await press(pilot, "escape", "ctrl+p", *"sync")
        text = screen_text(app)
        assert "Portfolio list: Sync\n" in text and "Portfolio list: Sync conflicts" in text
        await press(pilot, "escape", "ctrl+p", *"conflicts")
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "ConflictsScreen"
        assert "0 conflicts" in screen_text(app)
        await press(pilot, "S")
        assert type(app.screen).__name__ == "SyncScreen"
        assert "Nothing to send." in await _synced(pilot)


async def test_a_burst_of_s_runs_one_sync(demo_path, laptop):
    decide_offline(laptop)
    app = laptop_app(laptop)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "SSS")
        text = await _synced(pilot)
        assert "3 operations sent: 3 applied." in text
        assert [type(screen).__name__ for screen in app.screen_stack[1:]] == [
            "PortfolioListScreen",
            "SyncScreen",
        ]
        burst(app, "s", "s")  # sync again: the second s waits for the first sync
        await until(pilot, lambda: "Nothing to send." in screen_text(app))
    with at(demo_path, "k.osei") as server:
        assert decisions_by(server, SECRETARY) == [(ref, "deferred") for ref in ITEMS]


async def test_a_busy_laptop_file_is_retried_and_nothing_is_sent_twice(demo_path, laptop):
    decide_offline(laptop, 1)
    app = laptop_app(laptop)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        with write_lock_held(laptop):
            await pilot.press("S")
            await until(pilot, lambda: "Database busy" in screen_text(app))
            await press(pilot, "escape")
            assert "stopped retrying" in screen_text(app)
            await pilot.press("s")
            await until(pilot, lambda: "Database busy" in screen_text(app))
        text = await _synced(pilot)
        # The server took the operation before the laptop could note it: sent again, it
        # is found there, not applied twice.
        assert "1 operation sent: 0 applied, 1 already on the server." in text
        assert "0 pending" in header_line(app)
    assert journal(at(laptop, SECRETARY))[0][1] == "synced"
    with at(demo_path, "k.osei") as server:
        assert decisions_by(server, SECRETARY) == [(ITEMS[0], "deferred")]


async def test_a_sync_by_someone_else_is_refused_saying_why(laptop):
    app = laptop_app(laptop, login="c.dunmore")  # r.achebe's laptop
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "S")
        text = await _synced(pilot)
        assert "Not synced: this replica belongs to r.achebe, not c.dunmore" in text
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "PortfolioListScreen"


async def test_the_screen_under_the_sync_shows_the_server_s_changes_after(demo_path, laptop):
    app = laptop_app(laptop)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "s", "m")
        assert "SC-2011-0014  —" in screen_text(app)
        withdraw_on_server(demo_path)  # someone else, on the server
        await press(pilot, "S")
        assert "Nothing to send." in await _synced(pilot)
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "MeetingScreen"
        await until(pilot, lambda: "SC-2011-0014  Withdrawn" in screen_text(app))


async def test_a_server_out_of_reach_is_said_not_a_crash(laptop):
    with sqlite3.connect(laptop) as connection:  # its server is gone from the network
        connection.execute("UPDATE replica_state SET server = ?", (NOWHERE,))
    connection.close()
    app = laptop_app(laptop)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "S")
        text = await _synced(pilot)
        assert text.startswith("Not synced: the server ")
        assert "could not be reached" in text and "nothing will be sent twice" in text
        assert "s tries again" in text
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "PortfolioListScreen"
