"""Recording progress on a recommendation when someone else got there first or the
database is busy: a stale save opens the conflict dialog, re-applying saves yours over
theirs with the version bumped, reloading takes theirs; a save while another process
holds the write lock says "Database busy", keeps what was typed, and lands once the
lock is released."""

from __future__ import annotations

from datetime import date

from screens.common.form_merge import kept
from store.handle import Store
from store.recommendations.services import record_progress
from tests.support.busy import busy_then_lands
from tests.support.reads import row
from tests.support.tui import press, screen_text, settle

NUMBER = 4


APP_TODAY = date(2021, 6, 14)


# Someone in the portfolio office at another desk, on the same database file.
OTHER = "s.bhattacharya"


def _stored(store: Store) -> tuple:
    return row(
        store,
        "SELECT status, percent_complete, owner, version FROM recommendation WHERE number = ?",
        (NUMBER,),
    )


def _theirs_at_60(other: Store, status: str) -> None:
    """The other desk records the recommendation at 60% complete, keeping its status."""
    with other.writing() as session:
        record_progress(
            {"number": NUMBER, "status": status, "percent_complete": 60}, session=session
        )


async def _open_and_set_owner(pilot, app, owner: str = "Jo Bell"):
    await settle(pilot)
    await press(pilot, "R")
    await press(pilot, "j", "j", "j", "e")
    editor = app.screen
    assert type(editor).__name__ == "ProgressEditorScreen"
    assert editor.recommendation.number == NUMBER
    await press(pilot, "tab", "tab", "end", "ctrl+u", *owner)
    return editor


async def test_a_stale_progress_save_opens_the_conflict_dialog_and_re_applies(
    app, demo_store, other
):
    status, percent, owner, version = _stored(demo_store)
    assert status == "in_progress" and percent != 60
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_and_set_owner(pilot, app)
        _theirs_at_60(other, status)
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ConflictDialog"
        text = screen_text(app)
        assert "this recommendation was changed by s.bhattacharya at 2011-06-13" in text
        assert app.screen.rows == [
            ("% complete", kept(str(percent)), "60"),
            ("Owner", "Jo Bell", owner),
        ]
        await press(pilot, "a")
        assert app.screen is not editor
        assert type(app.screen).__name__ == "RecommendationsScreen"
    assert _stored(demo_store) == (status, 60, "Jo Bell", version + 2)


async def test_reload_takes_theirs_into_the_progress_editor(app, demo_store, other):
    status, _, owner, version = _stored(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_and_set_owner(pilot, app)
        _theirs_at_60(other, status)
        await press(pilot, "ctrl+s")
        await press(pilot, "r")
        assert app.screen is editor
        assert editor.values() == {"status": status, "percent_complete": "60", "owner": owner}
        assert "The saved values are back in the form." in screen_text(app)
    assert _stored(demo_store) == (status, 60, owner, version + 1)


async def test_a_busy_progress_save_says_so_retries_and_lands(app, demo_store, demo_path):
    status, percent, owner, version = _stored(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_and_set_owner(pilot, app)
        async with busy_then_lands(
            pilot, demo_path, editor, lambda: editor.values()["owner"] == "Jo Bell"
        ):
            assert _stored(demo_store) == (status, percent, owner, version)
    assert _stored(demo_store) == (status, percent, "Jo Bell", version + 1)
