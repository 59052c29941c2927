"""The data exchange screen as a person uses it: export in each format, check a bad
file and read every problem, be refused an import into a database with data, import
into an empty one, and take a backup."""

from __future__ import annotations

import json
import sqlite3

from store.exchange.load import check_file
from tests.support.exchange_files import bad_export, sound_export
from tests.support.tui import press, screen_text, settle, type_keys
from tui.app import PortfolioApp


async def open_exchange(pilot) -> None:
    """From the portfolio list, `e` opens the data exchange screen."""
    await settle(pilot)
    await press(pilot, "e")
    assert type(pilot.app.screen).__name__ == "DataExchangeScreen"


async def run_job(pilot, key: str, path: str | None = None) -> None:
    """Put the cursor in a job's path, optionally type a new one, and press enter."""
    await type_keys(pilot, key)
    if path is not None:
        await type_keys(pilot, "ctrl+u", *path)
    await type_keys(pilot, "enter")
    await settle(pilot, 8)


def status(app) -> str:
    """The status line beside the progress bar (it wraps on screen when long)."""
    return str(app.screen.query_one("#job-status").content)


def counts(path) -> dict[str, int]:
    """Rows in a few tables of the database at `path`."""
    with sqlite3.connect(path) as connection:
        return {
            name: connection.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0]
            for name in ("initiative", "rag_assessment", "risk", "audit_event")
        }


async def test_export_json_xlsx_and_csv(demo_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_exchange(pilot)
        text = screen_text(app)
        assert "./portfolio-export-2011-06-13.json" in text
        assert "./portfolio-backup-2011-06-13.db" in text
        assert "Import needs an empty database" in text

        # The suggested JSON path, in the current folder.
        await run_job(pilot, "e")
        exported = tmp_path / "portfolio-export-2011-06-13.json"
        assert exported.exists()
        data = json.loads(exported.read_text("utf-8"))
        assert len(data["tables"]["initiatives"]["rows"]) == 138
        checked = check_file(exported)
        assert checked.problems == [] and len(checked.tables["initiatives"].rows) == 138
        assert status(app) == f"Exported {checked.row_count:,} rows as json to {exported}"
        text = screen_text(app)
        assert "initiatives" in text and "138" in text

        # ctrl+t switches to xlsx, then to a CSV folder.
        await run_job(pilot, "e")  # the file exists now: enter again replaces it
        assert "exists: enter again replaces it" in screen_text(app)
        await type_keys(pilot, "enter")
        await settle(pilot, 8)
        assert "Exported" in screen_text(app)
        await type_keys(pilot, "e", "ctrl+t")
        assert "Excel: a sheet per table" in screen_text(app)
        await type_keys(pilot, "enter")
        await settle(pilot, 8)
        workbook = tmp_path / "portfolio-export-2011-06-13.xlsx"
        assert check_file(workbook).row_count == checked.row_count
        await type_keys(pilot, "e", "ctrl+t", "enter")
        await settle(pilot, 8)
        folder = tmp_path / "portfolio-export-2011-06-13"
        assert (folder / "initiatives.csv").exists()
        assert check_file(folder).row_count == checked.row_count

        # A path that cannot be written: the reason is shown and the path stays.
        (tmp_path / "a-file").write_text("x")
        await run_job(pilot, "e", "a-file/out.json")
        assert status(app).startswith("Export failed: ")
        assert app.screen.query_one("#export-path").value == "a-file/out.json"

        await press(pilot, "escape", "escape")
        assert type(app.screen).__name__ == "PortfolioListScreen"


async def test_check_lists_every_problem_and_import_is_refused(
    demo_store, demo_path, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    bad = bad_export(demo_store, tmp_path / "bad.json")
    expected = check_file(bad).problems
    assert len(expected) >= 5
    before = counts(demo_path)
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_exchange(pilot)
        await run_job(pilot, "c", "bad.json")
        text = screen_text(app)
        assert f"{len(expected)} problems in bad.json" in text
        # Every problem is a row of the table, and each is on screen.
        table = app.screen.query_one("#problems")
        assert table.items == expected
        for problem in expected:
            row = f"{problem.where:<34} {problem.row!s:<6} {problem.column:<18} "
            assert row + problem.problem[:30] in text, row
        assert "no business group with code 'ZZ'" in text
        assert "'X' is not one of R, A, G" in text
        assert "has too many decimals" in text
        assert "is missing from the header" in text
        # The highlighted problem is shown in full below the table.
        assert str(expected[0]) in text

        # Importing into this database (it has data) is refused with the reason.
        await run_job(pilot, "i")
        assert status(app).startswith("Not imported: database: is not empty")
        assert status(app).endswith("To see whether the file is sound, press c to check it")
        assert "Not imported: database: is not empty" in screen_text(app)
    assert counts(demo_path) == before


async def test_import_into_an_empty_database(demo_store, store, db_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = bad_export(demo_store, tmp_path / "bad.json")
    good = sound_export(demo_store, tmp_path / "good.json")
    problems = check_file(bad).problems
    app = PortfolioApp(store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_exchange(pilot)
        assert "is empty: i imports a whole portfolio" in screen_text(app)

        # A bad file: every problem is listed and nothing is written.
        await run_job(pilot, "i", "bad.json")
        text = screen_text(app)
        assert f"bad.json: {len(problems)} problems; nothing was imported" in text
        assert app.screen.query_one("#problems").items == problems
        assert counts(db_path)["initiative"] == 0

        # The sound file lands, all of it, with one audit event naming it.
        await run_job(pilot, "i", "good.json")
        text = screen_text(app)
        total = check_file(good).row_count
        assert f"Imported {total:,} rows from good.json (json)" in text
        assert f"rows in {len(check_file(good).tables)} tables" in text
        assert "is empty" not in text and "Import needs an empty database" in text
        landed = counts(db_path)
        assert landed["initiative"] == 138 and landed["risk"] == 15
        with sqlite3.connect(db_path) as connection:
            events = connection.execute(
                "SELECT actor, entity_id FROM audit_event WHERE action = 'import'"
            ).fetchall()
        assert events == [("tester", "good.json")]

        # Back on the list, the imported portfolio is there.
        await pilot.press("escape")
        await settle(pilot, 6)
        assert "138 shown" in screen_text(app)


async def test_backup_to_a_typed_path(demo_store, demo_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_exchange(pilot)
        await run_job(pilot, "b")
        copy = tmp_path / "portfolio-backup-2011-06-13.db"
        assert copy.exists()
        assert status(app).startswith(f"Backed up to {copy} (")
        assert "integrity_check ok" in screen_text(app)
        with sqlite3.connect(copy) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert counts(copy) == counts(demo_path)

        # The database itself is refused, and the typed path is kept.
        await run_job(pilot, "b", str(demo_path))
        await type_keys(pilot, "enter")  # it exists: confirm, then the store refuses
        await settle(pilot, 8)
        assert status(app) == "Backup failed: file: is the database itself; choose another file"
        assert app.screen.query_one("#backup-path").value == str(demo_path)


async def test_go_to_menu_and_help(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "e Exchange" in text and "p Pack" in text and "m all screens" in text
        assert "? Help" in text
        await press(pilot, "m")
        text = screen_text(app)
        assert "Data exchange" in text and "Posting List" in text
        await press(pilot, "e")
        assert type(app.screen).__name__ == "DataExchangeScreen"
        await press(pilot, "question_mark")
        text = screen_text(app)
        assert "Data exchange" in text and "only goes into an" in text
        await press(pilot, "escape", "escape")

        # A screen without a key: arrows and enter in the menu.
        await press(pilot, "m", "down", "down", "down", "enter")
        assert type(app.screen).__name__ == "PostingListScreen"
        await press(pilot, "escape")
        await press(pilot, "question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        assert "menu" in screen_text(app)
        # The help's key list names every destination key (it scrolls: read the table).
        keys = app.screen.query_one("#help-keys").content
        cells = zip(keys.columns[0]._cells, keys.columns[1]._cells, strict=True)
        rows = {str(key): str(what) for key, what in cells}  # cells are plain Text
        assert rows["e"] == "Go to Data exchange" and rows["m"] == "Go to…"
        assert rows["p"] == "Go to Board pack" and rows["s"] == "Go to Star Chamber"
