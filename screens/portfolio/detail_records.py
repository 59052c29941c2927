"""Adding and editing risks, milestones and dependencies from the programme detail
screen's tabs: `n` adds one to the tab on show, `enter` edits the highlighted one.

The keys are the screen's; each tab's binding is shown (and works) only on its own tab,
so the footer reads "n New risk  enter Edit risk" on Risks and so on. `enter` is a
priority binding that stands aside (falls through to the table) anywhere else.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from textual import work
from textual.binding import Binding
from textual.widgets import TabbedContent
from textual.widgets.data_table import RowDoesNotExist

from screens.common.as_at import reporting_date_of
from screens.common.live_data import LiveData
from screens.common.role_keys import RoleKeys
from store.programme.dependencies.read_models import DependencyRead
from store.programme.milestones.read_models import MilestoneRead
from store.programme.risks.read_models import RiskRead
from store.users.roles import Permission
from widgets.plain_text import DataTable

# What the user's role must allow to add or edit a record on each tab (and to record a
# RAG): keys the role cannot use are hidden, and say why when pressed; the store checks
# again on save.
EDIT_PERMISSIONS = {
    "risks": Permission.EDIT_RISKS,
    "dependencies": Permission.EDIT_DEPENDENCIES,
    "milestones": Permission.EDIT_MILESTONES,
    "edit_rag": Permission.RECORD_RAG,
}

# Tab id → (what its records are called, the table that lists them).
RECORD_TABS = {
    "risks": ("risk", "#risks-table"),
    "milestones": ("milestone", "#milestones-table"),
    "dependencies": ("dependency", "#incoming-table"),
}

RECORD_BINDINGS = [
    *(
        Binding("n", f"new_record('{tab}')", f"New {noun}")
        for tab, (noun, _) in RECORD_TABS.items()
    ),
    *(
        Binding("enter", f"edit_record('{tab}')", f"Edit {noun}", priority=True)
        for tab, (noun, _) in RECORD_TABS.items()
    ),
]


def row_key(table: DataTable) -> str | None:
    """The key of the row under the cursor, if the table has rows."""
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


def put_cursor(table: DataTable, key: str | None, row: int = 0) -> None:
    """Put the cursor on the row with `key`, else on row `row` (or the last row)."""
    if not table.row_count:
        return
    if key is not None:
        with suppress(RowDoesNotExist):  # a record gone from this table keeps the row number
            row = table.get_row_index(key)
    table.move_cursor(row=min(max(row, 0), table.row_count - 1))


class DetailRecords(LiveData, RoleKeys):
    """The record actions of the programme detail screen (mixed into it), with the keys
    a role may not use hidden; the screen reads the initiative again when someone saves."""

    READS_AS_IT_OPENS = False  # opened with its data read (PortfolioApp.open_initiative)

    def reload_live(self) -> None:
        """Someone saved: read the initiative again (each table keeps its cursor)."""
        self.load()

    def action_table_cursor(self, rows: int) -> None:
        """`j` and `k`: move the focused table's cursor down or up a row."""
        table = self.focused
        if isinstance(table, DataTable):
            table.action_cursor_down() if rows > 0 else table.action_cursor_up()

    def action_back(self) -> None:
        """Go back to where this screen was opened from."""
        self.app.pop_screen()

    def active_tab(self) -> str:
        """The id of the tab on show."""
        return self.query_one("#detail-tabs", TabbedContent).active

    def dependency_table(self) -> DataTable:
        """The dependency table to act on: the focused one, else incoming unless it is
        empty and outgoing is not."""
        incoming = self.query_one("#incoming-table", DataTable)
        outgoing = self.query_one("#outgoing-table", DataTable)
        if incoming.has_focus or outgoing.has_focus:
            return outgoing if outgoing.has_focus else incoming
        return outgoing if not self.depth.incoming and self.depth.outgoing else incoming

    def highlighted_record(self, tab: str) -> Any:
        """The risk, milestone or dependency under the cursor on `tab`, or None (also while
        the tab's widgets are still being mounted)."""
        if not self.is_built(tab) or self.query_one_optional(RECORD_TABS[tab][1]) is None:
            return None
        if tab == "dependencies":
            table = self.dependency_table()
            records = self.depth.incoming if table.id == "incoming-table" else self.depth.outgoing
        else:
            table = self.query_one(RECORD_TABS[tab][1], DataTable)
            records = self.depth.risks if tab == "risks" else self.depth.milestones
        key = row_key(table)
        return next((record for record in records if str(record.id) == key), None)

    ROLE_KEYS = {"edit_rag": EDIT_PERMISSIONS["edit_rag"]}

    def permission_for(self, action: str, parameters: tuple[object, ...] = ()) -> Permission | None:
        """A record key needs the permission of its tab's kind of record."""
        if action in ("new_record", "edit_record"):
            return EDIT_PERMISSIONS[str(parameters[0])]
        return super().permission_for(action, parameters)

    def action_applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Record keys work, and show in the footer, only on their own tab (`enter` only
        on a record)."""
        if action in ("new_record", "edit_record"):
            if self.detail is None or self.active_tab() != parameters[0]:
                return False
            if action == "edit_record":
                return self.highlighted_record(parameters[0]) is not None
        return True

    def action_new_record(self, tab: str) -> None:
        """Open the form for a new risk, milestone or dependency."""
        self._open_form(tab, None)

    def action_edit_record(self, tab: str) -> None:
        """Open the form on the highlighted risk, milestone or dependency."""
        record = self.highlighted_record(tab)
        if record is not None:
            self.read_record(tab, record.id)

    @work(thread=True, exclusive=True, group="record-read")
    def read_record(self, tab: str, record_id: int) -> None:
        """Read the record afresh (the tab may be older than someone else's change), then
        open the form on it."""
        from store.programme.dependencies.queries import dependency
        from store.programme.milestones.queries import milestone
        from store.programme.risks.queries import risk

        read = {"risks": risk, "milestones": milestone, "dependencies": dependency}[tab]
        with self.app.store.reading() as connection:
            record = read(connection, record_id)
        if record is not None:
            self.app.call_from_thread(self._open_form, tab, record)

    def _open_form(self, tab: str, record: Any) -> None:
        detail = self.detail
        if detail is None:
            return
        common = {"code": detail.code, "name": detail.name, "record": record}
        if tab == "risks":
            from screens.programme.risk_form import RiskForm

            form = RiskForm(**common)
        elif tab == "milestones":
            from screens.programme.milestone_form import MilestoneForm

            taken = [m.name for m in self.depth.milestones if record is None or m.id != record.id]
            as_at = reporting_date_of(self.period)
            form = MilestoneForm(**common, taken=taken, as_at=as_at)
        else:
            from screens.programme.dependency_form import DependencyForm

            outgoing = self.dependency_table().id == "outgoing-table"
            form = DependencyForm(**common, outgoing=outgoing)
        self.app.push_screen(form, self._after_form)

    def _after_form(self, saved: RiskRead | MilestoneRead | DependencyRead | None) -> None:
        if saved is None:
            return
        if isinstance(saved, RiskRead):
            what, table = f"risk {saved.id}: score {saved.score}", "#risks-table"
        elif isinstance(saved, MilestoneRead):
            late = ", overdue" if saved.overdue else ""
            what, table = f"milestone {saved.name!r}{late}", "#milestones-table"
        else:
            at_risk = ", at risk" if saved.at_risk else ""
            what = f"dependency {saved.from_code} → {saved.to_code}{at_risk}"
            table = "#incoming-table" if saved.to_code == self.code else "#outgoing-table"
        self.notify(f"Saved {what}", title=self.code)
        self.select_after_load = (table, str(saved.id))
        self.load()
