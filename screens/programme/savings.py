"""The savings and headcount plan (§19): every line by financial year, the Total Service
Improvement row and the Remaining budget gap, with in-place editing and a chart.

Totals and the gap are computed from the lines (never stored) and previewed while you
type; `enter` saves the cell through the store, `escape` abandons the edit. A cell
someone else saved since the plan was read is not overwritten: the conflict dialog shows
their value against the one typed, and the user re-applies theirs or takes their value.
A busy database is retried every second until the save lands or the user stops it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input

from screens.common.conflict_dialog import ConflictDialog
from screens.common.role_keys import RoleKeys
from screens.common.save_path import SavePath
from screens.programme.savings_cells import (
    GAP,
    REQUIREMENT,
    SHORT,
    TOTAL,
    VALUE_WIDTH,
    cell_text,
    column_key,
    cursor_text,
    figure_cells,
    group_header,
    line_name,
    line_width,
    money_cells,
    parse_value,
    row_label,
    show_value,
    split_key,
    value_note,
    why_not_editable,
    write_cell,
)
from screens.programme.savings_cells import (
    preview as preview_plan,
)
from store.concurrency import LastChange
from store.errors import InputError, PortfolioError
from store.programme.savings.money import format_gbp_m
from store.programme.savings.queries import last_cell_change, last_requirement_change, savings_plan
from store.programme.savings.read_models import SavingsPlan
from store.programme.types import Measure
from store.users.roles import Permission
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import DataTable, Label, Static
from widgets.savings_chart import SavingsChart


class SavingsScreen(RoleKeys, SavePath, Screen):
    """The §19 table with editable cells, computed totals and gap, and a chart."""

    CSS_PATH = "savings.tcss"
    SAVE_KEY = "enter"
    SAVE_ID = ""  # saved by enter in the cell editor; there is no button
    HELP_TITLE = "Savings and headcount"
    HELP = """
The change programme savings in the business plan, as §19 of the 2011 report sets them
out: **£m** (negative is a saving) and the change in **police officers**, **police
staff** and **PCSOs**, for each financial year. A blank cell is not the same as 0.

**Total Service Improvement** adds up the lines; it is worked out, never typed.
**Budget requirement** is the saving each year's budget needs from the change
programmes, and **Remaining budget gap** is that requirement less the savings the
lines deliver (requirement + total, since savings are negative).

Move with the arrow keys (or `h` `j` `k` `l`). `enter` or `e` edits the cell under the
cursor: £m take one decimal place (e.g. `-8.2`), headcounts a whole number (e.g.
`-24`); either may be negative; an empty value blanks the cell. The totals and the
chart follow as you type. `enter` saves, `escape` abandons the edit. The budget
requirement row takes £m only; the total and gap rows cannot be edited.

If someone else saved the cell after you read the plan, your value is not written over
theirs: a dialog shows both, and who saved when; `a` saves yours, `r` takes theirs. If
another process is writing, the save says "Database busy" and retries every second;
`enter` retries at once and `escape` stops retrying.
"""

    BINDINGS = [
        Binding("e", "edit", "Edit cell"),
        Binding("j", "move(1, 0)", "Down", show=False),
        Binding("k", "move(-1, 0)", "Up", show=False),
        Binding("h", "move(0, -1)", "Left", show=False),
        Binding("l", "move(0, 1)", "Right", show=False),
        Binding("r", "reload", "Reload"),
        Binding("escape", "back", "Back"),
    ]
    ROLE_KEYS = {
        "edit": Permission.EDIT_SAVINGS,
    }

    def __init__(self) -> None:
        super().__init__()
        self.plan: SavingsPlan | None = None
        self.editing: tuple[str, str] | None = None  # (row key, column key)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="savings-title")
        yield Static(id="savings-groups")
        yield DataTable(id="savings-table", cursor_type="cell", cell_padding=0, zebra_stripes=True)
        with Horizontal(id="cell-editor"):
            yield Label(id="cell-label")
            yield Input(id="cell-input", placeholder="blank")
            yield Static(id="cell-error", classes="error")
        yield Static(id="cell-status", classes="hint")
        yield SavingsChart(id="savings-chart")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Savings and headcount (§19)"
        self.query_one("#savings-title", Static).update(
            Text("Change programme savings in the business plan: £m and change in heads", "bold")
        )
        self.query_one("#cell-editor").display = False
        self.query_one("#savings-table", DataTable).focus()
        self.load()

    @property
    def table(self) -> DataTable:
        """The savings table."""
        return self.query_one("#savings-table", DataTable)

    # ------------------------------------------------------------- loading

    @work(thread=True, exclusive=True, group="savings")
    def load(self) -> None:
        """Read the whole plan off the event loop (a few small queries)."""
        with self.app.store.reading() as connection:
            plan = savings_plan(connection)
        self.app.call_from_thread(self.show, plan)

    def action_reload(self) -> None:
        """Read the plan again (for changes made elsewhere)."""
        self.load()

    def show(self, plan: SavingsPlan) -> None:
        """Rebuild the table from a freshly read plan, keeping the cursor where it was."""
        self.plan = plan
        table = self.table
        keep = table.cursor_coordinate
        table.clear(columns=True)
        years = plan.year_names
        figures = VALUE_WIDTH * len(Measure) * len(years)
        name_width = line_width(plan, table.scrollable_content_region.width - figures)
        self.query_one("#savings-groups", Static).update(group_header(years, name_width))
        table.add_column("Line", width=name_width, key="line")
        for measure in Measure:
            for year in years:
                label = Text(year[2:], justify="right")
                table.add_column(label, width=VALUE_WIDTH, key=column_key(measure, year))
        for line in plan.lines:
            name = Text(line_name(line.name, name_width))
            table.add_row(name, *figure_cells(plan, line.figures), key=line.name)
        table.add_row(
            Text("Total Service Improvement", style="bold"),
            *figure_cells(plan, plan.total, style="bold"),
            key=TOTAL,
        )
        table.add_row(
            Text("Budget requirement", style="italic"),
            *money_cells(plan, plan.requirement, style="italic"),
            key=REQUIREMENT,
        )
        table.add_row(
            Text("Remaining budget gap", style="bold"),
            *money_cells(plan, plan.remaining_gap, style="bold"),
            key=GAP,
        )
        if plan.lines:
            table.move_cursor(row=keep.row, column=max(1, keep.column))
        self._draw_chart(plan)
        self._describe_cursor()

    def on_resize(self) -> None:
        """The Line column follows the room there is (not while a cell is edited)."""
        if self.plan is not None and self.editing is None:
            self.call_after_refresh(self.show, self.plan)

    def _draw_chart(self, plan: SavingsPlan) -> None:
        years = plan.year_names
        saved = [-(plan.total(y).gbp_m_tenths or 0) for y in years]
        gap = [max(0, plan.remaining_gap(y) or 0) for y in years]
        self.query_one("#savings-chart", SavingsChart).show(years, saved, gap)

    # ------------------------------------------------------------ the cursor

    def _cursor_keys(self) -> tuple[str, str] | None:
        table = self.table
        if self.plan is None or table.row_count == 0:
            return None
        cell_key = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(cell_key.row_key.value), str(cell_key.column_key.value)

    @on(DataTable.CellHighlighted, "#savings-table")
    def _describe_cursor(self) -> None:
        keys = self._cursor_keys()
        if keys is None or self.editing is not None:
            return
        text = cursor_text(self.plan, *keys, may_edit=self.role_allows("edit"))
        self.query_one("#cell-status", Static).update(text)

    def action_move(self, rows: int, columns: int) -> None:
        """Move the cell cursor (h j k l)."""
        if self.editing is None:
            table = self.table
            table.move_cursor(
                row=table.cursor_coordinate.row + rows,
                column=table.cursor_coordinate.column + columns,
            )

    # --------------------------------------------------------------- editing

    @on(DataTable.CellSelected, "#savings-table")
    def action_edit(self) -> None:
        """Start editing the cell under the cursor."""
        if self.refused("edit"):
            return
        keys = self._cursor_keys()
        if keys is None or self.editing is not None:
            return
        row, column = keys
        why_not = why_not_editable(row, column)
        if why_not:
            self.notify(why_not, severity="warning")
            return
        measure, year = split_key(column)
        self.editing = (row, column)
        self.query_one("#cell-label", Label).update(f"{row_label(row)} · {measure.label} {year}: ")
        editor = self.query_one("#cell-input", Input)
        editor.value = cell_text(self.plan, row, measure, year).replace(",", "")
        self.query_one("#cell-error", Static).update("")
        self.query_one("#cell-editor").display = True
        self.tell("")
        editor.focus()

    @on(Input.Changed, "#cell-input")
    def _check_as_you_type(self, event: Input.Changed) -> None:
        if self.editing is not None:
            self._preview_typed(event.value)

    def _preview_typed(self, text: str) -> None:
        """Check what is typed and show the cell, totals and gap as they would be."""
        measure, year = split_key(self.editing[1])
        error = self.query_one("#cell-error", Static)
        try:
            value = parse_value(measure, text, self.editing[0])
        except ValueError as problem:
            error.update(f"{measure.label}: {problem}")
            self.tell("")
            self._show_totals(self.plan, year)
            return
        error.update("")
        self.tell(value_note(self.editing[0], measure, value))
        preview = preview_plan(self.plan, *self.editing, value)
        self.table.update_cell(
            self.editing[0],
            self.editing[1],
            Text(show_value(measure, value), style="bold reverse", justify="right"),
        )
        self._show_totals(preview, year)

    def _show_totals(self, plan: SavingsPlan, year: str) -> None:
        """Rewrite the total and gap cells for `year` from `plan` (saved or previewed)."""
        total = plan.total(year)
        for measure in Measure:
            self.table.update_cell(
                TOTAL,
                column_key(measure, year),
                Text(show_value(measure, total.get(measure)), style="bold", justify="right"),
            )
        self.table.update_cell(
            GAP,
            column_key(Measure.GBP_M, year),
            Text(format_gbp_m(plan.remaining_gap(year)), style="bold", justify="right"),
        )
        self._draw_chart(plan)

    @on(Input.Submitted, "#cell-input")
    def action_save(self) -> None:
        """Save the cell being edited (enter; also a busy database's automatic retry)."""
        if self.editing is None or self.saving:
            return
        row, column = self.editing
        measure, year = split_key(column)
        if str(self.query_one("#cell-error", Static).render()).strip():
            self.notify("Fix the value first (or escape to abandon).", severity="warning")
            return
        self.start_save((row, measure, year, self.query_one("#cell-input", Input).value))

    def tell(self, message: str | Text, *, note: bool = False) -> None:
        """Why the last save did not land, under the editor (kept while the user types)."""
        self.query_one("#cell-status", Static).update(
            message or "enter saves · escape abandons · an empty value blanks the cell"
        )

    def write(self, data: tuple[str, Measure, str, str]) -> tuple[SavingsPlan, tuple]:
        """Write the cell through the store service; the plan is read back afterwards."""
        row, measure, year, text = data
        with self.app.store.writing() as session:
            write_cell(session, self.plan, row, measure, year, text)
        with self.app.store.reading() as connection:
            return savings_plan(connection), data

    def read_current(self, data: tuple) -> tuple[SavingsPlan, LastChange | None]:
        """The plan as someone else left it, and who changed the cell last."""
        row, _measure, year, _text = data
        with self.app.store.reading() as connection:
            if row == REQUIREMENT:
                change = last_requirement_change(connection, year)
            else:
                change = last_cell_change(connection, row, year)
            return savings_plan(connection), change

    def save_refused(self, error: PortfolioError) -> None:
        """Say why the cell was not saved (a value already set just closes the editor)."""
        if isinstance(error, InputError) and error.problem.startswith("nothing to change"):
            self._close_editor()
            self.notify("No change: that value was already set.")
            return
        self.refuse(Text(f"Not saved. {error}"))

    def take_in(self, current: tuple, data: tuple) -> ConflictDialog | None:
        """Someone else saved this cell first: show the plan as they left it with this
        user's value still in the editor, and ask whether to re-apply it or take theirs.
        If what they changed was another figure of the line's year, save on top of it."""
        fresh, change = current
        text = data[3]
        row, column = self.editing
        measure, year = split_key(column)
        was = cell_text(self.plan, row, measure, year) or "blank"
        self.show(fresh)
        self._preview_typed(text)
        theirs = cell_text(self.plan, row, measure, year) or "blank"
        who = change.describe if change else "someone else"
        if theirs == was:
            # They changed another figure of this line and year, not this one: nothing
            # of theirs is overwritten by saving this one again on their version.
            self.notify(f"{who} changed another figure of this line and year; yours goes on top.")
            self.action_save()
            return None
        try:
            mine = show_value(measure, parse_value(measure, text)) or "blank"
        except ValueError:
            mine = text
        message = Text(f"Not saved: {who} changed this cell since you read it", style="bold")
        message.append(f" ({was} → {theirs}). enter saves yours over theirs; escape abandons.")
        self.refuse(message)
        rows = [(f"{SHORT[measure]} {year}", mine, theirs)]
        return ConflictDialog(f"{row_label(row)} cell", rows, change)

    def action_revert(self) -> None:
        """Take theirs: close the editor, setting this user's edit aside."""
        self._close_editor()
        self.notify("Their value stands; your edit is set aside.")

    def save_landed(self, result: tuple[SavingsPlan, tuple]) -> None:
        """Saved: show the plan as it is now and say what was saved."""
        plan, (row, measure, year, _text) = result
        self._set_saving(False)
        self._close_editor(reset=False)
        self.show(plan)
        value = cell_text(self.plan, row, measure, year) or "blank"
        self.notify(f"Saved {row_label(row)} {measure.label} {year}: {value}")

    def _close_editor(self, *, reset: bool = True) -> None:
        self.editing = None
        self.query_one("#cell-editor").display = False
        self.table.focus()
        if reset and self.plan is not None:
            self.show(self.plan)

    def action_back(self) -> None:
        """Stop a busy database's retrying, else abandon an edit in progress, else go
        back."""
        if self._stop_retry():
            self.refuse("Not saved: stopped retrying. enter tries again; escape abandons.")
            return
        if self.editing is not None:
            if not self.saving:
                self._close_editor()
            return
        self.app.pop_screen()
