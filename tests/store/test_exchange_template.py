"""The empty Excel template: every sheet and header, and drop-down lists."""

from __future__ import annotations

from openpyxl import load_workbook

from store.exchange.load import check_file
from store.exchange.tables import TABLES
from store.exchange.template import write_template
from tui.cli import main


def _lists(sheet) -> dict[str, str]:
    header = [cell.value for cell in sheet[1]]
    found = {}
    for validation in sheet.data_validations.dataValidation:
        column = str(validation.sqref).split(":")[0].rstrip("0123456789")
        index = ord(column) - ord("A") if len(column) == 1 else None
        if index is not None:
            found[header[index]] = validation.formula1
    return found


def test_template_has_every_sheet_header_and_the_validation_lists(tmp_path, capsys):
    path = tmp_path / "template.xlsx"
    assert main(["export", "--template", "xlsx", "-o", str(path)]) == 0
    book = load_workbook(path)
    assert book.sheetnames == [t.name for t in TABLES]
    for table in TABLES:
        sheet = book[table.name]
        assert [c.value for c in sheet[1]] == list(table.headers)
        assert sheet.max_row == 1
    assert _lists(book["assessments"])["rag"] == '"R,A,G"'
    initiatives = _lists(book["initiatives"])
    assert initiatives["tier"] == '"transformational,mandated,experimental,incremental"'
    assert initiatives["complexity"] == '"high,medium,low"'
    assert _lists(book["vacancy_requests"])["staff_type"] == (
        '"police_staff,temporary_worker,agency"'
    )


def test_an_empty_template_checks_clean(tmp_path):
    path = write_template(tmp_path / "t.xlsx")
    checked = check_file(path)
    assert checked.problems == [] and checked.row_count == 0
