"""The Star Chamber's other screens, driven by keys: putting a request on the agenda,
the Posting List, engagements with an extension request, establishment figures."""

from __future__ import annotations

from store.portfolio.services import set_current_period
from tests.support.tui import press, screen_text, settle


async def _star_chamber(app, pilot) -> None:
    await settle(pilot)
    await press(pilot, "s")


async def test_a_waiting_request_goes_on_the_next_agenda_and_the_filter_finds_it(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await _star_chamber(app, pilot)
        await pilot.press("f")  # waiting requests only
        await settle(pilot)
        assert "Status waiting   6 shown" in screen_text(app)
        await press(pilot, "slash", *"typist", "enter")
        screen = app.screen
        assert screen.table.total == 1 and screen.table.current_row.reference == "SC-2011-0030"
        await press(pilot, "a")
        assert "Next meeting 2011-06-13: 11 items" in screen_text(app)
        assert screen.table.total == 0  # it is no longer waiting
    with demo_store.reading() as connection:
        row = connection.execute(
            "SELECT r.status, m.held_on, a.position FROM sc_request AS r "
            "JOIN sc_meeting AS m ON m.id = r.meeting_id "
            "JOIN sc_agenda_item AS a ON a.request_id = r.id AND a.meeting_id = m.id "
            "WHERE r.reference = 'SC-2011-0030'"
        ).fetchone()
    assert row == ("on_agenda", "2011-06-13", 11)


async def test_enter_on_a_decided_request_opens_its_meeting_at_that_item(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await _star_chamber(app, pilot)
        await press(pilot, "slash", *"SC-2011-0012", "enter")
        await press(pilot, "enter")
        text = screen_text(app)
        assert type(app.screen).__name__ == "MeetingScreen"
        assert "Meeting of 31 May 2011" in text and "CLOSED" in text
        assert "Item 12: SC-2011-0012" in text
        assert "Corrects decision 12" in text and "Decision: Approved with conditions" in text


async def test_someone_leaves_the_posting_list(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await _star_chamber(app, pilot)
        await press(pilot, "p")
        assert app.screen.table.current_row.reference == "PL-0001"
        await press(pilot, "l")
        assert "PL-0001 Marcia Okonjo leaves the Posting List" in screen_text(app)
        await press(pilot, "ctrl+s")
        assert "this is required" in screen_text(app)  # the reason, which now has the cursor
        assert app.focused.id == "field-reason"
        await press(pilot, *"Took voluntary early departure.", "ctrl+s")
        assert type(app.screen).__name__ == "PostingListScreen"
        assert "Showing on list   10 people" in screen_text(app)
        await pilot.press("f", "f")  # left
        await settle(pilot)
        assert "PL-0001 Marcia Okonjo" in screen_text(app)
        assert "Took voluntary early" in screen_text(app)
    with demo_store.reading() as connection:
        assert connection.execute(
            "SELECT status, status_on, left_reason FROM sc_displaced WHERE reference = 'PL-0001'"
        ).fetchone() == ("left", "2011-06-13", "Took voluntary early departure.")


async def test_an_extension_request_from_the_engagements_screen(app, demo_store):
    with demo_store.writing() as session:  # report on 2011-Q2, the period holding today
        set_current_period("2011-Q2", session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await _star_chamber(app, pilot)
        await press(pilot, "w")
        text = screen_text(app)
        assert "ending within 4 weeks   2   as at 2011-06-13" in text
        assert "TW-0003" in text and "⚠ 1 wk left" in text
        await press(pilot, "plus", "plus", "plus", "plus", "plus", "plus", "plus")
        assert "ending within 11 weeks" in screen_text(app)
        assert app.screen.table.total == 5
        await press(pilot, "home", "x")
        assert "Extension request · TW-0003 Mercy Adjei" in screen_text(app)
        await press(pilot, *"4", "tab", "tab", "tab", *"The CRIB go-live moved to July.", "ctrl+s")
        assert type(app.screen).__name__ == "EngagementsScreen"
        assert "SC-2011-0031" in screen_text(app)  # shown as the pending extension
    with demo_store.reading() as connection:
        assert connection.execute(
            "SELECT r.is_extension, r.max_weeks, r.status, e.reference FROM sc_request AS r "
            "JOIN sc_engagement AS e ON e.id = r.engagement_id WHERE r.reference = 'SC-2011-0031'"
        ).fetchone() == (1, 4, "received", "TW-0003")


async def test_establishment_figures_are_edited_with_their_version(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await _star_chamber(app, pilot)
        await press(pilot, "e")
        assert "Establishment 2011/12" in screen_text(app)
        await pilot.press("j", "e")  # CO police staff
        await settle(pilot)
        assert "Establishment figures · CO" in screen_text(app)
        for _ in range(4):
            await pilot.press("tab")
        await press(pilot, "ctrl+a", "ctrl+k", *"1890", "ctrl+s")
        assert type(app.screen).__name__ == "EstablishmentScreen"
        assert "CO     Police staff     2,000     1,890                5.50%" in screen_text(app)
    with demo_store.reading() as connection:
        row = connection.execute(
            "SELECT e.strength_fte_x100, e.version, e.as_of FROM sc_establishment AS e "
            "JOIN business_group AS bg ON bg.id = e.business_group_id "
            "WHERE bg.code = 'CO' AND e.staff_group = 'police_staff'"
        ).fetchone()
    assert row == (189_000, 2, "2011-06-13")
