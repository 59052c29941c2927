"""Establishment figures: for each business group and staff group, budgeted posts,
strength, the vacancy factor against its target and headcount against the year's
reduction plan."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from screens.common.live_data import LiveData
from screens.common.role_keys import RoleKeys
from store import clock
from store.portfolio.queries import reporting_date
from store.star_chamber.queries.establishment import establishment_rows, financial_years
from store.star_chamber.read_models import EstablishmentRow
from store.star_chamber.rules import financial_year_of, pct_text, show_fte
from store.star_chamber.types import StaffGroup
from store.users.roles import Permission
from widgets.footer import Footer
from widgets.header import Header
from widgets.keyed_table import KeyedDataTable
from widgets.plain_text import DataTable, Static

COLUMNS = (
    ("Group", 5),
    ("Staff group", 15),
    ("Budgeted", 8),
    ("Strength", 8),
    ("+Approved", 9),
    ("Vacancy", 9),
    ("Target", 6),
    ("Reduce by", 9),
    ("Plan as at", 10),
    ("Against plan", 15),
)


def vacancy_cell(row: EstablishmentRow) -> Text:
    """The vacancy factor, marked ⚠ when below its target."""
    if row.vacancy is None:
        return Text("—")
    text = pct_text(row.vacancy, 2)
    if row.vacancy < row.target_pct:
        return Text(f"⚠ {text}", style="bold #000000 on #ffb300")
    return Text(text)


def plan_cell(row: EstablishmentRow, plan: int) -> Text:
    """How far projected strength is ahead of or behind the reduction plan's `plan`."""
    if row.reduction_x100 == 0:
        return Text("no reduction", style="dim")
    gap = row.projected_x100 - plan
    if gap > 0:
        return Text(f"⚠ {show_fte(gap)} behind", style="bold #000000 on #ffb300")
    return Text(f"{show_fte(-gap)} ahead")


def note_text(rows: list[EstablishmentRow]) -> str:
    """When strength was counted, and what the ⚠ marks mean."""
    counted = sorted({row.as_of for row in rows})
    if not counted:
        when = ""
    elif len(counted) == 1:
        when = f"Strength counted on {counted[0].isoformat()}. "
    else:
        when = f"Strength counted between {counted[0].isoformat()} and {counted[-1].isoformat()}. "
    return when + "⚠ marks a vacancy factor below target or headcount behind the reduction plan."


class EstablishmentScreen(LiveData, RoleKeys, Screen):
    """The figures the Star Chamber checks every approval against."""

    CSS_PATH = "establishment.tcss"
    HELP_TITLE = "Establishment"
    HELP = """
One row per business group and staff group for a financial year. **+Approved** is
the FTE the Star Chamber has approved since strength was counted; **Vacancy** is
(budgeted − strength − approved) ÷ budgeted, marked ⚠ below its **Target**. The
reduction plan runs in a straight line from the strength on 1 April (see `e`) down by
**Reduce by** at 31 March; **Plan as at** is where the plan says strength should be on
the reporting date (the end of the current reporting period, or today while it runs;
the title names it) and **Against plan** compares projected strength with it (⚠ when
behind).

The Star Chamber checks each approval against the group's police staff row.
`e` edits the highlighted row, `n` records a new one, `[` and `]` change the
financial year. `escape` goes back.
"""

    BINDINGS = [
        Binding("e", "edit", "Edit figures"),
        Binding("n", "new", "New row"),
        Binding("left_square_bracket", "year(1)", "Earlier year"),
        Binding("right_square_bracket", "year(-1)", "Later year"),
        Binding("escape", "back", "Back"),
    ]
    ROLE_KEYS = {
        "edit": Permission.SET_ESTABLISHMENT,
        "new": Permission.SET_ESTABLISHMENT,
    }

    def __init__(self) -> None:
        super().__init__()
        self.year: str | None = None
        self.years: list[str] = []
        self.rows: list[EstablishmentRow] = []
        self.groups: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="es-title")
        yield KeyedDataTable(id="es-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="es-note", classes="hint")
        yield Footer()

    @property
    def table(self) -> DataTable:
        """The figures."""
        return self.query_one("#es-table", DataTable)

    def on_mount(self) -> None:
        self.sub_title = "Establishment"
        for label, width in COLUMNS:
            self.table.add_column(label, width=width)
        self.table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="es-load")
    def load(self) -> None:
        """Read the figures off the event loop."""
        from store.portfolio.queries import list_business_groups

        with self.app.store.reading() as connection:
            years = financial_years(connection)
            year = self.year if self.year in years else (years[0] if years else None)
            rows = establishment_rows(connection, year) if year else []
            groups = [group.code for group in list_business_groups(connection)]
            as_at = reporting_date(connection)
        self.app.call_from_thread(self.show, year, years, rows, groups, as_at)

    reload_live = load  # someone saved: read it again (the cursor stays)

    def show(self, year, years, rows, groups, as_at: date) -> None:
        """Fill the table, keeping the cursor where it was; plan figures are as at the
        reporting date `as_at`."""
        self.data_shown()
        self.year, self.years, self.rows, self.groups = year, years, rows, groups
        title = Text("Establishment ", style="bold")
        none_yet = "(no figures recorded yet: press n)" if self.role_allows("new") else "(none yet)"
        title.append(year or none_yet)
        title.append(f"   plan figures as at {as_at.isoformat()}", style="dim")
        self.query_one("#es-title", Static).update(title)
        keep = self.table.cursor_row
        self.table.clear()
        for row in rows:
            plan = row.plan_on(as_at)
            self.table.add_row(
                row.business_group,
                StaffGroup(row.staff_group).label,
                show_fte(row.budgeted_x100),
                show_fte(row.strength_x100),
                show_fte(row.committed_x100) if row.committed_x100 else "",
                vacancy_cell(row),
                pct_text(row.target_pct),
                show_fte(row.reduction_x100),
                show_fte(plan) if row.reduction_x100 else "",
                plan_cell(row, plan),
            )
        if rows:
            self.table.move_cursor(row=min(keep, len(rows) - 1))
        self.query_one("#es-note", Static).update(note_text(rows))

    def action_year(self, step: int) -> None:
        """Show the financial year before or after."""
        if self.year not in self.years:
            return
        index = self.years.index(self.year) + step
        if 0 <= index < len(self.years):
            self.year = self.years[index]
            self.load()

    def action_edit(self) -> None:
        """Edit the highlighted row's figures."""
        if not self.rows:
            return
        row = self.rows[max(0, min(self.table.cursor_row, len(self.rows) - 1))]
        from screens.star_chamber.forms import establishment_form

        self.app.push_screen(establishment_form(self.groups, row, row.financial_year), self._saved)

    def action_new(self) -> None:
        """Record figures for another group, staff group or year."""
        from screens.star_chamber.forms import establishment_form

        year = self.year or financial_year_of(clock.today())
        self.app.push_screen(establishment_form(self.groups, None, year), self._saved)

    def _saved(self, row) -> None:
        if row is not None:
            self.notify(
                f"{row.business_group} {StaffGroup(row.staff_group).label} {row.financial_year} "
                f"saved (version {row.version})"
            )
            self.year = row.financial_year
            self.load()

    def action_back(self) -> None:
        """Go back to where this screen was opened from."""
        self.app.pop_screen()
