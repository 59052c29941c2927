"""A worker's reply to a screen that has gone (closed while it read, or the app
quitting) is dropped, not a crash: with live refresh, someone else's save can start a
reload just as the user leaves a screen."""

from __future__ import annotations

import threading

from tests.support.tui import press, settle


async def test_a_reply_to_a_closed_detail_screen_is_dropped(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "/", *"TPD", "enter", "enter")
        detail = app.screen
        assert type(detail).__name__ == "ProgrammeDetailScreen"
        shown = (detail.detail, detail.period, detail.depth, detail.origin)
        await press(pilot, "escape")
        assert app.screen is not detail
        await detail.remove_children()  # what closing does to its widgets
        failures: list[BaseException] = []

        def late_reply() -> None:
            try:
                app.call_from_thread(detail.show, *shown)
            except BaseException as error:
                failures.append(error)

        thread = threading.Thread(target=late_reply)
        thread.start()
        while thread.is_alive():
            await pilot.pause(0.05)
        assert failures == []
        assert app.is_running
        assert type(app.screen).__name__ == "PortfolioListScreen"
