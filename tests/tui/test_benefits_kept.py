"""The portfolio benefits view is worked out once and kept while nothing changes
(`store.kept`, `tui.kept_reads`): it opens at once at 10k, yet never shows figures older
than the register. A measurement recorded elsewhere (another desk's handle) shows at the
next `B` even with no live refresh to say so; with live refresh, the kept figures are
worked out again in the background after the change; the warm-up works them out first."""

from __future__ import annotations

from datetime import date

from store.handle import Store
from store.kept import chain_head
from tests.support.tui import press, screen_text, settle, until
from tests.support.writes import measured_elsewhere
from tui.app import PortfolioApp

HOURS = "Officer hours returned to local policing"


def _measure_elsewhere(url: str) -> None:
    """Another desk records TPD's hours on target (6000 on 31 March 2011)."""
    measured_elsewhere(url, HOURS, date(2011, 3, 31), 6000)


def _kept_views(store: Store) -> list:
    """What the store keeps of the view (beside it: the portfolio list's index)."""
    results = store.kept._results.items()
    return [kept for key, kept in results if key[0] == "portfolio benefits view"]


def _kept_is_current(store: Store) -> bool:
    """The store keeps the view's figures, worked out from the data as it is now."""
    with store.reading() as connection:
        head = chain_head(connection)
    views = _kept_views(store)
    return len(views) == 1 and all(kept.head == head for kept in views)


async def test_a_change_made_elsewhere_shows_at_the_next_open(demo_store, demo_url):
    app = PortfolioApp(demo_store, warm_up=False, live=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "B")
        assert "Behind profile: 2" in screen_text(app) and "TPD" in screen_text(app)
        await press(pilot, "escape")
        _measure_elsewhere(demo_url)
        await press(pilot, "B")
        text = screen_text(app)
        assert "Behind profile: 1" in text and HOURS[:20] not in text


async def test_after_a_change_the_kept_figures_are_worked_out_again(demo_store, demo_url):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "B", "escape")
        assert _kept_is_current(demo_store)
        _measure_elsewhere(demo_url)
        assert not _kept_is_current(demo_store)
        await until(pilot, lambda: _kept_is_current(demo_store))
        await press(pilot, "B")
        assert "Behind profile: 1" in screen_text(app)


async def test_the_warm_up_works_the_view_out_before_it_is_opened(demo_store):
    app = PortfolioApp(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: _kept_is_current(demo_store))
        assert type(app.screen).__name__ == "PortfolioListScreen"


async def test_a_warm_up_that_fails_leaves_the_app_running(demo_store, monkeypatch):
    """Working the view out ahead is a head start only: a failure in it (here a bug,
    not a database error) is logged, and the app goes on as if it had not tried."""
    import screens.benefits.portfolio_benefits as view

    tried = []

    def broken(connection):
        tried.append(1)
        raise ValueError("a bug in working out the figures")

    monkeypatch.setattr(view, "read_view", broken)
    app = PortfolioApp(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: tried)
        await settle(pilot)
        assert app.is_running and type(app.screen).__name__ == "PortfolioListScreen"
        assert _kept_views(demo_store) == []
        await press(pilot, "slash", *"lean")
        assert "LEAN" in screen_text(app)


async def test_an_older_read_that_comes_last_is_not_shown(demo_store, demo_url, monkeypatch):
    """The view's first read is slow; someone saves meanwhile and live refresh reads the
    view again, which answers first. The slow first answer, from before the save, used
    to land last and stay on screen: two behind where there is one."""
    import screens.benefits.portfolio_benefits as view
    from tests.support.held import hold

    calls = []
    release = hold(
        monkeypatch, view, "read_view", lambda connection: not calls.append(1) and len(calls) == 1
    )
    app = PortfolioApp(demo_store, warm_up=False, live=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("B")  # its read is held (no settling meanwhile)
        for _ in range(250):
            if calls:
                break
            await pilot.pause(0.02)
        _measure_elsewhere(demo_url)
        app.screen.reload_live()  # as live refresh does after the save
        for _ in range(250):
            if "Behind profile: 1" in screen_text(app):
                break
            await pilot.pause(0.02)
        release.set()
        await settle(pilot)
        assert "Behind profile: 1" in screen_text(app)


async def test_a_change_does_not_work_out_a_view_never_opened(demo_store, demo_url):
    """The portfolio list's index is kept too; a change after it does not make the app
    work the benefits view out (a third of a second at 10k) for someone who never
    opened it."""
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: app.screen._index is not None)
        _measure_elsewhere(demo_url)
        await until(pilot, lambda: app.screen._index is None)  # live refresh saw it
        await pilot.pause(2.5)  # past the refresh delay
        await settle(pilot)
        assert _kept_views(demo_store) == []
