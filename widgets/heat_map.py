"""A 5×5 risk heat map: likelihood up the side, impact along the bottom, a count in
each cell. Cells are coloured by score band and also show the score, so the map reads
without colour. Arrow keys (or h j k l) move the cursor; enter selects the cell."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

from store.programme.risks.read_models import HeatMap
from store.programme.types import risk_score, score_band
from widgets.sent import SentBy

CELL_WIDTH = 12
LABEL_WIDTH = 16
BAND_STYLES = {
    "high": "#ffffff on #b71c1c",
    "medium": "#000000 on #ffb300",
    "low": "#ffffff on #2e7d32",
}
LIKELIHOOD = {1: "rare", 2: "unlikely", 3: "possible", 4: "likely", 5: "almost certain"}
IMPACT = {1: "minimal", 2: "minor", 3: "moderate", 4: "major", 5: "severe"}


class RiskHeatMap(Widget, can_focus=True):
    """The counts of risks by likelihood and impact, with a cell cursor."""

    DEFAULT_CSS = """
    RiskHeatMap { height: 14; width: 78; }
    RiskHeatMap:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("up,k", "move(1, 0)", "Likelier", show=False),
        Binding("down,j", "move(-1, 0)", "Less likely", show=False),
        Binding("left,h", "move(0, -1)", "Less impact", show=False),
        Binding("right,l", "move(0, 1)", "More impact", show=False),
        Binding("enter", "select", "Show risks"),
    ]

    cursor: reactive[tuple[int, int]] = reactive((5, 5))

    class CellHighlighted(SentBy):
        """The cursor moved to the cell of `likelihood` and `impact`."""

        def __init__(self, heat_map: RiskHeatMap, likelihood: int, impact: int) -> None:
            super().__init__(heat_map)
            self.likelihood = likelihood
            self.impact = impact

    class CellSelected(CellHighlighted):
        """The user pressed enter on a cell."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.heat = HeatMap()

    def show(self, heat: HeatMap) -> None:
        """Display new counts."""
        self.heat = heat
        self.refresh()

    def watch_cursor(self) -> None:
        self.post_message(self.CellHighlighted(self, *self.cursor))

    def action_move(self, likelihood: int, impact: int) -> None:
        """Move the cursor, staying on the grid."""
        row, column = self.cursor
        self.cursor = (min(5, max(1, row + likelihood)), min(5, max(1, column + impact)))

    def action_select(self) -> None:
        """Drill into the risks behind the cell under the cursor."""
        self.post_message(self.CellSelected(self, *self.cursor))

    def render(self) -> Text:
        text = Text(no_wrap=True)
        text.append("Likelihood".ljust(LABEL_WIDTH) + "\n", style="bold")
        for likelihood in range(5, 0, -1):
            for line in range(2):
                label = f"{likelihood} {LIKELIHOOD[likelihood]}" if line == 0 else ""
                text.append(label.ljust(LABEL_WIDTH))
                for impact in range(1, 6):
                    text.append_text(self._cell(likelihood, impact, line))
                text.append("\n")
        text.append(" " * LABEL_WIDTH)
        for impact in range(1, 6):
            text.append(f"{impact} {IMPACT[impact]}".center(CELL_WIDTH))
        text.append("\n" + " " * LABEL_WIDTH)
        text.append("Impact".center(CELL_WIDTH * 5), style="bold")
        return text

    def _cell(self, likelihood: int, impact: int, line: int) -> Text:
        score = risk_score(likelihood, impact)
        count = self.heat.count(likelihood, impact)
        style = BAND_STYLES[score_band(score)]
        if (likelihood, impact) == self.cursor:
            style += " bold reverse" if self.has_focus else " bold underline"
        if line == 0:
            body = f"{count} risk{'s' if count != 1 else ''}" if count else "·"
        else:
            body = f"score {score}"
        return Text(body.center(CELL_WIDTH - 1) + " ", style=style)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
