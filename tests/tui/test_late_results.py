"""A read that lands after its screen has gone is dropped, not a crash.

The Star Chamber screen reads everything in a worker and hands the result back with
`call_from_thread`. A person who leaves the screen (or quits the app) while that read
is in flight used to get a `NoMatches` traceback when the result arrived: the screen's
widgets were gone. Seen under load in the live refresh journey, at the app's exit.
"""

from __future__ import annotations

import asyncio

from store.portfolio.queries import reporting_date
from store.star_chamber.queries.meetings import list_meetings
from store.star_chamber.queries.overview import overview
from store.star_chamber.queries.requests import request_count, request_page
from tests.support.tui import press, settle


async def test_the_star_chamber_read_arriving_after_the_screen_closed_is_dropped(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        screen = app.screen
        assert type(screen).__name__ == "StarChamberScreen"
        with app.store.reading() as connection:
            summary = overview(connection, as_at=reporting_date(connection))
            meetings = list_meetings(connection, limit=5)
            total = request_count(connection, screen.query_state)
            rows = request_page(connection, screen.query_state, offset=0, limit=10)
        await press(pilot, "escape")
        assert app.screen is not screen and not screen.is_attached
        reply = (screen._serial, summary, meetings, total, 0, rows, 0, ["CO"])
        await asyncio.to_thread(app.call_from_thread, screen.show, *reply)  # as the worker does
        await settle(pilot)
        assert type(app.screen).__name__ == "PortfolioListScreen"


async def test_a_reply_landing_while_the_app_shuts_down_is_dropped(app):
    """Quitting removes every screen's widgets while the screens are still on the stack;
    a worker's reply landing then (seen in CI: the list's read at the end of a test) used
    to stop the app with `NoMatches` instead of being dropped."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen in app.screen_stack

        def reply_as_the_app_shuts_down():
            app._running = False  # what `App._shutdown` does first
            try:
                return app.call_from_thread(screen.query_one, "#a-widget-already-removed")
            finally:
                app._running = True

        assert await asyncio.to_thread(reply_as_the_app_shuts_down) is None


async def test_a_title_set_as_the_header_is_taken_down_is_dropped(app):
    """A late read sets its screen's sub-title just as quitting removes the header's
    parts: Textual's header then raised NoMatches from its title watcher, and the test's
    app stopped with it (seen under load at a Pilot test's end)."""
    from textual.widgets._header import HeaderTitle

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await screen.query_one(HeaderTitle).remove()  # as quitting does, part by part
        screen.sub_title = "as at 2011-06-30"
        await settle(pilot)
        assert app.is_running


async def test_a_sync_note_set_as_the_header_is_taken_down_is_dropped(app):
    """The same for a replica's sync badge, which a sync finishing at quit updates."""
    from widgets.header import SyncBadge

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.screen.query_one(SyncBadge).remove()
        app.sync_notes = ("1 to send",)
        await settle(pilot)
        assert app.is_running
