"""Tables of the Star Chamber: establishment, requests, meetings, agendas, decisions,
the Posting List of displaced staff, temporary engagements and early departure schemes.

Units, all integers so nothing is stored as a float:

- FTE and headcount figures are hundredths of an FTE (`*_fte_x100`): 1.0 FTE is 100.
- The target vacancy factor is tenths of a percent (`target_vacancy_pct_x10`): 5.0% is 50.
- Early departure costs are thousands of pounds (`cost_gbp_k`): £12.5m is 12,500.

Requests are derived-state rows: `status`, `outcome`, `meeting_id` and `decided_on`
follow the request's live decision (the one no later decision supersedes). Decisions
are never edited; a correction is a new row naming the one it supersedes.
"""

from datetime import date

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class ScEstablishment(SQLModel, table=True):
    """One business group's figures for one staff group and financial year."""

    __tablename__ = "sc_establishment"
    __table_args__ = (
        UniqueConstraint("business_group_id", "staff_group", "financial_year"),
        CheckConstraint(
            "staff_group IN ('police_officers','police_staff','pcsos')",
            name="ck_sc_establishment_staff_group",
        ),
        CheckConstraint(
            "budgeted_fte_x100 >= 0 AND strength_fte_x100 >= 0 "
            "AND start_strength_fte_x100 >= 0 AND reduction_fte_x100 >= 0",
            name="ck_sc_establishment_counts",
        ),
        CheckConstraint(
            "target_vacancy_pct_x10 BETWEEN 0 AND 1000", name="ck_sc_establishment_target"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    business_group_id: int = Field(foreign_key="business_group.id")
    staff_group: str
    financial_year: str = Field(max_length=7)
    budgeted_fte_x100: int
    strength_fte_x100: int
    start_strength_fte_x100: int
    reduction_fte_x100: int
    target_vacancy_pct_x10: int
    as_of: date
    updated_by: str
    updated_at: str
    version: int = 1


class ScEngagement(SQLModel, table=True):
    """A temporary or agency worker engaged against a post, up to an approved maximum."""

    __tablename__ = "sc_engagement"
    __table_args__ = (
        Index("ix_sc_engagement_status_end", "status", "max_end_on"),
        CheckConstraint(
            "staff_type IN ('temporary_worker','agency')", name="ck_sc_engagement_staff_type"
        ),
        CheckConstraint("status IN ('active','ended')", name="ck_sc_engagement_status"),
        CheckConstraint("max_end_on >= start_on", name="ck_sc_engagement_dates"),
        CheckConstraint("ended_on IS NULL OR ended_on >= start_on", name="ck_sc_engagement_ended"),
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, max_length=16)
    worker_name: str
    staff_type: str
    business_group_id: int = Field(foreign_key="business_group.id")
    post_title: str
    grade: str
    start_on: date
    max_end_on: date
    status: str = "active"
    ended_on: date | None = None
    end_reason: str = ""
    entered_by: str
    entered_at: str
    version: int = 1


class ScRequest(SQLModel, table=True):
    """A request to fill a vacancy, engage a temporary or agency worker, or extend one."""

    __tablename__ = "sc_request"
    __table_args__ = (
        UniqueConstraint("year", "seq"),
        Index("ix_sc_request_received", "received_on", "id"),
        Index("ix_sc_request_status_received", "status", "received_on", "id"),
        Index("ix_sc_request_group_status", "business_group_id", "status"),
        Index("ix_sc_request_meeting", "meeting_id"),
        Index("ix_sc_request_engagement", "engagement_id"),
        CheckConstraint(
            "staff_type IN ('police_staff','temporary_worker','agency')",
            name="ck_sc_request_staff_type",
        ),
        CheckConstraint("fte_x100 > 0", name="ck_sc_request_fte"),
        CheckConstraint("route IN ('internal','external')", name="ck_sc_request_route"),
        CheckConstraint(
            "status IN ('received','on_agenda','decided')", name="ck_sc_request_status"
        ),
        CheckConstraint(
            "outcome IS NULL OR outcome IN "
            "('approved','approved_with_conditions','rejected','deferred','withdrawn')",
            name="ck_sc_request_outcome",
        ),
        CheckConstraint("max_weeks IS NULL OR max_weeks > 0", name="ck_sc_request_weeks"),
        CheckConstraint(
            "NOT is_extension OR engagement_id IS NOT NULL", name="ck_sc_request_extension"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, max_length=16)
    year: int
    seq: int
    business_group_id: int = Field(foreign_key="business_group.id")
    post_title: str
    grade: str
    staff_type: str
    fte_x100: int
    funded: bool = True
    cost_centre: str = ""
    route: str = "internal"
    initiative_id: int | None = Field(default=None, foreign_key="initiative.id")
    justification: str
    requested_by: str
    received_on: date
    max_weeks: int | None = None
    is_extension: bool = False
    engagement_id: int | None = Field(default=None, foreign_key="sc_engagement.id")
    status: str = "received"
    outcome: str | None = None
    meeting_id: int | None = Field(default=None, foreign_key="sc_meeting.id")
    decided_on: date | None = None
    entered_by: str
    entered_at: str
    version: int = 1


class ScMeeting(SQLModel, table=True):
    """A Star Chamber meeting, identified by its date."""

    __tablename__ = "sc_meeting"
    __table_args__ = (CheckConstraint("status IN ('open','closed')", name="ck_sc_meeting_status"),)

    id: int | None = Field(default=None, primary_key=True)
    held_on: date = Field(unique=True)
    chair: str
    attendees: str = ""
    union_reps: str = ""
    status: str = "open"
    closed_by: str | None = None
    closed_at: str | None = None
    created_by: str
    created_at: str
    version: int = 1


class ScAgendaItem(SQLModel, table=True):
    """A request on a meeting's agenda, in order; carried-over deferrals are marked."""

    __tablename__ = "sc_agenda_item"
    __table_args__ = (
        UniqueConstraint("meeting_id", "request_id"),
        Index("ix_sc_agenda_item_request", "request_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="sc_meeting.id")
    request_id: int = Field(foreign_key="sc_request.id")
    position: int
    carried_over: bool = False
    added_by: str
    added_at: str


class ScDisplaced(SQLModel, table=True):
    """A displaced member of police staff on the Posting List (paragraph 21)."""

    __tablename__ = "sc_displaced"
    __table_args__ = (
        Index("ix_sc_displaced_status_grade", "status", "grade"),
        CheckConstraint("status IN ('on_list','posted','left')", name="ck_sc_displaced_status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, max_length=16)
    name: str
    grade: str
    business_group_id: int = Field(foreign_key="business_group.id")
    skills: str = ""
    listed_on: date
    status: str = "on_list"
    status_on: date | None = None
    left_reason: str = ""
    posted_request_id: int | None = Field(default=None, foreign_key="sc_request.id")
    entered_by: str
    entered_at: str
    version: int = 1


class ScDecision(SQLModel, table=True):
    """A decision on one request at one meeting. Never edited: a correction is a new
    decision whose `supersedes_id` names this one, with the reason for correcting it."""

    __tablename__ = "sc_decision"
    __table_args__ = (
        Index("ix_sc_decision_request", "request_id"),
        Index("ix_sc_decision_meeting", "meeting_id"),
        CheckConstraint(
            "outcome IN ('approved','approved_with_conditions','rejected','deferred','withdrawn')",
            name="ck_sc_decision_outcome",
        ),
        CheckConstraint(
            "posting_step IN ('posted','none_suitable','not_applicable')",
            name="ck_sc_decision_posting_step",
        ),
        CheckConstraint(
            "(posting_step = 'posted') = (posted_person_id IS NOT NULL)",
            name="ck_sc_decision_posted",
        ),
        CheckConstraint(
            "posting_step <> 'not_applicable' "
            "OR outcome NOT IN ('approved','approved_with_conditions')",
            name="ck_sc_decision_posting_list_first",
        ),
        CheckConstraint(
            "supersedes_id IS NULL OR correction_reason <> ''", name="ck_sc_decision_correction"
        ),
        CheckConstraint("reason <> ''", name="ck_sc_decision_reason"),
    )

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="sc_request.id")
    meeting_id: int = Field(foreign_key="sc_meeting.id")
    outcome: str
    reason: str
    conditions: str = ""
    posting_step: str = "not_applicable"
    posted_person_id: int | None = Field(default=None, foreign_key="sc_displaced.id")
    none_suitable_reason: str = ""
    override_reason: str = ""
    impact_json: str = ""
    approved_weeks: int | None = None
    engagement_end_before: date | None = None
    engagement_end_after: date | None = None
    supersedes_id: int | None = Field(default=None, foreign_key="sc_decision.id", unique=True)
    correction_reason: str = ""
    decided_on: date
    recorded_by: str
    recorded_at: str


class ScDepartureScheme(SQLModel, table=True):
    """A phase of the police staff early departure scheme (paragraphs 25 to 31)."""

    __tablename__ = "sc_departure_scheme"
    __table_args__ = (CheckConstraint("phase > 0", name="ck_sc_departure_scheme_phase"),)

    id: int | None = Field(default=None, primary_key=True)
    phase: int = Field(unique=True)
    name: str
    staff_groups: str
    terms: str
    opens_on: date
    closes_on: date | None = None
    version: int = 1


class ScDepartureGroup(SQLModel, table=True):
    """One group of staff in scope of a scheme, with how many were offered and accepted."""

    __tablename__ = "sc_departure_group"
    __table_args__ = (
        UniqueConstraint("scheme_id", "name"),
        CheckConstraint(
            "offered >= 0 AND accepted >= 0 AND accepted <= offered AND cost_gbp_k >= 0",
            name="ck_sc_departure_group_counts",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    scheme_id: int = Field(foreign_key="sc_departure_scheme.id")
    name: str
    position: int = 0
    offered: int = 0
    accepted: int = 0
    cost_gbp_k: int = 0
    version: int = 1
