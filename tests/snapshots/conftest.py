"""Snapshot pictures must not depend on how fast the machine was.

A focused Input or TextArea blinks its cursor every half second, so a snapshot taken on a busy
machine could catch it on or off. Here the cursor never toggles: it shows steadily,
as it does the moment a field takes focus.

Most snapshots use the `app` fixture here: the app on the demo, with the clock pinned.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from store.handle import Store
from tui.app import PortfolioApp


@pytest.fixture(autouse=True)
def steady_input_cursor(monkeypatch) -> None:
    """Keep every Input's and TextArea's cursor visible instead of blinking."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def app(demo_path, frozen_clock):
    """The app on this test's copy of the demo, acting as `tester`, clock pinned."""
    store = Store(f"sqlite:///{demo_path}", "tester")
    yield PortfolioApp(store, warm_up=False)
    store.close()
