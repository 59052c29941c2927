"""The command palette puts the initiative whose code was typed exactly first (before
screens whose names match the letters, and before codes that merely contain them), and
each initiative's entry says what it opens."""

from __future__ import annotations

import pytest
from textual.command import CommandList

from tests.support.held import hold
from tests.support.tui import press, settle


@pytest.mark.parametrize(("typed", "first"), [("FR", "Open FR "), ("thr", "Open THR ")])
async def test_an_exact_code_comes_first_and_says_what_it_opens(app, typed, first):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p", *typed)
        await pilot.pause(0.5)
        await settle(pilot)
        hits = app.screen.query_one(CommandList)
        top = str(hits.get_option_at_index(0).prompt)
        assert top.startswith(first), top
        code = first.split()[1]
        assert f"opens {code}'s page" in top
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        assert app.screen.code == code


async def test_a_code_typed_before_the_initiatives_are_read_is_found(app, monkeypatch):
    """On a slow database the palette's list of initiatives is still being read when the
    person types: each key cancels the search before it, and that cancelled the read,
    so the palette offered no initiative at all. Now every search waits for one read."""
    import store.portfolio.queries as queries

    release = hold(monkeypatch, queries, "initiative_names")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", "F")
        await pilot.pause(0.2)
        await pilot.press("R")  # cancels the search for F, which waits for the read
        await pilot.pause(0.2)
        release.set()
        await settle(pilot)
        await pilot.pause(0.3)  # the palette takes its hits every 0.1 s
        hits = app.screen.query_one(CommandList)
        assert str(hits.get_option_at_index(0).prompt).startswith("Open FR ")
