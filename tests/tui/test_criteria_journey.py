"""The RAG criteria screen, by its keys: reached from the go-to menu and the palette, it
lists the criteria in order with the headline marked; the portfolio office adds,
renames, describes, moves (a quick burst lands in the order pressed) and retires them,
and the database follows; a viewer sees no editing keys and changes nothing; a stale
rename opens the conflict dialog; a busy database leaves the saved order; a detail
screen on a database with no criteria says so instead of offering one by name."""

from __future__ import annotations

import pytest

from store.handle import Store
from store.portfolio.criteria.services import rename_criterion
from tests.support.busy import write_lock_held
from tests.support.reads import rows, value
from tests.support.tui import screen_text, settle, type_keys
from tui.app import PortfolioApp

RISKS = "Risks & mitigations"


def _criteria(store: Store) -> list[tuple]:
    """(position, name, active, description) of every criterion, in order."""
    return rows(
        store,
        "SELECT position, name, active, description FROM rag_criterion "
        "ORDER BY NOT active, position",
    )


def _names(store: Store) -> list[str]:
    return [row[1] for row in _criteria(store) if row[2]]


def _moves(store: Store) -> int:
    return value(
        store,
        "SELECT COUNT(*) FROM audit_event WHERE entity = 'rag_criterion' AND action = 'move'",
    )


@pytest.fixture
def office(demo_path, frozen_clock):
    """The demo as j.okafor of the portfolio office."""
    handle = Store(f"sqlite:///{demo_path}", "j.okafor")
    yield handle
    handle.close()


async def _open(pilot) -> None:
    """From the portfolio list, through the go-to menu (the screen is its last entry)."""
    await settle(pilot)
    await pilot.press("m", "up", "enter")
    await settle(pilot)
    assert type(pilot.app.screen).__name__ == "CriteriaScreen"


def _toasts(app) -> str:
    """The notices on show (their text, unwrapped)."""
    return " ".join(" ".join(toast.render().plain.split()) for toast in app.screen.query("Toast"))


def _table_names(app) -> list[str]:
    return [row.name for row in app.screen.rows]


async def test_the_screen_lists_the_criteria_with_the_headline_marked(office):
    app = PortfolioApp(office, warm_up=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"RAG criteria", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "CriteriaScreen"
        text = screen_text(app)
        assert "RAG criteria 2 in use" in text
        assert "The criterion at position 1 is the headline" in text
        lines = [line.split() for line in text.splitlines()]
        assert ["1", "Overall", "status", "headline", "25", "Where"] in [line[:6] for line in lines]
        assert ["2", "Risks", "&", "mitigations", "8", "Whether"] in [line[:6] for line in lines]
        for key in ("n Add", "r Rename", "d Describe", "K Up", "J Down", "x Retire"):
            assert key in text.splitlines()[-1]


async def _add(pilot, *keys: str) -> None:
    """Add a criterion through the form: `n`, the keys typed into it, then save."""
    await pilot.press("n")
    await settle(pilot)
    await type_keys(pilot, *keys)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_adding_renaming_and_describing_through_the_forms(office):
    app = PortfolioApp(office, warm_up=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await _open(pilot)
        await _add(pilot, *"Benefits", "tab", *"Cash and other benefits", "tab", "1")
        assert _names(office) == ["Benefits", "Overall status", RISKS]
        assert _table_names(app) == _names(office)
        assert "headline" in screen_text(app).split("Benefits", 1)[1].splitlines()[0]

        await pilot.press("j", "r")  # Overall status
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", *"Delivery", "ctrl+s")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", *"Time, cost and quality", "ctrl+s")
        await settle(pilot)
    assert _criteria(office)[1] == (2, "Delivery", 1, "Time, cost and quality")
    with office.reading() as connection:
        kept = connection.execute(
            "SELECT COUNT(*) FROM rag_assessment AS a JOIN rag_criterion AS c "
            "ON c.id = a.criterion_id WHERE c.name = 'Delivery'"
        ).fetchone()[0]
    assert kept == 25


async def test_a_quick_burst_of_moves_lands_in_the_order_pressed(office):
    app = PortfolioApp(office, warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        await _add(pilot, *"Benefits", "tab", *"On plan")
        # Benefits is third: up, up (the headline), down, up again, and up at the top.
        await pilot.press("j", "j", "K", "K", "J", "K", "shift+up")
        assert _table_names(app) == ["Benefits", "Overall status", RISKS]
        await settle(pilot)
        assert _table_names(app) == ["Benefits", "Overall status", RISKS]
        assert app.screen.table.cursor_row == 0
        assert "headline" in screen_text(app).split("Benefits", 1)[1].splitlines()[0]
    assert [row[:2] for row in _criteria(office)] == [
        (1, "Benefits"),
        (2, "Overall status"),
        (3, RISKS),
    ]
    assert _moves(office) == 4


async def test_retiring_and_reinstating_with_x(office):
    app = PortfolioApp(office, warm_up=False)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await _open(pilot)
        await pilot.press("x")  # the headline: refused
        await settle(pilot)
        assert "'Overall status' is the headline criterion" in _toasts(app)
        await pilot.press("j", "x")
        await settle(pilot)
        assert _criteria(office)[1][:3] == (0, RISKS, 0)
        assert "retired: takes no new RAGs; x reinstates it" in screen_text(app)
        assert "RAG criteria 1 in use, 1 retired" in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
    assert [row[:3] for row in _criteria(office)] == [(1, "Overall status", 1), (2, RISKS, 1)]


async def test_a_viewer_sees_no_editing_keys_and_changes_nothing(demo_path, frozen_clock):
    viewer = Store(f"sqlite:///{demo_path}", "k.osei")
    before = _criteria(viewer)
    app = PortfolioApp(viewer, warm_up=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await _open(pilot)
        footer = screen_text(app).splitlines()[-1]
        for key in ("Add", "Rename", "Describe", "Up", "Down", "Retire"):
            assert f" {key}" not in footer
        await pilot.press("j", "K", "x", "n", "r", "d")
        await settle(pilot)
        assert type(app.screen).__name__ == "CriteriaScreen"
    assert _criteria(viewer) == before
    viewer.close()


async def test_a_stale_rename_opens_the_conflict_dialog(office, other_desk):
    app = PortfolioApp(office, warm_up=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await _open(pilot)
        await pilot.press("j", "r")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", *"Risk")
        with other_desk("s.bhattacharya").writing() as session:
            rename_criterion({"criterion": RISKS, "new_name": "Risks and issues"}, session=session)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "ConflictDialog"
        assert ("Name", "Risk", "Risks and issues") in app.screen.rows
        assert "changed by s.bhattacharya" in screen_text(app)
        await pilot.press("a")
        await settle(pilot)
        assert type(app.screen).__name__ == "CriteriaScreen"
    assert _names(office) == ["Overall status", "Risk"]


async def test_a_move_while_the_database_is_busy_keeps_the_saved_order(office, demo_path):
    app = PortfolioApp(office, warm_up=False)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await _open(pilot)
        with write_lock_held(demo_path):
            await pilot.press("j", "K")
            await settle(pilot)
        await settle(pilot)
        assert "Database busy" in _toasts(app)
        assert _table_names(app) == ["Overall status", RISKS]
    assert _names(office) == ["Overall status", RISKS]


async def test_rating_with_no_criteria_says_so(store, frozen_clock):
    from store.portfolio.services import create_business_group, create_initiative

    with store.writing() as session:
        create_business_group({"code": "TP", "name": "Territorial Policing"}, session=session)
        create_initiative(
            {"code": "TPD", "name": "TP Development", "kind": "programme", "business_group": "TP"},
            session=session,
        )
    app = PortfolioApp(store, warm_up=False)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        await pilot.press("e")
        await settle(pilot)
        assert app.screen is screen  # no editor offering a criterion that does not exist
        assert "No RAG criteria to rate against yet" in _toasts(app)
