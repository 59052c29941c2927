"""Star Chamber decisions when someone else got there first or the database is busy: a
correction made after someone else corrected the same decision opens the conflict dialog
(the decision in force then against now, who changed it and when); re-applying saves the
correction over the decision now in force, reloading takes that one in and keeps what
was typed. A decision saved while another process holds the write lock says "Database
busy", keeps what was typed, and lands once the lock is released."""

from __future__ import annotations

from datetime import date

from store.handle import Store
from store.star_chamber.services.decisions import correct, decide
from tests.support.busy import busy_then_lands
from tests.support.reads import rows, value
from tests.support.tui import press, screen_text, settle
from tests.support.writes import written
from tui.app import PortfolioApp

REFERENCE = "SC-2011-0006"  # item 1 of the meeting of 13 June 2011
REASON = "Post not in the new structure."
WHY = "Chair changed the decision on reflection."


def _as(demo_path, actor: str) -> Store:
    """Another secretary at another desk, on the same database file."""
    return Store(f"sqlite:///{demo_path}", actor)


def _decisions(store: Store) -> list[tuple]:
    return rows(
        store,
        "SELECT d.id, d.outcome, d.reason, d.supersedes_id, d.correction_reason, "
        "d.recorded_by FROM sc_decision AS d JOIN sc_request AS r ON r.id = d.request_id "
        "WHERE r.reference = ? ORDER BY d.id",
        (REFERENCE,),
    )


def _version(store: Store) -> int:
    return value(store, "SELECT version FROM sc_request WHERE reference = ?", (REFERENCE,))


def _deferred_by_r_achebe(demo_path) -> int:
    """r.achebe recorded the meeting's deferral of item 1 before the form opens."""
    with _as(demo_path, "r.achebe") as other:
        return written(
            other,
            decide,
            {
                "reference": REFERENCE,
                "meeting": date(2011, 6, 13),
                "outcome": "deferred",
                "reason": "Awaiting costings.",
            },
        ).id


def _corrected_by_c_dunmore(demo_path) -> int:
    """c.dunmore corrects the deferral to withdrawn, from the request as it is now."""
    with _as(demo_path, "c.dunmore") as other:
        version = _version(other)
        return written(
            other,
            correct,
            {
                "reference": REFERENCE,
                "outcome": "withdrawn",
                "reason": "The group withdrew it.",
                "why": "Minuted wrongly.",
                "expected_version": version,
            },
        ).id


async def _open_correction(pilot, app):
    """Open the meeting, press c on item 1, and type a rejection with its reasons."""
    await settle(pilot)
    await press(pilot, "s")
    await press(pilot, "m")
    assert type(app.screen).__name__ == "MeetingScreen"
    await press(pilot, "c")
    form = app.screen
    assert type(form).__name__ == "ChamberDecisionScreen" and form.correcting is not None
    await press(pilot, "r", "tab", *REASON, "tab", *WHY)
    return form


async def test_a_stale_correction_opens_the_dialog_and_re_applies(demo_store, demo_path):
    first = _deferred_by_r_achebe(demo_path)
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_correction(pilot, app)
        assert form.correcting.id == first
        theirs = _corrected_by_c_dunmore(demo_path)
        version = _version(demo_store)
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ConflictDialog"
        text = screen_text(app)
        assert "Not saved: this decision was changed by c.dunmore at 2011-06-13" in text
        rows = {label: (then, now) for label, then, now in app.screen.rows}
        assert rows["Decision in force"] == (
            f"decision {first} (r.achebe)",
            f"decision {theirs} (c.dunmore, correcting {first})",
        )
        assert rows["Outcome"] == ("Deferred", "Withdrawn")
        assert rows["Reason"] == ("Awaiting costings.", "The group withdrew it.")
        assert "Withdrawn" in text and "The group withdrew it." in text
        assert [row[0] for row in _decisions(demo_store)][-2:] == [first, theirs]
        await press(pilot, "a")
        assert type(app.screen).__name__ == "MeetingScreen"
        assert "Decision: Rejected" in screen_text(app)
    *_, mine = _decisions(demo_store)
    assert mine[1:] == ("rejected", REASON, theirs, WHY, "tester")
    assert _version(demo_store) == version + 1


async def test_reload_takes_in_the_decision_now_in_force_and_keeps_the_typing(
    demo_store, demo_path
):
    first = _deferred_by_r_achebe(demo_path)
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_correction(pilot, app)
        theirs = _corrected_by_c_dunmore(demo_path)
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ConflictDialog"
        await press(pilot, "r")
        assert app.screen is form and form.correcting.id == theirs
        text = screen_text(app)
        assert f"Correct decision {theirs} on {REFERENCE}" in text
        assert "In force: Withdrawn: The group withdrew it." in text
        assert f"Your correction now supersedes decision {theirs}" in text
        assert form.data()["reason"] == REASON and form.data()["why"] == WHY
        # Typing more keeps the message under the form.
        await press(pilot, "space", *"(minuted)")
        assert f"Your correction now supersedes decision {theirs}" in screen_text(app)
        assert [row[0] for row in _decisions(demo_store)][-2:] == [first, theirs]
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "MeetingScreen"
    *_, mine = _decisions(demo_store)
    assert mine[1:] == ("rejected", REASON, theirs, WHY + " (minuted)", "tester")


async def test_a_busy_decision_says_so_retries_and_lands(demo_store, demo_path):
    before = _decisions(demo_store)  # the item was deferred at an earlier meeting
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        await press(pilot, "m")
        await press(pilot, "d")
        form = app.screen
        assert type(form).__name__ == "ChamberDecisionScreen" and form.correcting is None
        await press(pilot, "d", "tab", *"Awaiting costings.")
        async with busy_then_lands(
            pilot, demo_path, form, lambda: form.data()["reason"] == "Awaiting costings."
        ):
            assert _decisions(demo_store) == before
        assert "Decision: Deferred" in screen_text(app)
    after = _decisions(demo_store)
    assert after[:-1] == before
    assert after[-1][1:] == ("deferred", "Awaiting costings.", None, "", "tester")
