"""Every screen hides the editing keys the user's role cannot use: a viewer sees none,
a Star Chamber secretary none of the portfolio office's or the front door's, and so on.
A hidden key pressed anyway opens no form and writes nothing; `enter` on a row or cell
that would open an editor says why instead."""

from __future__ import annotations

import pytest

from store.handle import Store
from store.users.roles import GRANTS, Permission, Role
from tests.support.tui import press, screen_text, settle, toasts
from tui.app import PortfolioApp

P = Permission

# Screen (keys from the portfolio list that open it) → its editing keys: footer label,
# key, and the permission the store service behind it requires.
SCREENS: dict[str, tuple[tuple, tuple[tuple[str, str, Permission], ...]]] = {
    "StarChamberScreen": (
        ("s",),
        (
            ("New request", "n", P.LOG_VACANCY_REQUESTS),
            ("To agenda", "a", P.RUN_MEETINGS),
            ("New meeting", "M", P.RUN_MEETINGS),
        ),
    ),
    "MeetingScreen": (
        ("s", "m"),
        (
            ("Decide", "d", P.RECORD_SC_DECISIONS),
            ("Correct", "c", P.RECORD_SC_DECISIONS),
            ("Build agenda", "b", P.RUN_MEETINGS),
            ("Remove item", "r", P.RUN_MEETINGS),
            ("Close meeting", "x", P.RUN_MEETINGS),
        ),
    ),
    "PostingListScreen": (
        ("s", "p"),
        (
            ("Add person", "n", P.MANAGE_POSTING_LIST),
            ("Left the list", "l", P.MANAGE_POSTING_LIST),
        ),
    ),
    "EngagementsScreen": (
        ("s", "w"),
        (
            ("Extension request", "x", P.LOG_VACANCY_REQUESTS),
            ("Start", "s", P.MANAGE_ENGAGEMENTS),
            ("End engagement", "t", P.MANAGE_ENGAGEMENTS),
        ),
    ),
    "EstablishmentScreen": (
        ("s", "e"),
        (
            ("Edit figures", "e", P.SET_ESTABLISHMENT),
            ("New row", "n", P.SET_ESTABLISHMENT),
        ),
    ),
    "FrontDoorScreen": (
        ("f",),
        (
            ("New proposal", "n", P.LOG_PROPOSALS),
            ("Edit proposal", "e", P.LOG_PROPOSALS),
        ),
    ),
    "TriageScreen": (
        ("f", ("slash", *"redaction", "enter"), "enter"),
        (
            ("Save triage", "ctrl+s", P.TRIAGE_PROPOSALS),
            ("Decide", "ctrl+d", P.RECORD_PROPOSAL_DECISIONS),
        ),
    ),
    "RecommendationsScreen": (("R",), (("Record progress", "e", P.EDIT_RECOMMENDATIONS),)),
    "SavingsScreen": (("v",), (("Edit cell", "e", P.EDIT_SAVINGS),)),
    "DataExchangeScreen": (("e",), (("Import", "i", P.IMPORT_DATA),)),
}

USERS = {
    "k.osei": Role.VIEWER,
    "r.achebe": Role.STAR_CHAMBER_SECRETARY,
    "s.bhattacharya": Role.PORTFOLIO_OFFICE,
}

WRITTEN = (
    "audit_event",
    "sc_request",
    "sc_meeting",
    "sc_agenda_item",
    "sc_decision",
    "sc_displaced",
    "sc_engagement",
    "sc_establishment",
    "proposal",
    "proposal_triage",
    "proposal_decision",
    "recommendation",
    "savings_cell",
    "rag_assessment",
)


def _counts(store: Store) -> dict[str, int]:
    """Rows in every table the screens above write to."""
    with store.reading() as connection:
        return {
            table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in WRITTEN
        }


def _footer(app: PortfolioApp) -> str:
    """The footer: the bottom line of the screen."""
    return screen_text(app).splitlines()[-1]


def _offered(app: PortfolioApp) -> set[str]:
    """What the screen's keys offer now (footer and command palette alike)."""
    return {active.binding.description for active in app.screen.active_bindings.values()}


async def _open(pilot, app: PortfolioApp, keys: tuple, name: str):
    """Back to the portfolio list, then press `keys` (a tuple in it is typed at once)."""
    while len(app.screen_stack) > 2:
        await pilot.press("escape")
    for key in keys:
        await pilot.press(*(key if isinstance(key, tuple) else (key,)))
        await settle(pilot, rounds=1)
    await settle(pilot, rounds=2)
    assert type(app.screen).__name__ == name
    return app.screen


@pytest.mark.parametrize("login", list(USERS))
async def test_each_role_sees_only_the_editing_keys_it_may_use(login, demo_path, frozen_clock):
    role = USERS[login]
    store = Store(f"sqlite:///{demo_path}", login)
    before = _counts(store)
    app = PortfolioApp(store, warm_up=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert f"({role.label})" in app.title
        for name, (keys, editing) in SCREENS.items():
            screen = await _open(pilot, app, keys, name)
            offered, footer = _offered(app), _footer(app)
            for label, key, permission in editing:
                allowed = permission in GRANTS[role]
                assert (label in offered) is allowed, (name, label)
                if not allowed:
                    assert f" {label}" not in footer, (name, label)
                    await pilot.press(key)
                    await settle(pilot, rounds=1)
                    assert app.screen is screen, (name, key)  # no form opened
            if name == "StarChamberScreen":
                assert "Posting List" in footer and "Status" in offered
    assert _counts(store) == before
    store.close()


async def _refused(pilot, app: PortfolioApp, screen, message: str) -> None:
    """`enter` on the screen's table: the same screen stays, and a notice says why."""
    await press(pilot, "enter")
    assert app.screen is screen
    assert message in toasts(app)


async def test_enter_where_it_would_edit_tells_a_viewer_why_and_writes_nothing(
    demo_path, frozen_clock
):
    viewer = Store(f"sqlite:///{demo_path}", "k.osei")
    before = _counts(viewer)
    app = PortfolioApp(viewer, warm_up=False)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, ("v",), "SavingsScreen")
        assert "enter or e to edit" not in screen_text(app)
        await pilot.press("l")
        await _refused(pilot, app, screen, "Your role (viewer) may not edit the savings plan")
        assert not screen.query_one("#cell-editor").display
        screen = await _open(pilot, app, ("R",), "RecommendationsScreen")
        await _refused(pilot, app, screen, "may not record progress on recommendations")
        screen = await _open(pilot, app, ("s", "m"), "MeetingScreen")
        assert "press d" not in screen_text(app) and "Press c" not in screen_text(app)
        await _refused(pilot, app, screen, "may not record Star Chamber decisions")
        await press(pilot, "escape", "escape")
        await press(pilot, "slash", *"lean", "enter", "enter")
        screen = app.screen
        await press(pilot, "2")
        await _refused(pilot, app, screen, "may not record a RAG assessment")
        screen = await _open(
            pilot, app, ("f", "slash", *"redaction", "enter", "enter"), "TriageScreen"
        )
        assert "Save triage  ctrl+s" not in screen_text(app)
    assert _counts(viewer) == before
    viewer.close()
