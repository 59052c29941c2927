"""`portfolio import` refuses hostile files with exit 2 and a message naming the place
or the limit (and how to raise it), never "unexpected error", and leaves the database
as it was (issue 15 §7)."""

from __future__ import annotations

import json

import pytest

from tests.support.cli import audit_events, count, run
from tests.support.hostile_files import MIB, repeated_member_zip


@pytest.fixture
def exported(demo_db, tmp_path, capsys):
    """The demo exported as JSON: (path, document)."""
    path = tmp_path / "all.json"
    code, _out, err = run(capsys, "--db", demo_db, "export", "--format", "json", "-o", str(path))
    assert code == 0, err
    return path, json.loads(path.read_text(encoding="utf-8"))


def _import(capsys, tmp_path, path, *options: str) -> tuple[int, str]:
    target = tmp_path / "target.db"
    code, _out, err = run(capsys, "--db", str(target), "import", str(path), *options)
    assert "unexpected" not in err.lower()
    return code, err


def test_a_zip_bomb_is_refused_naming_the_limit(tmp_path, capsys):
    path = tmp_path / "bomb.xlsx"
    repeated_member_zip(path, "xl/sharedStrings.xml", b"a" * (16 * MIB), 90)
    for options in ((), ("--check",)):
        code, err = _import(capsys, tmp_path, path, *options)
        assert code == 2
        assert "over the limit of 1,073,741,824 (set PORTFOLIO_IMPORT_MAX_BYTES" in err


def test_a_sheet_of_millions_of_rows_is_refused_naming_the_limit(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PORTFOLIO_IMPORT_MAX_RATIO", "100000")
    path = tmp_path / "rows.xlsx"
    repeated_member_zip(path, "xl/worksheets/sheet1.xml", b"<row/>" * 100_000, 50)
    code, err = _import(capsys, tmp_path, path)
    assert code == 2
    assert "rows, over the limit of 2,000,000 (set PORTFOLIO_IMPORT_MAX_ROWS" in err


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("initiatives", "id", 2**70),
        ("vacancy_requests", "fte", 1e300),
        ("assessments", "rationale", ["not", "text"]),
        ("initiatives", "name", "Drones\u202e"),
    ],
)
def test_bad_values_exit_2_with_their_place(exported, tmp_path, capsys, table, column, value):
    path, document = exported
    body = document["tables"][table]
    body["rows"][0][body["columns"].index(column)] = value
    path.write_text(json.dumps(document), encoding="utf-8")
    code, err = _import(capsys, tmp_path, path)
    assert code == 2
    assert f"all.json tables.{table} row 1, column {column}: " in err
    assert count(tmp_path / "target.db", "initiative") == 0


def test_deep_nesting_exits_2(exported, tmp_path, capsys):
    path, _document = exported
    deep = "[" * 100_000 + "]" * 100_000
    text = path.read_text(encoding="utf-8").replace('"rows":[', f'"deep":{deep},"rows":[', 1)
    path.write_text(text, encoding="utf-8")
    code, err = _import(capsys, tmp_path, path)
    assert code == 2 and "nests lists or objects too deeply" in err


def test_missing_tables_are_refused_unless_partial(exported, tmp_path, capsys):
    path, document = exported
    del document["tables"]["recommendations"]
    path.write_text(json.dumps(document), encoding="utf-8")
    code, err = _import(capsys, tmp_path, path)
    assert code == 2 and "has no table recommendations" in err and "--partial" in err
    target = tmp_path / "target.db"
    events = audit_events(target)
    assert count(target, "initiative") == 0
    code, err = _import(capsys, tmp_path, path, "--partial")
    assert code == 0, err
    assert count(target, "initiative") > 0 and audit_events(target) > events


def test_the_help_names_the_limits_and_partial(capsys):
    code, out, _err = run(capsys, "import", "--help")
    assert code == 0
    for name in (
        "--partial",
        "PORTFOLIO_IMPORT_MAX_BYTES",
        "PORTFOLIO_IMPORT_MAX_ROWS",
        "PORTFOLIO_MAX_TEXT",
        "PORTFOLIO_IMPORT_MAX_RATIO",
    ):
        assert name in out
