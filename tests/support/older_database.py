"""A database as an earlier release of the app left it, for the upgrade tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from store.db.schema import upgrade


def older_database(path: Path) -> None:
    """A database at the first revision holding one assessed initiative, made the way an
    earlier release of the app would have left it."""
    upgrade(f"sqlite:///{path}", "0001_foundation")
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        INSERT INTO business_group (id, code, name) VALUES (1, 'TP', 'Territorial Policing');
        INSERT INTO initiative (id, code, name, kind, business_group_id, tree_path)
            VALUES (1, 'TPD', 'TP Development', 'programme', 1, 'TP/TPD');
        INSERT INTO rag_criterion (id, name) VALUES (1, 'Overall status');
        INSERT INTO rag_assessment (initiative_id, criterion_id, period, rag, rationale,
                                    author, recorded_at)
            VALUES (1, 1, '2010-Q4', 'A', 'late business cases', 'a', '2011-01-05T00:00:00Z'),
                   (1, 1, '2011-Q1', 'G', 'cases approved', 'a', '2011-04-05T00:00:00Z');
        """
    )
    connection.commit()
    connection.close()
