"""The portfolio list answers filter keys from memory (`store.portfolio.list_index`), and
never from old data: someone else's save, or the user's own, drops what it holds."""

from __future__ import annotations

import time

from store.portfolio.services import record_assessment
from tests.support.tui import press, settle

SECONDS = 2.0  # live refresh polls every 0.5 s


async def _until(pilot, condition) -> None:
    started = time.monotonic()
    while time.monotonic() - started < SECONDS:
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"not so within {SECONDS} s")


def _save_red(store) -> None:
    with store.writing() as session:
        record_assessment(
            {"code": "LEAN", "criterion": "Overall status", "rag": "R", "rationale": "Slipped."},
            session=session,
        )


def _codes(screen) -> list[str]:
    table = screen.table
    return [table.row_at(n).code for n in range(table.total) if table.row_at(n) is not None]


async def test_the_filter_sees_another_desks_save(app, other_desk):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listed = app.screen
        await press(pilot, "slash", *"lean")
        await _until(pilot, lambda: listed._index is not None)
        await press(pilot, "backspace", "n")  # answered from memory
        assert listed.table.current_row.code == "LEAN"
        assert listed.table.current_row.rag == "G"

        _save_red(other_desk("tester"))
        await _until(pilot, lambda: listed.table.current_row.rag == "R")
        assert listed._index is None  # dropped: the next key asks SQL, and reads it again
        await press(pilot, "backspace")
        await _until(pilot, lambda: listed._index is not None)
        await press(pilot, "n")
        assert listed.table.current_row.rag == "R"
        await press(pilot, "enter", "r")  # only the Reds: LEAN is one now
        assert "LEAN" in _codes(listed)


async def test_a_filter_key_shows_its_rows_at_once(app):
    """From memory the list changes in the same turn as the key, with no query to wait
    for; and it matches what SQL shows for the same filter."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listed = app.screen
        await press(pilot, "slash")
        await _until(pilot, lambda: listed._index is not None)
        await pilot.press("t", "p")
        assert listed.query_state.text == "tp"
        from_memory = _codes(listed)
        await press(pilot, "enter", "o")  # sorted by code: SQL answers this one
        assert listed.query_state.sort == "code"
        assert sorted(from_memory) == sorted(_codes(listed))


async def test_a_closed_detail_screen_is_freed_after_the_list_is_filtered(app):
    """Loading the filter's index must not pin in memory what was garbage at that moment
    (a detail screen just closed): a long session opening initiatives and filtering
    would otherwise only grow."""
    import gc
    import weakref

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_initiative("LEAN")
        await settle(pilot)
        detail = weakref.ref(app.screen)
        assert type(detail()).__name__ == "ProgrammeDetailScreen"
        await press(pilot, "escape")
        await press(pilot, "slash", *"lean")
        await _until(pilot, lambda: app.screen._index is not None)
        gc.collect()
        assert detail() is None


async def test_the_list_is_read_into_memory_once_and_kept_while_nothing_changes(app):
    """The index is read as the list first shows, before any `/`. Coming back from a
    detail screen where nothing was saved, the filter answers from that same index."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listed = app.screen
        await _until(pilot, lambda: listed._index is not None)
        read_first = listed._index
        app.open_initiative("LEAN")
        await settle(pilot)
        await press(pilot, "escape")
        assert listed._index is None  # dropped on coming back: someone may have saved
        await press(pilot, "slash")
        await _until(pilot, lambda: listed._index is not None)
        assert listed._index is read_first
        await press(pilot, *"lean")
        assert _codes(listed) == ["LEAN"]


async def test_a_failed_read_into_memory_leaves_the_filter_on_sql(app, monkeypatch):
    """Reading the list into memory is a head start: if the database fails it (locked,
    gone), the app goes on and the filter is answered by SQL."""
    import sqlite3

    import screens.portfolio.indexed_list as indexed_list

    def locked(_kept, _connection):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(indexed_list, "kept_index", locked)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listed = app.screen
        await press(pilot, "slash", *"lean")
        assert app.is_running and listed._index is None
        assert _codes(listed) == ["LEAN"]
