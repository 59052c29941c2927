"""How a `WindowTable` row draws its cells (`widgets.row_lines`): a figure justified
right sits under its column's end, as the portfolio benefits view's £m, counts and %
do; text is cut with an ellipsis; and a cell drawn once is not mistaken for the same
text justified the other way."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from rich.text import Text

from widgets.row_lines import CellPainter, fitted, line_text


def test_a_figure_justified_right_is_drawn_under_its_columns_end():
    assert fitted(Text("6000", justify="right"), 9).plain == "     6000"
    assert fitted(Text("6000"), 9).plain == "6000     "
    assert fitted("Officer hours returned", 10).plain == "Officer h…"
    assert fitted(Text("123456789012", justify="right"), 9).plain == "12345678…"


def test_a_row_puts_each_cell_in_its_column():
    line = line_text(["TPD", Text("70.0%", justify="right"), "▲"], [5, 7, 1], Style())
    assert line.plain == "TPD     70.0% ▲ "


def test_the_same_text_justified_each_way_draws_each_way():
    painter = CellPainter(Console(width=40))
    left = painter.line([Text("950"), "x"], [6, 1], Style(bold=True))
    right = painter.line([Text("950", justify="right"), "x"], [6, 1], Style(bold=True))
    assert "".join(segment.text for segment in left) == "950    x "
    assert "".join(segment.text for segment in right) == "   950 x "
