"""After a save that did not land, the cursor is where the user can act on it, never
nowhere and never on Cancel: on the first field with a problem, or, for a problem of
the whole form (the database busy), back on the Save button they pressed."""

from __future__ import annotations

from tests.support.busy import write_lock_held
from tests.support.tui import press, screen_text, settle, until
from tests.tui.test_rag_busy import _open_editor


async def test_a_busy_save_from_the_save_button_leaves_the_cursor_on_it(app, demo_path):
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_editor(pilot, app)
        save = editor.query_one("#save")
        save.focus()
        await settle(pilot)
        with write_lock_held(demo_path):
            await press(pilot, "enter")
            await until(pilot, lambda: "Database busy" in screen_text(app))
            await until(pilot, lambda: not save.disabled)
            assert app.focused is save
            await press(pilot, "escape")  # stop retrying
            assert app.screen is editor and app.focused is save


async def test_a_field_refused_on_save_gets_the_cursor(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"lean", "enter", "enter", "e", "r")  # no rationale
        editor = app.screen
        editor.query_one("#save").focus()
        await press(pilot, "enter")
        assert app.screen is editor and app.focused.id == "rationale"
