"""On every list screen, keys typed in a burst after `/` land in the filter, not on the list
(where letters like `s` and `h` are shortcuts)."""

from __future__ import annotations

import pytest
from textual import events

from tests.support.tui import press, settle


@pytest.mark.parametrize(
    ("open_key", "filter_id"),
    [(None, "#filter"), ("f", "#filter"), ("s", "#sc-filter"), ("T", "#filter")],
)
async def test_a_burst_after_slash_is_all_typed_into_the_filter(app, open_key, filter_id):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        if open_key:
            await press(pilot, open_key)
        screen = app.screen
        for character in "/sh":
            key = "slash" if character == "/" else character
            app.post_message(events.Key(key, character))
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one(filter_id).value == "sh"
        # and `/` typed inside the filter is a character, not a new focus
        await pilot.press("slash")
        assert screen.query_one(filter_id).value == "sh/"
