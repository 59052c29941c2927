"""Text on screen is never read as markup: the TUI shows text through
`widgets.plain_text` only. This reads the source of `tui`, `screens` and `widgets`
and fails on any way back to Textual's or Rich's markup parsing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from rich.text import Text
from textual.fuzzy import Matcher

from widgets.plain_text import DataTable, Table, highlighted, plain, plain_cells

ROOT = Path(__file__).resolve().parents[1]
HOME = ROOT / "widgets" / "plain_text.py"
# Classes that read a `str` as markup; widgets.plain_text has plain-text versions.
MARKUP_CLASSES = {
    "textual.widgets": {"Static", "Label", "DataTable", "Select", "OptionList"},
    "rich.table": {"Table"},
}
# Calls that parse markup, by attribute name.
MARKUP_CALLS = {"from_markup", "highlight", "render_markup"}


def _sources() -> list[Path]:
    files = [p for folder in ("screens", "widgets", "tui") for p in (ROOT / folder).rglob("*.py")]
    return [p for p in files if p != HOME and "cli" not in p.relative_to(ROOT).parts]


def _false(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and value.value is False


def _problems(path: Path) -> list[str]:
    where = path.relative_to(ROOT)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module in MARKUP_CLASSES:
            for alias in node.names:
                if alias.name in MARKUP_CLASSES[node.module]:
                    found.append(f"{where}:{node.lineno} imports {alias.name} from {node.module}")
        elif isinstance(node, ast.Attribute) and node.attr in MARKUP_CALLS:
            found.append(f"{where}:{node.lineno} calls {node.attr}")
        elif isinstance(node, ast.keyword) and node.arg == "markup" and not _false(node.value):
            found.append(f"{where}:{node.lineno} passes markup={ast.unparse(node.value)}")
    return found


def test_screens_and_widgets_show_text_only_through_plain_text():
    problems = [problem for path in _sources() for problem in _problems(path)]
    assert not problems, "use widgets.plain_text instead:\n" + "\n".join(problems)


@pytest.mark.parametrize("value", ["[/]x", "[bold]x", "[link=http://x]y[/link]", "[@click=a]q[/]"])
def test_plain_keeps_markup_as_written(value):
    shown = plain(value)
    assert isinstance(shown, Text) and shown.plain == value and not shown.spans
    assert plain_cells([value, 3]) == [shown, 3]
    table = Table.grid()
    table.add_row(value)
    assert table.columns[0]._cells[0] == shown


def test_a_palette_hit_is_highlighted_but_not_parsed():
    shown = highlighted(Matcher("x"), "[/]x")
    assert shown.plain == "[/]x"
    assert [span.start for span in shown.spans] == [3]


async def test_a_data_table_cell_is_plain_text():
    from textual.app import App

    class One(App):
        def compose(self):
            yield DataTable()

    app = One()
    async with app.run_test():
        table = app.query_one(DataTable)
        table.add_column("[/]head", key="c")
        row = table.add_row("[/]cell", label="[/]label")
        table.update_cell(row, "c", "[bold]x")
        assert table.get_cell(row, "c") == Text("[bold]x")
