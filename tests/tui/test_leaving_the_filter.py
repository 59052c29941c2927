"""Escape in a list's filter leaves the filter and returns to the list in one press:
the filter is cleared, the whole list is back, and the next key moves in the list
rather than being typed into the box."""

from __future__ import annotations

import pytest

from tests.support.tui import press, settle
from widgets.window_table import WindowTable


@pytest.mark.parametrize(
    ("keys", "filter_id"),
    [((), "filter"), (("s",), "sc-filter"), (("s", "p"), "pl-filter"), (("f",), "filter")],
    ids=["portfolio list", "star chamber", "posting list", "front door"],
)
async def test_escape_in_the_filter_clears_it_and_returns_to_the_list(app, keys, filter_id):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, *keys)
        screen = app.screen
        box = screen.query_one(f"#{filter_id}")
        await press(pilot, "slash", *"lean")
        assert app.focused is box and box.value == "lean"
        await press(pilot, "escape")
        assert box.value == ""
        assert app.focused is not box and isinstance(app.focused, WindowTable), app.focused
        assert app.screen is screen
        await press(pilot, "slash", "escape")  # an empty filter: straight back too
        assert app.focused is not box and app.screen is screen
