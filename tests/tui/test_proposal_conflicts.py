"""Correcting a proposal when someone else got there first or the database is busy: a
stale save opens the conflict dialog (their values against yours, who saved and when),
re-applying saves yours over theirs with the version bumped, reloading takes theirs; a
save while another process holds the write lock says "Database busy", keeps what was
typed, and lands once the lock is released."""

from __future__ import annotations

from datetime import date

from screens.common.form_merge import kept
from screens.front_door.proposal_form import detail_values
from store.front_door.queries import proposal_detail
from store.front_door.services import update_proposal
from store.handle import Store
from tests.support.busy import busy_then_lands
from tests.support.reads import row
from tests.support.tui import press, screen_text, settle

REFERENCE = "FD-2021-0019"


APP_TODAY = date(2021, 6, 14)


# The front door secretary at another desk, on the same database file.
OTHER = "a.kowalski"


def _stored(store: Store) -> tuple:
    return row(
        store, "SELECT title, sponsor, version FROM proposal WHERE reference = ?", (REFERENCE,)
    )


def _save_as(store: Store, **changes) -> None:
    """Save a correction from another desk, from the proposal as it is now."""
    with store.reading() as connection:
        detail = proposal_detail(connection, REFERENCE)
    values = detail_values(detail) | {"reference": REFERENCE, "version": detail.version}
    with store.writing() as session:
        update_proposal(values | changes, session=session)


async def _open_and_retitle(pilot, app, title: str = "Mobile fingerprint scanners"):
    await settle(pilot)
    await press(pilot, "f", "slash", *REFERENCE, "enter", "e")
    form = app.screen
    assert type(form).__name__ == "ProposalFormScreen" and form.reference == REFERENCE
    await press(pilot, "end", "ctrl+u", *title)
    return form


async def test_a_stale_correction_opens_the_conflict_dialog_and_re_applies(app, demo_store, other):
    title, sponsor, version = _stored(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_and_retitle(pilot, app)
        _save_as(other, sponsor="Ann Ode")
        assert _stored(demo_store) == (title, "Ann Ode", version + 1)
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ConflictDialog"
        text = screen_text(app)
        assert "Not saved: this proposal was changed by a.kowalski at 2011-06-13" in text
        assert app.screen.rows == [
            ("Title", "Mobile fingerprint scanners", title),
            ("Sponsor", kept(sponsor), "Ann Ode"),
        ]
        assert any("Sponsor" in line and sponsor in line and "Ann Ode" in line
                   for line in text.splitlines())  # fmt: skip
        await press(pilot, "a")
        assert app.screen is not form and type(app.screen).__name__ != "ConflictDialog"
    # Their sponsor and this user's title, saved together over their version.
    assert _stored(demo_store) == ("Mobile fingerprint scanners", "Ann Ode", version + 2)


async def test_reload_takes_theirs_into_the_proposal_form(app, demo_store, other):
    _, sponsor, version = _stored(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_and_retitle(pilot, app)
        _save_as(other, title="Fingerprint scanners for response officers")
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ConflictDialog"
        await press(pilot, "r")
        assert app.screen is form
        assert form.values()["title"] == "Fingerprint scanners for response officers"
        assert "The saved values are back in the form." in screen_text(app)
    assert _stored(demo_store) == (
        "Fingerprint scanners for response officers",
        sponsor,
        version + 1,
    )


async def test_escape_from_the_dialog_keeps_yours_on_top_of_theirs(app, demo_store, other):
    _, _, version = _stored(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_and_retitle(pilot, app)
        _save_as(other, sponsor="Ann Ode")
        await press(pilot, "ctrl+s")
        await press(pilot, "escape")
        assert app.screen is form
        assert form.values()["title"] == "Mobile fingerprint scanners"
        assert form.values()["sponsor"] == "Ann Ode"
        assert "a.kowalski at 2011-06-13" in screen_text(app)
        await press(pilot, "ctrl+s")
        assert app.screen is not form
    assert _stored(demo_store) == ("Mobile fingerprint scanners", "Ann Ode", version + 2)


async def test_a_busy_correction_says_so_retries_and_lands(app, demo_store, demo_path):
    title, sponsor, version = _stored(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_and_retitle(pilot, app)
        async with busy_then_lands(
            pilot, demo_path, form, lambda: form.values()["title"] == "Mobile fingerprint scanners"
        ):
            assert _stored(demo_store) == (title, sponsor, version)
    assert _stored(demo_store) == ("Mobile fingerprint scanners", sponsor, version + 1)
