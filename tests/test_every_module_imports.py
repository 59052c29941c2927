"""Every module of the app imports: many are imported only inside the function that needs
them (to keep start-up fast), so a name a merge renamed elsewhere would otherwise surface
only when a user runs that command."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("store", "widgets", "screens", "tui")
# Alembic's environment script runs only inside an Alembic command.
ALEMBIC_ONLY = {"store.migrations.env"}


def _modules() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return [module for module in found if module not in ALEMBIC_ONLY]


@pytest.mark.parametrize("module", _modules())
def test_the_module_imports(module):
    importlib.import_module(module)
