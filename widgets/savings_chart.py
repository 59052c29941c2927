"""A bar chart of savings by financial year, with the remaining gap stacked on top.

Each year's bar is the budget requirement: the part the savings lines deliver and the
part still to find. The x labels repeat the figures in words, so the chart reads
without colour. Values arrive as integer tenths of £m; plotext draws with floats, which
are display values only.
"""

from __future__ import annotations

from textual_plotext import PlotextPlot

from store.savings.money import format_gbp_m

SAVED_COLOUR = (46, 125, 50)
GAP_COLOUR = (183, 28, 28)


class SavingsChart(PlotextPlot):
    """Savings delivered and the remaining gap, £m, one bar per year."""

    DEFAULT_CSS = """
    SavingsChart { height: 12; }
    """

    def show(self, years: list[str], saved: list[int], gap: list[int]) -> None:
        """Draw one stacked bar per year from tenths of £m: savings delivered, then the gap
        still to find."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if not years:
            plt.title("No financial years in the plan yet")
            self.refresh()
            return
        labels = [
            f"{year}: {format_gbp_m(value)} saved, {format_gbp_m(rest)} gap"
            for year, value, rest in zip(years, saved, gap, strict=True)
        ]
        plt.stacked_bar(
            labels,
            [[v / 10 for v in saved], [v / 10 for v in gap]],
            labels=["savings delivered £m", "remaining gap £m"],
            color=[SAVED_COLOUR, GAP_COLOUR],
            width=0.4,
        )
        plt.title("Savings by year (£m): delivered, and the gap left to the budget requirement")
        self.refresh()
