"""The Star Chamber meeting and its agenda, said up front (issue 14): deciding a request
you entered is refused when you press the key, with the reason, before any dialog
opens; so is taking a decided item off the agenda. Building the agenda shows what it
will add (and who entered each request) and asks first. A waiting request goes on the
open meeting the secretary chooses, not always the earliest. A mistyped meeting date
gets the words every form uses. Keys pressed in a burst, before an item has loaded,
still open its dialog."""

from __future__ import annotations

import time
from datetime import date

import pytest

from store.handle import Store
from store.star_chamber.services.decisions import decide
from store.star_chamber.services.meetings import add_meeting
from tests.support.held import hold
from tests.support.reads import value
from tests.support.tui import burst, press, screen_text, settle, toasts
from tui.app import PortfolioApp

OPEN = date(2011, 6, 13)


def _as(demo_path, login: str) -> Store:
    return Store(f"sqlite:///{demo_path}", login)


def _agenda(store, held_on: date = OPEN) -> list[str]:
    with store.reading() as connection:
        return [
            row[0]
            for row in connection.execute(
                "SELECT r.reference FROM sc_agenda_item AS a "
                "JOIN sc_request AS r ON r.id = a.request_id "
                "JOIN sc_meeting AS m ON m.id = a.meeting_id WHERE m.held_on = ? "
                "ORDER BY a.position",
                (held_on.isoformat(),),
            )
        ]


def _decisions(store) -> int:
    return value(store, "SELECT COUNT(*) FROM sc_decision")


async def _meeting(app, pilot, *keys: str) -> None:
    """Open the Star Chamber and a meeting (`keys` first move to it)."""
    await settle(pilot)
    await press(pilot, "s", *keys)
    await press(pilot, "m")
    assert type(app.screen).__name__ == "MeetingScreen"


async def test_deciding_a_request_you_entered_is_refused_up_front(demo_path, frozen_clock):
    store = _as(demo_path, "l.mensah")  # entered every request in the demo
    app = PortfolioApp(store, warm_up=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _meeting(app, pilot)
        meeting = app.screen
        why = "l.mensah entered SC-2011-0006, so someone else must decide it"
        assert why in screen_text(app)  # on the item, before any key
        await press(pilot, "d")
        assert app.screen is meeting  # no dialog to fill in first
        assert why in toasts(app)
        await press(pilot, "enter")
        assert app.screen is meeting
    before = _decisions(store)
    store.close()
    assert before == _decisions(_as(demo_path, "x"))


async def test_correcting_a_decision_on_a_request_you_entered_is_refused_up_front(
    demo_path, frozen_clock
):
    store = _as(demo_path, "l.mensah")
    app = PortfolioApp(store, warm_up=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _meeting(app, pilot, "down")  # the closed meeting of 31 May
        meeting = app.screen
        assert "CLOSED" in screen_text(app)
        await press(pilot, "c")
        assert app.screen is meeting
        assert "l.mensah entered SC-2011-0001, so someone else must decide it" in toasts(app)
    store.close()


async def test_a_decided_item_cannot_come_off_the_agenda_and_says_why(demo_store):
    with demo_store.writing() as session:
        decide(
            {"reference": "SC-2011-0006", "meeting": OPEN, "outcome": "rejected", "reason": "No."},
            session=session,
        )
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _meeting(app, pilot)
        meeting = app.screen
        await press(pilot, "r")
        assert app.screen is meeting  # no reason asked for first
        assert "SC-2011-0006 is decided at this meeting, so it cannot come off" in toasts(app)
    assert _agenda(demo_store)[0] == "SC-2011-0006"


async def test_build_agenda_shows_what_it_adds_and_who_entered_it_then_asks(demo_store):
    waiting = [f"SC-2011-00{n}" for n in range(25, 31)]
    before = _agenda(demo_store)
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _meeting(app, pilot)
        assert "Entered by" in screen_text(app) and "l.mensah" in screen_text(app)
        await press(pilot, "b")
        text = screen_text(app)
        assert "Add 6 waiting requests to the agenda of 2011-06-13?" in text
        for reference in waiting:
            assert reference in text
        assert "entered by l.mensah" in text
        await press(pilot, "escape")  # nothing is added
        assert type(app.screen).__name__ == "MeetingScreen"
        assert _agenda(demo_store) == before
        await press(pilot, "b")
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "MeetingScreen"
        assert "16 items, 0 decided" in screen_text(app)
    assert _agenda(demo_store) == before + waiting


async def test_a_waiting_request_goes_on_the_open_meeting_chosen(demo_store):
    with demo_store.writing() as session:
        add_meeting({"held_on": "2011-06-27", "chair": "Peter Lyle"}, session=session)
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("s", "f", "slash", *"typist", "enter")
        await settle(pilot)
        await press(pilot, "a")
        text = screen_text(app)
        assert "Which meeting should SC-2011-0030 go on?" in text
        assert "2011-06-13" in text and "2011-06-27" in text
        await press(pilot, "down", "enter")  # not the earliest
        assert type(app.screen).__name__ == "StarChamberScreen"
        assert "SC-2011-0030 is on the agenda of 2011-06-27" in toasts(app)
    assert _agenda(demo_store, date(2011, 6, 27)) == ["SC-2011-0030"]
    assert "SC-2011-0030" not in _agenda(demo_store)


async def test_a_mistyped_meeting_date_gets_the_forms_words(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("s", "M")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", *"2011-09-31", "tab", *"Peter Lyle", "ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "'2011-09-31' is not a date; write it like 2011-06-30" in text
        assert "Input should be" not in text


@pytest.mark.parametrize("key", ["d", "enter"])
async def test_a_burst_of_keys_opens_the_dialog_on_the_item_moved_to(demo_store, key, monkeypatch):
    import screens.star_chamber.meeting as meeting_module

    slow = meeting_module.decision_preview

    def slow_preview(*args, **kwargs):
        time.sleep(0.3)  # a busy laptop: the item is still loading when d arrives
        return slow(*args, **kwargs)

    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _meeting(app, pilot)
        monkeypatch.setattr(meeting_module, "decision_preview", slow_preview)
        await pilot.press("j", "j", key)
        await settle(pilot)
        assert type(app.screen).__name__ == "ChamberDecisionScreen"
        assert "Decide SC-2011-0017" in screen_text(app)


async def test_a_reload_that_lands_before_the_next_items_detail_keeps_the_cursor(demo_store):
    """The secretary moves down; before that item's detail is read, the meeting is read
    again (live refresh, or coming back from a dialog). The cursor stays where they put
    it, and the detail follows it: the reload does not take them back up."""
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _meeting(app, pilot)
        meeting = app.screen
        first, second = (item.request.reference for item in meeting.meeting.agenda[:2])
        assert f"Item 1: {first}" in screen_text(app)
        # In one turn of the event loop: the cursor moves, and the reload's answer lands
        # while the second item's own read has not.
        meeting.agenda_table.move_cursor(row=1)
        meeting.show(meeting._serial, meeting.meeting)
        await settle(pilot)
        assert meeting.agenda_table.cursor_row == 1
        assert f"Item 2: {second}" in screen_text(app)


async def test_moving_on_as_soon_as_a_decision_is_saved_is_not_undone(demo_store, monkeypatch):
    """The secretary saves a decision and presses `j` at once: the meeting's reload,
    which lands after that key, leaves the cursor on the next item."""
    from screens.star_chamber.meeting import MeetingScreen

    recorded = MeetingScreen._decided

    def then_j(screen, decision):
        recorded(screen, decision)
        screen.agenda_table.action_cursor_down()  # `j`, before the reload lands

    monkeypatch.setattr(MeetingScreen, "_decided", then_j)
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _meeting(app, pilot)
        meeting = app.screen
        second = meeting.meeting.agenda[1].request.reference
        await press(pilot, "d", "d", "tab", *"Not yet.", "ctrl+s")
        assert app.screen is meeting
        assert meeting.agenda_table.cursor_row == 1
        assert f"Item 2: {second}" in screen_text(app)


async def _decide_first_item_with(app, pilot, holding: list[int]):
    """Defer the first item; its save lands and the dialog closes, and the reads that
    `holding` names are held from then on. The meeting screen."""
    meeting = app.screen
    await press(pilot, "d", "d", "tab", *"Not yet.")
    holding.append(1)
    burst(app, "ctrl+s")
    for _ in range(100):  # not `settle`: it would wait for the held read
        if app.screen is meeting:
            break
        await pilot.pause(0.05)
    return meeting


@pytest.mark.parametrize("focus", ["#mt-agenda", "#mt-matches"])
async def test_a_key_after_a_decision_waits_for_the_agenda_read_again(
    demo_store, monkeypatch, focus
):
    """`d` typed once a decision is saved but before the agenda is read again opened the
    decision dialog on the item just decided, from the agenda as it was (a burst on a
    busy machine). Keys for the meeting now wait for it to be read again (here held until
    released), wherever the focus is, and then `d` says the item is decided."""
    import screens.star_chamber.meeting as meeting_module

    holding: list[int] = []
    release = hold(monkeypatch, meeting_module, "meeting_detail", lambda *_: bool(holding))
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _meeting(app, pilot)
        meeting = app.screen
        meeting.query_one(focus).focus()
        first = meeting.meeting.agenda[0].request.reference
        before = _decisions(demo_store)
        await _decide_first_item_with(app, pilot, holding)
        burst(app, "d")
        await pilot.pause(0.5)
        assert app.screen is meeting  # no dialog opened again on the item just decided
        release.set()
        await settle(pilot)
        assert app.screen is meeting
        assert f"{first} is decided. Press c to correct the decision." in toasts(app)
    assert _decisions(demo_store) == before + 1


async def test_correcting_straight_after_a_decision_corrects_it(demo_store, monkeypatch):
    """`c` typed once the agenda is read again but before the item's own detail is:
    it was judged against the detail read before the decision, and refused with a wrong
    reason. It now waits for the detail and opens the correction of the new decision."""
    import screens.star_chamber.meeting as meeting_module

    holding: list[int] = []
    release = hold(monkeypatch, meeting_module, "request_detail", lambda *_: bool(holding))
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _meeting(app, pilot)
        meeting = await _decide_first_item_with(app, pilot, holding)
        for _ in range(100):  # the agenda is read again; the item's detail is held
            if meeting.meeting.agenda[0].decision is not None:
                break
            await pilot.pause(0.05)
        burst(app, "c")
        await pilot.pause(0.3)
        assert app.screen is meeting and "correct" not in toasts(app)
        release.set()
        await settle(pilot)
        decision = meeting.meeting.agenda[0].decision
        assert f"Correct decision {decision.id} on" in screen_text(app)


async def test_a_key_waiting_for_its_item_is_dropped_when_another_screen_opens(
    demo_store, monkeypatch
):
    """`d` typed while the item's detail is still read waits for it; `i` typed next
    opens the minutes. When the detail lands, the decision dialog used to open over the
    minutes; the waiting `d` is now dropped as the meeting goes under another screen."""
    import screens.star_chamber.meeting as meeting_module

    holding: list[int] = []
    release = hold(monkeypatch, meeting_module, "request_detail", lambda *_: bool(holding))
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _meeting(app, pilot)
        holding.append(1)
        burst(app, "j", "d", "i")
        for _ in range(100):  # not `settle`: it would wait for the held read
            if type(app.screen).__name__ == "MinutesScreen":
                break
            await pilot.pause(0.05)
        release.set()
        await settle(pilot)
        assert [type(s).__name__ for s in app.screen_stack][-2:] == [
            "MeetingScreen",
            "MinutesScreen",
        ]
