"""A secretary's laptop that syncs (issue 17), as the secretary does it: three Star
Chamber decisions recorded offline on a replica of the central store while another
secretary withdraws one of the requests on the server; `S` syncs with a progress bar
and says what happened; two decisions are in the server's minutes and the third is in
the conflicts screen with the server's reason, where the conflict dialog takes theirs,
drops mine or re-applies mine for the next sync. The title bar says what is pending,
when the laptop last synced and how many conflicts wait; a normal database shows none
of it."""

from __future__ import annotations

from store.star_chamber.minutes import minutes_text
from store.star_chamber.queries.minutes import minutes
from tests.support.laptop import (
    ITEMS,
    MEETING,
    SECRETARY,
    WITHDRAWN,
    at,
    decisions_by,
    defer_items,
    header_line,
    laptop_app,
    withdraw_on_server,
)
from tests.support.tui import press, screen_text, until


async def _sync(pilot) -> None:
    """Press S and wait for the sync to finish."""
    app = pilot.app
    await press(pilot, "S")
    assert type(app.screen).__name__ == "SyncScreen"
    await until(pilot, lambda: "Synced at" in screen_text(app) or "Not synced" in screen_text(app))


async def test_three_decisions_offline_one_withdrawn_meanwhile(demo_path, laptop):
    app = laptop_app(laptop)
    async with app.run_test(size=(120, 40)) as pilot:
        await defer_items(pilot)
        await until(pilot, lambda: "3 pending" in header_line(app))
        assert "Replica · 3 pending · never synced" in header_line(app)
        withdraw_on_server(demo_path)

        await _sync(pilot)
        text = screen_text(app)
        assert "3 operations sent: 2 applied." in text
        assert "1 conflict: the server refused what you did offline; c shows why." in text
        await press(pilot, "c")
        assert type(app.screen).__name__ == "ConflictsScreen"
        text = screen_text(app)
        assert "1 conflict: done offline, refused by the server" in text
        [conflict] = app.screen.rows
        assert conflict.mine["reference"] == WITHDRAWN
        assert f"{WITHDRAWN} is already decided at this meeting" in conflict.reason
        assert f"Refused: {conflict.reason}" in text  # the reason, in full
        assert "Replica · 0 pending · 1 conflict · last sync" in header_line(app)

    with at(demo_path, "k.osei") as server:
        assert decisions_by(server, SECRETARY) == [(ITEMS[0], "deferred"), (ITEMS[2], "deferred")]
        with server.reading() as connection:
            text = minutes_text(minutes(connection, MEETING))
    assert "Deferred offline 1." in text and "Deferred offline 3." in text
    assert "Deferred offline 2." not in text
    assert "The business group withdrew it." in text
