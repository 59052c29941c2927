"""Early departure schemes for police staff: each phase with its groups, how many were
offered and accepted, the uptake and the cost."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen

from screens.common.live_data import LiveData
from store.star_chamber.queries.departures import schemes
from store.star_chamber.read_models import DepartureGroupRead, SchemeRead
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import Static, Table


def _cells(group: DepartureGroupRead) -> tuple[str, str, str, str]:
    uptake = "—" if group.uptake_pct is None else f"{group.uptake_pct}%"
    return (f"{group.offered:,}", f"{group.accepted:,}", uptake, f"£{group.cost_gbp_m:.2f}m")


def scheme_table(scheme: SchemeRead) -> Table:
    """One phase as a table with a total row."""
    closes = scheme.closes_on.isoformat() if scheme.closes_on else "open"
    table = Table(
        title=Text(
            f"Phase {scheme.phase}: {scheme.name} ({scheme.opens_on.isoformat()} to {closes})",
            style="bold",
        ),
        caption=f"{scheme.staff_groups}. Terms: {scheme.terms}.",
        caption_justify="left",
        title_justify="left",
        expand=True,
    )
    table.add_column("Group", ratio=1)
    for label in ("Offered", "Accepted", "Uptake", "Cost"):
        table.add_column(label, justify="right", width=10)
    for group in scheme.groups:
        table.add_row(group.name, *_cells(group))
    total = scheme.total
    table.add_section()
    table.add_row(Text("Total", style="bold"), *(Text(c, style="bold") for c in _cells(total)))
    return table


class DeparturesScreen(LiveData, Screen):
    """The phases of the police staff early departure scheme."""

    CSS_PATH = "departures.tcss"
    HELP_TITLE = "Early departure schemes"
    HELP = """
Voluntary early departure and redundancy are the pre-redundancy measures used to keep
compulsory departures to a minimum. Each phase lists the groups in scope with how many
staff were offered terms, how many accepted, the uptake (accepted ÷ offered) and the
cost. Update a group's figures with `portfolio departure set`. `escape` goes back.
"""

    BINDINGS = [Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dp-scroll"):
            yield Static(id="dp-body")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Early departure schemes"
        self.query_one("#dp-scroll").focus()
        self.load()

    @work(thread=True, exclusive=True, group="dp-load")
    def load(self) -> None:
        """Read the schemes off the event loop."""
        with self.app.store.reading() as connection:
            found = schemes(connection)
        self.app.call_from_thread(self.show, found)

    reload_live = load  # someone saved: read it again (the scroll stays)

    def show(self, found: list[SchemeRead]) -> None:
        """Show each phase as a table."""
        self.data_shown()
        body = self.query_one("#dp-body", Static)
        if not found:
            body.update(Text("No early departure schemes recorded.", style="italic"))
            return
        grid = Table.grid(expand=True)
        grid.add_column()
        for n, scheme in enumerate(found):
            if n:
                grid.add_row("")
            grid.add_row(scheme_table(scheme))
        body.update(grid)

    def action_back(self) -> None:
        """Go back to where this screen was opened from."""
        self.app.pop_screen()
