"""An initiative created at the front door says so on its detail screen, once."""

from __future__ import annotations

from tests.support.tui import screen_text, settle
from tui.app import PortfolioApp


async def test_the_summary_names_the_proposal_an_initiative_came_from(demo_store):
    with demo_store.reading() as connection:
        reference, code = connection.execute(
            "SELECT p.reference, i.code FROM proposal p JOIN initiative i ON i.id = p.initiative_id"
            " WHERE p.reference = 'FD-2021-0001'"
        ).fetchone()
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_initiative(code)
        await settle(pilot)
        text = screen_text(app)
        assert f"From the front door: proposal {reference}" in text
        assert "accepted on" in text
        assert text.count(reference) == 1, text  # the front door line appears once

        app.open_initiative("TPD")  # an initiative that did not come through the front door
        await settle(pilot)
        assert "From the front door" not in screen_text(app)
