"""At 80 columns the header keeps what the screen says (the period, the screen, the
date) whole and shortens the title (the user's login and role) instead: Textual's
Header cut the line at its end, so the period was the part lost."""

from __future__ import annotations

from store.handle import Store
from tests.support.tui import open_form, screen_text, settle
from tui.app import PortfolioApp


def header(app) -> str:
    return screen_text(app).splitlines()[0]


async def test_the_period_stays_whole_beside_a_long_login(demo_path, frozen_clock):
    with Store(f"sqlite:///{demo_path}", "r.achebe") as store:
        app = PortfolioApp(store, warm_up=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            line = header(app)
            assert app.title == "Portfolio · r.achebe (star chamber secretary)"
            assert "Portfolio · r.achebe (star… — period 2011-Q1, as at 2011-03-31" in line
            # with room, nothing is shortened
            await pilot.resize_terminal(120, 40)
            await settle(pilot)
            assert f"{app.title} — period 2011-Q1, as at 2011-03-31" in header(app)


async def test_the_timeline_keeps_its_date(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, keys=("T",))
        # the timeline is as at the reporting date (2011-Q1 ended), not the wall clock
        assert header(app).rstrip().endswith("Programmes by quarter · as at 2011-03-31")


def test_the_detail_title_cuts_a_long_name_and_keeps_both_ratings(demo_store):
    """Issue 18: the detail title is code, name, RAG and delivery confidence on one line;
    where a long name would push the ratings off an 80-column screen, the name is cut."""
    from dataclasses import replace

    from screens.portfolio.detail_status import title_view
    from store.portfolio.queries import initiative_detail

    with demo_store.reading() as connection:
        detail = initiative_detail(connection, "DRM-S2P")
    draw = title_view(replace(detail, name="Source to Payment " * 4))
    narrow, wide = draw(78).plain, draw(156).plain
    assert narrow.startswith("DRM-S2P  Source to Payment Source to")
    assert narrow.endswith("…   RAG  G Green    confidence  R Red ") and len(narrow) == 78
    assert wide == f"DRM-S2P  {'Source to Payment ' * 4}   RAG  G Green    confidence  R Red "
