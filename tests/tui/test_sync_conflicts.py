"""The conflicts screen (issue 17): what the server refused at sync, with its reason,
opened in the app's conflict dialog (yours against the server's); `r` takes theirs,
`d` drops mine, `a` re-applies mine for the next sync (which the server can refuse
again, saying why), `escape` decides nothing. Each choice is written once, even from
a burst of keys, and the list and the title bar follow."""

from __future__ import annotations

import pytest

from tests.support.laptop import (
    ITEMS,
    SECRETARY,
    WITHDRAWN,
    at,
    decisions_by,
    header_line,
    journal,
    laptop_app,
    said,
    synced_with_a_conflict,
)
from tests.support.tui import burst, press, screen_text, settle, until

REFUSED = f"{WITHDRAWN} is already decided at this meeting"


@pytest.fixture
def synced(demo_path, laptop):
    """The secretary's replica, synced once: two deferrals applied, one refused."""
    synced_with_a_conflict(demo_path, laptop)
    return laptop


def _statuses(laptop) -> list[str]:
    with at(laptop, SECRETARY) as handle:
        return [status for _what, status in journal(handle)]


async def _open_the_conflict(pilot) -> None:
    """C, then enter on the one conflict: the dialog, with the reason."""
    app = pilot.app
    await settle(pilot)
    await press(pilot, "C")
    assert type(app.screen).__name__ == "ConflictsScreen"
    assert "1 conflict: done offline, refused by the server" in screen_text(app)
    await press(pilot, "enter")
    assert type(app.screen).__name__ == "SyncConflictDialog"
    text = screen_text(app)
    assert "Not synced:" in text and REFUSED in text
    assert "Yours (offline)" in text and "Deferred offline 2." in text


async def test_take_theirs(synced):
    app = laptop_app(synced)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_the_conflict(pilot)
        await press(pilot, "r")
        assert type(app.screen).__name__ == "ConflictsScreen"
        await until(pilot, lambda: "0 conflicts" in screen_text(app))
        assert "Took theirs for" in screen_text(app)
        assert (
            screen_text(app)
            .splitlines()[0]
            .endswith("Replica · 0 pending · last sync 2011-06-13 09:00 UTC")
        )
    assert _statuses(synced) == ["synced", "theirs", "synced"]


async def test_escape_decides_nothing_and_a_burst_drops_mine_once(synced):
    app = laptop_app(synced)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_the_conflict(pilot)
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "ConflictsScreen"
        assert _statuses(synced)[1] == "conflict"
        burst(app, "enter", "d", "enter", "d")
        await until(pilot, lambda: "Dropped" in screen_text(app))
        await settle(pilot)
        assert "0 conflicts" in screen_text(app)
        assert type(app.screen).__name__ == "ConflictsScreen"
    assert _statuses(synced) == ["synced", "dropped", "synced"]


async def test_reapply_goes_with_the_next_sync_and_is_refused_again(demo_path, synced):
    app = laptop_app(synced)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_the_conflict(pilot)
        await press(pilot, "a")
        await until(pilot, lambda: "Re-applied" in screen_text(app))
        assert "1 pending" in header_line(app)
        assert _statuses(synced)[1] == "pending"
        await press(pilot, "S")
        await until(pilot, lambda: said(app).startswith("Synced at"))
        assert "1 operation sent: 0 applied." in said(app)
        assert "1 conflict:" in said(app)
        await press(pilot, "c")  # from the sync's result to the conflicts
        assert type(app.screen).__name__ == "ConflictsScreen"
        assert REFUSED in screen_text(app)
    with at(demo_path, "k.osei") as server:
        assert decisions_by(server, SECRETARY) == [(ITEMS[0], "deferred"), (ITEMS[2], "deferred")]


async def test_a_key_after_a_choice_waits_for_the_list_read_again(synced, monkeypatch):
    """`enter` typed once the drop is written but before the list is read again opened
    the conflict just dropped, from the list as it was, and a second `d` put "Not
    done" over "Dropped" (a burst on a busy machine). Keys for the list now wait for it
    to be read again (here held until released)."""
    import store.sync.conflicts as conflicts
    from tests.support.held import hold

    holding: list[int] = []
    release = hold(monkeypatch, conflicts, "list_conflicts", lambda *_: bool(holding))
    app = laptop_app(synced)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_the_conflict(pilot)
        holding.append(1)
        burst(app, "d")
        for _ in range(100):  # not `until`: it would wait for the held read
            if "Dropped" in screen_text(app):
                break
            await pilot.pause(0.05)
        burst(app, "enter", "d")
        await pilot.pause(0.5)
        assert type(app.screen).__name__ == "ConflictsScreen"  # nothing opened again
        release.set()
        await settle(pilot)
        text = screen_text(app)
        assert "Dropped" in text and "0 conflicts" in text and "Not done" not in text
    assert _statuses(synced) == ["synced", "dropped", "synced"]
