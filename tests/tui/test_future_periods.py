"""A RAG for a period after the current reporting period, and a front door decision
dated after today, are refused on the form with what is allowed, and nothing is written."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from store.portfolio.services import set_current_period
from tests.support.tui import press, screen_text, settle
from tests.tui.test_front_door_journey import _open_the_queue_and_the_triage_form
from tests.tui.test_rag_journey import _filter_open_lean_and_its_editor

APP_TODAY = date(2021, 6, 14)


def _count(store, table: str) -> int:
    with store.reading() as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


async def test_a_rag_for_a_later_period_is_refused_in_the_editor(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        editor = await _filter_open_lean_and_its_editor(pilot)
        before = _count(demo_store, "rag_assessment")
        editor.query_one("#period", Input).value = "2011-Q2"
        await press(pilot, "g", "tab", *"On track.", "ctrl+s")
        assert app.screen is editor
        assert "Period: 2011-Q2 is after" in screen_text(app)
        assert editor.problems()["period"] == (
            "Period: 2011-Q2 is after the current reporting period (2011-Q1); choose 2011-Q1 "
            "or an earlier period"
        )
        assert _count(demo_store, "rag_assessment") == before


async def test_a_decision_dated_after_today_is_refused_on_the_form(app, demo_store):
    with demo_store.writing() as session:  # report on 2021-Q2: ages count to today
        set_current_period("2021-Q2", session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open_the_queue_and_the_triage_form(pilot)
        await press(pilot, "4", "tab", "4", "tab", "3", "tab", "m", "ctrl+s")
        await press(pilot, "ctrl+d")
        decision = app.screen
        assert type(decision).__name__ == "ProposalDecisionScreen"
        before = _count(demo_store, "proposal_decision")
        await press(pilot, "r", *"Not this year.")
        decision.query_one("#decided_on", Input).value = "2021-06-15"
        await press(pilot, "ctrl+s")
        assert app.screen is decision
        assert decision.problems()["decided_on"] == (
            "Decided on: 2021-06-15 is in the future; give the day it happened: today "
            "(2021-06-14) or before."
        )
        assert app.focused.id == "decided_on"
        assert "is in the future" in screen_text(app)
        assert _count(demo_store, "proposal_decision") == before


async def test_the_queue_says_an_age_is_a_number_of_days(app, demo_store):
    with demo_store.writing() as session:  # report on 2021-Q2: ages count to today
        set_current_period("2021-Q2", session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        line = next(line for line in screen_text(app).splitlines() if "FD-2021-0019" in line)
        assert "12 days" in line  # received 2 June 2021, today 14 June: not "Age 12"
