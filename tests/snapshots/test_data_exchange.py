"""Snapshots at 120x40 on the demo portfolio, clock pinned: the data exchange screen as
opened, the same screen after checking a file with problems, and the go-to menu."""

from __future__ import annotations

from tests.snapshots import SIZE
from tests.support.exchange_files import bad_export
from tests.support.tui import settle, type_keys


def test_data_exchange(snap_compare, app):
    async def open_screen(pilot):
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot, 8)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_screen)


def test_data_exchange_checking_a_bad_file(snap_compare, app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad_export(app.store, tmp_path / "bad.json")

    async def check_bad_file(pilot):
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await type_keys(pilot, "c", *"bad.json", "enter")
        await settle(pilot, 8)

    assert snap_compare(app, terminal_size=SIZE, run_before=check_bad_file)


def test_go_to_menu(snap_compare, app):
    async def open_menu(pilot):
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_menu)
