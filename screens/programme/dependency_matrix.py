"""The dependencies matrix of §16: which initiative relies on which, by importance, with
the dependencies behind the highlighted cell and why any of them is at risk."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer
from textual.screen import Screen

from screens.common.live_data import LiveData
from store.programme.dependencies.queries import dependencies_between, dependency_matrix
from store.programme.dependencies.read_models import DependencyMatrix, DependencyRead
from widgets.dependency_matrix import DependencyMatrixGrid
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import DataTable, Static


def add_columns(table: DataTable, *columns: tuple[str, int]) -> None:
    """Add columns of fixed width to a DataTable."""
    for label, width in columns:
        table.add_column(label, width=width)


class DependencyMatrixScreen(LiveData, Screen):
    """Initiative × initiative, marked by importance; drill into any cell."""

    CSS_PATH = "dependency_matrix.tcss"
    HELP_TITLE = "Dependency matrix"
    HELP = """
Every initiative that takes part in a live dependency, numbered down the side and
along the top. A **row** is the upstream initiative, which delivers something; a
**column** is the downstream one, which needs it. A cell shows the highest importance
of the dependencies between the pair: `H` high, `M` medium, `L` low, with `!` when at
least one is **at risk** (the upstream's overall RAG is Red, or the upstream milestone
it relies on is expected after the date it is needed by). Cancelled ones are left out.

Arrow keys (or `h` `j` `k` `l`) move around the matrix; the cell's dependencies are
listed below with the reasons any is at risk. `enter` moves into that list, where
`enter` opens the upstream initiative and `t` the downstream one; `escape` returns to
the matrix, and `escape` on the matrix goes back.
"""

    BINDINGS = [
        Binding("t", "open_downstream", "Open downstream", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.matrix = DependencyMatrix((), ())
        self.rows: list[DependencyRead] = []
        self.placed = False
        self.loaded = False  # once the first read is on screen

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="matrix-legend")
        with Horizontal(id="matrix-top"):
            with ScrollableContainer(id="matrix-scroll"):
                yield DependencyMatrixGrid(id="matrix")
            yield Static(id="matrix-key")
        yield Static(id="matrix-cell")
        yield DataTable(id="matrix-deps", cursor_type="row", zebra_stripes=True)
        yield Static(id="matrix-why")
        yield Footer()

    @property
    def grid(self) -> DependencyMatrixGrid:
        """The matrix widget."""
        return self.query_one("#matrix", DependencyMatrixGrid)

    def on_mount(self) -> None:
        self.sub_title = "Dependencies matrix (§16)"
        legend = Text("Rows deliver (upstream) · columns need it (downstream) · ")
        legend.append(" H ", style="bold #ffffff on #b71c1c")
        legend.append(" high  ")
        legend.append(" M ", style="bold #000000 on #ffb300")
        legend.append(" medium  ")
        legend.append(" L ", style="bold #ffffff on #1565c0")
        legend.append(" low  · ! at risk")
        self.query_one("#matrix-legend", Static).update(legend)
        table = self.query_one("#matrix-deps", DataTable)
        for label, width in (
            ("From", 9),
            ("To", 9),
            ("Needed", 44),
            ("By", 10),
            ("Imp", 6),
            ("Status", 9),
            ("At risk", 7),
        ):
            table.add_column(label, width=width)
        self.grid.focus()
        self.load()

    def on_screen_resume(self) -> None:
        """Back from an initiative, where a dependency may have been added or changed:
        read the matrix again, keeping the cursor on the same pair."""
        if self.loaded:
            self.load()

    @work(thread=True, exclusive=True, group="matrix")
    def load(self) -> None:
        """Read the matrix off the event loop."""
        with self.app.store.reading() as connection:
            matrix = dependency_matrix(connection)
        self.app.call_from_thread(self._show, matrix)

    def _show(self, matrix: DependencyMatrix) -> None:
        self.data_shown()
        self.loaded = True
        before = self.matrix.nodes
        pair = None
        if before:
            row, column = self.grid.cursor
            pair = (before[row].id, before[column].id)
        self.matrix = matrix
        self.grid.show(matrix)
        key = Text(no_wrap=True, overflow="ellipsis")
        for n, node in enumerate(matrix.nodes):
            key.append(f"{n + 1:>2} ", style="bold")
            name = node.name if len(node.name) <= 28 else node.name[:27] + "…"
            key.append(f"{node.code:<10} {name}\n")
        self.query_one("#matrix-key", Static).update(key)
        if not self.placed and matrix.cells:
            # Start on the first cell at risk, else the first cell with a dependency.
            self.placed = True
            index = {node.id: n for n, node in enumerate(matrix.nodes)}
            first = next((c for c in matrix.cells if c.at_risk), matrix.cells[0])
            self.grid.cursor = (index[first.from_id], index[first.to_id])
        elif pair is not None and matrix.nodes:
            index = {node.id: n for n, node in enumerate(matrix.nodes)}
            if pair[0] in index and pair[1] in index:
                self.grid.cursor = (index[pair[0]], index[pair[1]])
            self._show_cell(*self.grid.cursor)

    @on(DependencyMatrixGrid.CellHighlighted, "#matrix")
    def _highlighted(self, event: DependencyMatrixGrid.CellHighlighted) -> None:
        self._show_cell(event.row, event.column)

    def _show_cell(self, row: int, column: int) -> None:
        nodes = self.matrix.nodes
        if not nodes:
            return
        upstream, downstream = nodes[row], nodes[column]
        title = Text(f"{upstream.code} → {downstream.code}: ", style="bold")
        cell = self.matrix.cell(upstream.id, downstream.id)
        if cell is None:
            title.append(f"{downstream.code} relies on nothing from {upstream.code}")
        else:
            title.append(f"{cell.count} dependenc{'y' if cell.count == 1 else 'ies'}")
            if cell.at_risk:
                title.append(f", {cell.at_risk} at risk", style="bold #ff5252")
        self.query_one("#matrix-cell", Static).update(title)
        self.fetch_cell(upstream.id, downstream.id)

    @work(thread=True, exclusive=True, group="matrix-cell")
    def fetch_cell(self, from_id: int, to_id: int) -> None:
        """Read the dependencies behind one cell."""
        with self.app.store.reading() as connection:
            rows = dependencies_between(connection, from_id, to_id)
        self.app.call_from_thread(self._fill, rows)

    def _fill(self, rows: list[DependencyRead]) -> None:
        same = [row.id for row in rows] == [row.id for row in self.rows]
        self.rows = rows
        table = self.query_one("#matrix-deps", DataTable)
        keep = table.cursor_row if same else 0
        table.clear()
        for row in rows:
            table.add_row(
                row.from_code,
                row.to_code,
                row.needed,
                str(row.needed_by),
                row.importance,
                row.status,
                Text("yes !", style="bold #ff5252") if row.at_risk else "no",
            )
        if rows:
            table.move_cursor(row=min(keep, len(rows) - 1))
        self._why()

    @on(DataTable.RowHighlighted, "#matrix-deps")
    def _why(self) -> None:
        table = self.query_one("#matrix-deps", DataTable)
        why = self.query_one("#matrix-why", Static)
        if not self.rows:
            why.update("")
            return
        row = self.rows[min(table.cursor_row, len(self.rows) - 1)]
        text = Text(f"{row.to_code} needs from {row.from_code}: ", style="bold")
        text.append(row.needed)
        if row.milestone:
            text.append(f"\n  via milestone {row.milestone!r}, expected {row.milestone_expected}")
        for reason in row.at_risk_reasons:
            text.append(f"\n  at risk: {reason}", style="bold #ff5252")
        why.update(text)

    @on(DependencyMatrixGrid.CellSelected, "#matrix")
    def _selected(self) -> None:
        if self.rows:
            self.query_one("#matrix-deps", DataTable).focus()

    @on(DataTable.RowSelected, "#matrix-deps")
    def _open_upstream(self, event: DataTable.RowSelected) -> None:
        self.app.open_initiative(self.rows[event.cursor_row].from_code)

    def action_open_downstream(self) -> None:
        """Open the downstream initiative of the highlighted dependency."""
        table = self.query_one("#matrix-deps", DataTable)
        if table.has_focus and self.rows:
            self.app.open_initiative(self.rows[table.cursor_row].to_code)

    def action_back(self) -> None:
        """From the list, back to the matrix; from the matrix, back to the previous screen."""
        if self.query_one("#matrix-deps", DataTable).has_focus:
            self.grid.focus()
            return
        self.app.pop_screen()
