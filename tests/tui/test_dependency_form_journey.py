"""Adding and editing dependencies from the programme detail screen's Dependencies tab:
the other initiative is chosen by code with its name (or "no such code") shown at once,
the upstream's milestone is picked from its own list, and the dependency matrix
underneath shows the change. Today is pinned to 2011-06-13."""

from __future__ import annotations

from store.audit import verify_chain
from tests.support.tui import below, press, screen_text, settle


def _dependencies(connection, code):
    return connection.execute(
        "SELECT f.code, t.code, d.needed, d.needed_by, d.importance, d.status, m.name, "
        "d.entered_by, d.version FROM dependency AS d "
        "JOIN initiative AS f ON f.id = d.from_initiative_id "
        "JOIN initiative AS t ON t.id = d.to_initiative_id "
        "LEFT JOIN milestone AS m ON m.id = d.milestone_id "
        "WHERE f.code = :code OR t.code = :code ORDER BY d.id",
        {"code": code},
    ).fetchall()


async def _start_an_outgoing_dependency_from_the_matrix(pilot):
    """The matrix opens on its first cell at risk: TPD-PA → DRM-CRE, one dependency. Into
    the cell's list, open the upstream, TPD-PA, and with the outgoing table focused, `n`
    starts an outgoing dependency. Returns the matrix and the form."""
    app = pilot.app
    await press(pilot, "d")
    matrix = app.screen
    assert "TPD-PA → DRM-CRE: 1 dependency, 1 at risk" in screen_text(app)
    await press(pilot, "enter", "enter")
    assert app.screen.code == "TPD-PA"
    await press(pilot, "4")
    assert "n New dependency" in screen_text(app)
    await press(pilot, "tab", "n")
    form = app.screen
    assert type(form).__name__ == "DependencyForm"
    assert form.values()["direction"] == "outgoing"
    return matrix, form


async def _choose_drm_cre_by_its_code(pilot, form):
    """An unknown code says so at once; a code that can still complete says what to."""
    app = pilot.app
    await press(pilot, "tab", *"zz")
    assert "No initiative has the code 'ZZ'" in below(screen_text(app), "Other code")
    await press(pilot, "ctrl+u", *"drm-c")
    text = screen_text(app)
    assert "right arrow completes DRM-CRE: Corporate Real Estate" in text
    assert "No initiative has the code" not in text
    await press(pilot, "right")
    assert form.values()["other"] == "DRM-CRE"
    assert "Corporate Real Estate" in screen_text(app)


async def test_add_an_outgoing_dependency_from_the_matrix_and_see_it_there(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        matrix, form = await _start_an_outgoing_dependency_from_the_matrix(pilot)
        await _choose_drm_cre_by_its_code(pilot, form)

        await pilot.press("tab", *"Counter closure list for disposals", "tab", *"2011-08-31")
        # Importance high (first in its list), status stays open.
        await press(pilot, "tab", "enter", "up", "enter", "tab", "tab")
        assert app.focused.id == "milestone"
        # TPD-PA is upstream: its milestone is offered, and is late for this date.
        await press(pilot, "enter", "down", "enter")
        text = screen_text(app)
        assert "DRM-CRE needs Counter closure list for disposals from TPD-PA by 2011-08-31" in text
        assert "! at risk: that milestone is expected 30 days after it is needed" in text
        await press(pilot, "ctrl+s")

        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        text = screen_text(app)
        added = next(line for line in text.splitlines() if "Counter closure list" in line)
        assert "DRM-CRE" in added and "2011-08-31" in added and "yes !" in added
        assert app.focused.id == "outgoing-table"

        # The matrix underneath shows the second dependency in its cell.
        await press(pilot, "escape")
        assert app.screen is matrix
        text = screen_text(app)
        assert "TPD-PA → DRM-CRE: 2 dependencies, 2 at risk" in text
        assert "Counter closure list for disposals" in text

    with demo_store.reading() as connection:
        assert _dependencies(connection, "TPD-PA")[-1] == (
            "TPD-PA",
            "DRM-CRE",
            "Counter closure list for disposals",
            "2011-08-31",
            "high",
            "open",
            "Front counter review outcomes published",
            "tester",
            1,
        )
        assert verify_chain(connection).ok


async def test_edit_an_incoming_dependency_and_move_its_upstream(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"drm-cre", "enter", "enter")
        await press(pilot, "4")
        assert app.focused.id == "incoming-table"
        await press(pilot, "enter")
        form = app.screen
        assert "Edit dependency 1 · DRM-CRE" in screen_text(app)
        assert form.values() == {
            "direction": "incoming",
            "other": "TPD-PA",
            "needed": "Decisions on which front counters stay open",
            "needed_by": "2011-07-29",
            "importance": "high",
            "status": "agreed",
            "milestone": "Front counter review outcomes published",
        }
        # Moving the upstream to TPD-SNT offers TPD-SNT's milestones instead.
        await press(pilot, "tab", "ctrl+u", *"TPD-SNT")
        assert form.values()["milestone"] == ""
        await pilot.press("tab", "tab", "ctrl+u", *"2011-12-31", "tab", "tab", "tab")
        await press(pilot, "enter", "down", "enter", "ctrl+s")
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        row = next(line for line in screen_text(app).splitlines() if "front counters" in line)
        assert row.startswith("  TPD-SNT") and "2011-12-31" in row and "yes !" not in row

    with demo_store.reading() as connection:
        assert _dependencies(connection, "DRM-CRE")[0] == (
            "TPD-SNT",
            "DRM-CRE",
            "Decisions on which front counters stay open",
            "2011-12-31",
            "high",
            "agreed",
            "Neighbourhood team review recommendations",
            "s.bhattacharya",  # who entered it is kept when it is edited
            2,
        )
