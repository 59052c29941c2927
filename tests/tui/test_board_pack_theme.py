"""The board pack preview follows a change of theme (the palette's "Change theme"): its
drawn lines are kept per width and style, so a new theme draws them again instead of
leaving the old background under the text."""

from __future__ import annotations

from tests.support.tui import press, settle


def _backgrounds(app) -> set:
    preview = app.screen.query_one("#pack-preview")
    strip = preview.render_line(0)
    return {segment.style.bgcolor for segment in strip if segment.style is not None}


async def test_the_pack_preview_takes_a_new_theme_s_background(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        await settle(pilot)
        before = _backgrounds(app)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await settle(pilot)
        after = _backgrounds(app)
        assert before and after and before != after
