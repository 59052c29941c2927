"""The store never imports the UI, and its read path stays light for a fast first paint."""

from __future__ import annotations

import subprocess
import sys

STORE_MODULES = [
    "store",
    "store.handle",
    "store.portfolio.queries",
    "store.portfolio.services",
    "store.db.schema",
    "store.check",
    "store.demo",
    "store.models",
]


def _imported_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.split())


def test_importing_the_store_does_not_import_textual_or_rich():
    modules = _imported_after("\n".join(f"import {name}" for name in STORE_MODULES))
    assert "textual" not in modules
    assert "rich" not in modules


def test_the_read_path_does_not_import_sqlalchemy_or_pydantic():
    modules = _imported_after(
        "import store.handle, store.portfolio.queries, store.portfolio.read_models, store.demo"
    )
    assert "sqlalchemy" not in modules
    assert "pydantic" not in modules
    assert "alembic" not in modules


def test_widgets_do_not_import_sessions_or_services():
    modules = _imported_after(
        "import widgets.rag, widgets.window_table, widgets.rag_picker, "
        "widgets.filter_input, widgets.trend_strip"
    )
    assert "sqlalchemy" not in modules
    assert "store.handle" not in modules
    assert not any(name.endswith(".services") for name in modules)


def test_opening_the_app_does_not_import_the_subcommands():
    modules = _imported_after(
        "from tui.cli import app_only_args\nassert app_only_args(['--db', 'x.db'])"
    )
    feature_modules = {
        "tui.cli.portfolio",
        "tui.cli.star_chamber",
        "tui.cli.front_door",
        "tui.cli.programme",
        "tui.cli.exchange",
        "tui.cli.reports",
        "tui.cli.users",
        "tui.cli.generate",
        "tui.cli.options",
        "tui.cli.output",
    }
    assert feature_modules.isdisjoint(modules)
    assert "sqlalchemy" not in modules


def test_opening_a_current_database_does_not_import_sqlalchemy_or_alembic(store_url):
    """On either engine (a file, or the test server's database)."""
    modules = _imported_after(
        f"from store.db.schema import open_database\nopen_database({store_url!r})"
    )
    assert "sqlalchemy" not in modules
    assert "alembic" not in modules


def test_opening_the_app_on_a_database_does_not_import_the_store_s_write_side(store_db):
    """What `portfolio --db FILE` does before the first paint (open the store, see
    whether it is a replica, authorise the acting user) stays on the light read path:
    the copying, checking and services modules (and SQLAlchemy with them) load only
    when a command needs them. The sync work once pulled them all in through the
    replica check, tripling the time to first paint."""
    modules = _imported_after(
        "import argparse\nfrom tui.cli.common import open_store\n"
        f"open_store(argparse.Namespace(db={store_db!r}, user=None)).close()"
    )
    assert {"store.move", "store.check", "store.portfolio.services"}.isdisjoint(modules)
    assert "sqlalchemy" not in modules
