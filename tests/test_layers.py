"""The import layers are checked statically (import-linter, configured in
pyproject.toml), and the check really fails when a layer is broken."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("tui", "screens", "widgets", "store")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    for name in PACKAGES:
        shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_layers_hold_today(tmp_path):
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\d+ kept, 0 broken", result.stdout), result.stdout


def test_a_widget_importing_a_screen_breaks_the_contract(tmp_path):
    tree = _copy(tmp_path)
    (tree / "widgets" / "breach.py").write_text("from screens.common.navigation import DESTINATIONS\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "widgets.breach -> screens.common.navigation" in result.stdout


def test_the_store_importing_textual_breaks_the_contract(tmp_path):
    tree = _copy(tmp_path)
    (tree / "store" / "breach.py").write_text("import textual\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "store is free of textual and rich BROKEN" in result.stdout


def test_a_widget_reaching_a_service_breaks_the_contract(tmp_path):
    tree = _copy(tmp_path)
    (tree / "widgets" / "breach.py").write_text("import store.portfolio.services\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "widgets.breach -> store.portfolio.services" in result.stdout
