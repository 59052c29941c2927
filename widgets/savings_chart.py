"""A bar chart of savings by financial year, with the remaining gap stacked on top.

Each year's bar is the budget requirement: the part the savings lines deliver and the
part still to find. The title repeats the figures in words, so the chart reads
without colour. Values arrive as integer tenths of £m; plotext draws with floats, which
are display values only.
"""

from __future__ import annotations

from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from store.programme.savings.money import format_gbp_m

SAVED_COLOUR = (46, 125, 50)
GAP_COLOUR = (183, 28, 28)


class SavingsChart(PlotextPlot):
    """Savings delivered and the remaining gap, £m, one bar per year."""

    DEFAULT_CSS = """
    SavingsChart { height: 12; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._data: tuple[list[str], list[int], list[int]] = ([], [], [])

    def show(self, years: list[str], saved: list[int], gap: list[int]) -> None:
        """Draw one stacked bar per year from tenths of £m: savings delivered, then the gap
        still to find."""
        self._data = (list(years), list(saved), list(gap))
        self.refresh()

    def render(self):
        """Plot afresh at the current size, so the picture depends only on data and size."""
        years, saved, gap = self._data
        self._plot = Plot()  # a fresh figure each time: plotext keeps state between builds
        plt = self.plt
        if not years:
            plt.title("No financial years in the plan yet")
            return super().render()
        figures = " · ".join(
            f"{year} {format_gbp_m(value)} + {format_gbp_m(rest)}"
            for year, value, rest in zip(years, saved, gap, strict=True)
        )
        # Numeric positions with short tick labels: plotext lays out long text labels
        # differently from run to run, so the figures go in the title instead.
        positions = list(range(1, len(years) + 1))
        plt.stacked_bar(
            positions,
            [[v / 10 for v in saved], [v / 10 for v in gap]],
            labels=["savings delivered £m", "remaining gap £m"],
            color=[SAVED_COLOUR, GAP_COLOUR],
            width=0.4,
        )
        plt.xticks(positions, years)
        plt.title(f"£m saved + gap still to find: {figures}")
        return super().render()
