"""A Star Chamber secretary's laptop for the TUI's sync tests: a replica of a central
SQLite store (the test's copy of the demo), the app on it, and the meeting's decisions
recorded through the keys, as the secretary does offline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from store.handle import Store
from store.star_chamber.services.decisions import decide
from store.sync.replica import create_replica
from tests.support.reads import rows
from tests.support.tui import press, screen_text, settle
from tests.support.writes import written
from tui.app import PortfolioApp

SECRETARY = "r.achebe"  # a Star Chamber secretary who entered none of the requests
MEETING = date(2011, 6, 13)
# The meeting's first three items, decided offline in this order.
ITEMS = ("SC-2011-0006", "SC-2011-0014", "SC-2011-0017")
WITHDRAWN = "SC-2011-0014"  # withdrawn on the server meanwhile


def at(path: Path, login: str) -> Store:
    """A handle on the SQLite file `path` acting as `login`."""
    return Store(f"sqlite:///{path}", login)


def make_replica(server: Path, laptop: Path, login: str = SECRETARY) -> None:
    """Make `laptop` a replica of the central store `server` for `login`."""
    with at(server, login) as handle:
        create_replica(handle, laptop)


def laptop_app(laptop: Path, login: str = SECRETARY, **options) -> PortfolioApp:
    """The app on the replica, acting as its login."""
    return PortfolioApp(at(laptop, login), warm_up=False, **options)


def withdraw_on_server(server: Path, reference: str = WITHDRAWN) -> None:
    """Another secretary, on the server, records the request withdrawn at the meeting."""
    with at(server, "c.dunmore") as other:
        written(
            other,
            decide,
            {
                "reference": reference,
                "meeting": MEETING,
                "outcome": "withdrawn",
                "reason": "The business group withdrew it.",
            },
        )


async def defer_items(pilot: Pilot, count: int = len(ITEMS)) -> None:
    """Open the meeting and defer its first `count` items, one after another, with a
    reason each, as the secretary does in the room."""
    app = pilot.app
    await settle(pilot)
    await press(pilot, "s")
    await press(pilot, "m")
    assert type(app.screen).__name__ == "MeetingScreen"
    for number, reference in enumerate(ITEMS[:count]):
        if number:
            await press(pilot, "j")
        assert f"Item {number + 1}: {reference}" in screen_text(app), screen_text(app)
        await press(pilot, "d", "d", "tab", *f"Deferred offline {number + 1}.", "ctrl+s")
        assert type(app.screen).__name__ == "MeetingScreen"
        assert "Decision: Deferred" in screen_text(app)


def decide_offline(laptop: Path, count: int = len(ITEMS), *, items=ITEMS) -> None:
    """Defer the first `count` of the meeting's `items` on the replica through the store
    (each call journalled, as a keypress would be), for tests that start after them."""
    with at(laptop, SECRETARY) as handle:
        for number, reference in enumerate(items[:count]):
            written(
                handle,
                decide,
                {
                    "reference": reference,
                    "meeting": MEETING,
                    "outcome": "deferred",
                    "reason": f"Deferred offline {number + 1}.",
                },
            )


def synced_with_a_conflict(server: Path, laptop: Path) -> None:
    """The laptop's three deferrals synced after the server's withdrawal of one: two
    applied, one conflict."""
    from store.sync.run import sync

    decide_offline(laptop)
    withdraw_on_server(server)
    with at(laptop, SECRETARY) as handle:
        sync(handle)


def decisions_by(store: Store, login: str) -> list[tuple[str, str]]:
    """(reference, outcome) of each decision `login` recorded at the meeting, in order."""
    return rows(
        store,
        "SELECT r.reference, d.outcome FROM sc_decision AS d "
        "JOIN sc_request AS r ON r.id = d.request_id "
        "JOIN sc_meeting AS m ON m.id = d.meeting_id "
        "WHERE d.recorded_by = ? AND m.held_on = ? ORDER BY d.id",
        (login, MEETING.isoformat()),
    )


def header_line(app: PortfolioApp) -> str:
    """The title bar as the screen shows it."""
    return screen_text(app).splitlines()[0]


def said(app: PortfolioApp) -> str:
    """What the sync dialog on show says about the sync, on one line ("" elsewhere)."""
    if type(app.screen).__name__ != "SyncScreen":
        return ""
    return " ".join(str(app.screen.query_one("#sync-result").render()).split())


def journal(store: Store) -> list[tuple[str, str]]:
    """(what, status) of each journalled operation, in order."""
    return rows(store, "SELECT what, status FROM sync_journal ORDER BY seq")
