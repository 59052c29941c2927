"""Reads made slow on demand, for Pilot tests of what a person types while a screen reads."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def hold(
    monkeypatch, module: Any, name: str, when: Callable[..., bool] = lambda *a, **k: True
) -> threading.Event:
    """Make `module.name` (a read a worker makes) wait, for the calls `when` accepts,
    until the returned event is set (ten seconds at most)."""
    release = threading.Event()
    read = getattr(module, name)

    def held(*args, **kwargs):
        if when(*args, **kwargs):
            release.wait(10)
        return read(*args, **kwargs)

    monkeypatch.setattr(module, name, held)
    return release
