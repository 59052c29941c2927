"""The portfolio's screens say which date they are as at, and count to it: the reporting
date, the end of the current reporting period (2011-Q1 in the demo: 2011-03-31), or
today while that period runs. Today is pinned to 2011-06-13, in 2011-Q2, so a screen
that counted to the wall clock would say and count otherwise. An initiative with no RAG
at all is "not yet rated", never "never stale"."""

from __future__ import annotations

from store.portfolio.services import set_current_period
from tests.support.tui import press, screen_text, settle

AS_AT = "period 2011-Q1, as at 2011-03-31"


def header(app) -> str:
    return screen_text(app).splitlines()[0]


def line_of(app, code: str) -> str:
    return next(line for line in screen_text(app).splitlines() if f" {code} " in line)


async def test_the_list_says_its_date_and_calls_an_unrated_initiative_not_yet_rated(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert AS_AT in header(app)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert "not yet rated" in line_of(app, "COIP")
        assert "never" not in screen_text(app)
        # rated for the current period: neither stale nor unrated
        await press(pilot, "slash", *"training mod", "enter")
        train = line_of(app, "TRAIN")
        assert "2011-Q1" in train and "stale" not in train and "not yet" not in train


async def test_a_rag_for_an_earlier_period_is_stale_once_the_period_moves_on(app, demo_store):
    with demo_store.writing() as session:
        set_current_period("2011-Q2", session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # 2011-Q2 is running on the pinned today: the list is as at today
        assert "period 2011-Q2, as at 2011-06-13" in header(app)
        await press(pilot, "slash", *"training mod", "enter")
        assert "2011-Q1 stale" in line_of(app, "TRAIN")


async def test_the_detail_says_its_date_and_an_unrated_initiative_is_not_yet_rated(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_initiative("COIP")
        await settle(pilot)
        text = screen_text(app)
        assert AS_AT in header(app)
        assert "Overall status:  – none   not yet rated" in text
        assert "never" not in text
        await press(pilot, "s")
        text = screen_text(app)
        assert "never" not in text
        row = next(line for line in text.splitlines() if "Risks & mitigations" in line)
        assert "not yet rated" in row


async def test_the_timeline_marks_the_reporting_date_not_today(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "T")
        assert header(app).rstrip().endswith("Programmes by quarter · as at 2011-03-31")
        quarters = app.screen.query_one("#quarters").render()
        (span,) = quarters.spans  # one quarter shaded
        assert quarters.plain[span.start : span.end].strip() == "Q1▾"  # without colour too
        # the window starts at 2010-Q1: the fifth quarter is 2011-Q1, where the wall
        # clock's 2011-Q2 would be the sixth
        assert quarters.plain[: span.start].count("Q") == 4
        years = screen_text(app).splitlines()
        assert any("2010            2011" in line for line in years)


async def test_the_milestone_form_says_overdue_as_at_the_reporting_date(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_initiative("TRAIN")
        await settle(pilot)
        await press(pilot, "5", "j", "enter")
        assert type(app.screen).__name__ == "MilestoneForm"
        # due after 2011-03-31 but before the pinned today: not overdue as at the
        # reporting date, as the list and the timeline count it
        await press(pilot, "tab", "tab", *"2011-05-01")
        assert "Slip" in screen_text(app) and "overdue" not in screen_text(app)
        await press(pilot, "ctrl+u", *"2011-03-01")
        assert "! overdue: due 2011-03-01, as at 2011-03-31" in screen_text(app)
