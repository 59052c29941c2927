"""The milestone form: add a milestone to an initiative or edit one, with the slippage
and the overdue flag worked out as the dates are typed."""

from __future__ import annotations

import sqlite3
from datetime import date

from rich.text import Text
from sqlmodel import Session
from textual.app import ComposeResult
from textual.widgets import Input

from screens.common.record_form import RecordForm, cell, date_cell, record_help, row, typed_date
from store import clock
from store.fields import field_problems
from store.programme.milestones.inputs import MilestoneIn
from store.programme.milestones.read_models import MilestoneRead
from store.programme.types import FINISHED_MILESTONE_STATUSES, MilestoneStatus
from widgets.plain_text import Select, Static

DONE_RULE = (
    "Done needs an actual date (the day it happened, today or earlier); a milestone "
    "with an actual date is done."
)


def slip_text(values: dict[str, str], as_at: date) -> Text:
    """Slippage in days against the baseline, and whether it would be overdue as at
    `as_at` (the reporting date, as the overdue counts on every screen)."""
    baseline = typed_date(values["baseline"])
    if baseline is None:
        return Text("Slip: give a baseline date", style="italic")
    forecast, actual = typed_date(values["forecast"]), typed_date(values["actual"])
    expected = actual or forecast or baseline
    days = (expected - baseline).days
    text = Text("Slip ")
    text.append(f"{days:+d} days" if days else "0 days", style="bold #ff5252" if days > 0 else "")
    if actual or forecast:
        basis = "actual" if actual else "forecast"
        text.append(f": {basis} {expected} against baseline {baseline}")
    else:
        text.append(f": no forecast, so expected on the baseline {baseline}")
    due = forecast or baseline
    if values["status"] not in FINISHED_MILESTONE_STATUSES and due < as_at:
        text.append(f"\n! overdue: due {due}, as at {as_at}", style="bold #ff5252")
    return text


class MilestoneForm(RecordForm):
    """Add or edit a milestone."""

    KIND = "milestone"
    HELP_TITLE = "Milestone form"
    HELP = f"""
A dated point in this initiative's plan. The **baseline** is the date first agreed;
the **forecast** is when it is now expected (blank means on the baseline); the
**actual** is when it happened. Slippage is the forecast (or actual) less the
baseline, in days, shown as you type. A milestone is **overdue** when it is not done
or cancelled and its forecast (else baseline) is before the reporting date: the end
of the current reporting period, or today while it runs (the date the form's overdue
line says it is as at, as the portfolio list and the timeline count).

**Status** is planned, in progress, done or cancelled. {DONE_RULE}

Names are unique within the initiative. Dates are written `YYYY-MM-DD`.

`tab` moves between fields, `enter` opens the status choice. Each field is checked as
you type. {record_help("milestone")}"""

    LABELS = {
        "name": "Name",
        "baseline": "Baseline",
        "forecast": "Forecast",
        "actual": "Actual",
        "status": "Status",
    }
    REQUIRED = ("name", "baseline")
    TITLE_ID = False
    ALIASES = {"new_name": "name"}

    def __init__(self, *, taken: list[str] = (), as_at: date | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.taken = {name.casefold() for name in taken}
        self.as_at = as_at or clock.today()  # the reporting date overdue is counted to

    def compose_fields(self) -> ComposeResult:
        yield row(cell("name", "Name", Input(id="name", compact=True)))
        for name, label, hint in (
            ("baseline", "Baseline", "the date first agreed"),
            ("forecast", "Forecast", "when it is now expected (blank: on the baseline)"),
            ("actual", "Actual", "when it happened (blank until then)"),
        ):
            yield row(date_cell(name, label, hint))
        yield Static(id="slip", classes="score")
        statuses = [(status.value.replace("_", " "), status.value) for status in MilestoneStatus]
        status = Select(statuses, id="status", allow_blank=False, compact=True)
        yield row(cell("status", "Status", status, hint=DONE_RULE))

    def values_of(self, record: MilestoneRead) -> dict[str, str]:
        """A milestone's values as the form shows them."""
        return {
            "name": record.name,
            "baseline": str(record.baseline),
            "forecast": str(record.forecast or ""),
            "actual": str(record.actual or ""),
            "status": record.status,
        }

    def defaults(self) -> dict[str, str]:
        """A new milestone is planned."""
        return {"status": MilestoneStatus.PLANNED.value}

    def problems_in(self, values: dict[str, str]) -> dict[str, str]:
        """The store's own checks, and a name this initiative already uses."""
        found = field_problems(MilestoneIn, {"code": self.code, **values})
        if values["name"].strip().casefold() in self.taken:
            found.setdefault("name", f"{self.code} already has a milestone called that")
        return found

    def live(self, values: dict[str, str]) -> None:
        """Work out the slippage and the overdue flag as the dates are typed."""
        self.query_one("#slip", Static).update(slip_text(values, self.as_at))

    def write_record(
        self, values: dict[str, str], version: int | None, session: Session
    ) -> MilestoneRead:
        """Create the milestone, or update it expecting the version it was opened at."""
        from store.programme.milestones.services import create_milestone, update_milestone

        if self.record is None:
            return create_milestone({"code": self.code, **values}, session=session)
        change = {
            "code": self.code,
            "id": self.record.id,
            "name": self.record.name,
            "new_name": values["name"],
            "baseline": values["baseline"],
            "forecast": values["forecast"],
            "actual": values["actual"],
            "status": values["status"],
            "expected_version": version,
        }
        return update_milestone(change, session=session)

    def read_record(self, connection: sqlite3.Connection) -> MilestoneRead | None:
        """The milestone as it is now."""
        from store.programme.milestones.queries import milestone

        return milestone(connection, self.record.id)
