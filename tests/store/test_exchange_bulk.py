"""Exchange at scale: a big table is loaded without its indexes (and, on PostgreSQL,
its foreign keys, with `COPY`) and gets them all back; the streamed Excel writer
keeps every text as written."""

from __future__ import annotations

import zipfile

import pytest

from store.db.dialect import created_indexes, foreign_keys_of
from store.exchange import trial
from store.exchange.export import export_file
from store.exchange.load import import_file
from store.exchange.tables import TABLES
from store.handle import Store
from store.programme.risks.services import create_risk
from tests.support.exchange_helpers import contents
from tests.support.factories import small_portfolio


def _catalogue(store: Store) -> tuple[list, list]:
    """Every exported table's secondary indexes and foreign keys, by name."""
    tables = [table.db for table in TABLES]
    with store.reading() as connection:
        indexes = created_indexes(connection, tables)
        keys = [(t, *key) for t in tables for key in foreign_keys_of(connection, t)]
    return indexes, keys


def test_a_bulk_load_puts_back_every_index_and_key(
    demo_store, store, tmp_path, monkeypatch, frozen_clock
):
    """Every table loaded as a big one (on the engine under test): the data arrive
    whole and the schema is as migrated, indexes and foreign keys alike."""
    monkeypatch.setattr(trial, "BULK_ROWS", 0)
    before = _catalogue(store)
    path = tmp_path / "demo.json"
    export_file(demo_store, path, "json")
    import_file(path, store=store)
    assert _catalogue(store) == before
    again = tmp_path / "again.json"
    export_file(store, again, "json")
    assert contents(again) == contents(path)


def test_a_refused_row_in_a_bulk_load_is_named(demo_store, store, tmp_path, monkeypatch):
    """A row the database refuses in a big table (one `COPY` on PostgreSQL) is still
    named by its row, and nothing is kept."""
    monkeypatch.setattr(trial, "BULK_ROWS", 0)
    folder = tmp_path / "csv"
    export_file(demo_store, folder, "csv")
    milestones = folder / "milestones.csv"
    lines = milestones.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[header.index("status")] = "done"
    cells[header.index("actual")] = ""
    lines[2] = ",".join(cells)
    milestones.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        import_file(folder, store=store)
    assert [problem.row for problem in caught.value.problems] == [3]
    with store.reading() as connection:
        assert connection.execute("SELECT COUNT(*) FROM initiative").fetchone()[0] == 0


def test_xlsx_keeps_carriage_returns(store, tmp_path, frozen_clock):
    """A bare carriage return in XML text is read as a line feed; the writer writes it
    as a reference, so `\r\n` comes back as written (openpyxl's writer lost it)."""
    small_portfolio(store)
    texts = ["first line\r\nsecond line", "a & b < c > d", "tab\tinside"]
    with store.writing() as session:
        for text in texts:
            create_risk(
                {"code": "TPD", "description": text, "likelihood": 4, "impact": 4},
                session=session,
            )
    path = tmp_path / "out.xlsx"
    export_file(store, path, "xlsx")
    header, rows = contents(path)["risks"]
    likelihood, description = header.index("likelihood"), header.index("description")
    assert [row[description] for row in rows if row[likelihood] == 4] == texts
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
