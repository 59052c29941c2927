"""The portfolio risk heat map: counts of risks by likelihood × impact, and the risks
behind the highlighted cell, listed below it."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen

from screens.common.list_screen import WindowedRows
from screens.common.live_data import LiveData
from screens.common.open_row import OPEN_ROW, OpensRow
from store.programme.risks.queries import heat_map, risks_in_cell
from store.programme.risks.read_models import HeatMap, RiskRead
from store.programme.types import score_band
from widgets.fitted import Fitted
from widgets.footer import Footer
from widgets.header import Header
from widgets.heat_map import IMPACT, LIKELIHOOD, RiskHeatMap
from widgets.plain_text import Static
from widgets.window_table import Column, WindowTable

PAGE = 100


def risk_columns() -> list[Column]:
    """Columns of the drill-down list; the description takes the spare width."""
    return [
        Column("code", "Code", 10, lambda r: r.code),
        Column("score", "Score", 5, lambda r: f"{r.score:>3}"),
        Column("status", "Status", 6, lambda r: r.status),
        Column("roam", "ROAM", 9, lambda r: r.roam or "—", drops=1),
        Column("owner", "Owner", 20, lambda r: r.owner or "—", drops=3),
        Column("proximity", "Proximity", 10, lambda r: str(r.proximity or "—"), drops=2),
        Column("description", "Risk", 0, lambda r: r.description, min_width=20),
    ]


def side_text(total: str, bands: dict[str, int], closed: str, *, one_line: bool) -> Text:
    """How many risks there are, by band, and the keys: a column beside the map, or
    `one_line` under it when the map takes a narrow screen's width."""
    counts = [
        f"high (15–25) {bands['high']}",
        f"medium (5–12) {bands['medium']}",
        f"low (1–4) {bands['low']}",
    ]
    if one_line:
        text = Text(f"{total}: ", style="bold")
        text.append(" · ".join(f"{band} {count}" for band, count in bands.items()))
        text.append(f"   {closed}")
        return text
    text = Text(f"{total}\n\n", style="bold")
    for count in counts:
        label, _, number = count.rpartition(" ")
        text.append(f"{label:<15} {number:>4}\n")
    text.append(f"\n{closed}\n")
    text.append("enter: list the cell's risks", style="dim")
    return text


class RiskHeatMapScreen(OpensRow, LiveData, WindowedRows, Screen):
    """Risks by likelihood and impact, with a drill-down into each cell."""

    CSS_PATH = "risk_heat_map.tcss"
    HELP_TITLE = "Risk heat map"
    OPEN_FROM = "cell-risks"
    HELP = """
Every risk in the portfolio placed by **likelihood** (1 rare to 5 almost certain) and
**impact** (1 minimal to 5 severe). Its score is likelihood × impact: 15 and over is
high, 5 to 12 medium, 4 and under low. Each cell shows how many risks sit there and
its score, so the map reads without colour.

Arrow keys (or `h` `j` `k` `l`) move around the map; the risks behind the highlighted
cell are listed below. `enter` moves into that list, where `enter` opens the risk's
initiative (its **Risks** tab has the full record) and `escape` returns to the map.
`c` shows or hides closed risks. `escape` on the map goes back.
"""

    BINDINGS = [
        # The map's own `enter`, answered at once (a priority key): its message moved the
        # cursor to the list a message later, and a second `enter` typed with it (open the
        # risk's initiative) reached the map again.
        Binding("enter", "drill", "Show risks", priority=True),
        OPEN_ROW,  # and the list's: `enter` `3` opens the risk's initiative on its risks
        Binding("c", "toggle_closed", "Closed risks"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.include_closed = False
        self.heat = HeatMap()
        self.cell = (5, 5)
        self.placed = False
        self.loaded = False  # once the first read is on screen

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="heat-top"):
            yield RiskHeatMap(id="heat-map")
            yield Fitted(id="heat-side")
        yield Static(id="cell-title")
        yield WindowTable(
            risk_columns(),
            page_size=PAGE,
            empty_text="No risks in this cell.",
            id="cell-risks",
        )
        yield Footer()

    @property
    def table(self) -> WindowTable:
        """The drill-down list."""
        return self.query_one("#cell-risks", WindowTable)

    def on_mount(self) -> None:
        self.sub_title = "Risks by likelihood and impact"
        self.query_one("#heat-map", RiskHeatMap).focus()
        self.load()

    def on_screen_resume(self) -> None:
        """Back from an initiative, where a risk may have been added or changed: count
        again, keeping the cell and the place in its list."""
        if self.loaded:
            self.load(keep=self.table.cursor)

    @work(thread=True, exclusive=True, group="heat")
    def load(self, keep: int = 0) -> None:
        """Count risks per cell off the event loop."""
        with self.app.store.reading() as connection:
            heat = heat_map(connection, include_closed=self.include_closed)
        self.app.call_from_thread(self._show, heat, keep)

    def _show(self, heat: HeatMap, keep: int = 0) -> None:
        self.data_shown()
        self.loaded = True
        self.heat = heat
        grid = self.query_one("#heat-map", RiskHeatMap)
        grid.show(heat)
        self._side()
        if not self.placed and heat.counts:
            # Start on the worst cell that holds risks.
            self.placed = True
            grid.cursor = max(heat.counts, key=lambda cell: (cell[0] * cell[1], cell[1]))
        else:
            self._drill(*self.cell, keep=keep)

    def _side(self) -> None:
        heat = self.heat
        bands = {"high": 0, "medium": 0, "low": 0}
        for (likelihood, impact), count in heat.counts.items():
            bands[score_band(likelihood * impact)] += count
        what = "open and closed" if self.include_closed else "open"
        closed = "c: " + ("hide" if self.include_closed else "show") + " closed risks"
        total = f"{heat.total} {what} risks"
        # Drawn again on a resize: the narrow layout puts it under the map, in one line.
        self.query_one("#heat-side", Fitted).show(
            lambda _width: side_text(total, bands, closed, one_line=self.has_class("-narrow"))
        )

    @on(RiskHeatMap.CellHighlighted, "#heat-map")
    def _highlighted(self, event: RiskHeatMap.CellHighlighted) -> None:
        self.cell = (event.likelihood, event.impact)
        self._drill(*self.cell)

    def _drill(self, likelihood: int, impact: int, keep: int = 0) -> None:
        count = self.heat.count(likelihood, impact)
        title = Text(
            f"Likelihood {likelihood} ({LIKELIHOOD[likelihood]}) × impact {impact} "
            f"({IMPACT[impact]}) = score {likelihood * impact}: ",
            style="bold",
        )
        title.append(f"{count} risk{'s' if count != 1 else ''}")
        self.query_one("#cell-title", Static).update(title)
        keep = min(keep, max(0, count - 1))
        start = max(0, keep - PAGE // 2)
        self.table.rows_coming()  # keys for the list wait for the cell's risks
        generation = self.table.reset(count, cursor=keep)
        key = (likelihood, impact, self.include_closed)
        self.fetch_rows(self.table, key, start, PAGE, generation)

    def window_key(self) -> tuple[int, int, bool]:
        """The cell whose risks are listed, and whether closed ones count."""
        return (*self.cell, self.include_closed)

    def rows_for(self, connection, key, start: int, count: int) -> list:
        """One window of the cell's risks (in a worker thread)."""
        likelihood, impact, include_closed = key
        return risks_in_cell(
            connection,
            likelihood,
            impact,
            include_closed=include_closed,
            offset=start,
            limit=count,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`enter` drills into the cell from the map; on the list it opens the risk."""
        if action == "drill":
            return self.focused is self.query_one("#heat-map", RiskHeatMap)
        return super().check_action(action, parameters)

    @on(RiskHeatMap.CellSelected, "#heat-map")
    def action_drill(self) -> None:
        """Into the list of the cell's risks (a click on a cell comes here too)."""
        if self.table.total:
            self.set_focus(self.table)

    @on(WindowTable.RowSelected, "#cell-risks")
    def _open(self, event: WindowTable.RowSelected) -> None:
        """A click on a risk opens its initiative."""
        risk: RiskRead = event.row
        self.app.open_initiative(risk.code)

    def action_toggle_closed(self) -> None:
        """Show or hide closed risks."""
        self.include_closed = not self.include_closed
        self.table.rows_coming()  # keys for the list wait for the cell's risks read again
        self.load()

    def action_back(self) -> None:
        """From the list, back to the map; from the map, back to the previous screen."""
        if self.table.has_focus:
            self.query_one("#heat-map", RiskHeatMap).focus()
            return
        self.app.pop_screen()
