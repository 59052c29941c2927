"""Separation of duties said up front on the front door (issue 14): the secretary who
entered a proposal is told, when they press the key to decide it, that someone else
must decide it; the decision form does not open for them to fill in first."""

from __future__ import annotations

from datetime import date

from store.handle import Store
from tests.support.tui import settle, toasts
from tui.app import PortfolioApp


async def test_deciding_a_proposal_you_entered_is_refused_when_you_press_decide(
    demo_path, frozen_clock
):
    frozen_clock.day = date(2021, 6, 14)
    store = Store(f"sqlite:///{demo_path}", "a.kowalski")  # entered every demo proposal
    app = PortfolioApp(store, warm_up=False)
    why = "a.kowalski entered FD-2021-0009, so someone else must decide it"
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f", "slash", *"FD-2021-0009", "enter", "enter")
        await settle(pilot)
        triage = app.screen
        assert type(triage).__name__ == "TriageScreen"
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert app.screen is triage  # no decision form to fill in first
        assert why in toasts(app)
    store.close()
