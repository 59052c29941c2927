"""The portfolio benefits view: benefits realised against planned by business group and
tier as at the reporting date, and every benefit behind its profile (`enter` opens its
initiative). The figures are the board pack's benefits section, read the same way."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from screens.common.as_at import period_as_at, reporting_date_of
from screens.common.list_screen import WindowedRows
from screens.common.live_data import LiveData
from screens.common.open_row import OPEN_ROW, OpensRow
from store import clock
from store.handle import Store
from store.portfolio.queries import current_period
from store.reports.benefit_sections import behind_rows, benefits
from store.reports.read_models import Section
from widgets.bars import fill_bar
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import Static
from widgets.window_table import Column, WindowTable

KEPT_AS = "portfolio benefits view"  # its name in the store's kept reads

BAR_WIDTH = 10
# Behind-profile rows read with the totals; the table asks for the rest as it scrolls.
FIRST_ROWS = 200


def read_view(connection: sqlite3.Connection) -> tuple[str, Section]:
    """The current period and the benefits section as at its reporting date, with the
    first `FIRST_ROWS` benefits behind (in a worker)."""
    period = current_period(connection)
    return period, benefits(connection, reporting_date_of(period), FIRST_ROWS)


def read_kept_view(store: Store) -> tuple[str, Section]:
    """`read_view`, answered from memory while the data is unchanged (`store.kept`):
    it judges every benefit, a third of a second at 10,000 initiatives. The key holds
    today, which is the reporting date while the current period runs."""
    with store.reading() as connection:
        return store.kept.read(connection, (KEPT_AS, clock.today()), read_view)


def behind_columns() -> list[Column]:
    """The behind-profile list: code, benefit (the spare width), unit, planned, actual,
    realised % and trend; the unit goes first when it is narrow."""
    return [
        Column("code", "Code", 10, lambda row: row[0]),
        Column("name", "Benefit", 0, lambda row: row[1], min_width=16),
        Column("unit", "Unit", 12, lambda row: row[2], drops=1),
        Column("planned", "Planned", 9, lambda row: Text(row[3] or "", justify="right")),
        Column("actual", "Actual", 12, lambda row: Text(row[4] or "", justify="right")),
        Column("percent", "%", 7, lambda row: Text(row[5] or "—", justify="right")),
        Column("trend", "T", 1, lambda row: row[6] or "·"),
    ]


def realised_bar(cell: str | None) -> Text:
    """`60.0%` as a bar (the figure is in the column before it); blank when nothing was
    planned."""
    return fill_bar(int(Decimal(cell.rstrip("%"))), BAR_WIDTH) if cell else Text("")


def _right(n: int):
    return lambda row: Text("" if row[n] is None else str(row[n]), justify="right")


def group_columns() -> list[Column]:
    """The table by business group and tier (`store.reports.benefit_sections` rows):
    counts, cashable £m planned and realised, and realised % with a bar. It fits 80
    columns. A table that draws only the rows in view: a 10k register has 400 of them."""
    return [
        Column("group", "Group", 5, lambda row: str(row[0])),
        Column("tier", "Tier", 12, lambda row: str(row[1])),
        Column("benefits", "Benefits", 8, _right(2)),
        Column("behind", "Behind", 6, _right(3)),
        Column("planned", "£m plan", 8, _right(4)),
        Column("realised", "£m real", 8, _right(5)),
        Column("percent", "Realised", 8, lambda row: Text(row[6] or "—", justify="right")),
        # The spare width, so that every row is drawn across the table.
        Column("bar", "", 0, lambda row: realised_bar(row[6]), min_width=BAR_WIDTH),
    ]


class GroupTable(WindowTable):
    """The totals by business group and tier: a row here has nothing to open."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No `enter` (nor its footer key) on a total."""
        return action != "select" and super().check_action(action, parameters)


class PortfolioBenefitsScreen(OpensRow, WindowedRows, LiveData, Screen):
    """Benefits across the portfolio: by business group and tier, and those behind."""

    CSS_PATH = "portfolio_benefits.tcss"
    HELP_TITLE = "Portfolio benefits"
    OPEN_FROM = "behind"
    HELP = """
Benefits across the portfolio as at the reporting date in the header: the end of the
current period, or today while it runs. The first table counts each **business group**
and **tier**'s benefits and how many are **behind** their profile, and adds up the
cashable ones: **£m plan**ned and **£m real**ised by that date (changes from the
baseline, so a saving is negative) and **realised** as a % of planned, with a bar.

The second table lists every benefit **behind profile**: planned by now, the latest
actual (or *not measured*), realised % and the trend of its last two measurements
(▲ better, ▼ worse). `enter` opens its initiative on the detail screen, where the
Benefits tab (`9`) shows its profile, chart and measurements. `tab` moves between the
tables, `j`/`k` move the cursor and `escape` goes back. The board pack's benefits
section gives the same figures.
"""

    BINDINGS = [
        OPEN_ROW,  # from the list of those behind (a total has nothing to open)
        Binding("escape", "app.pop_screen", "Back"),
    ]

    loaded = False  # figures shown at least once
    as_at: date | None = None  # the reporting date of the figures shown

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Benefits realised against planned …", id="benefits-title")
        yield GroupTable(group_columns(), empty_text="No benefits registered.", id="by-group")
        yield Static(id="behind-title", classes="section-title")
        yield WindowTable(
            behind_columns(), empty_text="No benefit is behind its profile.", id="behind"
        )
        yield Footer()

    _serial = 0  # of the latest read asked for; an older one's answer is not shown

    def on_mount(self) -> None:
        self.query_one("#behind", WindowTable).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        # A push sends a resume too: read again only on coming back (from an initiative,
        # where a change may have been made), not a second time on opening.
        if self.loaded:
            self.reload()

    def reload_live(self) -> None:
        """Someone saved: read again, even if the first read has not landed yet (it
        may have read the data from before the save)."""
        self.reload()

    def reload(self) -> None:
        """Read the figures again (a thread worker is not stopped by the next read, so
        each answer carries the serial of the read that asked for it)."""
        self._serial += 1
        self.load(self._serial)

    @work(thread=True, exclusive=True, group="portfolio-benefits")
    def load(self, serial: int) -> None:
        """Read the section off the event loop."""
        period, section = read_kept_view(self.app.store)
        self.app.call_from_thread(self.show, serial, period, section)

    def show(self, serial: int, period: str, section: Section) -> None:
        """Put the figures on screen, keeping the behind list's cursor where it was;
        unless a later read has been asked for since (its answer may come first)."""
        if serial != self._serial:
            return
        self.data_shown()
        self.loaded = True
        by_group, behind = section.blocks
        self.as_at = reporting_date_of(period)
        total = sum(row[3] for row in by_group.rows)  # each group's count behind
        self.sub_title = period_as_at(period)
        title = Text(f"Benefits as at {self.as_at}", style="bold")
        title.append(": realised against planned by business group and tier")
        self.query_one("#benefits-title", Static).update(title)
        groups = self.query_one("#by-group", GroupTable)
        groups.empty_text = by_group.empty
        groups.reset(len(by_group.rows), 0, by_group.rows, groups.cursor)
        self.query_one("#behind-title", Static).update(
            Text(f"Behind profile: {total}", style="bold")
        )
        table = self.query_one("#behind", WindowTable)
        table.reset(total, 0, behind.rows, min(table.cursor, total))

    def window_key(self) -> date | None:
        """The reporting date the behind list is read as at."""
        return self.as_at

    def rows_for(self, connection: sqlite3.Connection, key: date, start: int, count: int) -> list:
        """More of the behind-profile list, as the table scrolls to it (in a worker)."""
        return behind_rows(connection, key, start, count)

    def code_of(self, row: tuple) -> str:
        """A benefit behind profile opens its initiative."""
        return row[0]

    @on(WindowTable.RowSelected, "#behind")
    def open_initiative(self, event: WindowTable.RowSelected) -> None:
        """A click on a benefit behind profile opens its initiative."""
        self.app.open_initiative(event.row[0])
