"""Live refresh: a second TUI on the same database shows a first TUI's RAG save within
about a second, without a keypress; a form open meanwhile keeps what the user typed.

Runs on SQLite (two handles on one file: `PRAGMA data_version`) and, with
`PORTFOLIO_TEST_PG` set, on PostgreSQL (LISTEN/NOTIFY).
"""

from __future__ import annotations

import time

from screens.star_chamber.record_conflicts import establishment_values
from store.portfolio.services import record_assessment
from store.star_chamber.queries.establishment import establishment_rows
from store.star_chamber.services.establishment import set_establishment
from tests.support.tui import press, screen_text, settle
from tui.app import PortfolioApp

# A Star Chamber secretary at another desk, on the same database (the `other` fixture).
OTHER = "r.achebe"
SECONDS = 2.0  # how long the second app may take to show the save (the poll is 0.5 s)


async def _until(pilot, condition) -> float:
    """Let the app run, without a keypress, until `condition()` holds; the seconds it
    took. Fails the test if it does not hold within `SECONDS`."""
    started = time.monotonic()
    while time.monotonic() - started < SECONDS:
        if condition():
            return time.monotonic() - started
        await pilot.pause(0.05)
    raise AssertionError(f"not shown within {SECONDS} s")


async def _filter_to(pilot, code: str) -> None:
    """Filter the portfolio list to `code` and go back to the list."""
    await settle(pilot)
    await press(pilot, "slash", *code.lower())
    await press(pilot, "enter")
    assert pilot.app.screen.table.current_row.code == code


def _save_red(store, rationale: str) -> None:
    with store.writing() as session:
        record_assessment(
            {"code": "LEAN", "criterion": "Overall status", "rag": "R", "rationale": rationale},
            session=session,
        )


async def test_a_second_tui_shows_the_first_tuis_rag_save(demo_store, other_desk):
    first = PortfolioApp(demo_store, warm_up=False)
    second = PortfolioApp(other_desk("tester"), warm_up=False)
    async with first.run_test(size=(80, 24)) as one, second.run_test(size=(80, 24)) as two:
        await _filter_to(two, "LEAN")
        listed = second.screen
        assert listed.table.current_row.rag == "G"

        # The first app records a Red through its RAG editor.
        await _filter_to(one, "LEAN")
        await press(one, "enter")
        await settle(one)
        await press(one, "e")
        await press(one, "r", "tab")
        await one.press(*"Savings slipped.")
        await press(one, "ctrl+s")
        assert "R Red" in screen_text(first)

        # The second shows it with no key pressed, the filter and cursor kept.
        await _until(two, lambda: listed.table.current_row.rag == "R")
        assert second.screen is listed
        assert listed.query_one("#filter").value == "lean"
        assert listed.table.current_row.code == "LEAN"


async def test_a_form_being_edited_is_not_changed_under_the_user(app, demo_store, other_desk):
    async with app.run_test(size=(120, 40)) as pilot:
        await _filter_to(pilot, "LEAN")
        await press(pilot, "enter")
        detail = app.screen
        assert "G Green" in screen_text(app)
        await press(pilot, "e")
        editor = app.screen
        await press(pilot, "a", "tab")
        await pilot.press(*"My own words.")

        # Someone else records a Red meanwhile: the detail under the form takes it in,
        # the form keeps what the user typed.
        _save_red(other_desk("tester"), "Their words.")
        await _until(pilot, lambda: detail.detail.criteria[0].rag == "R")
        assert app.screen is editor
        assert editor.query_one("#rationale").text == "My own words."
        assert "My own words." in screen_text(app)

        await press(pilot, "escape")
        assert app.screen is detail and "R Red" in screen_text(app)


def _co_staff(rows):
    return next(r for r in rows if r.business_group == "CO" and r.staff_group == "police_staff")


async def test_star_chamber_figures_follow_another_desk_keeping_the_cursor(app, other):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s", "e")
        await press(pilot, "j")  # CO police staff
        screen = app.screen
        assert type(screen).__name__ == "EstablishmentScreen" and screen.table.cursor_row == 1
        with other.reading() as connection:
            row = _co_staff(establishment_rows(connection, screen.year))
        with other.writing() as session:
            data = establishment_values(row) | {"budgeted": "2050", "expected_version": row.version}
            set_establishment(data, session=session)

        await _until(pilot, lambda: _co_staff(screen.rows).budgeted_x100 == 205_000)
        assert app.screen is screen and screen.table.cursor_row == 1
