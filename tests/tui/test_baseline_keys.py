"""The change baseline's `enter` on the matrix goes by the cell the cursor is on, even
when that cell's initiatives are still being read: it used to go by the count of the
cell before, so a quick `l` `enter` from a full cell into an empty one left the cursor
on an empty list, and `h` `enter` from an empty cell into a full one did nothing.

In the demo, the cursor starts on mandated × medium (49); above it is transformational
× medium (27), and to the right of that transformational × low (none)."""

from __future__ import annotations

from tests.support.tui import burst, press, settle


async def _polled(pilot, condition) -> None:
    """Let the app run until `condition()` holds, without waiting for its workers."""
    for _ in range(250):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")


async def test_moving_into_an_empty_cell_and_enter_keep_the_cursor_on_the_matrix(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "b", "k")  # transformational × medium: 27
        assert app.screen.cell_list.total == 27
        burst(app, "l", "enter")  # into transformational × low (none), at once
        await settle(pilot)
        assert app.screen.cell_list.total == 0
        assert app.focused is app.screen.table


async def test_moving_into_a_full_cell_and_enter_go_into_its_list(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "b", "k", "l")  # transformational × low: none
        assert app.screen.cell_list.total == 0
        burst(app, "h", "enter")  # back into transformational × medium, at once
        await settle(pilot)
        assert app.screen.cell_list.total == 27
        assert app.focused is app.screen.cell_list


async def test_a_cells_late_answer_does_not_replace_the_cell_under_the_cursor(app, monkeypatch):
    """Mandated × medium's initiatives read slowly; the cursor moves up meanwhile and
    transformational × medium's come first. The late answer used to land last and list
    49 initiatives under a cursor on a cell of 27."""
    import screens.front_door.change_baseline as baseline_screen
    from tests.support.held import hold

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        release = hold(
            monkeypatch, baseline_screen, "cell_count", lambda c, tier, *rest: tier == "mandated"
        )
        await pilot.press("b")  # reads mandated × medium: held (no settling meanwhile)
        await _polled(pilot, lambda: getattr(app.screen, "matrix", None) is not None)
        await pilot.press("k")  # transformational × medium: 27, answered at once
        await _polled(pilot, lambda: app.screen.cell_list.total == 27)
        release.set()
        await settle(pilot)
        assert app.screen.cell_list.total == 27
        assert "Transform × medium: 27" in str(app.screen.query_one("#cell-title").render())
