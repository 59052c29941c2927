"""Keys typed while an initiative opens are for its screen.

`enter` on the portfolio list reads the initiative in a worker and only then pushes its
detail screen, so that it paints once. On a slow database (a server across the network,
a register of 10,000 initiatives) that read takes a moment, and a person who knows the
screen types on: `3` for the risks. The `3` used to reach the list, which has no use
for it, and the detail opened on its summary. Now keys typed while the read is under
way wait for the screen being opened (`tui.key_order`), however long the read takes.
"""

from __future__ import annotations

import threading

import screens.portfolio.programme_detail as programme_detail
from tests.support.tui import burst, press, screen_text, settle, until


def _held_reads(monkeypatch) -> tuple[threading.Event, threading.Event]:
    """Make each read of an initiative wait until released; (entered, release)."""
    entered, release = threading.Event(), threading.Event()
    read = programme_detail.read_detail

    def held(connection, code):
        entered.set()
        release.wait(10)
        return read(connection, code)

    monkeypatch.setattr(programme_detail, "read_detail", held)
    return entered, release


async def _until_set(pilot, event: threading.Event) -> None:
    for _ in range(200):
        if event.is_set():
            return
        await pilot.pause(0.02)
    raise AssertionError("the read never started")


async def test_keys_typed_while_the_initiative_is_read_go_to_its_screen(app, monkeypatch):
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "slash", *"lean", "enter")  # the list, filtered to LEAN
        entered, release = _held_reads(monkeypatch)
        burst(app, "enter")
        await _until_set(pilot, entered)
        burst(app, "3")  # the risks tab, typed before the screen is there
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "PortfolioListScreen"
        release.set()
        await until(pilot, lambda: type(app.screen).__name__ == "ProgrammeDetailScreen")
        await settle(pilot)
        assert app.screen.active_tab() == "risks"
        assert "LEAN" in screen_text(app)


async def test_a_key_in_the_same_burst_as_enter_goes_to_the_screen_it_opens(app, monkeypatch):
    """`enter` and `3` sent together (a terminal delivers fast typing as one burst):
    the list's `enter` is a priority key that starts the hold before the `3` is handed
    on; it used to open in a message of its own, which the `3` overtook to the list."""
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "slash", *"lean", "enter")
        entered, release = _held_reads(monkeypatch)
        burst(app, "enter", "3")
        await _until_set(pilot, entered)
        await pilot.pause(0.3)
        release.set()
        await until(pilot, lambda: type(app.screen).__name__ == "ProgrammeDetailScreen")
        await settle(pilot)
        assert app.screen.active_tab() == "risks"


async def test_a_record_tab_still_being_built_has_no_record_under_the_cursor(app):
    """A tab's widgets are mounted the first time it is shown; the footer asks which
    record keys apply meanwhile (a `3` typed as the screen opens). That used to query
    the tab's table before it was there: NoMatches, and the app stopped."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_initiative("LEAN")
        await until(pilot, lambda: type(app.screen).__name__ == "ProgrammeDetailScreen")
        screen = app.screen
        screen.built |= {"risks", "dependencies"}  # as `build_tab` has, before it mounts
        assert screen.highlighted_record("risks") is None
        assert screen.highlighted_record("dependencies") is None


async def _burst_opens_on_tab(pilot, monkeypatch, keys: tuple[str, ...], tab: str) -> str:
    """Send `keys` (an `enter` on a list, then a tab's number) as one burst while the
    initiative's read is held; the detail it opens, on the tab asked for."""
    entered, release = _held_reads(monkeypatch)
    burst(pilot.app, *keys)
    await _until_set(pilot, entered)
    await pilot.pause(0.3)
    release.set()
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "ProgrammeDetailScreen")
    await settle(pilot)
    assert pilot.app.screen.active_tab() == tab
    return pilot.app.screen.code


async def test_enter_and_a_tab_in_one_burst_on_the_benefits_view(app, monkeypatch):
    """The portfolio benefits view's `enter` opened in a message of its own (the behind
    list's `RowSelected`), which a `9` in the same burst overtook: the detail opened on
    its summary. Its `enter` is a priority key now, as the portfolio list's is."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "B")
        first = app.screen.query_one("#behind").current_row[0]
        assert await _burst_opens_on_tab(pilot, monkeypatch, ("enter", "9"), "benefits") == first


async def test_enter_and_a_tab_in_one_burst_on_the_timeline(app, monkeypatch):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "T")
        first = app.screen.table.current_row.code
        assert await _burst_opens_on_tab(pilot, monkeypatch, ("enter", "3"), "risks") == first


async def test_enter_and_a_tab_in_one_burst_on_the_heat_maps_risks(app, monkeypatch):
    """`h` `enter` (the worst cell's risks), then `enter` `3` in one burst: the risk's
    initiative opens on its risks tab."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "h", "enter")
        first = app.screen.table.current_row.code
        assert await _burst_opens_on_tab(pilot, monkeypatch, ("enter", "3"), "risks") == first


async def test_enter_enter_and_a_tab_in_one_burst_on_the_change_baseline(app, monkeypatch):
    """`b`, then `enter` `enter` `3` in one burst: the first lists the chosen cell, the
    second opens its first initiative, the `3` shows that initiative's risks. The
    matrix's `enter` moved to the list a message later, so the second reached the
    matrix again and nothing opened."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "b")
        code = await _burst_opens_on_tab(pilot, monkeypatch, ("enter", "enter", "3"), "risks")
        assert code == app.screen_stack[-2].cell_list.row_at(0).code
