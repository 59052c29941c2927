"""The Benefits tab and the portfolio benefits view as a person uses them: record a
measurement on TPD's Benefits tab and see realised % and the behind flag change on the
tab and in the portfolio view; add a benefit; a quick burst of typing in the measurement
form loses nothing; a viewer is offered none of the keys and writes nothing."""

from __future__ import annotations

from store.audit import verify_chain
from store.handle import Store
from tests.support.tui import burst, press, screen_text, settle, until
from tui.app import PortfolioApp

HOURS = "Officer hours returned to local policing"


def _measurements(connection, name: str) -> list[tuple]:
    return connection.execute(
        "SELECT m.measured_on, m.value, m.note FROM benefit_measurement AS m "
        "JOIN benefit AS b ON b.id = m.benefit_id WHERE b.name = ? ORDER BY m.id",
        (name,),
    ).fetchall()


def _notices(app) -> str:
    """Every notice the app has given (a toast may not be painted yet)."""
    return " ".join(note.message for note in app._notifications)


def _row(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.strip().startswith(start))


async def _tpd_benefits(pilot) -> None:
    """Open TPD from the list and its Benefits tab (9): hours are behind at 70%."""
    await settle(pilot)
    pilot.app.open_initiative("TPD")
    await settle(pilot)
    await press(pilot, "9")
    text = screen_text(pilot.app)
    assert "Benefits as at 2011-03-31: 2 registered, 1 behind profile" in text
    hours = _row(text, "Officer hours")
    assert "6000" in hours and "4200" in hours and "70.0%" in hours and "behind !" in hours
    assert "n New benefit" in text


async def test_a_measurement_moves_realised_on_the_tab_and_the_portfolio_view(app, demo_store):
    async with app.run_test(size=(160, 50)) as pilot:
        await _tpd_benefits(pilot)
        assert "Planned against actual, hours a week" in screen_text(app)
        assert "m Record measurement" in screen_text(app)
        await press(pilot, "m")
        assert type(app.screen).__name__ == "MeasurementForm"
        assert f"New measurement · TPD · {HOURS} (hours a week)" in screen_text(app)
        await press(pilot, *"lots", "ctrl+s")
        assert type(app.screen).__name__ == "MeasurementForm"  # refused, kept as typed
        assert "'lots' is not a number" in screen_text(app)
        await press(pilot, *["backspace"] * 4, *"6,000", "tab", *"2011-03-31", "tab")
        await press(pilot, *"All boroughs =[bold]x[/]", "ctrl+s")
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        text = screen_text(app)
        assert "Benefits as at 2011-03-31: 2 registered, 0 behind profile" in text
        hours = _row(text, "Officer hours")
        assert "100.0%" in hours and "on track" in hours
        assert "All boroughs =[bold]x[/]" in text  # the note, literally
        assert "Saved measurement 6000 on 2011-03-31" in _notices(app)

        await press(pilot, "escape", "B")
        assert type(app.screen).__name__ == "PortfolioBenefitsScreen"
        text = screen_text(app)
        assert "Behind profile: 1" in text and "TRAIN" in text
        assert "Officer hours" not in text
        tp = _row(text, "TP ")
        assert tp.split()[:5] == ["TP", "Transform", "2", "0", "0"]
        await press(pilot, "enter")
        assert app.screen.code == "TRAIN"

    with demo_store.reading() as connection:
        assert _measurements(connection, HOURS)[-1] == (
            "2011-03-31",
            6000000,
            "All boroughs =[bold]x[/]",
        )
        assert verify_chain(connection).ok


async def test_a_quick_burst_in_the_measurement_form_loses_nothing(app, demo_store):
    async with app.run_test(size=(80, 24)) as pilot:
        await _tpd_benefits(pilot)
        await press(pilot, "m")
        burst(app, "4500", "tab", "2011-02-28", "tab", "Late count", "ctrl+s")
        await until(pilot, lambda: type(app.screen).__name__ == "ProgrammeDetailScreen")
        await settle(pilot)
    with demo_store.reading() as connection:
        assert _measurements(connection, HOURS)[-1] == ("2011-02-28", 4500000, "Late count")


async def test_a_new_benefit_is_added_from_the_tab(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await _tpd_benefits(pilot)
        await press(pilot, "n")
        assert type(app.screen).__name__ == "BenefitForm"
        await press(pilot, *"Fewer repeat calls", "tab", "tab")
        await press(pilot, "enter", "down", "down", "down", "enter")  # non-financial
        assert app.screen.values()["kind"] == "non_financial"
        await press(pilot, "tab", *"Dan Okoro", "tab", *"repeat calls a week", "tab", *"calls")
        await press(pilot, "tab", *"120", "tab", *"2010-10-01", "tab", *"60", "tab")
        await press(pilot, *"2013-03-31", "tab", *"2012-03-31=90; 2013-03-31=60", "ctrl+s")
        assert type(app.screen).__name__ == "ProgrammeDetailScreen", screen_text(app)
        text = screen_text(app)
        assert "3 registered" in text
        assert "Fewer repeat calls" in text
    with demo_store.reading() as connection:
        row = connection.execute(
            "SELECT kind, owner, unit, baseline_value, target_value FROM benefit WHERE name = ?",
            ("Fewer repeat calls",),
        ).fetchone()
    assert tuple(row) == ("non_financial", "Dan Okoro", "calls", 120000, 60000)


async def test_a_viewer_is_offered_no_benefit_keys_and_writes_nothing(demo_path, frozen_clock):
    store = Store(f"sqlite:///{demo_path}", "k.osei")
    with store.reading() as connection:
        before = connection.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0]
    app = PortfolioApp(store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_initiative("TPD")
        await settle(pilot)
        await press(pilot, "9")
        text = screen_text(app)
        assert "70.0%" in text and "New benefit" not in text and "Record measurement" not in text
        await press(pilot, "m")
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        assert "may not edit the benefits register" in _notices(app)
    with store.reading() as connection:
        assert connection.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0] == before


async def test_the_portfolio_view_reads_its_figures_once_per_open(app, monkeypatch):
    """Opening the view read every benefit twice (on mount, and again on the resume that
    a push also sends), doubling the slowest read of the screen at 10k. Coming back to it
    from an initiative where nothing was changed is answered from memory (`store.kept`;
    a change there is seen: `test_benefits_kept.py`)."""
    import screens.benefits.portfolio_benefits as view

    reads = []
    real = view.read_view
    monkeypatch.setattr(view, "read_view", lambda connection: reads.append(1) or real(connection))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "B")
        assert "Behind profile: 2" in screen_text(app) and len(reads) == 1
        await press(pilot, "enter")  # the first benefit behind: its initiative
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "PortfolioBenefitsScreen" and len(reads) == 1


async def test_the_portfolio_view_reads_the_behind_list_a_window_at_a_time(app, monkeypatch):
    """At 10k the view reads only its first rows of those behind with the totals (every
    one of 13,000 took a third of the open); scrolling fetches the rest, the same rows as
    the board pack's list."""
    import screens.benefits.portfolio_benefits as view
    from store.reports.benefit_sections import benefits

    monkeypatch.setattr(view, "FIRST_ROWS", 1)
    windows = []
    real = view.behind_rows
    monkeypatch.setattr(
        view, "behind_rows", lambda c, on, start, n: windows.append(start) or real(c, on, start, n)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "B")
        assert "Behind profile: 2" in screen_text(app)
        table = app.screen.query_one("#behind")
        await press(pilot, "end")
        await until(pilot, lambda: table.row_at(1) is not None)
        assert windows == [0]  # the table's first window of 100, the second row in it
        with app.store.reading() as connection:
            pack = benefits(connection, app.screen.as_at).blocks[1].rows
        assert [table.row_at(0), table.row_at(1)] == list(pack)
        await press(pilot, "enter")  # the last behind: its initiative
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        assert pack[1][0] in screen_text(app)


async def test_the_totals_table_moves_with_j_and_k_and_opens_nothing(app):
    """`tab` to the table by business group and tier: `j`/`k` move its cursor; it has
    no `enter` to offer (a total has nothing to open), so the footer shows none."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "B", "shift+tab")
        groups = app.screen.query_one("#by-group")
        assert app.focused is groups and groups.cursor == 0
        await press(pilot, "j", "j", "k")
        assert groups.cursor == 1 and groups.current_row[:2] == ("DoI", "Mandated")
        assert "Open" not in screen_text(app).splitlines()[-1]
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "PortfolioBenefitsScreen"
