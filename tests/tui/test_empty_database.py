"""Opening an empty database says so, and how to load data (the commands that would),
rather than "No initiatives match" (which is about a filter). A filter that matches
nothing in a database that has initiatives still says that."""

from __future__ import annotations

from tests.support.tui import press, screen_text, settle
from tui.app import PortfolioApp


async def test_an_empty_database_says_it_is_empty_and_how_to_load_data(store, db_path):
    app = PortfolioApp(store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "No initiatives match" not in text
        assert "The database is empty" in text
        assert f"portfolio demo --db {db_path}" in text
        assert f"portfolio import FILE --db {db_path}" in text


async def test_a_filter_matching_nothing_still_says_so(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"zzzz")
        await settle(pilot)
        text = screen_text(app)
        assert "No initiatives match" in text and "database is empty" not in text
