"""The Benefits tab's actions on the programme detail screen (mixed into it, before
`DetailRecords`): reading the register in a worker, `n` a new benefit, `enter` to edit
the highlighted one and `m` to record a measurement of it, each only on the Benefits tab
and only for a role that may edit the benefits register."""

from __future__ import annotations

from textual import work
from textual.binding import Binding

from screens.benefits.benefits_tab import BenefitsData, fill_register, read_benefits, show_benefit
from screens.common.as_at import reporting_date_of
from screens.portfolio.detail_records import put_cursor, row_key
from store.benefits.read_models import BenefitRead, MeasurementRead
from store.benefits.values import format_value
from store.users.roles import Permission
from widgets.plain_text import DataTable, Static

TAB = "benefits"
BENEFIT_ACTIONS = ("new_benefit", "edit_benefit", "measure_benefit")
BENEFIT_BINDINGS = [
    Binding("n", "new_benefit", "New benefit"),
    Binding("enter", "edit_benefit", "Edit benefit", priority=True),
    Binding("m", "measure_benefit", "Record measurement"),
    Binding("9", "show_benefits", "Benefits tab", show=False),
]
BENEFITS_HELP = """
**Benefits** (`9`, which adds the tab to the bar) is its benefits register as at the
reporting date: planned, actual, realised (the change from the baseline) and its % of
planned, and *behind !* for one behind its profile; below it the highlighted benefit, a
chart of planned against actual and its measurements. There `n` adds a benefit, `enter`
edits the highlighted one and `m` records a measurement of it.
"""


class DetailBenefits:
    """The Benefits tab of the detail screen: its data, keys and forms."""

    benefits_data: BenefitsData | None = None
    select_benefit: str | None = None

    async def action_show_benefits(self) -> None:
        """Show the Benefits tab and focus its register."""
        await self.action_show_tab(TAB)

    def permission_for(self, action: str, parameters: tuple[object, ...] = ()) -> Permission | None:
        """The benefit keys need the right to edit the benefits register."""
        if action in BENEFIT_ACTIONS:
            return Permission.EDIT_BENEFITS
        return super().permission_for(action, parameters)

    def action_applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The benefit keys work only on the Benefits tab (edit and measure on a benefit)."""
        if action in BENEFIT_ACTIONS:
            if self.detail is None or self.active_tab() != TAB:
                return False
            return action == "new_benefit" or self.highlighted_benefit() is not None
        return super().action_applies(action, parameters)

    def fill_benefits(self) -> None:
        """Read the register again for the reporting date of the period on show."""
        self.load_benefits(self.code, reporting_date_of(self.period))

    @work(thread=True, exclusive=True, group="benefits")
    def load_benefits(self, code: str, as_at) -> None:
        """Read the initiative's benefits off the event loop."""
        with self.app.store.reading() as connection:
            data = read_benefits(connection, code, as_at)
        self.app.call_from_thread(self.show_benefits, data)

    def show_benefits(self, data: BenefitsData) -> None:
        """Fill the register, keeping the cursor on its benefit (or the one just saved)."""
        self.benefits_data = data
        table = self.query_one("#benefits-table", DataTable)
        kept = (self.select_benefit or row_key(table), table.cursor_row)
        self.select_benefit = None
        fill_register(table, data)
        put_cursor(table, *kept)
        behind = sum(item.realisation.behind for item in data.benefits)
        self.query_one("#benefits-as-at", Static).update(
            f"Benefits as at {data.as_at}: {len(data.benefits)} registered, {behind} behind profile"
        )
        self._show_highlighted_benefit()
        self.refresh_bindings()

    def highlighted_benefit(self) -> BenefitRead | None:
        """The benefit under the register's cursor, or None."""
        if self.benefits_data is None or not self.is_built(TAB):
            return None
        key = row_key(self.query_one("#benefits-table", DataTable))
        return next((b for b in self.benefits_data.benefits if str(b.id) == key), None)

    def _show_highlighted_benefit(self) -> None:
        item = self.highlighted_benefit()
        rows = self.benefits_data.measured.get(item.id, []) if item is not None else []
        show_benefit(self, item, rows)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """A new benefit highlighted: show its record, chart and measurements."""
        if event.data_table.id == "benefits-table" and self.benefits_data is not None:
            self._show_highlighted_benefit()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A click (or `enter` for a role that may not edit) on a benefit: edit it, or
        say why not."""
        if event.data_table.id == "benefits-table" and not self.refused("edit_benefit"):
            self.action_edit_benefit()

    def action_new_benefit(self) -> None:
        """Open the form for a new benefit."""
        self._open_benefit_form(None)

    def action_edit_benefit(self) -> None:
        """Open the form on the highlighted benefit, read afresh."""
        item = self.highlighted_benefit()
        if item is not None:
            self.read_benefit(item.id, measure=False)

    def action_measure_benefit(self) -> None:
        """Record a measurement of the highlighted benefit."""
        item = self.highlighted_benefit()
        if item is not None:
            self.read_benefit(item.id, measure=True)

    @work(thread=True, exclusive=True, group="benefit-read")
    def read_benefit(self, benefit_id: int, measure: bool) -> None:
        """Read the benefit as it is now (someone may have changed it), then open a form."""
        from store.benefits.queries import benefit

        with self.app.store.reading() as connection:
            item = benefit(connection, benefit_id, reporting_date_of(self.period))
        if item is not None:
            opener = self._open_measurement_form if measure else self._open_benefit_form
            self.app.call_from_thread(opener, item)

    def _open_benefit_form(self, item: BenefitRead | None) -> None:
        from screens.benefits.benefit_form import BenefitForm

        form = BenefitForm(code=self.code, name=self.detail.name, record=item, period=self.period)
        self.app.push_screen(form, self._after_benefit_form)

    def _open_measurement_form(self, item: BenefitRead) -> None:
        from screens.benefits.measurement_form import MeasurementForm

        form = MeasurementForm(code=self.code, name=self.detail.name, benefit=item)
        self.app.push_screen(form, self._after_benefit_form)

    def _after_benefit_form(self, saved: BenefitRead | MeasurementRead | None) -> None:
        if saved is None:
            return
        if isinstance(saved, MeasurementRead):
            self.select_benefit = str(saved.benefit_id)
            what = f"measurement {format_value(saved.value)} on {saved.measured_on}"
        else:
            what, self.select_benefit = f"benefit {saved.name!r}", str(saved.id)
        self.notify(f"Saved {what}", title=self.code)
        self.fill_benefits()
