"""At 80×24 a table too narrow for all its columns leaves out the ones that may go
(`Column.drops`: the SRO, tier words, dates that repeat) rather than the ones the
screen exists for, marks its header ▸, and `right` scrolls to the rest. Before, the
list's Last RAG and Late and the engagements' Weeks left were off the right edge
with no way to reach them. With room (120×40, 160×50) nothing goes."""

from __future__ import annotations

import pytest

from tests.support.tui import press, screen_text, settle
from tests.tui.test_room_to_show import Col
from widgets.column_widths import share_widths

SMALL = (80, 24)


def header(text: str, first: str) -> str:
    """The screen line where a table's header starts with `first`."""
    line = next(line for line in text.splitlines() if line.lstrip().startswith(first + " "))
    return line.rstrip() + " "


def row(text: str, code: str) -> str:
    """The screen line of the row whose first cell is `code`."""
    return next(line for line in text.splitlines() if line.lstrip().startswith(code + " "))


async def test_the_list_at_80_columns_shows_the_rag_last_rag_and_late(app):
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "/", *"TP", "enter")
        text = screen_text(app)
        top = header(text, "Code")
        for label in ("Name", "RAG", "Conf", "Last RAG", "Late"):
            assert f" {label} " in top.replace("▸", " "), top
        assert "SRO" not in top and "Tier" not in top
        assert top.endswith("▸ ")  # more to the right
        # RAG, its trend, the delivery confidence in letters (issue 18), then the period
        assert "G  =   A   2011-Q1" in row(text, "TPD")
        assert "TP Development Programme" in row(text, "TPD")


async def test_right_scrolls_to_what_was_left_out_and_left_comes_back(app):
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "/", *"TPD", "enter", "right")
        text = screen_text(app)
        assert "SRO" in header(text, "Code") and "Tier" in header(text, "Code")
        assert "AC Robert Hallam" in row(text, "TPD")
        assert "Transform" in row(text, "TPD")
        await press(pilot, "left")
        assert "TP Development Programme" in row(screen_text(app), "TPD")


async def test_the_engagements_at_80_columns_show_weeks_left(app):
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "s", "w", "a")
        text = screen_text(app)
        top = header(text, "Ref")
        for label in ("Worker", "Post", "Weeks left", "Extension"):
            assert label in top, top
        assert "12 wk left" in row(text, "TW-0003")
        assert "SC-2011-0024" in row(text, "TW-0001")


@pytest.mark.parametrize("size", [(120, 40), (160, 50)], ids=["120x40", "160x50"])
async def test_with_room_nothing_goes(app, size):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        top = header(screen_text(app), "Code")
        for label in ("BG", "Tier", "Cx", "SRO", "Last RAG", "Late"):
            assert f" {label} " in top.replace("▸", " "), top
        assert "▸" not in top
        await press(pilot, "s", "w", "a")
        top = header(screen_text(app), "Ref")
        for label in ("Type", "BG", "Band", "Started", "Max end", "Weeks left", "Extension"):
            assert label in top, top
        assert "▸" not in top


async def test_help_says_what_the_narrow_table_leaves_out(app):
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        text = " ".join(screen_text(app).split())
        assert "leaves out" in text and "SRO" in text, text


def test_the_highest_drops_go_first_and_only_while_the_rest_do_not_fit():
    columns = [Col(10), Col(0, min_width=10), Col(8, drops=1), Col(8, drops=2), Col(8)]
    # all fit in 49: 10 + 10 + 8 + 8 + 8 and a cell after each
    assert share_widths(columns, 49, [0, 10, 0, 0, 0]) == [10, 10, 8, 8, 8]
    # in 45 the highest drops goes and the flexible column has its room
    assert share_widths(columns, 45, [0, 10, 0, 0, 0]) == [10, 15, 8, 0, 8]
    assert share_widths(columns, 31, [0, 10, 0, 0, 0]) == [10, 10, 0, 0, 8]
    # scrolled one column: the first stays, the second goes, none for want of room
    assert share_widths(columns, 30, [0, 10, 0, 0, 0], skip=1) == [10, 0, 8, 8, 8]


async def test_the_milestones_tab_at_80_columns_shows_slip_and_status(app):
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "/", *"TPD", "enter", "enter", "5")
        text = screen_text(app)
        top = header(text, "Milestone")
        for label in ("Baseline", "Forecast", "Slip", "Status"):
            assert f" {label} " in top, top
