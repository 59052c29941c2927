"""What SQL differs between SQLite and PostgreSQL, in one small place.

The store's SQL is portable where it can be; what cannot be (DDL for guard triggers and
pattern CHECKs in the migrations, SQLite's INDEXED BY hint) asks here which engine a
connection is on. Only the standard library, so the read path stays light.
"""

from __future__ import annotations

from typing import Any

POSTGRESQL = "postgresql"
SQLITE = "sqlite"


def is_postgres(connection: Any) -> bool:
    """True for a PostgreSQL connection (the store's wrapped psycopg one)."""
    return getattr(connection, "dialect", SQLITE) == POSTGRESQL


def missing_object(error: BaseException) -> bool:
    """True when `error` says a table (or SQLite index) does not exist (yet)."""
    return "no such" in str(error) or getattr(error, "sqlstate", None) == "42P01"
