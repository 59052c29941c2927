"""Snapshots of the main screens at 120x40 on the demo portfolio, with the clock pinned.

Update after an intended change with `pytest tests/snapshots --snapshot-update` and
review the SVGs in `tests/snapshots/__snapshots__/` before committing them.
"""

from __future__ import annotations

from tests.support.snapshots import SIZE, steps
from tests.support.tui import settle


def test_portfolio_list(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_portfolio_list_filtered_to_amber(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("a"))


def test_programme_detail(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(initiative="TPD"))


def test_rag_editor_after_an_empty_save(snap_compare, app):
    refuse_blank = steps("e", ("r", "ctrl+s"), initiative="SCDR")
    assert snap_compare(app, terminal_size=SIZE, run_before=refuse_blank)
