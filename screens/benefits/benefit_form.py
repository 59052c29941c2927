"""The benefit form: add a benefit to an initiative or edit one (name, kind, owner,
measure and unit, baseline, target and a planned profile). A cashable benefit names its
§19 savings line, whose figures are its profile; its kind and line stay as made."""

from __future__ import annotations

import sqlite3

from sqlmodel import Session
from textual.app import ComposeResult
from textual.widgets import Input

from screens.common.as_at import reporting_date_of
from screens.common.record_form import RecordForm, cell, date_cell, record_help, row
from store.benefits.inputs import BenefitIn
from store.benefits.read_models import BenefitRead
from store.benefits.types import BenefitKind
from store.benefits.values import format_value
from store.fields import field_problems
from widgets.plain_text import Select

# Fields a cashable benefit takes from its savings line, and those fixed once made.
FROM_THE_LINE = ("target_value", "target_on", "profile")
FIXED = ("kind", "savings_line")


def profile_text(item: BenefitRead) -> str:
    """The planned profile as typed: `2012-03-31=5; 2013-03-31=1`."""
    return "; ".join(f"{p.on}={format_value(p.value)}" for p in item.plan)


class BenefitForm(RecordForm):
    """Add or edit a benefit."""

    KIND = "benefit"
    HELP_TITLE = "Benefit form"
    HELP = f"""
A benefit this initiative is expected to bring. **Kind** is a cashable saving, a
non-cashable efficiency, a non-financial benefit or a dis-benefit (a cost of the change).
**Measure** and **unit** say what is counted ("core policing systems in use", "systems").
**Baseline** is the value before the change and when; **target** the value aimed at and
by when. **Profile** is the planned value over time, written `DATE=VALUE` points
separated by `;` (e.g. `2012-03-31=5; 2013-03-31=1`). A cashable benefit names its §19
**savings line** instead: the line's £m by financial year is its profile and target, so
the money is kept in one place. Kind and savings line cannot change once saved.

`tab` moves between fields, `enter` opens a choice. Each field is checked as you type.
{record_help("benefit")}"""

    LABELS = {
        "name": "Name",
        "description": "Description",
        "kind": "Kind",
        "owner": "Owner",
        "measure": "Measure",
        "unit": "Unit",
        "baseline_value": "Baseline",
        "baseline_on": "Baseline date",
        "target_value": "Target",
        "target_on": "Target date",
        "profile": "Profile",
        "savings_line": "Savings line",
    }
    REQUIRED = ("name", "kind", "baseline_on")

    def __init__(self, *, code: str, name: str, record: BenefitRead | None = None, period: str):
        super().__init__(code=code, name=name, record=record)
        self.as_at = reporting_date_of(period)

    def compose_fields(self) -> ComposeResult:
        for name in ("name", "description"):
            yield row(cell(name, self.LABELS[name], Input(id=name, compact=True)))
        kinds = [(kind.value.replace("_", "-"), kind.value) for kind in BenefitKind]
        kind = Select(kinds, id="kind", prompt="choose a kind", compact=True)
        kind.disabled = self.record is not None
        yield row(cell("kind", "Kind", kind))
        for name, hint in (
            ("owner", ""),
            ("measure", "what is counted, e.g. hours of officer time per week"),
            ("unit", "e.g. hours, systems, £m"),
        ):
            yield row(cell(name, self.LABELS[name], Input(id=name, compact=True), hint))
        for value, day, hint in (
            ("baseline_value", "baseline_on", "the value before the change, and when"),
            ("target_value", "target_on", "the value aimed at, and by when"),
        ):
            yield row(cell(value, self.LABELS[value], Input(id=value, compact=True)))
            yield row(date_cell(day, self.LABELS[day], hint))
        profile = Input(id="profile", compact=True, placeholder="2012-03-31=5; 2013-03-31=1")
        yield row(cell("profile", "Profile", profile, "planned values: DATE=VALUE; …"))
        line = Input(id="savings_line", compact=True, disabled=self.record is not None)
        yield row(cell("savings_line", "Savings line", line, "cashable only: the §19 line"))

    def values_of(self, record: BenefitRead) -> dict[str, str]:
        """A benefit's values as the form shows them."""
        return {
            "name": record.name,
            "description": record.description,
            "kind": record.kind,
            "owner": record.owner,
            "measure": record.measure,
            "unit": record.unit,
            "baseline_value": format_value(record.baseline_value),
            "baseline_on": str(record.baseline_on),
            "target_value": format_value(record.target_value),
            "target_on": str(record.target_on or ""),
            "profile": profile_text(record),
            "savings_line": record.savings_line or "",
        }

    def problems_in(self, values: dict[str, str]) -> dict[str, str]:
        """The store's own checks, every field at once."""
        return field_problems(BenefitIn, {"code": self.code, **self.given(values)})

    def given(self, values: dict[str, str]) -> dict[str, str]:
        """What the store is given: a cashable benefit's plan is its savings line's."""
        if values.get("kind") == BenefitKind.CASHABLE:
            return {k: v for k, v in values.items() if k not in FROM_THE_LINE}
        return {k: v for k, v in values.items() if k != "savings_line"}

    def write_record(
        self, values: dict[str, str], version: int | None, session: Session
    ) -> BenefitRead:
        """Create the benefit, or update it expecting the version it was opened at."""
        from store.benefits.services import create_benefit, update_benefit

        given = self.given(values)
        if self.record is None:
            return create_benefit({"code": self.code, **given}, session=session)
        change = {k: v for k, v in given.items() if k not in FIXED}
        return update_benefit(
            {"id": self.record.id, **change, "expected_version": version}, session=session
        )

    def read_record(self, connection: sqlite3.Connection) -> BenefitRead | None:
        """The benefit as it is now."""
        from store.benefits.queries import benefit

        return benefit(connection, self.record.id, self.as_at)
