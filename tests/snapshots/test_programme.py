"""Snapshots of the programme-depth screens at 120x40 on the demo, with the clock pinned
(today is 2011-06-13). Update with `pytest tests/snapshots --snapshot-update` and look
at the SVGs before committing them."""

from __future__ import annotations

from textual.widgets import Input

from tests.support.snapshots import SIZE, steps
from tests.support.tui import settle, type_keys


def test_savings(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("v"))


def test_timeline(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("T", "j", "j", "j", "j", "j"))


def test_risk_heat_map(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("h"))


def test_dependency_matrix(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("d"))


def test_programme_detail_dependencies_tab(snap_compare, app):
    open_cre_dependencies = steps("4", initiative="DRM-CRE")
    assert snap_compare(app, terminal_size=SIZE, run_before=open_cre_dependencies)


def test_risk_form_with_bad_values(snap_compare, app):
    async def type_bad_risk(pilot):
        await steps(("3", "n"), initiative="LEAN")(pilot)
        await type_keys(pilot, *"Savings slip into next year", "tab", "tab", "tab", "6", "tab")
        await type_keys(pilot, "3", "tab", *"2011-02-30", "ctrl+s")
        await settle(pilot)
        # Stop the cursor blinking (it shows steadily) so the picture does not depend on
        # how long the steps above took.
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=type_bad_risk)


def test_dependency_form_editing_one_at_risk(snap_compare, app):
    edit_dependency = steps(("4", "enter"), initiative="DRM-CRE")
    assert snap_compare(app, terminal_size=SIZE, run_before=edit_dependency)
