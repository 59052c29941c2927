"""Delivery confidence and the Response to Red on the programme detail screen's Status
tab (mixed into the screen): the rating in force beside the headline RAG, its history,
the initiative's Responses to Red; `D` records a rating and `O` updates or closes the
open response, each only on the Status tab and only for a role that may record RAGs."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.widget import Widget

from store.benefits.confidence import confidence_history
from store.benefits.read_models import ConfidenceRead, ResponseRead
from store.benefits.responses import list_responses
from store.benefits.types import Confidence, ResponseStatus
from store.types import Trend
from store.users.roles import Permission
from widgets.plain_text import DataTable, Static
from widgets.rag import confidence_badge, rag_badge, trend_mark, trend_word
from widgets.trend_strip import RagTrendStrip

TAB = "status"
CONFIDENCE_ACTIONS = ("record_confidence", "update_response")
CONFIDENCE_BINDINGS = [
    Binding("D", "record_confidence", "Delivery confidence"),
    Binding("O", "update_response", "Response to Red"),
]
CONFIDENCE_COLUMNS = (("Period", 7), ("Source", 9), ("Rating", 14), ("Rationale", 46), ("By", 12))
CONFIDENCE_HELP = """
Below the RAG history, **delivery confidence** is the forward-looking rating (Green,
Amber/Green, Amber, Amber/Red, Red) beside the headline RAG, the team's own and any
independent assurance rating, each with its trend against the period before (▲ better,
▼ worse, = unchanged), a strip of it period by period as for the RAGs, and its
history; `D` records one for the current period.
A Red (confidence or headline RAG) opens a **Response to Red**, shown under it with its
owner, actions, review date and outcome; `O` updates the open one or closes it.
"""


class ConfidenceData(NamedTuple):
    """One initiative's ratings in force (newest period first) and Responses to Red."""

    ratings: list[ConfidenceRead]
    responses: list[ResponseRead]

    @property
    def open_response(self) -> ResponseRead | None:
        """The response still being worked, if any."""
        return next((r for r in self.responses if r.status == ResponseStatus.OPEN), None)


def read_confidence(connection: sqlite3.Connection, code: str) -> ConfidenceData:
    """The ratings and responses (in a worker thread)."""
    return ConfidenceData(confidence_history(connection, code), list_responses(connection, code))


def confidence_widgets() -> list[Widget]:
    """The Status tab's delivery confidence part, after the RAG history."""
    return [
        Static("Delivery confidence", classes="section-title"),
        Static(id="confidence-now", classes="rationale"),
        RagTrendStrip(id="confidence-trend"),
        Static("Delivery confidence history (newest first)", classes="section-title"),
        DataTable(id="confidence-history", cursor_type="row", zebra_stripes=True),
        Static(id="responses", classes="rationale"),
    ]


SOURCES = {False: "Delivery confidence", True: "Independent assurance"}


def _source(ratings: list[ConfidenceRead], assurance: bool) -> list[ConfidenceRead]:
    """One source's ratings in force, newest period first."""
    return [rating for rating in ratings if rating.assurance == assurance]


def rating_trend(ratings: list[ConfidenceRead], rating: ConfidenceRead) -> Trend | None:
    """How `rating` moved against the same source's rating for the period before it."""
    earlier = [r for r in _source(ratings, rating.assurance) if r.period < rating.period]
    return Trend.by_rank(earlier[0].rating.rank, rating.rating.rank) if earlier else None


def confidence_line(headline: str | None, data: ConfidenceData) -> Text:
    """`RAG A Amber   confidence A/R Amber/Red 2011-Q1 ▼ worsening` for the latest
    period rated (the team's own, then any independent assurance rating)."""
    text = Text("RAG ", style="bold")
    text.append_text(rag_badge(headline, word=True))
    if not data.ratings:
        return text.append("   no delivery confidence recorded yet")
    latest = data.ratings[0].period
    for rating in (r for r in data.ratings if r.period == latest):
        source = "assurance" if rating.assurance else "confidence"
        text.append(f"   {source} ", style="bold")
        text.append_text(confidence_badge(rating.rating))
        trend = rating_trend(data.ratings, rating)
        text.append(f" {rating.period} ").append_text(trend_mark(trend))
        text.append(f" {trend_word(trend)}")
    return text


def confidence_strips(ratings: list[ConfidenceRead]) -> list[tuple[str, list]]:
    """The team's ratings period by period, oldest first, and the independent assurance
    ratings' when there are any: a line each for the trend strip."""
    strips = []
    for assurance, label in SOURCES.items():
        points = [(r.period, r.rating) for r in reversed(_source(ratings, assurance))]
        if points or not assurance:
            strips.append((label, points))
    return strips


def letters_badge(rating: Confidence) -> Text:
    """A rating's badge in letters only, for the trend strip."""
    return confidence_badge(rating, word=False)


def response_text(responses: list[ResponseRead]) -> Text:
    """Each Response to Red: what turned it Red, owner, actions, review and outcome."""
    if not responses:
        return Text("No Response to Red.")
    text = Text()
    for response in responses:
        text.append(f"Response to Red {response.id} ({response.status}): ", style="bold")
        text.append(f"{response.period}, {response.source} turned Red; owner ")
        text.append(f"{response.owner or '—'}; review {response.review_on or '—'}")
        text.append(f"\nActions: {response.actions or '—'}\nOutcome: {response.outcome or '—'}")
        if response.closed_on:
            text.append(f"\nClosed on {response.closed_on}")
        text.append("\n")
    return text


def fill_confidence(screen: Widget, headline: str | None, data: ConfidenceData) -> None:
    """Show the rating in force, the history and the responses."""
    screen.query_one("#confidence-now", Static).update(confidence_line(headline, data))
    screen.query_one("#confidence-trend", RagTrendStrip).show(
        confidence_strips(data.ratings), badge=letters_badge, empty="none recorded yet"
    )
    table = screen.query_one("#confidence-history", DataTable)
    table.clear()
    for rating in data.ratings:
        table.add_row(
            rating.period,
            "assurance" if rating.assurance else "team",
            confidence_badge(rating.rating),
            rating.rationale.splitlines()[0] if rating.rationale else "",
            rating.author,
        )
    screen.query_one("#responses", Static).update(response_text(data.responses))


class DetailConfidence:
    """The delivery confidence keys and reads of the detail screen."""

    confidence_data: ConfidenceData | None = None

    def permission_for(self, action: str, parameters: tuple[object, ...] = ()) -> Permission | None:
        """Recording confidence and updating a response need the right to record RAGs."""
        if action in CONFIDENCE_ACTIONS:
            return Permission.RECORD_RAG
        return super().permission_for(action, parameters)

    def action_applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only on the Status tab; `O` only while a response is open."""
        if action in CONFIDENCE_ACTIONS:
            if self.detail is None or self.active_tab() != TAB:
                return False
            data = self.confidence_data
            return action == "record_confidence" or bool(data and data.open_response)
        return super().action_applies(action, parameters)

    def fill_confidence(self) -> None:
        """Read the ratings and responses again."""
        self.load_confidence(self.code)

    @work(thread=True, exclusive=True, group="confidence")
    def load_confidence(self, code: str) -> None:
        """Read off the event loop."""
        with self.app.store.reading() as connection:
            data = read_confidence(connection, code)
        self.app.call_from_thread(self.show_confidence, data)

    def show_confidence(self, data: ConfidenceData) -> None:
        """Put the ratings and responses on the Status tab."""
        self.confidence_data = data
        overall = self.detail.criteria[0].rag if self.detail and self.detail.criteria else None
        fill_confidence(self, overall, data)
        self.refresh_bindings()

    def action_record_confidence(self) -> None:
        """Open the delivery confidence form for the current period."""
        from screens.benefits.confidence_forms import ConfidenceForm

        form = ConfidenceForm(code=self.code, name=self.detail.name, period=self.period)
        self.app.push_screen(form, self._after_confidence_form)

    def action_update_response(self) -> None:
        """Open the open Response to Red in its form."""
        from screens.benefits.confidence_forms import ResponseForm

        response = self.confidence_data.open_response if self.confidence_data else None
        if response is not None:
            form = ResponseForm(code=self.code, name=self.detail.name, record=response)
            self.app.push_screen(form, self._after_confidence_form)

    def _after_confidence_form(self, saved: ConfidenceRead | ResponseRead | None) -> None:
        if saved is None:
            return
        if isinstance(saved, ConfidenceRead):
            what = f"delivery confidence {saved.period}: {saved.word}"
        else:
            what = f"Response to Red {saved.id} ({saved.status})"
        self.notify(f"Saved {what}", title=self.code)
        self.load()
