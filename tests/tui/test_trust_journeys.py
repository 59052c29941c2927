"""Trust in the TUI: the title names the user and role, a viewer gets no editing keys,
a save the store refuses says so and keeps what was typed, a stale save opens the
conflict dialog, and a save while another process holds the write lock says the
database is busy, retries, and lands once the lock is released."""

from __future__ import annotations

from screens.common.form_merge import kept
from store.handle import Store
from store.programme.risks.services import update_risk
from store.users.services import set_role
from tests.support.busy import busy_then_lands
from tests.support.reads import row
from tests.support.tui import press, screen_text, settle, until
from tui.app import PortfolioApp


def _risk(store: Store) -> tuple:
    return row(store, "SELECT owner, likelihood, version FROM risk WHERE id = 12")


async def _open_risk_12(pilot, app, owner: str = "Jo Bell"):
    await settle(pilot)
    await press(pilot, "slash", *"lean", "enter", "enter")
    await press(pilot, "3", "enter")
    form = app.screen
    assert type(form).__name__ == "RiskForm" and form.record.id == 12
    await press(pilot, "tab", "tab", "tab", "tab", "tab", "tab", "ctrl+u", *owner)
    return form


async def test_the_title_names_the_user_and_a_viewer_has_no_editing_keys(demo_path, frozen_clock):
    viewer = Store(f"sqlite:///{demo_path}", "k.osei")
    app = PortfolioApp(viewer, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Portfolio · k.osei (viewer)" in screen_text(app)
        await press(pilot, "slash", *"lean", "enter", "enter")
        await press(pilot, "3")
        text = screen_text(app)
        assert "Risks" in text and "New risk" not in text and "Edit RAG" not in text
        await press(pilot, "n", "e")
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
    viewer.close()


async def test_a_denied_save_says_so_and_keeps_what_was_typed(demo_path, frozen_clock):
    operator = Store(f"sqlite:///{demo_path}", "s.bhattacharya")
    admin = Store(f"sqlite:///{demo_path}", "tester")
    app = PortfolioApp(operator, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "s.bhattacharya (portfolio office)" in app.title
        form = await _open_risk_12(pilot, app)
        # The admin makes this operator a viewer while the form is open.
        with admin.writing() as session:
            set_role({"login": "s.bhattacharya", "role": "viewer"}, session=session)
        await press(pilot, "ctrl+s")
        assert app.screen is form
        notice = str(form.query_one("#form-error").render())
        assert notice == (
            "Not saved: Permission denied: s.bhattacharya (viewer) may not edit risks"
        )
        assert form.values()["owner"] == "Jo Bell"
    assert _risk(admin) == ("Stuart Kettle", 3, 1)
    with admin.reading() as connection:
        last = connection.execute(
            "SELECT actor, entity, entity_id, action FROM audit_event ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert last == ("s.bhattacharya", "permission", "edit risks", "denied")
    operator.close()
    admin.close()


async def test_a_stale_save_opens_the_conflict_dialog_and_re_applies(demo_store, demo_path):
    other = Store(f"sqlite:///{demo_path}", "s.bhattacharya")
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_risk_12(pilot, app)
        with other.writing() as session:
            update_risk({"id": 12, "likelihood": 4, "owner": "Ann Ode"}, session=session)
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ConflictDialog"
        text = screen_text(app)
        assert "Not saved: this risk was changed by s.bhattacharya at 2011-06-13" in text
        assert app.screen.rows == [
            ("Likelihood", kept("3"), "4"),
            ("Owner", "Jo Bell", "Ann Ode"),
        ]
        assert any("Owner" in line and "Jo Bell" in line and "Ann Ode" in line
                   for line in text.splitlines())  # fmt: skip
        assert _risk(demo_store) == ("Ann Ode", 4, 2)
        await press(pilot, "a")
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
    assert _risk(demo_store) == ("Jo Bell", 4, 3)
    other.close()


async def test_reload_takes_theirs_into_the_form(demo_store, demo_path):
    other = Store(f"sqlite:///{demo_path}", "s.bhattacharya")
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_risk_12(pilot, app)
        with other.writing() as session:
            update_risk({"id": 12, "owner": "Ann Ode"}, session=session)
        await press(pilot, "ctrl+s")
        await press(pilot, "r")
        assert app.screen is form and form.values()["owner"] == "Ann Ode"
    assert _risk(demo_store) == ("Ann Ode", 3, 2)
    other.close()


async def test_a_busy_save_says_so_retries_and_lands_when_the_lock_is_released(
    app, demo_store, demo_path
):
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_risk_12(pilot, app)
        async with busy_then_lands(
            pilot, demo_path, form, lambda: form.values()["owner"] == "Jo Bell"
        ):
            assert _risk(demo_store) == ("Stuart Kettle", 3, 1)
        await until(pilot, lambda: type(app.screen).__name__ == "ProgrammeDetailScreen")
    assert _risk(demo_store) == ("Jo Bell", 3, 2)
