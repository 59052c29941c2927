"""The decide dialog records exactly what the panel decided (issue 14).

Nobody is posted from the Posting List until the secretary chooses a named person
(enter on them) or "No one on the list is suitable" with the reason: moving up and
down the list chooses nothing, and the save refuses, saying what is missing, until a
choice is made. An extension keeps its worker in post, so its approval can only say
why no one on the list suits. Letters typed on the outcome (a shift+tab too many,
then the reason) never change it: once an outcome is chosen only left and right do.

Each journey is pressed twice: settling after each step, and as one burst of keys
with no pauses, as a fast typist does.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest

from tests.support.reads import row
from tests.support.tui import burst, press, screen_text, settle
from tui.app import PortfolioApp

ITEM_3 = "SC-2011-0017"  # Intelligence researcher, Band C, TP: six people match
EXTENSION = "SC-2011-0024"  # item 10: an extension of TW-0002
REASON = "Borough units need a researcher now."


def _request(store, reference):
    return row(store, "SELECT status, outcome FROM sc_request WHERE reference = ?", (reference,))


def _decision(store, reference):
    return row(
        store,
        "SELECT d.outcome, d.posting_step, p.reference, d.none_suitable_reason, d.reason "
        "FROM sc_decision AS d JOIN sc_request AS r ON r.id = d.request_id "
        "LEFT JOIN sc_displaced AS p ON p.id = d.posted_person_id "
        "WHERE r.reference = ? ORDER BY d.id DESC LIMIT 1",
        (reference,),
    )


async def _press(pilot, burst: bool, *keys: str) -> None:
    """Press `keys`: all at once (a burst), or settling after each."""
    for group in [keys] if burst else [(key,) for key in keys]:
        await press(pilot, *group)


@asynccontextmanager
async def _dialog(store, downs: int):
    """The app on the meeting of 13 June 2011 with the decide dialog open on item
    `downs + 1`: yields the app, the pilot and the dialog."""
    app = PortfolioApp(store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        await press(pilot, "m")
        await press(pilot, *(["j"] * downs), "d")
        assert type(app.screen).__name__ == "ChamberDecisionScreen"
        yield app, pilot, app.screen


@pytest.mark.parametrize("burst", [False, True], ids=["step", "burst"])
async def test_approving_posts_no_one_until_a_person_is_chosen(demo_store, burst):
    async with _dialog(demo_store, 2) as (app, pilot, form):
        # Approving and moving up and down the list chooses no one.
        await _press(pilot, burst, "a", "tab", "down", "down", "up")
        text = screen_text(app)
        assert "Nobody chosen yet" in text
        assert "Will post" not in text and "Chosen" not in text
        assert form.data().get("posted") is None
        # The save refuses, names what is missing and goes to the list.
        await _press(pilot, burst, "tab", *REASON, "ctrl+s")
        assert app.screen is form
        assert "choose who is posted" in screen_text(app)
        assert app.focused.id == "dc-posted"
        assert _request(demo_store, ITEM_3) == ("on_agenda", None)
        # Enter on the second person on the list chooses them, and says so plainly.
        await _press(pilot, burst, "home", "down", "enter")
        assert "Will post PL-0008 Samir Haddad (same band, from DoI)." in screen_text(app)
        await _press(pilot, burst, "ctrl+s")
        assert type(app.screen).__name__ == "MeetingScreen"
        assert "Posting List: Posted PL-0008 Samir Haddad" in screen_text(app)
    assert _decision(demo_store, ITEM_3) == ("approved", "posted", "PL-0008", "", REASON)


@pytest.mark.parametrize("burst", [False, True], ids=["step", "burst"])
async def test_no_one_suitable_is_a_choice_that_needs_its_reason(demo_store, burst):
    async with _dialog(demo_store, 2) as (app, pilot, form):
        await _press(pilot, burst, "a", "tab", "end", "enter")
        assert "No one will be posted: no one on the list is suitable." in screen_text(app)
        assert app.focused.id == "dc-none_suitable"
        await _press(pilot, burst, "tab", *REASON, "ctrl+s")
        assert app.screen is form
        assert "say why no one on the list was suitable" in screen_text(app)
        assert app.focused.id == "dc-none_suitable"
        assert _request(demo_store, ITEM_3) == ("on_agenda", None)
        await _press(pilot, burst, *"None of them has intelligence training.", "ctrl+s")
        assert type(app.screen).__name__ == "MeetingScreen"
    assert _decision(demo_store, ITEM_3) == (
        "approved",
        "none_suitable",
        None,
        "None of them has intelligence training.",
        REASON,
    )


@pytest.mark.parametrize("burst", [False, True], ids=["step", "burst"])
async def test_an_extension_is_approved_only_by_saying_why_no_one_suits(demo_store, burst):
    async with _dialog(demo_store, 9) as (app, pilot, form):
        assert EXTENSION in screen_text(app)
        await _press(pilot, burst, "a", "tab", "down", "up")
        text = screen_text(app)
        assert "Nobody chosen yet" in text and "Will post" not in text
        # The people on the list show, but an extension cannot post one of them.
        assert "PL-0016 Kwabena Asare" in text and "An extension keeps" in text
        # Past the approved weeks (6, as asked) to the reason.
        await _press(pilot, burst, "tab", "tab", *"Go-live slipped.", "ctrl+s")
        assert app.screen is form and "choose who is posted" in screen_text(app)
        assert app.focused.id == "dc-posted"
        assert _request(demo_store, EXTENSION) == ("on_agenda", None)
        await _press(pilot, burst, "end", "enter", *"No one on the list knows CRIB.", "ctrl+s")
        assert type(app.screen).__name__ == "MeetingScreen"
    assert _decision(demo_store, EXTENSION) == (
        "approved",
        "none_suitable",
        None,
        "No one on the list knows CRIB.",
        "Go-live slipped.",
    )


@pytest.mark.parametrize("burst", [False, True], ids=["step", "burst"])
async def test_letters_typed_on_the_outcome_never_change_it(demo_store, burst):
    async with _dialog(demo_store, 2) as (app, pilot, form):
        # Rejected, then a shift+tab too many, and the reason typed on the outcome.
        await _press(pilot, burst, "r", "tab", "shift+tab", *"a weak case, and we can wait")
        assert form.data()["outcome"] == "rejected"
        text = screen_text(app)
        assert "▶ r Rejected ◀" in text
        assert "Typing here does not change the outcome" in text
        await _press(pilot, burst, "tab", *"Not needed now.", "ctrl+s")
        assert type(app.screen).__name__ == "MeetingScreen"
        assert "Decision: Rejected" in screen_text(app)
    assert _decision(demo_store, ITEM_3) == (
        "rejected",
        "not_applicable",
        None,
        "",
        "Not needed now.",
    )


@pytest.mark.parametrize("burst", [False, True], ids=["step", "burst"])
async def test_text_typed_before_any_outcome_chooses_none(demo_store, burst):
    async with _dialog(demo_store, 2) as (app, pilot, form):
        await _press(pilot, burst, *"Not needed, we can wait")
        assert form.data()["outcome"] is None
        assert "Typing here does not change the outcome" in screen_text(app)


async def test_left_and_right_change_a_chosen_outcome(demo_store):
    async with _dialog(demo_store, 2) as (_app, pilot, form):
        await _press(pilot, False, "r", "d")
        assert form.data()["outcome"] == "rejected"
        await _press(pilot, False, "right")
        assert form.data()["outcome"] == "deferred"
        await _press(pilot, False, "left", "left")
        assert form.data()["outcome"] == "approved_with_conditions"


async def test_keys_arriving_faster_than_the_app_takes_them_never_change_the_decision(
    demo_store,
):
    """A fast typist on a busy laptop: keys queue up before the app has handled the tab
    or enter before them, so typed text can reach the control that still has the cursor.
    It never changes the outcome or the person chosen (at worst the text is not where it
    was meant to be, and the save says what is missing)."""
    async with _dialog(demo_store, 2) as (_app, pilot, form):
        burst(pilot.app, "r", "tab", "a weak case, and we can wait")
        await settle(pilot)
        assert form.data()["outcome"] == "rejected"
        await _press(pilot, False, "shift+tab", "left", "left", "tab", "home", "down")
        burst(pilot.app, "enter", "a good one")  # space chooses only what enter chose
        await settle(pilot)
        assert form.data()["outcome"] == "approved"
        assert form.posting_choice == "PL-0008"
        burst(pilot.app, "shift+tab", "doc w r d c  ", "tab", "  a b c")
        await settle(pilot)
        assert (form.data()["outcome"], form.posting_choice) == ("approved", "PL-0008")
