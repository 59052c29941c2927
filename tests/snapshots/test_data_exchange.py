"""Snapshots at 120x40 on the demo portfolio, clock pinned: the data exchange screen as
opened, the same screen after checking a file with problems, and the go-to menu."""

from __future__ import annotations

from tests.support.exchange_files import bad_export
from tests.support.snapshots import SIZE, steps
from tests.support.tui import settle, type_keys


def test_data_exchange(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("e", rounds=8))


def test_data_exchange_checking_a_bad_file(snap_compare, app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad_export(app.store, tmp_path / "bad.json")

    async def check_bad_file(pilot):
        await steps("e")(pilot)
        await type_keys(pilot, "c", *"bad.json", "enter")
        await settle(pilot, 8)

    assert snap_compare(app, terminal_size=SIZE, run_before=check_bad_file)


def test_go_to_menu(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("m"))
