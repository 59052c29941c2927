"""Export and import: the round trip in every format, the checks, all or nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import SQLModel

import store.models  # noqa: F401  (registers every table)
from store.audit import verify_chain
from store.check import check_database
from store.errors import InputError, PermissionDenied
from store.exchange import trial
from store.exchange.export import export_file
from store.exchange.load import import_file
from store.exchange.problems import ImportRejectedError
from store.exchange.tables import TABLES
from store.handle import Store
from store.users.services import add_user
from tests.support.exchange_helpers import contents, db_hash

DERIVED = {"initiative": {"tree_path", "depth"}}


def _target(tmp_path: Path, name: str = "target.db") -> Store:
    handle, _ = Store.open(f"sqlite:///{tmp_path / name}", "tester")
    return handle


def _out(tmp_path: Path, stem: str, fmt: str) -> Path:
    return tmp_path / (stem if fmt == "csv" else f"{stem}.{fmt}")


def test_registry_covers_every_column_of_every_table():
    for table in TABLES:
        columns = {c.name for c in SQLModel.metadata.tables[table.db].columns}
        exported = {c.column for c in table.columns}
        assert exported == columns - DERIVED.get(table.db, set()), table.name
    exported_tables = {t.db for t in TABLES}
    # Users and roles belong to one database's access control, not to the portfolio;
    # so do a replica's sync bookkeeping and a server's record of what it synced.
    assert set(SQLModel.metadata.tables) - exported_tables == {
        "audit_event",
        "current_rag",
        "app_user",
        "replica_state",
        "sync_journal",
        "sync_identity",
        "sync_applied",
        "replica_archive",
    }


@pytest.mark.parametrize("fmt", ["json", "xlsx", "csv"])
def test_round_trip_gives_identical_data(demo_store, tmp_path, fmt):
    first = _out(tmp_path, "first", fmt)
    exported = export_file(demo_store, first, fmt)
    with _target(tmp_path) as target:
        result = import_file(first, store=target)
        second = _out(tmp_path, "second", fmt)
        again = export_file(target, second, fmt)
        assert result.rows == exported.rows == again.rows
        assert exported.rows["assessments"] > 0 and exported.rows["decisions"] > 0
        assert contents(second) == contents(first)
        if fmt == "csv":
            for file in first.iterdir():
                assert (second / file.name).read_bytes() == file.read_bytes()
        with target.reading() as c, demo_store.reading() as d:
            cr = "SELECT * FROM current_rag ORDER BY initiative_id, criterion_id"
            strip = lambda rows: [row[1:] for row in rows]  # noqa: E731
            assert strip(c.execute(cr).fetchall()) == strip(d.execute(cr).fetchall())
            paths = "SELECT id, tree_path, depth FROM initiative ORDER BY id"
            assert c.execute(paths).fetchall() == d.execute(paths).fetchall()
    assert check_database(target.path).ok


def test_import_records_one_audit_event_naming_who_and_the_file(demo_store, tmp_path):
    path = tmp_path / "portfolio.json"
    export_file(demo_store, path, "json")
    with _target(tmp_path) as target:
        import_file(path, store=target)
        with target.reading() as connection:
            events = connection.execute(
                "SELECT actor, entity, entity_id, action, after_json FROM audit_event"
            ).fetchall()
            assert verify_chain(connection).ok
    # The first write to a new database makes the OS user (here `tester`) admin.
    assert [(event[1], event[3]) for event in events] == [
        ("app_user", "create"),
        ("import", "import"),
    ]
    actor, entity, entity_id, action, after = events[-1]
    assert (actor, entity, entity_id, action) == ("tester", "import", "portfolio.json", "import")
    assert json.loads(after)["file"] == "portfolio.json"
    assert json.loads(after)["rows"]["initiatives"] > 100


def test_only_an_admin_imports_and_a_refusal_is_audited_with_nothing_loaded(demo_store, tmp_path):
    path = tmp_path / "portfolio.json"
    export_file(demo_store, path, "json")
    with _target(tmp_path) as target:
        with target.writing() as session:  # the OS user `tester` becomes admin
            add_user({"login": "v.ward", "role": "viewer"}, session=session)
        with pytest.raises(PermissionDenied, match=r"v.ward \(viewer\) may not import"):
            import_file(path, store=target, actor="v.ward")
        with target.reading() as connection:
            assert connection.execute("SELECT COUNT(*) FROM initiative").fetchone() == (0,)
            last = connection.execute(
                "SELECT actor, action FROM audit_event ORDER BY id DESC LIMIT 1"
            ).fetchone()
            assert verify_chain(connection).ok
    assert last == ("v.ward", "denied")


def test_large_tables_load_with_indexes_rebuilt(demo_store, tmp_path, monkeypatch):
    monkeypatch.setattr(trial, "BULK_ROWS", 0)
    path = tmp_path / "all.json"
    export_file(demo_store, path, "json")
    with _target(tmp_path) as target:
        import_file(path, store=target)
        # The same indexes as a fresh database on the same engine (the demo may be on
        # PostgreSQL, whose catalogue differs).
        with _target(tmp_path, "fresh.db") as fresh, target.reading() as c, fresh.reading() as d:
            sql = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
            assert c.execute(sql).fetchall() == d.execute(sql).fetchall()
    assert check_database(target.path).ok


def test_import_refuses_a_database_that_holds_data(demo_store, demo_path, tmp_path):
    path = tmp_path / "all.json"
    export_file(demo_store, path, "json")
    before = db_hash(demo_path)
    with pytest.raises(InputError, match="is not empty"):
        import_file(path, store=demo_store)
    assert db_hash(demo_path) == before


def test_progress_is_reported(demo_store, tmp_path):
    seen: list[tuple[int, int]] = []
    path = tmp_path / "all.json"
    export_file(demo_store, path, "json", on_progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] > 0
    target = _target(tmp_path)
    loaded: list[tuple[int, int]] = []
    try:
        import_file(path, store=target, on_progress=lambda d, t: loaded.append((d, t)))
    finally:
        target.close()
    assert loaded[-1][0] == loaded[-1][1] and loaded[-1][0] >= seen[-1][1]


def test_a_row_the_database_refuses_rolls_everything_back(demo_store, tmp_path):
    folder = tmp_path / "csv"
    export_file(demo_store, folder, "csv")
    milestones = folder / "milestones.csv"
    lines = milestones.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    middle = len(lines) // 2
    cells = lines[middle].split(",")
    # Done without an actual date: the checks let it through, the database's CHECK does not.
    cells[header.index("status")] = "done"
    cells[header.index("actual")] = ""
    lines[middle] = ",".join(cells)
    milestones.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = _target(tmp_path)
    target.close()
    before = db_hash(target.path)
    with _target(tmp_path) as target, pytest.raises(ImportRejectedError) as caught:
        import_file(folder, store=target)
    assert db_hash(target.path) == before
    [problem] = caught.value.problems
    assert problem.where == "milestones.csv" and problem.row == middle + 1
    assert "ck_milestone_done_has_actual" in problem.problem
    with sqlite3.connect(target.path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM initiative").fetchone() == (0,)
        assert connection.execute("SELECT COUNT(*) FROM audit_event").fetchone() == (0,)


def test_every_row_the_database_refuses_is_named_on_the_engine_under_test(
    demo_store, store, tmp_path
):
    """Into a database on the same engine as the demo (PostgreSQL ends its transaction
    at a refusal unless each row has its own savepoint): both refused rows are named
    and nothing is kept."""
    folder = tmp_path / "csv"
    export_file(demo_store, folder, "csv")
    milestones = folder / "milestones.csv"
    lines = milestones.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    refused = [len(lines) // 3, 2 * len(lines) // 3]
    for number in refused:
        cells = lines[number].split(",")
        cells[header.index("status")] = "done"
        cells[header.index("actual")] = ""
        lines[number] = ",".join(cells)
    milestones.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportRejectedError) as caught:
        import_file(folder, store=store)
    assert [problem.row for problem in caught.value.problems] == [n + 1 for n in refused]
    assert all("ck_milestone_done_has_actual" in p.problem for p in caught.value.problems)
    with store.reading() as connection:
        assert connection.execute("SELECT COUNT(*) FROM initiative").fetchone()[0] == 0
