"""The Star Chamber's forms when someone else got there first or the database is busy:
a stale save of establishment figures or of someone leaving the Posting List opens the
conflict dialog (your values against theirs, who saved and when); re-applying saves
yours over theirs, reloading takes theirs; new figures that someone else recorded first
are not overwritten; the engagement and meeting forms read their record back through
the same kind of source. (A busy save of these forms is in test_busy_retry_edges.py.)"""

from __future__ import annotations

from screens.common.form_merge import kept
from screens.star_chamber.record_conflicts import (
    engagement_source,
    establishment_values,
    meeting_source,
)
from store.handle import Store
from store.star_chamber.queries.engagements import engagement_by_reference
from store.star_chamber.queries.establishment import establishment_rows
from store.star_chamber.services.engagements import end_engagement
from store.star_chamber.services.establishment import set_establishment
from store.star_chamber.services.meetings import add_meeting, close_meeting
from store.star_chamber.services.posting_list import leave_list
from tests.support.reads import row
from tests.support.tui import press, screen_text, settle

YEAR = "2011/12"


# A Star Chamber secretary at another desk, on the same database file.
OTHER = "r.achebe"


def _figures(store: Store, group: str = "CO", year: str = YEAR) -> tuple | None:
    return row(
        store,
        "SELECT e.budgeted_fte_x100, e.strength_fte_x100, e.version "
        "FROM sc_establishment AS e JOIN business_group AS bg ON bg.id = e.business_group_id "
        "WHERE bg.code = ? AND e.staff_group = 'police_staff' AND e.financial_year = ?",
        (group, year),
    )


def _co_staff(store: Store):
    with store.reading() as connection:
        return next(
            row
            for row in establishment_rows(connection, YEAR)
            if row.business_group == "CO" and row.staff_group == "police_staff"
        )


def _set_budgeted_as(store: Store, budgeted: str) -> None:
    row = _co_staff(store)
    data = establishment_values(row) | {"budgeted": budgeted, "expected_version": row.version}
    with store.writing() as session:
        set_establishment(data, session=session)


async def _open_co_staff_and_type_strength(pilot, app, strength: str = "1890"):
    await settle(pilot)
    await press(pilot, "s", "e")
    await pilot.press("j", "e")  # CO police staff
    await settle(pilot)
    form = app.screen
    assert "Establishment figures · CO" in screen_text(app)
    for _ in range(4):
        await pilot.press("tab")
    await press(pilot, "ctrl+a", "ctrl+k", *strength)
    return form


async def test_stale_figures_open_the_conflict_dialog_and_re_apply_over_theirs(
    app, demo_store, other
):
    budgeted, strength, version = _figures(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_co_staff_and_type_strength(pilot, app)
        _set_budgeted_as(other, "2050")
        assert _figures(demo_store) == (205_000, strength, version + 1)
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ConflictDialog"
        text = screen_text(app)
        assert "Not saved: this establishment row was changed by r.achebe at 2011-06-13" in text
        assert app.screen.rows == [
            ("Budgeted posts", kept(f"{budgeted // 100}"), "2050"),
            ("Current strength", "1890", f"{strength // 100}"),
        ]
        await press(pilot, "a")
        assert type(app.screen).__name__ == "EstablishmentScreen" and app.screen is not form
    # Their budget and this user's strength, saved together over their version.
    assert _figures(demo_store) == (205_000, 189_000, version + 2)


async def test_reload_takes_their_figures_into_the_form(app, demo_store, other):
    _, strength, version = _figures(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_co_staff_and_type_strength(pilot, app)
        _set_budgeted_as(other, "2050")
        await press(pilot, "ctrl+s")
        await press(pilot, "r")
        assert app.screen is form
        assert form.value_of("budgeted") == "2050"
        assert form.value_of("strength") == f"{strength // 100}"
        assert "The saved values are back in the form." in screen_text(app)
    assert _figures(demo_store) == (205_000, strength, version + 1)


async def test_new_figures_someone_else_recorded_first_are_not_overwritten(app, demo_store, other):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "s", "e")
        await press(pilot, "n")
        form = app.screen
        groups = [value for value, _ in form.fields[0].choices]
        await pilot.press("enter", *["down"] * (groups.index("CO") + 1), "enter")
        await pilot.press("tab", "tab", "ctrl+a", "ctrl+k", *"2012/13")
        await press(pilot, "tab", *"2000", "tab", *"1900", "tab", "tab", *"5.5")
        assert form.data()["business_group"] == "CO"
        # Someone else records CO police staff for 2012/13 while this form is open.
        theirs = establishment_values(_co_staff(other)) | {
            "financial_year": "2012/13",
            "budgeted": "2100",
        }
        with other.writing() as session:
            set_establishment(theirs, session=session)
        assert _figures(demo_store, year="2012/13")[2] == 1
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ConflictDialog"
        assert ("Budgeted posts", "2000", "2100") in app.screen.rows
        assert _figures(demo_store, year="2012/13")[::2] == (210_000, 1)  # still theirs
        await press(pilot, "a")
        assert type(app.screen).__name__ == "EstablishmentScreen"
    assert _figures(demo_store, year="2012/13") == (200_000, 190_000, 2)


def _status(store: Store, reference: str = "PL-0001") -> tuple:
    return row(
        store,
        "SELECT status, left_reason, version FROM sc_displaced WHERE reference = ?",
        (reference,),
    )


async def test_leaving_the_list_after_someone_else_recorded_it_shows_theirs(app, demo_store, other):
    _, _, version = _status(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "s", "p")
        await press(pilot, "l")
        form = app.screen
        await pilot.press("tab", *"Retired.")
        with other.writing() as session:
            leave_list(
                {"reference": "PL-0001", "reason": "Took VER.", "expected_version": version},
                session=session,
            )
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ConflictDialog"
        assert app.screen.rows == [
            ("Status", kept("on list"), "left"),
            ("Reason", "Retired.", "Took VER."),
        ]
        assert "changed by r.achebe" in screen_text(app)
        # They have left the list, so saving this again cannot work: no re-apply.
        assert "It can no longer be saved as it was" in screen_text(app)
        dialog = app.screen
        await press(pilot, "a")
        assert app.screen is dialog
        await press(pilot, "r")
        assert app.screen is form and form.value_of("reason") == "Took VER."
        # Saving again is refused for what it is now: they have already left.
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert "Not saved." in screen_text(app) and "left" in screen_text(app)
    assert _status(demo_store) == ("left", "Took VER.", version + 1)


def test_an_engagement_someone_else_ended_is_read_back_as_ended(demo_store, other):
    with demo_store.reading() as connection:
        opened = engagement_by_reference(connection, "TW-0003")
    source = engagement_source(opened)
    assert source.opened["status"] == "active" and source.opened["on"] == ""
    with other.writing() as session:
        end_engagement(
            {"reference": "TW-0003", "on": "2011-06-10", "expected_version": opened.version},
            session=session,
        )
    with demo_store.reading() as connection:
        current = source.read(connection, {})
    assert current.version == opened.version + 1
    assert current.values == {
        "status": "ended",
        "max_end_on": opened.max_end_on.isoformat(),
        "on": "2011-06-10",
    }
    assert current.change.actor == "r.achebe" and current.change.action == "end"


def test_a_meeting_someone_else_closed_is_read_back_as_closed(demo_store, other):
    with other.writing() as session:
        opened = add_meeting({"held_on": "2011-07-11", "chair": "T. Chair"}, session=session)
    source = meeting_source(opened)
    assert source.opened == {"status": "open", "agenda": "0 items, 0 without a decision"}
    with other.writing() as session:
        close_meeting(opened.held_on, expected_version=opened.version, session=session)
    with demo_store.reading() as connection:
        current = source.read(connection, {})
    assert current.version == opened.version + 1
    assert current.values["status"] == "closed"
    assert current.change.actor == "r.achebe"
