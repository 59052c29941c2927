"""Snapshot pictures must not depend on how fast the machine was.

A focused Input or TextArea blinks its cursor every half second, so a snapshot taken on a busy
machine could catch it on or off. Here the cursor never toggles: it shows steadily,
as it does the moment a field takes focus.

Snapshots use the `app` fixture of tests/conftest.py: the app on the demo, clock pinned.
Its live refresh is off: nobody else writes to a snapshot's database, so it would only
read again what is shown (the app's own saves), at a moment that depends on the machine.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from tui.app import PortfolioApp


@pytest.fixture(autouse=True)
def steady_input_cursor(monkeypatch) -> None:
    """Keep every Input's and TextArea's cursor visible instead of blinking."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture(autouse=True)
def no_live_refresh(monkeypatch) -> None:
    """Do not start the database watcher (`PortfolioApp.watch_database`)."""
    monkeypatch.setattr(PortfolioApp, "watch_database", lambda self: None)
