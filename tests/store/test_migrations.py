"""Opening databases: new, current, older (backed up and upgraded), unknown and foreign."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import store.models  # noqa: F401 - registers every table on SQLModel.metadata
from store.db.schema import (
    MIGRATIONS_DIR,
    SchemaStatus,
    head_revision,
    inspect_sqlite,
    known_revisions,
    open_database,
)
from store.errors import SchemaError
from tests.support.older_database import older_database


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_shipped_revisions_form_one_line_ending_at_the_head():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [head_revision()]
    walked = [rev.revision for rev in script.walk_revisions()]
    assert list(reversed(walked)) == known_revisions()


def test_a_missing_file_is_created_at_the_head(db_path):
    outcome = open_database(f"sqlite:///{db_path}")
    assert outcome.found.status is SchemaStatus.MISSING
    assert inspect_sqlite(db_path).status is SchemaStatus.CURRENT
    assert outcome.backup is None


def test_migrations_build_exactly_the_tables_the_models_declare(db_path):
    open_database(f"sqlite:///{db_path}")
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": False, "render_as_batch": True}
        )
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == []


def test_an_older_database_is_backed_up_then_upgraded_keeping_its_data(db_path):
    older_database(db_path)
    assert inspect_sqlite(db_path).status is SchemaStatus.OLDER

    outcome = open_database(f"sqlite:///{db_path}")

    assert outcome.found.revision == "0001_foundation"
    assert outcome.backup is not None and outcome.backup.exists()
    assert inspect_sqlite(outcome.backup).revision == "0001_foundation"
    assert inspect_sqlite(db_path).status is SchemaStatus.CURRENT
    connection = sqlite3.connect(db_path)
    current = connection.execute(
        "SELECT period, rag, previous_period, previous_rag FROM current_rag"
    ).fetchall()
    assert current == [("2011-Q1", "G", "2010-Q4", "A")]
    assert connection.execute("SELECT COUNT(*) FROM rag_assessment").fetchone() == (2,)
    connection.close()


def _refused_untouched(db_path: Path, match: str) -> None:
    """Opening the file raises SchemaError matching `match` and leaves it byte for byte."""
    before = digest(db_path)
    with pytest.raises(SchemaError, match=match):
        open_database(f"sqlite:///{db_path}")
    assert digest(db_path) == before


def test_an_unknown_revision_is_refused_as_unknown_and_left_byte_for_byte_untouched(db_path):
    open_database(f"sqlite:///{db_path}")
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = '0999_from_the_future'")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    # Called unknown, not newer: the app cannot tell a newer app's revision from a stranger's.
    _refused_untouched(db_path, "0999_from_the_future, which this app does not know")


def test_a_foreign_database_is_refused_and_left_untouched(db_path):
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    connection.commit()
    connection.close()
    _refused_untouched(db_path, "not a portfolio database")


def test_a_file_that_is_not_sqlite_is_refused_with_a_message(db_path):
    db_path.write_bytes(b"this is a spreadsheet, honest" * 100)
    _refused_untouched(db_path, "not a SQLite database")
