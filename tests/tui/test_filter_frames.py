"""A filter keystroke draws only what it changes (issue 19's keystroke target): the
filter box's growing text and the list's new row count no longer lay the whole screen
out (`widgets.scroll_lines`, `FilterInput.virtual_size`), yet the box still scrolls its
text and the list's scrollbar still comes and goes with its rows."""

from __future__ import annotations

from textual.screen import Screen

from tests.support.tui import burst, press, screen_text, settle, until

LONG = "the-first-words-of-a-long-filter " + "x" * 60 + " the-last-words"


async def test_typing_a_filter_lays_out_nothing(app, monkeypatch):
    layouts = []
    real = Screen._refresh_layout
    monkeypatch.setattr(
        Screen, "_refresh_layout", lambda self, *a, **k: layouts.append(1) or real(self, *a, **k)
    )
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        everything = app.screen.summary.total
        await press(pilot, "slash")
        layouts.clear()
        await press(pilot, *"er")  # still more rows than lines: the scrollbar stays
        shown = app.screen.summary.total
        assert 43 < shown < everything and f"{shown} shown" in screen_text(app)
        assert layouts == []


async def test_a_long_filter_scrolls_in_its_box(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        burst(app, LONG)
        await until(pilot, lambda: app.screen.query_one("#filter").value == LONG)
        await settle(pilot)
        assert "the-last-words" in screen_text(app)
        assert "the-first-words" not in screen_text(app)
        assert "No initiatives match" in screen_text(app)
        await press(pilot, "home")
        assert "the-first-words" in screen_text(app)
        assert "the-last-words" not in screen_text(app)


async def test_the_lists_scrollbar_comes_and_goes_with_its_rows(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.table
        assert table.show_vertical_scrollbar  # the demo's 138 rows in 17 lines
        await press(pilot, "slash", *"lean")
        assert not table.show_vertical_scrollbar
        assert "LEAN" in screen_text(app) and "COIP" not in screen_text(app)
        await press(pilot, "escape")
        assert table.show_vertical_scrollbar and table.virtual_size.height == table.total + 1
        assert "COIP" in screen_text(app)
        await press(pilot, "end")
        assert table.scroll_y == table.max_scroll_y > 0
