"""The Star Chamber secretary's journey, as a person does it: open the Star Chamber
from the portfolio list, walk to an agenda item, decide it posting a displaced person,
and find the decision in the minutes; then an approval the vacancy factor check warns
about, which needs an override reason before it is recorded."""

from __future__ import annotations

from datetime import date

from store.audit import verify_chain
from store.star_chamber.minutes import minutes_text
from store.star_chamber.queries.minutes import minutes
from tests.support.tui import screen_text, settle
from tui.app import PortfolioApp


def _request(connection, reference):
    return connection.execute(
        "SELECT status, outcome, decided_on FROM sc_request WHERE reference = ?", (reference,)
    ).fetchone()


def _person(connection, reference):
    return connection.execute(
        "SELECT p.status, r.reference FROM sc_displaced AS p "
        "LEFT JOIN sc_request AS r ON r.id = p.posted_request_id WHERE p.reference = ?",
        (reference,),
    ).fetchone()


async def _open_meeting(app, pilot) -> None:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    assert type(app.screen).__name__ == "StarChamberScreen"
    assert "Next meeting 2011-06-13: 10 items, 0 decided" in screen_text(app)
    await pilot.press("m")
    await settle(pilot)
    assert type(app.screen).__name__ == "MeetingScreen"


async def test_decide_a_request_posting_a_displaced_person_then_read_the_minutes(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_meeting(app, pilot)
        text = screen_text(app)
        assert "Meeting of 13 June 2011" in text and "OPEN" in text
        assert "Item 1: SC-2011-0006  carried over" in text

        # Walk to the third item: the TP intelligence researcher, Band C.
        await pilot.press("j", "j")
        await settle(pilot)
        text = screen_text(app)
        assert "Item 3: SC-2011-0017" in text and "Intelligence researcher" in text
        assert "✓ OK" in text
        assert "PL-0002  Terence Hollis" in text and "same band" in text

        # Decide it: approved, posting the first match on the list.
        await pilot.press("d")
        await settle(pilot)
        decision_screen = app.screen
        assert type(decision_screen).__name__ == "ChamberDecisionScreen"
        await pilot.press("a")
        await settle(pilot)
        text = screen_text(app)
        assert "Chosen: post PL-0002 Terence Hollis (same band)." in text

        # Saving without a reason is refused, next to the field, and nothing is written.
        with demo_store.reading() as connection:
            before = _request(connection, "SC-2011-0017")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is decision_screen
        assert "a reason is required" in screen_text(app)
        assert app.focused.id == "dc-reason"
        with demo_store.reading() as connection:
            assert _request(connection, "SC-2011-0017") == before == ("on_agenda", None, None)

        await pilot.press(*"Borough units need a researcher now.")
        await pilot.press("ctrl+s")
        await settle(pilot)

        # Back on the meeting: the item shows its decision and the posting.
        assert type(app.screen).__name__ == "MeetingScreen"
        text = screen_text(app)
        assert "Decision: Approved" in text
        assert "Posting List: Posted PL-0002 Terence Hollis" in text
        assert "10 items, 1 decided" in text

        # The minutes show it, exactly as the command line prints them.
        await pilot.press("i")
        await settle(pilot)
        assert type(app.screen).__name__ == "MinutesScreen"
        text = screen_text(app)
        assert "Star Chamber minutes: meeting of 13 June 2011" in text
        minutes_screen = app.screen
        await pilot.press("pagedown")
        await settle(pilot)
        body = str(minutes_screen.query_one("#mn-text").render())
        assert "3. SC-2011-0017: Intelligence researcher" in body
        assert "Posting List: Posted PL-0002 Terence Hollis" in body
        assert "Reason: Borough units need a researcher now." in body
        assert "Recorded by: tester" in body

    with demo_store.reading() as connection:
        assert _request(connection, "SC-2011-0017") == ("decided", "approved", "2011-06-13")
        assert _person(connection, "PL-0002") == ("posted", "SC-2011-0017")
        recorded = connection.execute(
            "SELECT d.recorded_by, d.posting_step, d.reason FROM sc_decision AS d "
            "JOIN sc_request AS r ON r.id = d.request_id WHERE r.reference = 'SC-2011-0017'"
        ).fetchall()
        assert recorded == [("tester", "posted", "Borough units need a researcher now.")]
        assert verify_chain(connection).ok
        assert body.rstrip() == minutes_text(minutes(connection, date(2011, 6, 13))).rstrip()


async def test_an_approval_that_breaks_the_vacancy_factor_needs_an_override(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_meeting(app, pilot)
        await pilot.press("j", "j", "j")
        await settle(pilot)
        assert "Item 4: SC-2011-0018" in screen_text(app)
        # The warning shows on the item before anything is decided.
        text = screen_text(app)
        assert "⚠ WARNING: Approving takes DoR's police staff vacancy factor to 4.83%" in text

        await pilot.press("d")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        # Choose "no one suitable" (the last line of the Posting List) and say why.
        await pilot.press("tab", "end")
        await settle(pilot)
        assert "Chosen: no one on the list is suitable." in screen_text(app)
        await pilot.press("tab", *"No one on the list is a qualified surveyor.")
        await pilot.press("tab", "tab", *"Surveys are needed before the exits.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "ChamberDecisionScreen"
        assert "the check warns: give a reason for overriding it" in screen_text(app)
        assert app.focused.id == "dc-override_reason"
        with demo_store.reading() as connection:
            assert _request(connection, "SC-2011-0018") == ("on_agenda", None, None)

        await pilot.press(*"Exits slip without surveys.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "MeetingScreen"
        assert "Override reason: Exits slip without surveys." in screen_text(app)

    with demo_store.reading() as connection:
        assert _request(connection, "SC-2011-0018") == ("decided", "approved", "2011-06-13")
        row = connection.execute(
            "SELECT posting_step, none_suitable_reason, override_reason FROM sc_decision "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert row == (
        "none_suitable",
        "No one on the list is a qualified surveyor.",
        "Exits slip without surveys.",
    )


async def test_defer_and_correct_from_the_walk_through(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_meeting(app, pilot)
        await pilot.press("d", "d", "tab", *"Awaiting costings.", "ctrl+s")
        await settle(pilot)
        assert "Decision: Deferred" in screen_text(app)
        # Deciding again is not allowed: it points to a correction.
        await pilot.press("d")
        await settle(pilot)
        assert type(app.screen).__name__ == "MeetingScreen"
        await pilot.press("c")
        await settle(pilot)
        assert "Correct decision" in screen_text(app)
        await pilot.press("r", "tab", *"Post not in the new structure.")
        await pilot.press("tab", *"Chair changed the decision on reflection.", "ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "Decision: Rejected" in text and "Corrects decision" in text

    with demo_store.reading() as connection:
        rows = connection.execute(
            "SELECT d.outcome, d.supersedes_id IS NOT NULL, d.correction_reason "
            "FROM sc_decision AS d JOIN sc_request AS r ON r.id = d.request_id "
            "WHERE r.reference = 'SC-2011-0006' ORDER BY d.id"
        ).fetchall()
    assert rows == [
        ("deferred", 0, ""),
        ("deferred", 0, ""),
        ("rejected", 1, "Chair changed the decision on reflection."),
    ]


async def test_star_chamber_screens_are_in_the_palette_and_help(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Chamber" in screen_text(app)  # the list's footer names the key
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"posting list")
        await settle(pilot)
        assert "Go to Posting List" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "PostingListScreen"
        assert "PL-0001" in screen_text(app) and "Showing on list   11 people" in screen_text(app)
        await pilot.press("question_mark")
        await settle(pilot)
        assert "Displaced police staff are considered first" in screen_text(app)
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"star chamber")
        await settle(pilot)
        text = screen_text(app)
        assert "Go to Star Chamber" in text and "Go to Star Chamber minutes" in text
