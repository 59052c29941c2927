"""Keys typed while a screen reads what it shows wait until it is shown.

A screen that shows store data reads it in a worker as it opens. On a slow database
(a server across the network) a person who knows the screens types on: `s`, `down`,
`m` opens the Star Chamber, moves to the meeting below the next one, and walks through
it. The `down` used to reach the meetings table while it was still empty, where it did
nothing, and `m` then walked through the next meeting: one the person did not choose.
"""

from __future__ import annotations

from datetime import date

import screens.star_chamber.requests as requests
from screens.common.navigation import DESTINATIONS
from tests.support.held import hold
from tests.support.tui import burst, press, settle, until


async def test_keys_typed_while_the_star_chamber_reads_act_on_what_it_shows(app, monkeypatch):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        release = hold(monkeypatch, requests, "list_meetings")
        burst(app, "s", "down", "m")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "StarChamberScreen"
        release.set()
        await until(pilot, lambda: type(app.screen).__name__ == "MeetingScreen")
        await settle(pilot)
        assert app.screen.held_on == date(2011, 5, 31)  # the closed meeting below 13 June


async def test_every_screen_lets_the_keys_go_once_it_is_shown(app):
    """No screen keeps the keys waiting after its data is on show (they would wait
    ten seconds, the longest a hold lasts)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not app.keys_are_held  # the portfolio list, opened at start
        for destination in DESTINATIONS[1:]:
            if not destination.key:
                continue
            await press(pilot, destination.key)
            assert not app.keys_are_held, destination.name
            await press(pilot, "escape")
        await press(pilot, "s", "m")
        assert type(app.screen).__name__ == "MeetingScreen"
        assert not app.keys_are_held
