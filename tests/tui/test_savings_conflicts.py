"""Saving a savings cell when someone else got there first or the database is busy: a
stale save opens the conflict dialog (the value typed against theirs, who saved and
when); re-applying saves the typed value over theirs, taking theirs closes the editor
and leaves their value; a save while another process holds the write lock says
"Database busy", keeps the value typed, and lands once the lock is released."""

from __future__ import annotations

from store.handle import Store
from store.programme.savings.services import set_savings_cell
from tests.support.busy import write_lock_held
from tests.support.reads import row
from tests.support.tui import press, screen_text, settle, until

# A portfolio office colleague at another desk, on the same database file.
OTHER = "j.okafor"


def _training_2012(store: Store) -> tuple:
    return row(
        store,
        "SELECT c.gbp_m_tenths, c.version FROM savings_cell AS c "
        "JOIN savings_line AS l ON l.id = c.line_id "
        "JOIN savings_year AS y ON y.id = c.year_id "
        "WHERE l.name = 'Training' AND y.financial_year = '2012/13'",
    )


def _set_as(store: Store, gbp_m: str) -> None:
    _, version = _training_2012(store)
    with store.writing() as session:
        set_savings_cell(
            {"line": "Training", "year": "2012/13", "gbp_m": gbp_m, "expected_version": version},
            session=session,
        )


async def _edit_training_2012(pilot, app, value: str = "-22.5") -> None:
    await settle(pilot)
    await press(pilot, "v")
    await press(pilot, "j", "j", "j", "j", "l", "enter")
    assert app.focused.id == "cell-input"
    await press(pilot, "ctrl+u", *value)


async def test_a_stale_cell_opens_the_conflict_dialog_and_re_applies(app, demo_store, other):
    assert _training_2012(demo_store) == (-213, 1)
    async with app.run_test(size=(120, 40)) as pilot:
        await _edit_training_2012(pilot, app)
        _set_as(other, "-25")
        assert _training_2012(demo_store) == (-250, 2)
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "ConflictDialog"
        assert app.screen.rows == [("£m 2012/13", "-22.5", "-25.0")]
        text = screen_text(app)
        assert "Not saved: this Training cell was changed by j.okafor at 2011-06-13" in text
        await pilot.press("escape")  # back to the editor: the value typed is still there
        await settle(pilot)
        assert app.focused.id == "cell-input" and app.focused.value == "-22.5"
        assert "j.okafor at 2011-06-13 09:00 UTC changed this cell" in screen_text(app)
        await pilot.press("enter")  # saved over their version now
        await settle(pilot)
        assert app.focused.id == "savings-table"
        assert "Training · £m 2012/13: -22.5" in screen_text(app)
    assert _training_2012(demo_store) == (-225, 3)


async def test_taking_theirs_closes_the_editor_and_leaves_their_value(app, demo_store, other):
    async with app.run_test(size=(120, 40)) as pilot:
        await _edit_training_2012(pilot, app)
        _set_as(other, "-25")
        await press(pilot, "enter")
        await press(pilot, "r")
        assert app.focused.id == "savings-table"
        assert "Training · £m 2012/13: -25.0" in screen_text(app)
    assert _training_2012(demo_store) == (-250, 2)


async def test_a_busy_cell_save_says_so_retries_and_lands(app, demo_store, demo_path):
    async with app.run_test(size=(120, 40)) as pilot:
        await _edit_training_2012(pilot, app)
        with write_lock_held(demo_path):
            await pilot.press("enter")
            await until(pilot, lambda: "Database busy" in screen_text(app))
            assert "enter retries now" in screen_text(app)
            assert app.focused.id == "cell-input" and app.focused.value == "-22.5"
            # escape stops the retrying and keeps the edit open; enter tries again.
            await press(pilot, "escape")
            assert "stopped retrying" in screen_text(app) and app.focused.id == "cell-input"
            await pilot.press("enter")
            await until(pilot, lambda: "Database busy" in screen_text(app))
            assert _training_2012(demo_store) == (-213, 1)
        await until(pilot, lambda: app.focused.id == "savings-table")
        assert "Training · £m 2012/13: -22.5" in screen_text(app)
    assert _training_2012(demo_store) == (-225, 2)


async def test_a_change_to_another_figure_of_the_cell_is_kept_and_yours_saves(
    app, demo_store, other
):
    async with app.run_test(size=(120, 40)) as pilot:
        await _edit_training_2012(pilot, app)
        with other.writing() as session:  # police staff for the same line and year
            set_savings_cell(
                {"line": "Training", "year": "2012/13", "police_staff": "-230"},
                session=session,
            )
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "SavingsScreen" and app.focused.id == "savings-table"
        assert "Training · £m 2012/13: -22.5" in screen_text(app)
    assert _training_2012(demo_store) == (-225, 3)
    with demo_store.reading() as connection:
        assert connection.execute(
            "SELECT c.police_staff FROM savings_cell AS c "
            "JOIN savings_line AS l ON l.id = c.line_id "
            "JOIN savings_year AS y ON y.id = c.year_id "
            "WHERE l.name = 'Training' AND y.financial_year = '2012/13'"
        ).fetchone() == (-230,)
