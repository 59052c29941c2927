"""Every destination opens its screen, by its key from the portfolio list, through the
go-to menu (`m`) and through the command palette (ctrl+p, typing its name); and every
palette command does what it says.

The cases come from `DESTINATIONS` and the palette providers, so a destination or a
command added later is tested without touching this file: if it cannot be opened, or a
command runs nothing, a test here fails.
"""

from __future__ import annotations

import pytest

from screens.common.navigation import DESTINATIONS, Destination
from screens.front_door.proposal_commands import ProposalCommands
from screens.front_door.triage_form import TriageScreen
from screens.portfolio.programme_detail import ProgrammeDetailScreen
from store.front_door.queries import proposal_references
from store.portfolio.queries import initiative_names
from tests.support.navigation import (
    assert_opened,
    back_to_the_list,
    choose_in_menu,
    choose_in_palette,
    palette_providers,
    run_hit,
    run_screen_commands,
)
from tests.support.tui import press, screen_text, settle, until
from tui.commands import PortfolioCommands

# What each destination shows once its data is read, on the demo with the clock pinned.
# A new destination needs a line here (the test says so): what its screen is for.
SHOWS = {
    "Portfolio list": "138 shown",
    "Star Chamber": "Next meeting 2011-06-13",
    "Star Chamber meeting": "Meeting of 13 June 2011",
    "Star Chamber minutes": "Star Chamber minutes: meeting of 13 June 2011",
    "Posting List": "PL-0001",
    "Temporary engagements": "Showing engagements ending within 4 weeks   0   as at 2011-03-31",
    "Establishment": "Establishment 2011/12",
    "Early departure schemes": "Phase 1: Voluntary early departure, phase 1",
    "Front door": "FD-2021-0012",
    "Change baseline": "Live initiatives by tier and complexity",
    "Review recommendations": "32 recommendations from the stocktake",
    "Savings and headcount": "Change programme savings in the business plan",
    "Timeline": "COIP",
    "Risk heat map": "13 open risks",
    "Dependency matrix": "Rows deliver (upstream)",
    "Board pack": "2011-Q1",
    "Data exchange": "Database demo.db:",
    "RAG criteria": "The criterion at position 1 is the headline",
}

OTHERS = DESTINATIONS[1:]


def _name(destination: Destination) -> str:
    return destination.name


async def _opened(pilot, destination: Destination) -> None:
    assert destination.name in SHOWS, f"add what {destination.name!r} shows to SHOWS"
    await assert_opened(pilot, destination, SHOWS[destination.name])


@pytest.mark.parametrize("destination", DESTINATIONS, ids=_name)
async def test_each_destination_opens_three_ways_and_its_palette_commands_run_its_keys(
    app, destination, monkeypatch
):
    """By its key from the list (where it has one), through the go-to menu (every one but
    the list itself, which the palette brings back from another screen) and through the
    palette; then every `<screen>: <action>` command the palette lists there runs the
    action of the key it names."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        if destination.key:
            await pilot.press(destination.key)
            await _opened(pilot, destination)
            await back_to_the_list(pilot)
        if destination in OTHERS:
            await choose_in_menu(pilot, destination)
            await _opened(pilot, destination)
        else:
            app.go_to(OTHERS[0])
            await settle(pilot)
        await choose_in_palette(pilot, destination.name, f"Go to {destination.name}")
        await _opened(pilot, destination)
        ran = await run_screen_commands(app, PortfolioCommands(app.screen), monkeypatch)
        assert {"Help", "Quit"} <= set(ran)


async def test_the_go_to_menu_offers_every_destination_but_the_list(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        assert pilot.app.screen.destinations == OTHERS
        text = screen_text(pilot.app)
        for destination in OTHERS:
            assert destination.name in text
        await press(pilot, "escape")
        assert type(pilot.app.screen).__name__ == "PortfolioListScreen"


def test_the_palette_has_the_providers_these_tests_run():
    """A new provider needs its commands run here."""
    assert palette_providers() == {PortfolioCommands, ProposalCommands}


async def test_every_initiative_has_an_open_command_that_opens_its_detail(
    app, demo_store, monkeypatch
):
    with demo_store.reading() as connection:
        initiatives = initiative_names(connection)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        provider = PortfolioCommands(app.screen)
        await provider.startup()
        opened: list[str] = []
        with monkeypatch.context() as patch:
            patch.setattr(app, "open_initiative", opened.append)
            hits = [hit async for hit in provider.search("Open") if hit.text.startswith("Open ")]
            for hit in hits:
                await run_hit(hit)
        assert sorted(hit.text for hit in hits) == sorted(
            f"Open {code} {name}" for code, name in initiatives
        )
        assert sorted(opened) == sorted(code for code, _ in initiatives)
        code, name = initiatives[-1]
        await choose_in_palette(pilot, code, f"Open {code} {name}")
        await until(pilot, lambda: type(app.screen) is ProgrammeDetailScreen)
        assert app.screen.code == code and name in screen_text(app)


async def test_every_proposal_has_a_triage_command_on_the_front_door(app, demo_store, monkeypatch):
    with demo_store.reading() as connection:
        proposals = proposal_references(connection)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        provider = ProposalCommands(app.screen)
        await provider.startup()
        pushed: list = []
        with monkeypatch.context() as patch:
            patch.setattr(app, "push_screen", pushed.append)
            hits = [hit async for hit in provider.search("Triage")]
            for hit in hits:
                await run_hit(hit)
        assert sorted(hit.text for hit in hits) == sorted(
            f"Triage {reference} {title}" for reference, title in proposals
        )
        assert [type(screen) for screen in pushed] == [TriageScreen] * len(proposals)
        assert sorted(s.reference for s in pushed) == sorted(r for r, _ in proposals)
        reference, title = proposals[-1]
        await choose_in_palette(pilot, reference, f"Triage {reference} {title}")
        assert type(app.screen) is TriageScreen and app.screen.reference == reference
        assert reference in screen_text(app)
