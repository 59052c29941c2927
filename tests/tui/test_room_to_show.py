"""Nothing cut short where there is room: with a terminal of 120×40 or 160×50, the
Posting List's skills and the savings lines' names are shown whole. A table shares its
spare width by what each column's content needs (`widgets.column_widths`), and a
column only some rows fill (when someone was posted or left) goes while no row
shown fills it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.support.tui import press, screen_text, settle
from widgets.column_widths import share_widths

ON_THE_LIST = (
    "Course administration, booking systems, SAP HR",
    "Catering supervision, stock control, food hygiene",
    "Front counter, public enquiries, found property",
    "IT service management, supplier contracts, ITIL",
    "Station reception, switchboard",
    "Desktop support, thin client, Windows server",
    "Trainer, first aid instruction, course design",
    "Procurement, tender evaluation, contract law",
    "Stores, vehicle logistics, forklift licence",
    "Case papers, disclosure, CPS liaison",
    "HR advice, casework, absence management",
)


@pytest.mark.parametrize("size", [(120, 40), (160, 50)], ids=["120x40", "160x50"])
async def test_the_posting_list_shows_each_persons_skills_whole(app, size):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "s", "p")
        text = screen_text(app)
        assert "Showing on list   11 people" in text
        for skills in ON_THE_LIST:
            assert skills in text
        # no one on the list has been posted or has left: those columns make room
        assert "Posted to" not in text and "Since" not in text


async def test_why_someone_left_takes_the_room_the_skills_leave(app):
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await press(pilot, "s", "p", "f", "f")
        text = screen_text(app)
        assert "Showing left   1 people" in text
        assert "Catering assistant, cash handling" in text
        # the skills need 33 cells; the reason has the rest (54 of its 56 characters,
        # where a fixed 24 showed "Took voluntary early d…")
        assert "Took voluntary early departure in phase 2 of the sc…" in text
        assert "Posted to / why left" in text and "Since" in text


async def test_savings_line_names_are_whole_at_120_columns(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "v")
        text = screen_text(app)
        assert "Rationalisation of property estate " in text
        # a name too long for the room there is says it is cut
        assert "Property Services modernisation a…" in text


@dataclass
class Col:
    width: int
    min_width: int = 12
    blank_hides: bool = False
    drops: int = 0


def test_a_column_that_fits_gets_no_more_and_the_cut_one_gets_the_rest():
    columns = [Col(5), Col(0, min_width=10), Col(0, min_width=10)]
    # 60 cells: 5 fixed, 3 between, 52 to share; the first needs 12, the second 70
    assert share_widths(columns, 60, [0, 12, 70]) == [5, 12, 40]


def test_room_left_when_everything_fits_is_shared_equally():
    columns = [Col(5), Col(0, min_width=10), Col(0, min_width=10)]
    assert share_widths(columns, 60, [0, 12, 20]) == [5, 22, 30]
    # one flexible column takes all the spare width, as it always did
    assert share_widths([Col(5), Col(0, min_width=10)], 60, [0, 3]) == [5, 53]


def test_a_column_blank_in_every_row_goes_and_gives_its_room():
    columns = [Col(0, min_width=10), Col(10, blank_hides=True), Col(0, 6, blank_hides=True)]
    assert share_widths(columns, 40, [50, 0, 0]) == [39, 0, 0]
    assert share_widths(columns, 40, [50, 10, 30]) == [21, 10, 6]


def test_with_too_little_room_every_flexible_column_keeps_its_minimum():
    columns = [Col(30), Col(0, min_width=20), Col(0, min_width=12)]
    assert share_widths(columns, 50, [0, 40, 40]) == [30, 20, 12]


async def test_the_list_gives_the_sro_the_room_the_names_leave(app):
    # 160 columns and the 6 cells of the delivery confidence column (issue 18)
    async with app.run_test(size=(166, 50)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        # the names come first and stay whole; the SRO has the rest (35 cells here,
        # where a fixed 20 showed "Helen Dacre, Direct…")
        assert "Single online case file for prosecutors" in text
        for sro in ("Helen Dacre, Director of Property", "Clare Devlin, Director of People"):
            assert sro in text
