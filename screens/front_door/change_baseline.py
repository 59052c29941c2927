"""The change baseline (seed 003, figure 4): live initiatives by tier and complexity, with
the data & digital share in each cell, totals by tier, and a drill-down list per cell."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.coordinate import Coordinate
from textual.screen import Screen

from screens.common.list_screen import WindowedRows
from screens.common.open_row import OPEN_ROW, OpensRow
from store.baseline.queries import baseline, cell_count, cell_initiatives
from store.baseline.read_models import COMPLEXITIES, TIERS, Baseline, BaselineInitiative
from store.portfolio.queries import list_business_groups
from store.types import Tier
from widgets.bars import count_bar
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import DataTable, Label, Select, Static, Table
from widgets.window_table import Column, WindowTable

PAGE = 100
CELL_WIDTH = 16


def share_text(count: int, digital: int) -> Text:
    """`49 · 39% D&D`, or a dim dash for an empty cell."""
    if not count:
        return Text("–", style="dim")
    text = Text().append(f"{count:>3}", style="bold")
    text.append(f" · {round(100 * digital / count):>3}% D&D", style="")
    return text


def cell_of(coordinate: Coordinate) -> tuple[str | None, str | None]:
    """(tier, complexity) a matrix coordinate stands for; None means the whole row/column."""
    tier = TIERS[coordinate.row] if coordinate.row < len(TIERS) else None
    column = coordinate.column - 1
    complexity = COMPLEXITIES[column] if 0 <= column < len(COMPLEXITIES) else None
    return tier, complexity


def cell_label(tier: str | None, complexity: str | None) -> str:
    """`Mandated × medium`, `Mandated, any complexity`, `All tiers × high`, `Everything`."""
    if tier and complexity:
        return f"{Tier(tier).label} × {complexity}"
    if tier:
        return f"{Tier(tier).label}, any complexity"
    if complexity:
        return f"All tiers × {complexity}"
    return "Every live initiative"


def finding(matrix: Baseline) -> Text:
    """The paper's question, answered from the data: which tier is most common?"""
    if not matrix.total:
        return Text("No live initiatives with a tier and complexity.", style="italic")
    (top, top_count), *_ = matrix.tiers_by_size()
    text = Text().append(
        f"{Tier(top).label} change is the most common tier ({top_count})", style="bold"
    )
    others = [t for t in ("transformational", "mandated", "experimental") if t != top]
    compared = " and ".join(f"{matrix.tier_total(t)} {Tier(t).label}" for t in others)
    text.append(f", against {compared}.")
    left_out = []
    if matrix.unclassified:
        left_out.append(f"{matrix.unclassified} live without a tier or complexity")
    if matrix.closed:
        left_out.append(f"{matrix.closed} closed")
    if left_out:
        text.append(f"\nNot counted: {' and '.join(left_out)}.", style="dim")
    return text


def tier_bars(matrix: Baseline) -> Table:
    """Totals by tier as bars, largest first, each with its number and D&D share."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=18)
    grid.add_column()
    grid.add_column()
    largest = max((count for _, count in matrix.tiers_by_size()), default=0)
    for tier, count in matrix.tiers_by_size():
        digital = matrix.tier_digital(tier)
        share = f"{round(100 * digital / count)}% data & digital" if count else ""
        grid.add_row(Text(Tier(tier).label, style="bold"), count_bar(count, largest), share)
    return grid


def drill_columns() -> list[Column]:
    """The drill-down list's columns."""
    return [
        Column("code", "Code", 11, lambda row: row.code),
        Column("name", "Name", 0, lambda row: row.name, min_width=20),
        Column("business_group", "BG", 4, lambda row: row.business_group, drops=1),
        Column("kind", "Kind", 10, lambda row: row.kind, drops=2),
        Column("tier", "Tier", 13, lambda row: Tier.words(row.tier)),
        Column("complexity", "Cx", 6, lambda row: row.complexity, drops=3),
        Column("lifecycle", "Lifecycle", 10, lambda row: row.lifecycle.replace("_", " ")),
        Column("digital", "D&D", 3, lambda row: "yes" if row.data_digital else "", drops=4),
        Column("sro", "SRO", 18, lambda row: row.sro or "—", drops=5),
    ]


class BaselineScreen(OpensRow, WindowedRows, Screen):
    """How much change of each tier and complexity is live now."""

    CSS_PATH = "change_baseline.tcss"
    HELP_TITLE = "Change baseline"
    OPEN_FROM = "cell-list"
    HELP = """
Every **live** initiative (any lifecycle but closed) counted by **tier** (rows) and
**complexity** (columns), as in figure 4 of the 2021 oversight paper. Each cell shows
the count and the share that is **data & digital** (D&D). The last column and row
are totals; the bars rank the tiers by size.

Move through the matrix with the arrow keys (or `h` `j` `k` `l`): the list below shows
the initiatives in the cell under the cursor, or a whole tier or complexity on a total.
`enter` moves into that list, where `enter` opens an initiative and `escape` comes
back. `g` chooses a business group (or all). `escape` on the matrix goes back.
"""

    BINDINGS = [
        Binding("g", "choose_group", "Business group"),
        # Priority keys, answered at once: `enter` `enter` `3` in one burst lists the
        # cell, then opens its first initiative on the risks tab (`tui.key_order`).
        Binding("enter", "drill", "List cell", show=False, priority=True),
        OPEN_ROW,
        Binding("h", "matrix('left')", "Left", show=False),
        Binding("j", "matrix('down')", "Down", show=False),
        Binding("k", "matrix('up')", "Up", show=False),
        Binding("l", "matrix('right')", "Right", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.group: str | None = None
        self.matrix: Baseline | None = None
        self.cell: tuple[str | None, str | None] = ("mandated", "medium")
        self._serial = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="baseline-top"):
            yield Static(
                Text("Live initiatives by tier and complexity", style="bold"), id="baseline-title"
            )
            yield Label("Business group ", id="group-label")
            yield Select([], prompt="All business groups", id="group", compact=True)
        yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=False)
        yield Static(id="finding")
        yield Static(id="bars")
        yield Static(id="cell-title")
        yield WindowTable(
            drill_columns(),
            page_size=PAGE,
            empty_text="No live initiatives in this cell.",
            id="cell-list",
        )
        yield Footer()

    @property
    def table(self) -> DataTable:
        """The tier × complexity matrix."""
        return self.query_one("#matrix", DataTable)

    @property
    def cell_list(self) -> WindowTable:
        """The initiatives in the chosen cell."""
        return self.query_one("#cell-list", WindowTable)

    def on_mount(self) -> None:
        self.sub_title = "Change baseline"
        table = self.table
        table.add_column("Tier", width=18)
        for complexity in COMPLEXITIES:
            table.add_column(complexity.capitalize(), width=CELL_WIDTH)
        table.add_column("Total", width=CELL_WIDTH)
        table.focus()
        self.load_groups()
        self.reload()

    # ------------------------------------------------------------- loading

    @work(thread=True, group="baseline-groups")
    def load_groups(self) -> None:
        """Fill the business group chooser."""
        with self.app.store.reading() as connection:
            groups = list_business_groups(connection)
        options = [(f"{group.code}  {group.name}", group.code) for group in groups]
        self.app.call_from_thread(self._show_groups, options)

    def _show_groups(self, options: list[tuple[str, str]]) -> None:
        """Fill the chooser (looked up on the event loop, not in the worker)."""
        self.query_one("#group", Select).set_options(options)

    def reload(self) -> None:
        """Count again for the chosen business group."""
        self._serial += 1
        self.load(self.group, self._serial)

    @work(thread=True, exclusive=True, group="baseline")
    def load(self, group: str | None, serial: int) -> None:
        """Count the matrix off the event loop."""
        with self.app.store.reading() as connection:
            matrix = baseline(connection, group)
        self.app.call_from_thread(self.show, matrix, serial)

    def show(self, matrix: Baseline, serial: int) -> None:
        """Fill the matrix, the finding and the bars."""
        if serial != self._serial:
            return
        self.matrix = matrix
        table = self.table
        keep = table.cursor_coordinate if table.row_count else None
        table.clear()
        for tier in TIERS:
            cells = [
                share_text(matrix.cell(tier, c).count, matrix.cell(tier, c).digital)
                for c in COMPLEXITIES
            ]
            cells.append(share_text(matrix.tier_total(tier), matrix.tier_digital(tier)))
            table.add_row(Text(Tier(tier).label, style="bold"), *cells, key=tier)
        totals = [
            share_text(matrix.complexity_total(c), matrix.complexity_digital(c))
            for c in COMPLEXITIES
        ]
        totals.append(share_text(matrix.total, matrix.digital))
        table.add_row(Text("Total", style="bold"), *totals, key="total")
        target = keep or Coordinate(1, 2)  # mandated × medium, the paper's biggest cell
        table.move_cursor(row=target.row, column=target.column)
        self.query_one("#finding", Static).update(finding(matrix))
        self.query_one("#bars", Static).update(tier_bars(matrix))
        self.cell_list.rows_coming()
        self.load_cell(*cell_of(table.cursor_coordinate))

    @on(DataTable.CellHighlighted, "#matrix")
    def _highlighted(self, event: DataTable.CellHighlighted) -> None:
        if self.matrix is not None:
            self.cell_list.rows_coming()  # keys for the list wait for this cell's rows
            self.load_cell(*cell_of(event.coordinate))

    @work(thread=True, exclusive=True, group="baseline-cell")
    def load_cell(self, tier: str | None, complexity: str | None) -> None:
        """Count and fetch the first window of one cell's initiatives."""
        group = self.group
        with self.app.store.reading() as connection:
            total = cell_count(connection, tier, complexity, group)
            rows = cell_initiatives(connection, tier, complexity, group, offset=0, limit=PAGE)
        self.app.call_from_thread(self._show_cell, (tier, complexity, group), total, rows)

    def _show_cell(self, asked: tuple, total: int, rows: list[BaselineInitiative]) -> None:
        """Show a cell's count and first rows, unless the cursor or the business group
        has moved on since they were asked for (a thread worker is not stopped when the
        next cell's read starts, and its answer may come last)."""
        tier, complexity, group = asked
        if (tier, complexity) != cell_of(self.table.cursor_coordinate) or group != self.group:
            return
        self.cell = (tier, complexity)
        title = Text().append(f"{cell_label(tier, complexity)}: ", style="bold")
        title.append(f"{total} live initiative{'s' * (total != 1)}")
        if self.group:
            title.append(f" in {self.group}")
        title.append("   enter lists them", style="dim")
        self.query_one("#cell-title", Static).update(title)
        self.cell_list.reset(total, 0, rows, 0)
        if total == 0 and self.focused is self.cell_list:
            self.table.focus()  # drilled into a cell that turned out empty

    def window_key(self) -> tuple:
        """The cell whose initiatives are listed, and the business group shown."""
        return (*self.cell, self.group)

    def rows_for(self, connection, key, start: int, count: int) -> list:
        """One window of the cell's initiatives (in a worker thread)."""
        tier, complexity, group = key
        return cell_initiatives(connection, tier, complexity, group, offset=start, limit=count)

    # ------------------------------------------------------------- actions

    @on(DataTable.CellSelected, "#matrix")
    def action_drill(self) -> None:
        """Move into the list of the chosen cell's initiatives (keys for it wait while
        the cell's rows are on their way; an empty cell keeps the cursor on the matrix)."""
        if cell_of(self.table.cursor_coordinate) != self.cell:
            self.cell_list.rows_coming()  # the cursor's cell: its highlight is on its way
        if self.cell_list.total or self.cell_list.rows_are_coming:
            self.cell_list.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`enter` lists the cell from the matrix, and opens an initiative from the list."""
        if action == "drill":
            return self.focused is self.table
        return super().check_action(action, parameters)

    @on(WindowTable.RowSelected, "#cell-list")
    def _open(self, event: WindowTable.RowSelected) -> None:
        """A click on an initiative in the cell's list opens it."""
        self.app.open_initiative(event.row.code)

    def action_matrix(self, direction: str) -> None:
        """Move the matrix cursor (h j k l)."""
        if self.table.has_focus:
            getattr(self.table, f"action_cursor_{direction}")()

    def action_choose_group(self) -> None:
        """Open the business group chooser."""
        select = self.query_one("#group", Select)
        select.focus()
        select.expanded = True

    @on(Select.Changed, "#group")
    def _group_changed(self, event: Select.Changed) -> None:
        self.group = None if event.select.is_blank() else str(event.value)
        self.table.focus()
        self.reload()

    def action_back(self) -> None:
        """From the list, back to the matrix; from the matrix, back to where it was opened."""
        if self.cell_list.has_focus or self.query_one("#group", Select).has_focus:
            self.table.focus()
            return
        self.app.pop_screen()
