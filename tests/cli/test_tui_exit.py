"""Opening the app: `portfolio` exits 0 when the user quits, and 1 when the app stopped
on an exception (it used to print Textual's traceback and exit 0, so a script or a
launcher could not tell)."""

from __future__ import annotations

from functools import partialmethod

import pytest
from textual.app import App

from tests.support.cli import run
from tui.app import PortfolioApp


@pytest.fixture
def headless(monkeypatch, db_path, capsys):
    """`portfolio` runs the app without a terminal, at 80x24, on a new empty database."""
    monkeypatch.setattr(PortfolioApp, "run", partialmethod(App.run, headless=True, size=(80, 24)))
    assert run(capsys, "init", "--db", str(db_path))[0] == 0


def test_quitting_exits_zero(capsys, db_path, headless, monkeypatch):
    monkeypatch.setattr(PortfolioApp, "on_ready", lambda app: app.exit(), raising=False)
    code, _, err = run(capsys, "--db", str(db_path))
    assert code == 0, err


def test_a_crash_exits_non_zero(capsys, db_path, headless, monkeypatch):
    def crash(app):
        raise RuntimeError("a bug in a screen")

    monkeypatch.setattr(PortfolioApp, "on_ready", crash, raising=False)
    code, _, err = run(capsys, "--db", str(db_path))
    assert code == 1
    assert "the app stopped after an unexpected error" in err


@pytest.mark.parametrize("late", [False, True], ids=["read by then", "still reading"])
def test_the_lists_first_rows_are_read_while_the_app_starts(capsys, demo_db, monkeypatch, late):
    """`portfolio` reads the list's first rows beside starting the app
    (`store.first_read`): the list shows them and makes no read of its own, whether
    the read is done when the list opens or still being made (a busy machine)."""
    import time

    import screens.portfolio.portfolio_list as portfolio_list
    import store.portfolio.list_read as list_read

    def read_again(*args, **kwargs):
        raise AssertionError("the list read again what was read while the app started")

    first_list_read = list_read.first_list_read

    def slowly(connection):
        time.sleep(0.5 if late else 0)
        return first_list_read(connection)

    shown: list[int] = []

    def look(app, *_ready, tries: int = 100):
        if app.screen.summary is None and tries:  # still being read
            app.set_timer(0.05, lambda: look(app, tries=tries - 1))
            return
        shown.append(app.screen.summary.total if app.screen.summary else 0)
        app.exit()

    monkeypatch.setattr(portfolio_list, "read_list", read_again)
    monkeypatch.setattr(list_read, "first_list_read", slowly)
    monkeypatch.setattr(PortfolioApp, "run", partialmethod(App.run, headless=True, size=(80, 24)))
    monkeypatch.setattr(PortfolioApp, "on_ready", look, raising=False)
    code, _, err = run(capsys, "--db", str(demo_db))
    assert code == 0, err
    assert shown and shown[0] > 0
