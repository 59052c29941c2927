"""Revision 0003: the Star Chamber tables arrive on an older database, their CHECK
constraints protect the data, and the revision can be stepped back."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from alembic.config import Config

from store.db.engine import build_engine
from store.db.schema import MIGRATIONS_DIR, SchemaStatus, inspect_sqlite, open_database, upgrade

TABLES = {
    "sc_establishment",
    "sc_engagement",
    "sc_meeting",
    "sc_request",
    "sc_agenda_item",
    "sc_displaced",
    "sc_decision",
    "sc_departure_scheme",
    "sc_departure_group",
}


def _tables(path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    finally:
        connection.close()


def test_an_older_database_gains_the_star_chamber_tables(db_path):
    upgrade(f"sqlite:///{db_path}", "0002_current_rag")
    assert not TABLES & _tables(db_path)
    outcome = open_database(f"sqlite:///{db_path}")
    assert outcome.backup is not None
    assert _tables(db_path) >= TABLES
    assert inspect_sqlite(db_path).status is SchemaStatus.CURRENT


def test_check_constraints_protect_the_data(db_path):
    open_database(f"sqlite:///{db_path}")
    connection = sqlite3.connect(db_path)
    connection.execute("INSERT INTO business_group (id, code, name) VALUES (1, 'TP', 'TP')")
    insert = (
        "INSERT INTO sc_request (reference, year, seq, business_group_id, post_title, grade, "
        "staff_type, fte_x100, justification, requested_by, received_on, entered_by, "
        "entered_at) VALUES (?, 2011, ?, 1, 'Clerk', 'Band C', ?, ?, 'j', 'r', '2011-06-01', "
        "'e', 't')"
    )
    connection.execute(insert, ("SC-2011-0001", 1, "police_staff", 100))
    with pytest.raises(sqlite3.IntegrityError, match="ck_sc_request_fte"):
        connection.execute(insert, ("SC-2011-0002", 2, "police_staff", 0))
    with pytest.raises(sqlite3.IntegrityError, match="ck_sc_request_staff_type"):
        connection.execute(insert, ("SC-2011-0003", 3, "contractor", 100))
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        connection.execute(insert, ("SC-2011-0004", 1, "police_staff", 100))
    connection.execute(
        "INSERT INTO sc_meeting (id, held_on, chair, created_by, created_at) "
        "VALUES (1, '2011-06-13', 'c', 'e', 't')"
    )
    with pytest.raises(sqlite3.IntegrityError, match="ck_sc_decision_posting_list_first"):
        connection.execute(
            "INSERT INTO sc_decision (request_id, meeting_id, outcome, reason, decided_on, "
            "recorded_by, recorded_at) VALUES (1, 1, 'approved', 'r', '2011-06-13', 'e', 't')"
        )
    connection.execute(
        "INSERT INTO sc_departure_scheme (id, phase, name, staff_groups, terms, opens_on) "
        "VALUES (1, 1, 'n', 's', 't', '2010-11-01')"
    )
    with pytest.raises(sqlite3.IntegrityError, match="ck_sc_departure_group_counts"):
        connection.execute(
            "INSERT INTO sc_departure_group (scheme_id, name, offered, accepted) "
            "VALUES (1, 'g', 10, 11)"
        )
    connection.close()


def test_the_revision_steps_back_cleanly(db_path):
    open_database(f"sqlite:///{db_path}")
    engine = build_engine(f"sqlite:///{db_path}", foreign_keys=False)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0002_current_rag")
    finally:
        engine.dispose()
    assert not TABLES & _tables(db_path)
    assert "current_rag" in _tables(db_path)
