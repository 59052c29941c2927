"""A form left open across a restore: its save is refused with a message saying the
database was replaced, what was typed is kept, the restored record is taken into the
form and left unchanged in the database; the next save goes against the restored data."""

from __future__ import annotations

from store.exchange.archive import backup_database, restore_database
from store.handle import Store
from store.programme.risks.services import update_risk
from tests.support.tui import press, screen_text, settle

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
