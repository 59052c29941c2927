"""On every list screen, keys typed in a burst after `/` land in the filter, not on the list
(where letters like `s` and `h` are shortcuts)."""

from __future__ import annotations

import pytest
from textual import events

from tests.support.tui import burst, press, settle


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


@pytest.mark.parametrize(("open_key", "filter_id"), [(None, "#filter"), ("s", "#sc-filter")])
async def test_a_slash_in_a_burst_lands_where_it_was_typed(app, open_key, filter_id):
    """Typing `a[b/c` fast into the filter reads `a[b/c`: the `/` (which focuses the
    filter from the list) is a character in its place once the filter has the cursor,
    not put in ahead of the characters typed before it."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        if open_key:
            await press(pilot, open_key)
        await press(pilot, "slash")
        burst(app, "a[b/c", "/", "d")
        await settle(pilot)
        assert app.screen.query_one(filter_id).value == "a[b/c/d"
