"""The dependencies matrix: initiatives down the side (upstream, which deliver) and
across the top (downstream, which need it), each cell marked H, M or L by the highest
importance between the pair and `!` when one of them is at risk. Marks are letters,
so the matrix reads without colour."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.widget import Widget

from store.programme.dependencies.read_models import DependencyMatrix, MatrixCell
from widgets.sent import SentBy

CELL_WIDTH = 3
NUMBER_WIDTH = 3
CODE_WIDTH = 10
IMPORTANCE_STYLES = {
    "high": "bold #ffffff on #b71c1c",
    "medium": "bold #000000 on #ffb300",
    "low": "bold #ffffff on #1565c0",
}


def cell_mark(cell: MatrixCell | None) -> str:
    """`H`, `M` or `L` for the highest importance, `!` after it when at risk."""
    if cell is None:
        return "·"
    return cell.importance[0].upper() + ("!" if cell.at_risk else "")


class DependencyMatrixGrid(Widget, can_focus=True):
    """The matrix with a cell cursor (row: upstream, column: downstream)."""

    DEFAULT_CSS = """
    DependencyMatrixGrid { width: auto; height: auto; }
    DependencyMatrixGrid:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("up,k", "move(-1, 0)", "Up", show=False),
        Binding("down,j", "move(1, 0)", "Down", show=False),
        Binding("left,h", "move(0, -1)", "Left", show=False),
        Binding("right,l", "move(0, 1)", "Right", show=False),
        Binding("enter", "select", "Show dependencies"),
    ]

    cursor: reactive[tuple[int, int]] = reactive((0, 0))

    class CellHighlighted(SentBy):
        """The cursor moved to (`row`, `column`), indexes into the matrix's nodes."""

        def __init__(self, grid: DependencyMatrixGrid, row: int, column: int) -> None:
            super().__init__(grid)
            self.row = row
            self.column = column

    class CellSelected(CellHighlighted):
        """The user pressed enter on a cell."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.matrix = DependencyMatrix((), ())

    def show(self, matrix: DependencyMatrix) -> None:
        """Display a new matrix, keeping the cursor inside it."""
        self.matrix = matrix
        last = max(0, len(matrix.nodes) - 1)
        row, column = self.cursor
        self.cursor = (min(row, last), min(column, last))
        self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return NUMBER_WIDTH + CODE_WIDTH + 1 + CELL_WIDTH * len(self.matrix.nodes)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.matrix.nodes) + 1

    def watch_cursor(self) -> None:
        row, column = self.cursor
        x = NUMBER_WIDTH + CODE_WIDTH + 1 + column * CELL_WIDTH
        self.scroll_visible()
        if self.parent is not None and hasattr(self.parent, "scroll_to_region"):
            self.parent.scroll_to_region(Region(x, row + 1, CELL_WIDTH, 1), animate=False)
        self.post_message(self.CellHighlighted(self, row, column))

    def action_move(self, rows: int, columns: int) -> None:
        """Move the cursor, staying inside the matrix."""
        last = max(0, len(self.matrix.nodes) - 1)
        row, column = self.cursor
        self.cursor = (min(last, max(0, row + rows)), min(last, max(0, column + columns)))

    def action_select(self) -> None:
        """Drill into the dependencies of the cell under the cursor."""
        self.post_message(self.CellSelected(self, *self.cursor))

    def render(self) -> Text:
        nodes = self.matrix.nodes
        cells = {(c.from_id, c.to_id): c for c in self.matrix.cells}
        text = Text(no_wrap=True)
        if not nodes:
            return Text("No dependencies recorded yet.", style="italic")
        text.append(" " * (NUMBER_WIDTH + CODE_WIDTH + 1))
        for n in range(len(nodes)):
            label = f"{n + 1:>2} "
            style = "bold reverse" if n == self.cursor[1] else "bold"
            text.append(label, style=style)
        for r, upstream in enumerate(nodes):
            text.append("\n")
            style = "bold reverse" if r == self.cursor[0] else "bold"
            text.append(f"{r + 1:>2} ", style=style)
            text.append(f"{upstream.code[:CODE_WIDTH]:<{CODE_WIDTH}} ")
            for c, downstream in enumerate(nodes):
                cell = cells.get((upstream.id, downstream.id))
                mark = "╲" if r == c else cell_mark(cell)
                style = IMPORTANCE_STYLES[cell.importance] if cell else "#757575"
                if (r, c) == self.cursor:
                    style += " reverse" if self.has_focus else " underline"
                text.append(f"{mark:^{CELL_WIDTH}}", style=style)
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
