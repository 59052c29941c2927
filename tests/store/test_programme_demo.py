"""The programme-depth demo: one audit event per record, and text in its own words."""

from __future__ import annotations

from store.audit import verify_chain
from tests.support.seeds import copied_from_seeds

TABLES = ("risk", "milestone", "dependency", "savings_year", "savings_line", "savings_cell")


def test_one_audit_event_per_programme_depth_record(demo_store):
    with demo_store.reading() as connection:
        assert verify_chain(connection).ok
        for table in TABLES:
            rows = connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            events = connection.execute(
                "SELECT COUNT(*) FROM audit_event WHERE entity = ?", (table,)
            ).fetchone()[0]
            assert rows == events > 0, table


def test_demo_summary_counts_the_new_parts(store):
    from store.demo import load_demo

    with store.writing() as session:
        summary = load_demo(session)
    assert summary.counts["savings lines"] == 11
    assert summary.counts["risks"] == 15 and summary.counts["dependencies"] == 14


def test_no_demo_text_is_copied_from_the_seeds(demo_store):
    with demo_store.reading() as connection:
        texts = [
            text
            for (text,) in connection.execute(
                "SELECT description || ' ' || cause || ' ' || effect || ' ' || mitigation "
                "FROM risk "
                "UNION ALL SELECT needed FROM dependency UNION ALL SELECT name FROM milestone"
            )
        ]
    copied = copied_from_seeds([("programme depth", text) for text in texts])
    assert not copied, "text copied from the seeds:\n" + "\n".join(copied)
