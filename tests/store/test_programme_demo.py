"""The programme-depth demo: one audit event per record, and text in its own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.audit import verify_chain
from tests.store.test_demo import RUN, SEED_FILES, SEEDS_DIR, _runs, _words

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
    missing = [name for name in SEED_FILES if not (SEEDS_DIR / name).is_file()]
    if missing:
        pytest.skip(f"seed texts not available at {SEEDS_DIR}")
    seeds = [Path(SEEDS_DIR / name).read_text(encoding="utf-8") for name in SEED_FILES]
    with demo_store.reading() as connection:
        texts = [
            text
            for (text,) in connection.execute(
                "SELECT description || ' ' || cause || ' ' || effect || ' ' || mitigation "
                "FROM risk "
                "UNION ALL SELECT needed FROM dependency UNION ALL SELECT name FROM milestone"
            )
        ]
    copied = []
    for split in (False, True):
        seed_runs = set().union(*(_runs(_words(s, split_on_punctuation=split)) for s in seeds))
        for text in texts:
            copied += [
                " ".join(run) for run in _runs(_words(text, split_on_punctuation=split)) & seed_runs
            ]
    assert RUN == 8 and not copied, copied
