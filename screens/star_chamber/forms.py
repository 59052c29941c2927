"""The Star Chamber's simple forms, each a `DeclaredForm` wired to one store service:
a new request, an extension, a meeting, a displaced person joining or leaving the
Posting List, an engagement starting or ending, establishment figures, and the
confirmations for building an agenda, closing a meeting and taking an item off an
agenda."""

from __future__ import annotations

from datetime import date

from screens.common.declared_form import DeclaredForm, through
from screens.common.form_fields import FormField
from screens.star_chamber.record_conflicts import (
    displaced_source,
    engagement_source,
    establishment_source,
    establishment_values,
    meeting_source,
)
from store import clock
from store.star_chamber.grades import BANDS
from store.star_chamber.inputs import (
    DisplacedIn,
    EndEngagementIn,
    EngagementIn,
    EstablishmentIn,
    ExtensionIn,
    LeftListIn,
    MeetingIn,
    RequestIn,
)
from store.star_chamber.read_models import (
    DisplacedRow,
    EngagementRow,
    EstablishmentRow,
    MeetingDetail,
    RequestRow,
)
from store.star_chamber.types import StaffGroup, StaffType

BAND_CHOICES = tuple((band[-1], band) for band in BANDS)
STAFF_TYPE_CHOICES = tuple((kind.value, kind.label) for kind in StaffType)
ROUTE_CHOICES = (("internal", "Internal"), ("external", "External"))


def new_request_form(groups: list[str]) -> DeclaredForm:
    """Log a request to fill a vacancy or engage a temporary or agency worker."""
    from store.star_chamber.services.requests import add_request

    return DeclaredForm(
        title="Log a request to the Star Chamber",
        intro="It gets the next SC reference for the year received and waits for an agenda.",
        fields=[
            FormField(
                "business_group", "Business group", "choice", "", tuple((g, g) for g in groups)
            ),
            FormField("post", "Post title"),
            FormField("grade", "Band", "choice", "", BAND_CHOICES),
            FormField("staff_type", "Staff type", "choice", "police_staff", STAFF_TYPE_CHOICES),
            FormField("fte", "FTE", value="1"),
            FormField("max_weeks", "Maximum weeks", hint="Temporary and agency workers only."),
            FormField("funded", "Funded", "flag", True),
            FormField("cost_centre", "Cost centre"),
            FormField("route", "Selection route", "choice", "internal", ROUTE_CHOICES),
            FormField("programme", "Linked programme", placeholder="initiative code, optional"),
            FormField("requested_by", "Requested by", placeholder="default: you"),
            FormField("received_on", "Received", value=clock.today().isoformat()),
            FormField("justification", "Justification", "area"),
        ],
        model=RequestIn,
        save=through(add_request),
        draft_key="sc-request",
        help_text="""
Log a request as it arrives. **Band** runs from A (highest) to F. A temporary or
agency worker needs the **maximum weeks** asked for; a police staff post must not
have one. The justification says why the post must be filled now.

`ctrl+s` saves; `escape` cancels and keeps what you typed.
""",
    )


def extension_form(engagement: EngagementRow) -> DeclaredForm:
    """Ask the Star Chamber to extend an engagement past its approved maximum."""
    from store.star_chamber.services.requests import add_extension_request

    return DeclaredForm(
        title=f"Extension request · {engagement.reference} {engagement.worker}",
        intro=(
            f"{engagement.post}, {engagement.grade}, {engagement.business_group}: approved to "
            f"{engagement.max_end_on.isoformat()}. Only a Star Chamber decision can move this."
        ),
        fields=[
            FormField("weeks", "Extra weeks"),
            FormField("requested_by", "Requested by", placeholder="default: you"),
            FormField("received_on", "Received", value=clock.today().isoformat()),
            FormField("justification", "Justification", "area"),
        ],
        model=ExtensionIn,
        fixed={"engagement": engagement.reference},
        save=through(add_extension_request),
        draft_key=f"sc-extension-{engagement.reference}",
    )


def new_meeting_form() -> DeclaredForm:
    """Schedule a meeting; waiting deferrals are carried onto its agenda."""
    from store.star_chamber.services.meetings import add_meeting

    return DeclaredForm(
        title="Schedule a Star Chamber meeting",
        intro="Requests deferred at an earlier meeting are carried onto its agenda.",
        fields=[
            FormField("held_on", "Date", value=clock.today().isoformat()),
            FormField("chair", "Chair"),
            FormField("attendees", "Attendees", placeholder="separate names with ;"),
            FormField("union_reps", "Trade union reps", placeholder="separate names with ;"),
        ],
        model=MeetingIn,
        save=through(add_meeting),
        draft_key="sc-meeting",
    )


def close_meeting_form(meeting: MeetingDetail) -> DeclaredForm:
    """Confirm closing a meeting: its decisions become final."""
    from store.star_chamber.services.meetings import close_meeting

    held_on = meeting.held_on

    def save(store, data):
        with store.writing() as session:
            return close_meeting(
                held_on, expected_version=data["expected_version"], session=session
            )

    return DeclaredForm(
        title=f"Close the meeting of {held_on.isoformat()}?",
        intro=(
            "Once closed its decisions are final: a change after that is a correction, "
            "recorded as a new decision that names the old one and says why. "
            "Every agenda item needs a decision first. Press ctrl+s to close it."
        ),
        fields=[],
        model=None,
        save=save,
        fixed={"expected_version": meeting.version},
        conflict=meeting_source(meeting),
    )


def build_agenda_form(held_on: date, waiting: list[RequestRow]) -> DeclaredForm:
    """Show the waiting requests building the agenda would add (and who entered each),
    and add exactly those when the user agrees; nothing is added on escape."""
    from store.star_chamber.services.meetings import build_agenda

    shown = [row.reference for row in waiting]

    def save(store, data):
        with store.writing() as session:
            return build_agenda(held_on, expected=shown, session=session)

    lines = [
        f"{row.reference}  {row.post}, {row.grade}, {row.business_group}"
        f"{' (deferred before)' if row.outcome == 'deferred' else ''}; "
        f"entered by {row.entered_by}"
        for row in waiting
    ]
    count = f"{len(waiting)} waiting request{'s' if len(waiting) != 1 else ''}"
    return DeclaredForm(
        title=f"Add {count} to the agenda of {held_on.isoformat()}?",
        intro="\n".join([*lines, "", "ctrl+s adds them, in this order; escape adds nothing."]),
        fields=[],
        model=None,
        save=save,
    )


def remove_item_form(held_on: date, reference: str) -> DeclaredForm:
    """Take an undecided item off an open meeting's agenda, with a reason."""
    from store.star_chamber.services.meetings import remove_from_agenda

    def save(store, data):
        with store.writing() as session:
            return remove_from_agenda(
                {"meeting": held_on, "reference": reference},
                reason=data.get("reason", ""),
                session=session,
            )

    return DeclaredForm(
        title=f"Take {reference} off the agenda of {held_on.isoformat()}",
        intro="It goes back to waiting for an agenda.",
        fields=[FormField("reason", "Reason")],
        model=None,
        save=save,
    )


def displaced_form(groups: list[str]) -> DeclaredForm:
    """Put a displaced member of staff on the Posting List."""
    from store.star_chamber.services.posting_list import add_displaced

    return DeclaredForm(
        title="Add to the Posting List",
        fields=[
            FormField("name", "Name"),
            FormField("grade", "Band", "choice", "", BAND_CHOICES),
            FormField("business_group", "Came from", "choice", "", tuple((g, g) for g in groups)),
            FormField("skills", "Skills", "area"),
            FormField("listed_on", "On the list since", value=clock.today().isoformat()),
        ],
        model=DisplacedIn,
        save=through(add_displaced),
        draft_key="sc-displaced",
    )


def leave_list_form(person: DisplacedRow) -> DeclaredForm:
    """Record someone leaving the Posting List other than by a posting."""
    from store.star_chamber.services.posting_list import leave_list

    return DeclaredForm(
        title=f"{person.reference} {person.name} leaves the Posting List",
        intro="For leaving other than by a posting (a posting is recorded with its decision).",
        fields=[
            FormField("on", "Left on", value=clock.today().isoformat()),
            FormField("reason", "Reason", placeholder="e.g. took voluntary early departure"),
        ],
        model=LeftListIn,
        fixed={"reference": person.reference, "expected_version": person.version},
        save=through(leave_list),
        conflict=displaced_source(person),
    )


def start_engagement_form() -> DeclaredForm:
    """Record a worker starting against an approved temporary or agency request."""
    from store.star_chamber.services.engagements import start_engagement

    return DeclaredForm(
        title="A temporary or agency worker starts",
        intro="The approved request sets the post and the maximum end date.",
        fields=[
            FormField("request", "Approved request", placeholder="SC-2011-0005"),
            FormField("worker", "Worker"),
            FormField("start_on", "Start date", value=clock.today().isoformat()),
        ],
        model=EngagementIn,
        save=through(start_engagement),
        draft_key="sc-engagement",
    )


def end_engagement_form(engagement: EngagementRow) -> DeclaredForm:
    """Record an engagement ending, on or before its approved maximum."""
    from store.star_chamber.services.engagements import end_engagement

    return DeclaredForm(
        title=f"{engagement.reference} {engagement.worker} ends",
        intro=f"No later than the approved maximum, {engagement.max_end_on.isoformat()}.",
        fields=[
            FormField(
                "on", "Last day", value=min(clock.today(), engagement.max_end_on).isoformat()
            ),
            FormField("reason", "Reason"),
        ],
        model=EndEngagementIn,
        fixed={"reference": engagement.reference, "expected_version": engagement.version},
        save=through(end_engagement),
        conflict=engagement_source(engagement),
    )


def establishment_form(groups: list[str], row: EstablishmentRow | None, year: str) -> DeclaredForm:
    """Record or update one group's figures for a staff group and financial year. New
    figures expect none to exist yet (version 0): if someone else records them first, the
    save is refused and the conflict dialog shows theirs."""
    from store.star_chamber.services.establishment import set_establishment

    staff_groups = tuple((group.value, group.label) for group in StaffGroup)
    values = establishment_values(row) if row is not None else {}
    return DeclaredForm(
        title="Establishment figures" + (f" · {row.business_group}" if row else ""),
        intro="FTE to two decimals. The reduction plan runs in a straight line over the year.",
        fields=[
            FormField(
                "business_group",
                "Business group",
                "choice",
                values.get("business_group", ""),
                tuple((g, g) for g in groups),
            ),
            FormField(
                "staff_group",
                "Staff group",
                "choice",
                values.get("staff_group", StaffGroup.POLICE_STAFF.value),
                staff_groups,
            ),
            FormField("financial_year", "Financial year", value=values.get("financial_year", year)),
            FormField("budgeted", "Budgeted posts", value=values.get("budgeted", "")),
            FormField("strength", "Current strength", value=values.get("strength", "")),
            FormField("as_of", "Strength counted on", value=clock.today().isoformat()),
            FormField(
                "target_vacancy_pct",
                "Target vacancy %",
                value=values.get("target_vacancy_pct", ""),
            ),
            FormField(
                "start_strength", "Strength on 1 April", value=values.get("start_strength", "")
            ),
            FormField("reduction", "Reduction this year", value=values.get("reduction", "0")),
        ],
        model=EstablishmentIn,
        fixed={"expected_version": row.version if row is not None else 0},
        save=through(set_establishment),
        conflict=establishment_source(row),
    )
