"""The delivery confidence form (a rating on the five-point scale with its rationale,
the team's own or an independent assurance rating) and the Response to Red form (owner,
actions, review date and outcome; a closing date closes it). Both on the record form base."""

from __future__ import annotations

import sqlite3

from sqlmodel import Session
from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from screens.common.record_form import RecordForm, cell, date_cell, record_help, row
from store.benefits.inputs import ConfidenceIn, ResponseChange
from store.benefits.read_models import ConfidenceRead, ResponseRead
from store.benefits.types import Confidence
from store.concurrency import last_change
from store.fields import field_problems
from widgets.plain_text import Select
from widgets.rag import confidence_letters
from widgets.tick_box import TickBox


def _text_area(name: str) -> TextArea:
    return TextArea(id=name, compact=True, soft_wrap=True, tab_behavior="focus")


class ConfidenceForm(RecordForm):
    """Record a delivery confidence rating for the current period."""

    KIND = "delivery confidence"
    HELP_TITLE = "Delivery confidence form"
    HELP = f"""
How likely the initiative is to deliver what it is for, looking forward: **Green**,
**Amber/Green**, **Amber**, **Amber/Red** or **Red**, for the current period, with a
**rationale** saying why. It is kept apart from the RAG criteria (today's status). Tick
**assurance** for an independent assurance rating, shown beside the team's own. A later
rating for the same period replaces the earlier one; both are kept. A Red opens a
Response to Red.

`tab` moves between fields, `enter` opens a choice, `space` ticks.
{record_help("rating")}"""

    LABELS = {"rating": "Rating", "rationale": "Rationale", "assurance": "Assurance"}
    REQUIRED = ("rating", "rationale")

    def __init__(self, *, code: str, name: str, period: str) -> None:
        super().__init__(code=code, name=name)
        self.period = period

    @property
    def title_text(self) -> str:
        """The initiative and the period rated."""
        return f"Delivery confidence {self.period} · {self.code} {self.initiative_name}"

    def compose_fields(self) -> ComposeResult:
        ratings = [(f"{confidence_letters(r)} {r.word}", r.value) for r in Confidence]
        rating = Select(ratings, id="rating", prompt="choose a rating", compact=True)
        yield row(cell("rating", "Rating", rating))
        yield row(cell("rationale", "Rationale", _text_area("rationale")))
        tick = TickBox("independent assurance rating", id="assurance", compact=True)
        yield row(cell("assurance", "Assurance", tick))

    def values_of(self, record: ConfidenceRead) -> dict[str, str]:
        """A rating's values as the form shows them."""
        return {"rating": record.rating.value, "rationale": record.rationale}

    def given(self, values: dict[str, str]) -> dict:
        """What the store is given: the tick as a yes or no."""
        return {**values, "code": self.code, "assurance": values.get("assurance") == "True"}

    def problems_in(self, values: dict[str, str]) -> dict[str, str]:
        """The store's own checks, every field at once."""
        return field_problems(ConfidenceIn, self.given(values))

    def write_record(
        self, values: dict[str, str], version: int | None, session: Session
    ) -> ConfidenceRead:
        """Record the rating for the current period."""
        from store.benefits.confidence_services import record_confidence

        return record_confidence(self.given(values), session=session)

    def read_record(self, connection: sqlite3.Connection) -> None:
        """A new rating has nothing saved to compare with."""
        return None


class ResponseForm(RecordForm):
    """Update or close a Response to Red."""

    KIND = "response"
    HELP_TITLE = "Response to Red form"
    HELP = f"""
What is being done about an initiative that turned Red: who **owns** the response, the
**actions** agreed, when it is next **reviewed**, and the **outcome**. A **closed on**
date closes it (an outcome is needed first); a closed response cannot be changed.

`tab` moves between fields. Each field is checked as you type.
{record_help("response")}"""

    LABELS = {
        "owner": "Owner",
        "actions": "Actions",
        "review_on": "Review on",
        "outcome": "Outcome",
        "closed_on": "Closed on",
    }
    REQUIRED = ("owner",)

    def compose_fields(self) -> ComposeResult:
        yield row(cell("owner", "Owner", Input(id="owner", compact=True)))
        yield row(cell("actions", "Actions", _text_area("actions")))
        yield row(date_cell("review_on", "Review on", "when it is next reviewed"))
        yield row(cell("outcome", "Outcome", _text_area("outcome")))
        yield row(date_cell("closed_on", "Closed on", "a date closes the response"))

    def values_of(self, record: ResponseRead) -> dict[str, str]:
        """A response's values as the form shows them."""
        return {
            "owner": record.owner,
            "actions": record.actions,
            "review_on": str(record.review_on or ""),
            "outcome": record.outcome,
            "closed_on": str(record.closed_on or ""),
        }

    def problems_in(self, values: dict[str, str]) -> dict[str, str]:
        """The store's own checks, every field at once."""
        return field_problems(ResponseChange, {"id": self.record.id, **values})

    def write_record(
        self, values: dict[str, str], version: int | None, session: Session
    ) -> ResponseRead:
        """Update the response, expecting the version it was opened at."""
        from store.benefits.response_services import update_response

        change = {"id": self.record.id, **values, "expected_version": version}
        return update_response(change, session=session)

    def read_record(self, connection: sqlite3.Connection) -> ResponseRead | None:
        """The response as it is now."""
        from store.benefits.responses import list_responses

        found = list_responses(connection, response_id=self.record.id)
        return found[0] if found else None

    def read_current(self, data):
        """As every record form, under the audit's name for a response."""
        with self.app.store.reading() as connection:
            current = self.read_record(connection)
            if current is None:
                return None
            return current, last_change(connection, "red_response", self.record.id)
