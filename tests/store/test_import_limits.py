"""Import checks everything and refuses safely (issue 15 §7): limits checked before a
file is read, JSON that would be silently resolved, cells of the wrong kind, hidden
characters, missing tables, numbers SQLite cannot hold, and the problems only the
database would find, all listed in one run."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from store.errors import InputError
from store.exchange.export import export_file
from store.exchange.load import check_file, import_file
from store.exchange.problems import ImportRejectedError
from store.handle import Store
from store.portfolio.inputs import AssessmentIn
from store.validation import parse_input, text_problem
from tests.support.hostile_files import MIB, repeated_member_zip


def _problems(path: Path, **options) -> list[str]:
    return [str(problem) for problem in check_file(path, **options).problems]


def _json_export(store, tmp_path: Path) -> tuple[Path, dict]:
    path = tmp_path / "all.json"
    export_file(store, path, "json")
    return path, json.loads(path.read_text(encoding="utf-8"))


def _set_cell(document: dict, table: str, row: int, column: str, value) -> None:
    body = document["tables"][table]
    body["rows"][row - 1][body["columns"].index(column)] = value


def _save(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


# 1. Limits checked before reading


def test_a_zip_bomb_cell_of_1_5_gb_is_refused_by_its_uncompressed_size(tmp_path):
    path = tmp_path / "bomb.xlsx"
    size = repeated_member_zip(path, "xl/sharedStrings.xml", b"a" * (16 * MIB), 90)
    assert size > 1_500_000_000 and path.stat().st_size < 2 * MIB
    [problem] = _problems(path)
    assert "1,509,949,440 bytes, over the limit of 1,073,741,824" in problem
    assert "PORTFOLIO_IMPORT_MAX_BYTES" in problem


def test_a_part_that_expands_too_many_times_is_refused(tmp_path):
    path = tmp_path / "ratio.xlsx"
    repeated_member_zip(path, "xl/worksheets/sheet1.xml", b"a" * (16 * MIB), 6)
    [problem] = _problems(path)
    assert "its part xl/worksheets/sheet1.xml" in problem
    assert "PORTFOLIO_IMPORT_MAX_RATIO" in problem


def test_a_sheet_of_5_million_rows_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTFOLIO_IMPORT_MAX_RATIO", "100000")  # only the rows limit
    path = tmp_path / "rows.xlsx"
    repeated_member_zip(path, "xl/worksheets/sheet1.xml", b"<row/>" * 100_000, 50)
    [problem] = _problems(path)
    assert "4,999,999 rows, over the limit of 2,000,000" in problem
    assert "PORTFOLIO_IMPORT_MAX_ROWS" in problem


def test_rows_over_the_limit_are_refused_in_every_format(demo_store, tmp_path, monkeypatch):
    monkeypatch.setenv("PORTFOLIO_IMPORT_MAX_ROWS", "5")
    for fmt in ("json", "xlsx", "csv"):
        path = tmp_path / (f"all.{fmt}" if fmt != "csv" else "all")
        export_file(demo_store, path, fmt)
        problems = _problems(path)
        assert problems, fmt
        assert all(
            "over the limit of 5" in p and "PORTFOLIO_IMPORT_MAX_ROWS" in p for p in problems
        )


def test_a_text_longer_than_the_limit_is_refused_with_its_place(demo_store, tmp_path, monkeypatch):
    path = tmp_path / "long.xlsx"
    from openpyxl import load_workbook

    export_file(demo_store, path, "xlsx")
    book = load_workbook(path)
    sheet = book["assessments"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=3, column=header.index("rationale") + 1, value="x" * 3000)
    book.save(path)
    monkeypatch.setenv("PORTFOLIO_MAX_TEXT", "2000")
    problems = _problems(path)
    assert any(p.startswith("sheet assessments row 3, column rationale: ") for p in problems)
    assert any("3,000 characters, over the limit of 2,000" in p for p in problems)
    monkeypatch.setenv("PORTFOLIO_MAX_TEXT", "200")  # the 3,000 bytes are refused unread
    problems = _problems(path)
    assert problems and all("a text in its part xl/" in p for p in problems)
    assert all("over the limit of 200 characters (set PORTFOLIO_MAX_TEXT" in p for p in problems)


# 2-6. JSON, cells of the wrong kind, hidden characters, missing tables, big numbers


def test_a_repeated_json_table_key_is_reported(demo_store, tmp_path):
    path, _document = _json_export(demo_store, tmp_path)
    text = path.read_text(encoding="utf-8")
    first = text.index('"business_groups":')
    repeated = text[:first] + '"risks":{"columns":[],"rows":[]},' + text[first:]
    path.write_text(repeated, encoding="utf-8")
    [problem] = _problems(path)
    assert "holds the key 'risks' twice" in problem


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (["a", "list"], "a list"),
        ({"an": "object"}, "an object"),
        (12, "a number"),
        (1.5, "a number"),
        (True, "a true/false value"),
    ],
)
def test_a_text_cell_holding_another_kind_is_reported(demo_store, tmp_path, value, kind):
    path, document = _json_export(demo_store, tmp_path)
    _set_cell(document, "assessments", 2, "rationale", value)
    [problem] = _problems(_save(path, document))
    place = "all.json tables.assessments row 2, column rationale"
    assert problem == f"{place}: is {kind}, not text; write the text in quotes"


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\u202e", "\u200b", "\ufeff"])
def test_hidden_characters_are_refused_as_forms_and_commands_refuse_them(
    demo_store, tmp_path, character
):
    path, document = _json_export(demo_store, tmp_path)
    _set_cell(document, "initiatives", 3, "name", f"Drones{character}x")
    [problem] = _problems(_save(path, document))
    code = f"U+{ord(character):04X}"
    assert problem.startswith("all.json tables.initiatives row 3, column name: ")
    assert problem.endswith(text_problem(f"a{character}"))
    assert code in problem
    data = {"code": "HX", "criterion": "Overall", "rag": "G", "rationale": f"a{character}b"}
    with pytest.raises(InputError) as caught:
        parse_input(AssessmentIn, data)
    assert str(caught.value) == f"rationale: {text_problem(f'a{character}')}"


@pytest.mark.parametrize("character", ["\u3164", "\u2800", "\ufe0f"])
def test_a_cell_of_only_invisible_characters_is_refused(demo_store, tmp_path, character):
    path, document = _json_export(demo_store, tmp_path)
    _set_cell(document, "initiatives", 3, "name", character)
    [problem] = _problems(_save(path, document))
    assert problem.startswith("all.json tables.initiatives row 3, column name: ")
    assert problem.endswith(text_problem(character))
    assert f"U+{ord(character):04X}" in problem


def test_a_file_missing_whole_tables_is_refused_unless_partial(demo_store, tmp_path):
    path, document = _json_export(demo_store, tmp_path)
    del document["tables"]["risks"], document["tables"]["recommendations"]
    _save(path, document)
    [problem] = _problems(path)
    assert problem.startswith("file: has no tables risks, recommendations; ")
    assert "--partial" in problem
    assert _problems(path, partial=True) == []


@pytest.mark.parametrize(
    ("table", "column", "value", "words"),
    [
        ("initiatives", "id", 2**70, "is too large"),
        ("vacancy_requests", "fte", 1e300, "is too large"),
        ("vacancy_requests", "fte", -1e300, "is too large"),
        ("vacancy_requests", "year", -(2**64), "is too large"),
    ],
)
def test_numbers_sqlite_cannot_hold_are_reported_with_their_place(
    demo_store, tmp_path, table, column, value, words
):
    path, document = _json_export(demo_store, tmp_path)
    _set_cell(document, table, 1, column, value)
    problems = _problems(_save(path, document))
    assert any(
        p.startswith(f"all.json tables.{table} row 1, column {column}: ") and words in p
        for p in problems
    ), problems


def test_deep_nesting_is_reported_not_a_crash(demo_store, tmp_path):
    path, _document = _json_export(demo_store, tmp_path)
    text = path.read_text(encoding="utf-8")
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text(text.replace('"rows":[', f'"deep":{deep},"rows":[', 1), encoding="utf-8")
    [problem] = _problems(path)
    assert problem == "all.json: nests lists or objects too deeply to read"


# 7. What only the database would refuse, in the same run as everything else


def _with_database_only_problems(store, tmp_path: Path) -> Path:
    path, document = _json_export(store, tmp_path)
    _set_cell(document, "vacancy_requests", 1, "fte", 0)  # CHECK fte_x100 > 0
    body = document["tables"]["vacancy_requests"]
    year, seq = (body["columns"].index(name) for name in ("year", "seq"))
    body["rows"][2][year], body["rows"][2][seq] = body["rows"][1][year], body["rows"][1][seq]
    return _save(path, document)


def test_the_check_finds_what_only_the_database_refuses(demo_store, tmp_path):
    path = _with_database_only_problems(demo_store, tmp_path)
    problems = _problems(path)
    assert (
        "all.json tables.vacancy_requests row 1, column fte: the database refuses it: "
        "CHECK constraint failed: ck_sc_request_fte"
    ) in problems
    assert any(
        "row 3" in p and "UNIQUE constraint failed: sc_request.year, sc_request.seq" in p
        for p in problems
    ), problems


def test_one_run_lists_the_database_problems_with_the_others(demo_store, tmp_path):
    path = _with_database_only_problems(demo_store, tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    _set_cell(document, "assessments", 4, "rag", "X")
    _save(path, document)
    handle, _ = Store.open(f"sqlite:///{tmp_path / 'target.db'}", "tester")
    try:
        with pytest.raises(ImportRejectedError) as caught:
            import_file(path, store=handle)
    finally:
        handle.close()
    text = "\n".join(caught.value.lines())
    assert "column rag: 'X' is not one of R, A, G" in text
    assert "CHECK constraint failed" in text and "UNIQUE constraint failed" in text


def test_a_refused_import_leaves_the_database_unchanged(demo_store, tmp_path):
    from tests.support.cli import audit_events, count

    path = _with_database_only_problems(demo_store, tmp_path)
    target = tmp_path / "target.db"
    handle, _ = Store.open(f"sqlite:///{target}", "tester")
    events = audit_events(target)
    try:
        with pytest.raises(ImportRejectedError) as caught:
            import_file(path, store=handle)
    finally:
        handle.close()
    assert len(caught.value.problems) == 2
    assert audit_events(target) == events
    assert count(target, "sc_request") == count(target, "initiative") == 0


# 8. What exports re-imports; one text limit for input and import


def test_a_10_mb_rationale_exported_to_csv_imports(demo_store, tmp_path):
    folder = tmp_path / "all"
    export_file(demo_store, folder, "csv")
    file = folder / "assessments.csv"
    with file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    long = "On track. " * 1_000_000
    rows[1][rows[0].index("rationale")] = long
    with file.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    handle, _ = Store.open(f"sqlite:///{tmp_path / 'target.db'}", "tester")
    try:
        import_file(folder, store=handle)
        export_file(handle, tmp_path / "again", "csv")
    finally:
        handle.close()
    assert (tmp_path / "again" / "assessments.csv").read_bytes() == file.read_bytes()


def test_input_and_import_share_one_text_limit(demo_store, tmp_path, monkeypatch):
    path, document = _json_export(demo_store, tmp_path)
    limit = max(
        len(cell)
        for body in document["tables"].values()
        for row in body["rows"]
        for cell in row
        if isinstance(cell, str)
    )
    _set_cell(document, "assessments", 2, "rationale", "x" * (limit + 1))
    _save(path, document)
    monkeypatch.setenv("PORTFOLIO_MAX_TEXT", str(limit))
    over = f"{limit + 1:,} characters, over the limit of {limit:,} (set PORTFOLIO_MAX_TEXT"
    [problem] = _problems(path)
    assert problem.startswith("all.json tables.assessments row 2, column rationale: ")
    assert over in problem
    data = {"code": "HX", "criterion": "Overall", "rag": "G", "rationale": "x" * (limit + 1)}
    with pytest.raises(InputError) as caught:
        parse_input(AssessmentIn, data)
    assert over in str(caught.value)
    data["rationale"] = "x" * limit
    assert parse_input(AssessmentIn, data).rationale == data["rationale"]
