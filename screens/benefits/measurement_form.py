"""The measurement form: record an actual value of a benefit's measure, the day it was
measured and a note. A measurement is never edited: a correction is a new one."""

from __future__ import annotations

import sqlite3

from sqlmodel import Session
from textual.app import ComposeResult
from textual.widgets import Input

from screens.common.record_form import RecordForm, cell, date_cell, record_help, row
from store.benefits.inputs import MeasurementIn
from store.benefits.read_models import BenefitRead, MeasurementRead
from store.fields import field_problems


class MeasurementForm(RecordForm):
    """Record a measurement of one benefit."""

    KIND = "measurement"
    HELP_TITLE = "Measurement form"
    HELP = f"""
An actual value of the benefit's measure, in its unit, on the day it was measured (not
after today), with a note of where the figure came from. Realised against planned on the
Benefits tab and the portfolio benefits view count the latest measurement on or before
the reporting date. A measurement is never changed: a correction is recorded as a new one.

`tab` moves between fields. Each field is checked as you type.
{record_help("measurement")}"""

    LABELS = {"value": "Value", "measured_on": "Measured on", "note": "Note"}
    REQUIRED = ("value", "measured_on")

    def __init__(self, *, code: str, name: str, benefit: BenefitRead) -> None:
        super().__init__(code=code, name=name)
        self.benefit = benefit

    @property
    def title_text(self) -> str:
        """Which benefit the measurement is of, and its unit."""
        unit = f" ({self.benefit.unit})" if self.benefit.unit else ""
        return f"New measurement · {self.code} · {self.benefit.name}{unit}"

    @property
    def draft_key(self) -> tuple[str, str, str]:
        """A draft per benefit."""
        return (self.KIND, self.code, str(self.benefit.id))

    def compose_fields(self) -> ComposeResult:
        hint = f"in {self.benefit.unit}" if self.benefit.unit else ""
        yield row(cell("value", "Value", Input(id="value", compact=True), hint))
        yield row(date_cell("measured_on", "Measured on", "the day it was measured"))
        yield row(cell("note", "Note", Input(id="note", compact=True)))

    def values_of(self, record: MeasurementRead) -> dict[str, str]:
        """A measurement's values as the form shows them."""
        return {"value": str(record.value), "measured_on": str(record.measured_on)}

    def problems_in(self, values: dict[str, str]) -> dict[str, str]:
        """The store's own checks, every field at once."""
        return field_problems(MeasurementIn, {"benefit": self.benefit.id, **values})

    def write_record(
        self, values: dict[str, str], version: int | None, session: Session
    ) -> MeasurementRead:
        """Record the measurement."""
        from store.benefits.services import record_measurement

        return record_measurement({"benefit": self.benefit.id, **values}, session=session)

    def read_record(self, connection: sqlite3.Connection) -> None:
        """A new measurement has nothing saved to compare with."""
        return None
