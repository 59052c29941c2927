"""Bad import files: every problem is reported with its sheet or file, row and column,
the command exits 2, and the database is left byte for byte unchanged."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from store.exchange.export import export_file
from store.exchange.load import check_file, import_file
from store.exchange.problems import ImportRejectedError
from store.handle import Store
from tests.support.exchange_helpers import db_hash
from tui.cli import main


def _rewrite_csv(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _set(rows: list[list[str]], row: int, column: str, value: str) -> None:
    rows[row - 1][rows[0].index(column)] = value


@pytest.fixture
def bad_csv(demo_store, tmp_path) -> Path:
    """A CSV export with one of each kind of bad input the issue names."""
    folder = tmp_path / "bad"
    export_file(demo_store, folder, "csv")
    _rewrite_csv(folder / "assessments.csv", lambda rows: _set(rows, 5, "rag", "X"))

    def initiatives(rows):
        _set(rows, 3, "business_group", "ZZ")
        _set(rows, 7, "code", rows[5][rows[0].index("code")])

    _rewrite_csv(folder / "initiatives.csv", initiatives)
    _rewrite_csv(folder / "savings_cells.csv", lambda rows: _set(rows, 2, "gbp_m", "-8.25"))
    _rewrite_csv(folder / "proposals.csv", lambda rows: _set(rows, 4, "cost_gbp", "1200.505"))

    def drop_column(rows):
        at = rows[0].index("likelihood")
        for row in rows:
            del row[at]

    _rewrite_csv(folder / "risks.csv", drop_column)
    with (folder / "milestones.csv").open("a", encoding="utf-8") as handle:
        handle.write('99,DRM,"an unclosed quote\n')
    return folder


def _found(problems) -> set[tuple]:
    return {(p.where, p.row, p.column) for p in problems}


def test_every_problem_is_listed_with_file_row_and_column(bad_csv):
    checked = check_file(bad_csv)
    found = _found(checked.problems)
    assert ("assessments.csv", 5, "rag") in found
    assert ("initiatives.csv", 3, "business_group") in found
    assert ("initiatives.csv", 7, "code") in found
    assert ("savings_cells.csv", 2, "gbp_m") in found
    assert ("proposals.csv", 4, "cost_gbp") in found
    assert ("risks.csv", 1, "likelihood") in found
    assert any(
        p.where == "milestones.csv" and "not valid CSV" in p.problem for p in checked.problems
    )
    text = "\n".join(str(p) for p in checked.problems)
    assert "assessments.csv row 5, column rag: 'X' is not one of R, A, G" in text
    assert "no business group with code 'ZZ'" in text
    assert "duplicate code" in text
    assert "-8.25 has too many decimals (at most 1 decimal)" in text
    assert "1200.505 has too many decimals (at most 2 decimals)" in text
    assert "risks.csv row 1, column likelihood: is missing from the header" in text


def test_bad_file_exits_2_lists_everything_and_changes_nothing(bad_csv, tmp_path, capsys):
    target = tmp_path / "target.db"
    handle, _ = Store.open(f"sqlite:///{target}", "tester")
    handle.close()
    before = db_hash(target)
    code = main(["import", "--db", str(target), str(bad_csv)])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert err[0].startswith("portfolio: bad: ") and "nothing was imported" in err[0]
    assert len(err) >= 8
    assert any("column rag" in line for line in err)
    assert db_hash(target) == before


def test_xlsx_problems_name_the_sheet(demo_store, tmp_path):
    path = tmp_path / "bad.xlsx"
    export_file(demo_store, path, "xlsx")
    book = load_workbook(path)
    sheet = book["assessments"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=4, column=header.index("rag") + 1, value="X")
    groups = book["business_groups"]
    groups.delete_cols(3)  # name
    book.save(path)
    problems = check_file(path).problems
    assert ("sheet assessments", 4, "rag") in _found(problems)
    assert ("sheet business_groups", 1, "name") in _found(problems)


def test_json_problems_name_the_table(demo_store, tmp_path):
    path = tmp_path / "bad.json"
    export_file(demo_store, path, "json")
    document = json.loads(path.read_text(encoding="utf-8"))
    rows = document["tables"]["savings_years"]["rows"]
    column = document["tables"]["savings_years"]["columns"].index("budget_requirement_gbp_m")
    rows[0][column] = 85.75
    path.write_text(json.dumps(document), encoding="utf-8")
    [problem] = check_file(path).problems
    assert (problem.where, problem.row, problem.column) == (
        "bad.json tables.savings_years",
        1,
        "budget_requirement_gbp_m",
    )


def test_import_raises_with_every_problem_and_writes_nothing(bad_csv, tmp_path):
    handle, _ = Store.open(f"sqlite:///{tmp_path / 't.db'}", "loader")
    try:
        with pytest.raises(ImportRejectedError) as caught:
            import_file(bad_csv, store=handle)
        with handle.reading() as connection:
            assert connection.execute("SELECT COUNT(*) FROM business_group").fetchone() == (0,)
    finally:
        handle.close()
    assert len(caught.value.problems) >= 7
