"""Exports that are safe to open: text that a spreadsheet would run as a formula is
written as text (xlsx: string cells; CSV: a leading `'`, taken off again on import),
and export -> import -> export gives back exactly what was stored."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from store.exchange.export import export_file
from store.exchange.formats.csv_format import neutralised, unquoted
from store.exchange.load import import_file
from store.handle import Store
from tests.support.exchange_helpers import contents
from tests.support.formula_text import FORMULAS, formula_world

STORED = (
    "SELECT description, mitigation FROM risk WHERE likelihood = 2 ORDER BY id",
    "SELECT name FROM sc_displaced ORDER BY id",
)


def _stored(store: Store) -> list[list[tuple]]:
    with store.reading() as connection:
        return [connection.execute(sql).fetchall() for sql in STORED]


def _out(tmp_path: Path, stem: str, fmt: str) -> Path:
    return tmp_path / (stem if fmt == "csv" else f"{stem}.{fmt}")


@pytest.mark.parametrize("fmt", ["json", "xlsx", "csv"])
def test_formula_like_text_survives_export_import_export(store, tmp_path, frozen_clock, fmt):
    formula_world(store)
    first = _out(tmp_path, "first", fmt)
    export_file(store, first, fmt)
    target, _ = Store.open(f"sqlite:///{tmp_path / 'target.db'}", "tester")
    try:
        import_file(first, store=target)
        assert _stored(target) == _stored(store)
        assert [name for (name,) in _stored(target)[1]] == list(FORMULAS)
        second = _out(tmp_path, "second", fmt)
        export_file(target, second, fmt)
        assert contents(second) == contents(first)
    finally:
        target.close()


def test_xlsx_writes_text_as_string_cells_never_formulas(store, tmp_path, frozen_clock):
    from openpyxl import load_workbook

    formula_world(store)
    path = tmp_path / "out.xlsx"
    export_file(store, path, "xlsx")
    book = load_workbook(path)  # not data_only: a formula would show as one
    formulas = [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert not formulas
    sheet = book["displaced_staff"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("name")
    found = [row[column].value for row in sheet.iter_rows(min_row=2)]
    assert found == list(FORMULAS)


def test_csv_neutralises_formula_starts_with_a_quote(store, tmp_path, frozen_clock):
    formula_world(store)
    folder = tmp_path / "out"
    export_file(store, folder, "csv")
    with (folder / "displaced_staff.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    written = [row["name"] for row in rows]
    assert written == [
        "'=Use second supplier",
        '\'=HYPERLINK("http://x","y")',
        "'+44 20 7230 1212",
        "'-1 post",
        "'@SUM(A1:A2)",
        "''quoted",
        "'''twice quoted",
        "plain text",
    ]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'x", "''x"),
        ("x=1", "x=1"),
        ("", ""),
    ],
)
def test_the_csv_quote_rule_is_unambiguous(text, written):
    assert neutralised(text) == written
    assert unquoted(written) == text
