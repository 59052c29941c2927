"""Database files built once per test run and copied by each test that needs one.

Under pytest-xdist every worker is its own process; the first worker to ask for a
template builds it, under a lock in the run's temporary folder, and the others wait
for it and use the same file.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

import pytest


def shared_template(
    factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """The file `name`, made by `build(path)` once for the whole run (all workers)."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, which holds every worker's own
    path = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not path.exists():
                building = root / f"building-{name}"
                build(building)
                for leftover in ("-wal", "-shm", "-journal"):
                    extra = building.with_name(building.name + leftover)
                    assert not extra.exists(), f"{extra} left behind: the copy would miss it"
                building.rename(path)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return path
