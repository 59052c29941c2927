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
