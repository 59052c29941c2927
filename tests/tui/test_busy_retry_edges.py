"""The busy-database retry on the Posting List's new-person form: a save while another
process holds the write lock says "Database busy", keeps what was typed, escape stops
the retrying, and the retry lands once the lock is released. At its edges: the
retrying waits while another screen (the command palette) is over the form and lands
once the form is back on top, closing the form and not the screen over it; escape
while an attempt is under way lets that attempt finish and stops the retrying there,
keeping the form open with what was typed, and nothing is saved twice or lost."""

from __future__ import annotations

import time

from tests.support.busy import busy_then_lands, write_lock_held
from tests.support.reads import value
from tests.support.tui import press, screen_text, settle, until


def _people(store) -> int:
    return value(store, "SELECT COUNT(*) FROM sc_displaced")


async def _new_person_form(pilot, app):
    await settle(pilot)
    await press(pilot, "s", "p")
    await press(pilot, "n")
    form = app.screen
    await pilot.press(*"Dev Patel", "tab", "enter", "down", "enter")
    await press(pilot, "tab", "enter", "down", "enter", "tab", *"Crime analysis")
    return form


async def test_a_busy_save_of_a_new_person_says_so_retries_and_lands(app, demo_store, demo_path):
    before = _people(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _new_person_form(pilot, app)
        async with busy_then_lands(
            pilot, demo_path, form, lambda: form.value_of("name") == "Dev Patel"
        ):
            assert _people(demo_store) == before
    assert _people(demo_store) == before + 1


async def test_the_retry_waits_under_the_palette_and_lands_when_the_form_is_back(
    app, demo_store, demo_path
):
    before = _people(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _new_person_form(pilot, app)
        with write_lock_held(demo_path):
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "Database busy" in screen_text(app))
            await press(pilot, "ctrl+p")
            palette = app.screen
            assert palette is not form
        # The lock is gone, but nothing is saved while the palette covers the form.
        await pilot.pause(2.5)
        await settle(pilot)
        assert app.screen is palette and _people(demo_store) == before
        await pilot.press("escape")  # closes the palette; the form retries and lands
        await until(pilot, lambda: type(app.screen).__name__ == "PostingListScreen")
        assert form not in app.screen_stack
    assert _people(demo_store) == before + 1
    assert ("form", "sc-displaced") not in app.drafts


async def test_escape_during_an_attempt_stops_the_retrying_after_it(app, demo_store, demo_path):
    before = _people(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _new_person_form(pilot, app)
        quick = form.save_with

        def slow_save(store, data):
            time.sleep(0.8)  # an attempt under way long enough to press escape in
            return quick(store, data)

        form.save_with = slow_save
        with write_lock_held(demo_path):
            await pilot.press("ctrl+s")
            await until(pilot, lambda: form.saving)
            await pilot.press("escape")
            assert app.screen is form
            await until(pilot, lambda: not form.saving, rounds=80)
            await settle(pilot)
            assert app.screen is form and "stopped retrying" in screen_text(app)
        await pilot.pause(2.0)  # no retry comes once stopped
        await settle(pilot)
        assert app.screen is form and _people(demo_store) == before
        assert form.value_of("name") == "Dev Patel"
        await pilot.press("ctrl+s")  # tries again by hand, and lands
        await until(pilot, lambda: app.screen is not form, rounds=80)
    assert _people(demo_store) == before + 1
