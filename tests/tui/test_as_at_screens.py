"""The Star Chamber and front door screens on the demo, opened years after its reporting
period (today 5 December 2026; the demo reports on 2011-Q1): every age, every "weeks
left" and "days ago" counts to the reporting date 2011-03-31, each screen says so, and
nothing reads "PAST MAX (806 wk)" or "2018 days ago". Reporting on 2021-Q2 instead, the
front door's spring 2021 proposals have ages in days as at 2021-06-30."""

from __future__ import annotations

import re
from datetime import date

from store.portfolio.services import set_current_period
from tests.support.tui import press, screen_text, settle

APP_TODAY = date(2026, 12, 5)
SIZE = (120, 40)


async def _open(pilot, *keys: str) -> str:
    await press(pilot, *keys)
    await settle(pilot)
    return screen_text(pilot.app)


async def test_star_chamber_counts_to_the_reporting_date_not_the_wall_clock(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = await _open(pilot, "s")
        assert "as at 2011-03-31" in text and "Ending ≤4 wks 0" in text
        text = await _open(pilot, "w", "a")
        assert "Showing every active engagement   6   as at 2011-03-31" in text
        assert "PAST MAX" not in text
        assert "12 wk left" in text  # TW-0003, maximum 2011-06-24
        assert text.count("started after") == 2  # TW-0006 and TW-0007 started in June
        text = await _open(pilot, "escape", "e")
        assert "plan figures as at 2011-03-31" in text and "Plan as at" in text


async def test_front_door_ages_are_as_at_the_reporting_date_and_say_days(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = await _open(pilot, "f")
        assert "as at 2011-03-31" in text and "today" not in text
        received = text[text.index("▾ Received") : text.index("▾ In triage")]
        assert received.count(" after ") == 4  # every proposal came in 2021
        assert not re.search(r"-?\d{3,} days", text)
        text = await _open(pilot, "enter")
        assert "2021-05-27 (received after 2011-03-31)" in text
        assert "days ago" not in text


async def test_reporting_on_a_later_period_ages_the_proposals_in_days(app, demo_store):
    with demo_store.writing() as session:
        set_current_period("2021-Q2", session=session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = await _open(pilot, "f")
        assert "as at 2021-06-30" in text
        assert "  34 days" in text  # FD-2021-0018, received 2021-05-27
        text = await _open(pilot, "enter")
        assert "2021-05-27 (34 days before 2021-06-30)" in text
