"""A key for a list acts on the row the person filtered to, not the row shown before.

Typing `/lean`, `enter`, `enter` in one burst means "find LEAN and open it". When the
filter is answered by a query (the in-memory index not yet loaded: a big register, a
slow server), the second `enter` used to reach the list before the query's answer and
opened the row under the cursor of the unfiltered list: another initiative, one the
user never chose; `e` on the front door queue edited another proposal. Now keys for a
list whose rows are on their way wait for them (`WindowTable.rows_coming`).
"""

from __future__ import annotations

import threading

import pytest

import screens.portfolio.indexed_list as indexed_list
import screens.portfolio.portfolio_list as portfolio_list
from tests.support.held import hold
from tests.support.tui import burst, settle, until


def _held_queries(app, monkeypatch) -> threading.Event:
    """Make the list's filtered queries wait until released, and drop the index the list
    loaded when it opened and keep it from loading again meanwhile (so that the filter
    goes through SQL, as on a big register before the index is read); the release event."""
    release = hold(monkeypatch, portfolio_list, "read_list", lambda _c, q, *_: q.text)
    monkeypatch.setattr(indexed_list, "kept_index", lambda _k, _c: release.wait(10) and None)
    app.screen.drop_index()
    return release


async def _open_in_a_burst(app, pilot, monkeypatch, *keys: str) -> None:
    await settle(pilot)
    release = _held_queries(app, monkeypatch)
    burst(app, *keys)
    await pilot.pause(0.3)
    assert type(app.screen).__name__ == "PortfolioListScreen"  # nothing opened yet
    release.set()
    await until(pilot, lambda: type(app.screen).__name__ == "ProgrammeDetailScreen")
    await settle(pilot)


async def test_enter_typed_before_the_filter_is_answered_opens_the_match(app, monkeypatch):
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_in_a_burst(app, pilot, monkeypatch, "/lean", "enter", "enter")
        assert app.screen.code == "LEAN"


async def test_a_key_that_moves_the_cursor_before_the_answer_still_counts(app, monkeypatch):
    """`/lean` matches one row; `down` typed before the answer waits for it and has
    nowhere to go: LEAN, not the second row of the list before the filter."""
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_in_a_burst(app, pilot, monkeypatch, "/lean", "enter", "down", "enter")
        assert app.screen.code == "LEAN"


async def test_enter_on_a_filter_that_matches_nothing_opens_nothing(app, monkeypatch):
    """And the keys typed after it are not kept waiting: `escape` clears the filter."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        release = _held_queries(app, monkeypatch)
        burst(app, "/nothing like it", "enter", "enter", "escape")
        await pilot.pause(0.3)
        listed = app.screen
        assert listed.query_one("#filter").value == "nothing like it"  # escape waits
        release.set()
        await until(pilot, lambda: listed.query_one("#filter").value == "")
        await settle(pilot)
        assert type(app.screen).__name__ == "PortfolioListScreen"
        assert listed.table.total > 1


@pytest.mark.parametrize(("key", "opens"), [("enter", "TriageScreen"), ("e", "ProposalFormScreen")])
async def test_the_front_door_queue_acts_on_the_proposal_filtered_to(app, monkeypatch, key, opens):
    """Every list waits for its filter: the queue triages (`enter`) or edits (`e`) the
    proposal typed, not the one under the cursor before the filter."""
    import screens.front_door.queue as queue

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "f")
        await until(pilot, lambda: type(app.screen).__name__ == "FrontDoorScreen")
        await settle(pilot)
        release = hold(monkeypatch, queue, "queue_summary", lambda _c, q, **_k: q.text)
        burst(app, "/interpreter", "enter", key)
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "FrontDoorScreen"
        release.set()
        await until(pilot, lambda: type(app.screen).__name__ == opens)
        assert app.screen.reference == "FD-2021-0016"


async def test_enter_on_a_heat_map_cell_opens_a_risk_once_its_list_is_read(app, monkeypatch):
    """`h`, `enter` (into the worst cell's list of risks), `enter` (open its one risk's
    initiative): the second `enter` used to land on the list before its risks were read,
    on a placeholder, and did nothing."""
    import screens.programme.risk_heat_map as heat_map

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "h")
        await until(pilot, lambda: type(app.screen).__name__ == "RiskHeatMapScreen")
        await settle(pilot)
        release = hold(monkeypatch, heat_map, "risks_in_cell")
        app.screen.load()  # read again: the cell's list now waits for its risks
        for _ in range(250):  # until its risks are asked for (not `until`: it settles)
            if app.screen.table.rows_are_coming:
                break
            await pilot.pause(0.02)
        burst(app, "enter", "enter")
        await pilot.pause(0.3)
        release.set()
        await until(pilot, lambda: type(app.screen).__name__ == "ProgrammeDetailScreen")
        await settle(pilot)  # its tabs mounted before the app quits
        assert app.screen.code == "TPD"


async def test_enter_after_escape_opens_from_the_whole_list(app, monkeypatch):
    """`escape` on a filtered list clears the filter; the `enter` typed with it used to
    open the row under the cursor of the filtered list (LEAN), before the whole list
    came back: now it waits and opens the first row of the whole list."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listed = app.screen
        first = listed.table.row_at(0).code
        burst(app, "/lean", "enter")
        await settle(pilot)
        assert listed.table.current_row.code == "LEAN" and listed.table.total == 1
        release = hold(monkeypatch, portfolio_list, "read_list")
        monkeypatch.setattr(indexed_list, "kept_index", lambda _k, _c: release.wait(10) and None)
        listed.drop_index()
        burst(app, "escape", "enter")
        await pilot.pause(0.3)
        assert app.screen is listed
        release.set()
        await until(pilot, lambda: type(app.screen).__name__ == "ProgrammeDetailScreen")
        await settle(pilot)  # its tabs mounted before the app quits
        assert app.screen.code == first != "LEAN"
