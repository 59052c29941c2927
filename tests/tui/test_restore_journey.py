"""A form left open across a restore: its save is refused with a message saying the
database was replaced, what was typed is kept, the restored record is taken into the
form and left unchanged in the database; the next save goes against the restored data.
A criteria move across a restore is refused the same way and the list reloads."""

from __future__ import annotations

from store.exchange.archive import backup_database, restore_database
from store.handle import Store
from store.programme.risks.services import update_risk
from tests.support.tui import press, screen_text, settle
from tui.app import PortfolioApp

RISKS = "Risks & mitigations"
RISK = "SELECT owner, likelihood, impact, version FROM risk WHERE id = 12"


def _row(store: Store) -> tuple:
    with store.reading() as connection:
        return connection.execute(RISK).fetchone()


async def test_a_form_open_across_a_restore_reloads_before_saving(
    app, demo_store, demo_path, tmp_path
):
    # A backup in which risk 12 was rescored for impact, and, in the live database, a
    # different rescore: both at version 2, so the versions alone cannot tell them apart.
    backup = backup_database(demo_path, tmp_path / "backup.db").path
    with Store(f"sqlite:///{backup}", "tester") as other, other.writing() as session:
        update_risk({"id": 12, "impact": 5}, session=session)
    with demo_store.writing() as session:
        update_risk({"id": 12, "likelihood": 4}, session=session)

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"lean", "enter", "enter")
        await press(pilot, "3", "enter")
        form = app.screen
        assert type(form).__name__ == "RiskForm" and form.version == 2

        restore_database(backup, demo_path, actor="tester", force=True)
        restored = _row(demo_store)
        assert restored == ("Stuart Kettle", 3, 5, 2)

        await pilot.press("tab", "tab", "tab", "tab", "tab", "tab", "ctrl+u", *"Jo Bell")
        await press(pilot, "ctrl+s")
        assert app.screen is form
        text = " ".join(screen_text(app).split())
        assert "Not saved: the database was replaced by a restore from" in text
        assert "The screen has been reloaded: check and save again." in text
        # What was typed is kept; what was not takes the restored values.
        values = form.values()
        assert (values["owner"], values["likelihood"], values["impact"]) == ("Jo Bell", "3", "5")
        assert _row(demo_store) == restored

        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"

    assert _row(demo_store) == ("Jo Bell", 3, 5, 3)


async def test_a_criteria_move_across_a_restore_reloads_the_list_first(demo_path, tmp_path):
    backup = backup_database(demo_path, tmp_path / "backup.db").path
    names = "SELECT name FROM rag_criterion WHERE active ORDER BY position"
    with Store(f"sqlite:///{demo_path}", "j.okafor") as office:
        app = PortfolioApp(office, warm_up=False)
        async with app.run_test(size=(120, 30), notifications=True) as pilot:
            await settle(pilot)
            await pilot.press("m", "up", "enter")
            await settle(pilot)
            restore_database(backup, demo_path, actor="tester", force=True)
            await pilot.press("j", "K")
            await settle(pilot)
            toasts = " ".join(
                " ".join(toast.render().plain.split()) for toast in app.screen.query("Toast")
            )
            assert "the database was replaced by a restore from" in toasts
            with office.reading() as connection:
                assert connection.execute(names).fetchall() == [("Overall status",), (RISKS,)]
            await pilot.press("j", "K")
            await settle(pilot)
        with office.reading() as connection:
            assert connection.execute(names).fetchall() == [(RISKS,), ("Overall status",)]


async def test_an_agenda_add_across_a_restore_reloads_the_requests_first(
    app, demo_store, demo_path, tmp_path
):
    backup = backup_database(demo_path, tmp_path / "backup.db").path
    status = "SELECT status FROM sc_request WHERE reference = 'SC-2011-0030'"
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "s", "f")
        await press(pilot, "slash", *"typist", "enter")
        restore_database(backup, demo_path, actor="tester", force=True)
        await press(pilot, "a")
        assert "the database was replaced by a restore from" in " ".join(screen_text(app).split())
        with demo_store.reading() as connection:
            assert connection.execute(status).fetchone() == ("received",)
        await press(pilot, "a")
    with demo_store.reading() as connection:
        assert connection.execute(status).fetchone() == ("on_agenda",)
