"""The import layers are checked statically (import-linter, configured in
pyproject.toml), and the check really fails when a layer is broken."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


BREACHES = [
    (
        "widgets/breach.py",
        "from screens.common.navigation import DESTINATIONS\n",
        "widgets.breach -> screens.common.navigation",
    ),
    ("store/breach.py", "import textual\n", "store is free of textual and rich BROKEN"),
    (
        "widgets/breach.py",
        "import store.portfolio.services\n",
        "widgets.breach -> store.portfolio.services",
    ),
    (
        "screens/common/breach.py",
        "import screens.portfolio.portfolio_list\n",
        "screens.common.breach -> screens.portfolio.portfolio_list",
    ),
]


@pytest.mark.parametrize(("path", "code", "named"), BREACHES)
def test_breaking_a_layer_fails_the_check(tmp_path, path, code, named):
    tree = _copy(tmp_path)
    (tree / path).write_text(code)
    result = _lint(tree)
    assert result.returncode != 0
    assert named in result.stdout
