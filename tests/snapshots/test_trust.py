"""Snapshot of the conflict dialog at 120x40 on the demo, with the clock pinned: a risk
edit refused because s.bhattacharya saved it first. Update with
`pytest tests/snapshots/test_trust.py --snapshot-update` and look at the SVG."""

from __future__ import annotations

from store.programme.risks.services import update_risk
from tests.support.snapshots import SIZE, steps
from tests.support.tui import settle, type_keys


def test_conflict_dialog(snap_compare, app, other_desk):
    theirs = other_desk("s.bhattacharya")

    async def stale_save(pilot):
        await steps(("3", "enter"), initiative="LEAN")(pilot)
        await type_keys(pilot, "tab", "tab", "tab", "tab", "tab", "tab", "ctrl+u", *"Jo Bell")
        with theirs.writing() as session:
            update_risk({"id": 12, "likelihood": 4, "owner": "Ann Ode"}, session=session)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=stale_save)
