"""At 80x24, a laptop's default terminal, every form is on screen whole with its Save and
Cancel, a rationale shows several lines, lists show ten rows or more, and nothing that
fits is cut short; with room to spare (160x50) names, codes and posts show whole.

Before, the RAG editor was wider than the screen with a one-line rationale and its
buttons off-screen, the Star Chamber showed one request, the detail header took half
the screen, the board pack's period box lost the period's first digit while editing,
and help and the go-to menu ran past 80 columns.
"""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import Button, TextArea

from tests.support.tui import open_form, screen_text
from tui.app import PortfolioApp

SMALL = (80, 24)
SCREEN = Region(0, 0, *SMALL)

FORMS = {
    "RAG editor": {"code": "SCDR", "keys": ("e",)},
    "risk form": {"code": "TPD", "keys": ("3", "n")},
    "risk form after an empty save": {"code": "TPD", "keys": ("3", "n", "ctrl+s")},
    "milestone form": {"code": "TPD", "keys": ("5", "n")},
    "dependency form": {"code": "TPD", "keys": ("4", "n")},
    "proposal form": {"keys": ("f", "n")},
    "proposal form after an empty save": {"keys": ("f", "n", "ctrl+s")},
    "progress editor": {"keys": ("R", "e")},
    "Star Chamber request": {"keys": ("s", "n")},
    "Star Chamber request after an empty save": {"keys": ("s", "n", "ctrl+s")},
    "RAG criterion": {"keys": ("m", "up", "enter", "n")},
}


@pytest.mark.parametrize("form", FORMS, ids=list(FORMS))
async def test_a_form_is_on_screen_whole_with_its_buttons(demo_store, form):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=SMALL) as pilot:
        await open_form(pilot, **FORMS[form])
        box = app.screen.query_one("#form, #editor, #progress")
        assert SCREEN.contains_region(box.region), box.region
        for button in app.screen.query(Button):
            assert box.region.contains_region(button.region), button.label
            assert button.region.height >= 1


async def test_the_rag_editor_has_a_rationale_of_several_lines(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=SMALL) as pilot:
        await open_form(pilot, code="SCDR", keys=("e",))
        rationale = app.screen.query_one("#rationale", TextArea)
        assert rationale.content_region.height >= 4
        assert SCREEN.contains_region(rationale.region)


async def test_the_front_door_decision_fits_with_its_key_hint(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=SMALL) as pilot:
        await open_form(pilot, keys=("f", "/", *"0008", "enter", "enter", "ctrl+d"))
        assert type(app.screen).__name__ == "ProposalDecisionScreen"
        box = app.screen.query_one("#decision")
        assert SCREEN.contains_region(box.region)
        assert "press a, r, d, x or m" in screen_text(app)


LISTS = {
    "portfolio list": ((), "#portfolio-table"),
    "Star Chamber requests": (("s",), "#sc-requests"),
    "front door queue": (("f",), "#queue-table"),
    "timeline": (("T",), "#timeline-table"),
    "recommendations": (("R",), "#recs"),
}


@pytest.mark.parametrize("screen", LISTS, ids=list(LISTS))
async def test_a_list_shows_at_least_ten_rows(demo_store, screen):
    keys, table_id = LISTS[screen]
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=SMALL) as pilot:
        await open_form(pilot, keys=keys)
        table = app.screen.query_one(table_id)
        rows = table.scrollable_content_region.height - 1  # less the header
        assert rows >= 10, rows


async def test_the_detail_header_leaves_the_tabs_most_of_the_screen(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=SMALL) as pilot:
        await open_form(pilot, code="TPD")
        assert app.screen.query_one("#detail-header").region.height <= 5
        assert app.screen.query_one("#detail-tabs").region.height >= 14
        assert "Data & digital no" in screen_text(app)


async def test_the_board_pack_period_box_shows_the_whole_period_while_edited(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=SMALL) as pilot:
        await open_form(pilot, keys=("p", "c"))
        assert app.focused.id == "period"
        assert "▊  2011-Q1" in screen_text(app).splitlines()[2]


@pytest.mark.parametrize("key", ["question_mark", "m"])
async def test_help_and_the_go_to_menu_fit_80_columns(demo_store, key):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=SMALL) as pilot:
        await open_form(pilot, keys=(key,))
        box = app.screen.query_one("#help-body, #go-to-box")
        assert SCREEN.contains_region(box.region), box.region
        if key == "m":
            # each screen's name whole, in line, with its key
            lines = screen_text(app).splitlines()
            assert any("e  Data exchange" in line for line in lines)
            assert any("    Star Chamber meeting " in line for line in lines)


WIDE = {
    "Star Chamber posts": (("s",), "Information security analyst"),
    "savings line names": (("v",), "Property Services modernisation and contract"),
    "Posting List skills": (("s", "p"), "Course administration, booking systems, SAP HR"),
    "timeline codes": (("T",), "ESTATE-2021 Estate rationalisation"),
}


@pytest.mark.parametrize("what", WIDE, ids=list(WIDE))
async def test_nothing_is_cut_short_where_there_is_room(demo_store, what):
    keys, whole = WIDE[what]
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await open_form(pilot, keys=keys)
        assert whole in screen_text(app)
