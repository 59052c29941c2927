"""The Star Chamber secretary's journey, as a person does it: open the Star Chamber
from the portfolio list, walk to an agenda item, decide it posting a displaced person,
and find the decision in the minutes; then an approval the vacancy factor check warns
about, which needs an override reason before it is recorded."""

from __future__ import annotations

from datetime import date

from store.audit import verify_chain
from store.star_chamber.minutes import minutes_text
from store.star_chamber.queries.minutes import minutes
from tests.support.tui import press, screen_text, settle


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
    await press(pilot, "s")
    assert type(app.screen).__name__ == "StarChamberScreen"
    assert "Next meeting 2011-06-13: 10 items, 0 decided" in screen_text(app)
    await press(pilot, "m")
    assert type(app.screen).__name__ == "MeetingScreen"


async def _walk_to_the_researcher_and_approve_posting_pl_0002(pilot):
    """Walk to the third item (the TP intelligence researcher, Band C) and decide it:
    approved, posting the first match on the list. Approving chooses no one: the
    secretary chooses the person (enter on them). Returns the decision screen."""
    app = pilot.app
    text = screen_text(app)
    assert "Meeting of 13 June 2011" in text and "OPEN" in text
    assert "Item 1: SC-2011-0006  carried over" in text
    await press(pilot, "j", "j")
    text = screen_text(app)
    assert "Item 3: SC-2011-0017" in text and "Intelligence researcher" in text
    assert "✓ OK" in text
    assert "PL-0002  Terence Hollis" in text and "same band" in text
    await press(pilot, "d")
    decision_screen = app.screen
    assert type(decision_screen).__name__ == "ChamberDecisionScreen"
    await press(pilot, "a")
    assert "Nobody chosen yet" in screen_text(app)
    await press(pilot, "tab", "home", "enter")
    text = screen_text(app)
    assert "Will post PL-0002 Terence Hollis (same band, from HR)." in text
    return decision_screen


async def _save_it_with_a_reason(pilot, demo_store, decision_screen):
    """Saving without a reason is refused, next to the field, and nothing is written;
    with one, the meeting shows the item's decision and the posting."""
    app = pilot.app
    with demo_store.reading() as connection:
        before = _request(connection, "SC-2011-0017")
    await press(pilot, "ctrl+s")
    assert app.screen is decision_screen
    assert "a reason is required" in screen_text(app)
    assert app.focused.id == "dc-reason"
    with demo_store.reading() as connection:
        assert _request(connection, "SC-2011-0017") == before == ("on_agenda", None, None)
    await pilot.press(*"Borough units need a researcher now.")
    await press(pilot, "ctrl+s")
    assert type(app.screen).__name__ == "MeetingScreen"
    text = screen_text(app)
    assert "Decision: Approved" in text
    assert "Posting List: Posted PL-0002 Terence Hollis" in text
    assert "10 items, 1 decided" in text


async def _the_minutes_show_it(pilot) -> str:
    """The minutes show the decision; returns their text, to compare with what the
    command line prints."""
    app = pilot.app
    await press(pilot, "i")
    assert type(app.screen).__name__ == "MinutesScreen"
    text = screen_text(app)
    assert "Star Chamber minutes: meeting of 13 June 2011" in text
    minutes_screen = app.screen
    await press(pilot, "pagedown")
    body = str(minutes_screen.query_one("#mn-text").render())
    assert "3. SC-2011-0017: Intelligence researcher" in body
    assert "Posting List: Posted PL-0002 Terence Hollis" in body
    assert "Reason: Borough units need a researcher now." in body
    assert "Recorded by: tester" in body
    return body


async def test_decide_a_request_posting_a_displaced_person_then_read_the_minutes(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_meeting(app, pilot)
        decision_screen = await _walk_to_the_researcher_and_approve_posting_pl_0002(pilot)
        await _save_it_with_a_reason(pilot, demo_store, decision_screen)
        body = await _the_minutes_show_it(pilot)

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


async def test_an_approval_that_breaks_the_vacancy_factor_needs_an_override(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_meeting(app, pilot)
        await press(pilot, "j", "j", "j")
        assert "Item 4: SC-2011-0018" in screen_text(app)
        # The warning shows on the item before anything is decided.
        text = screen_text(app)
        assert "⚠ WARNING: Approving takes DoR's police staff vacancy factor to 4.83%" in text

        await press(pilot, "d")
        await press(pilot, "a")
        # Choose "no one suitable" (the last line of the Posting List) and say why.
        await press(pilot, "tab", "end", "enter")
        assert "No one will be posted: no one on the list is suitable." in screen_text(app)
        await pilot.press(*"No one on the list is a qualified surveyor.")
        await pilot.press("tab", "tab", *"Surveys are needed before the exits.")
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ChamberDecisionScreen"
        assert "the check warns: give a reason for overriding it" in screen_text(app)
        assert app.focused.id == "dc-override_reason"
        with demo_store.reading() as connection:
            assert _request(connection, "SC-2011-0018") == ("on_agenda", None, None)

        await pilot.press(*"Exits slip without surveys.")
        await press(pilot, "ctrl+s")
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


async def test_defer_and_correct_from_the_walk_through(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_meeting(app, pilot)
        await press(pilot, "d", "d", "tab", *"Awaiting costings.", "ctrl+s")
        assert "Decision: Deferred" in screen_text(app)
        # Deciding again is not allowed: it points to a correction.
        await press(pilot, "d")
        assert type(app.screen).__name__ == "MeetingScreen"
        await press(pilot, "c")
        assert "Correct decision" in screen_text(app)
        await pilot.press("r", "tab", *"Post not in the new structure.")
        await press(pilot, "tab", *"Chair changed the decision on reflection.", "ctrl+s")
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


async def test_star_chamber_screens_are_in_the_palette_and_help(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Chamber" in screen_text(app)  # the list's footer names the key
        await press(pilot, "ctrl+p")
        await press(pilot, *"posting list")
        assert "Go to Posting List" in screen_text(app)
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "PostingListScreen"
        assert "PL-0001" in screen_text(app) and "Showing on list   11 people" in screen_text(app)
        await press(pilot, "question_mark")
        assert "Displaced police staff are considered first" in screen_text(app)
        await press(pilot, "escape", "escape")
        await press(pilot, "ctrl+p")
        await press(pilot, *"star chamber")
        text = screen_text(app)
        assert "Go to Star Chamber" in text and "Go to Star Chamber minutes" in text
