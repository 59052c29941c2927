"""The registry of exported tables: each table's name in a file, its database table,
its columns and their types, in an order where every table comes after those it
refers to.

`current_rag` (derived from the assessments), `initiative.tree_path`/`depth`
(derived from the hierarchy) and the audit log are not exported: an import rebuilds
the derived data and records one audit event of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.exchange.columns import Column, Type
from store.front_door.types import Outcome as ProposalOutcome
from store.front_door.types import ProposalStatus
from store.programme.types import (
    DependencyStatus,
    Importance,
    MilestoneStatus,
    RiskStatus,
    Roam,
)
from store.recommendations.types import RecommendationStatus
from store.star_chamber.types import (
    EngagementStatus,
    MeetingStatus,
    Outcome,
    PostingStatus,
    PostingStep,
    RequestStatus,
    Route,
    StaffGroup,
    StaffType,
)
from store.types import Complexity, Kind, Lifecycle, Rag, Tier


def _values(enum) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


RAGS = _values(Rag)
TIERS = _values(Tier)
COMPLEXITIES = _values(Complexity)
STAFF_TYPES = _values(StaffType)


@dataclass(frozen=True)
class Table:
    """One exported table: `name` in files (sheet, CSV file, JSON key), `db` in SQLite."""

    name: str
    db: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ("id",)

    @property
    def headers(self) -> tuple[str, ...]:
        """The header row, in order."""
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        """The column with this header."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


def _id() -> Column:
    return Column("id", Type.INT, unique=True)


def _text(name: str, *, required: bool = False, unique: bool = False, **kw) -> Column:
    return Column(name, Type.TEXT, required=required, unique=unique, blank="", **kw)


def _group() -> Column:
    return Column(
        "business_group", db="business_group_id", required=True, ref=("business_groups", "code")
    )


def _initiative(name: str = "initiative", db: str = "initiative_id", *, required=True) -> Column:
    return Column(name, db=db, required=required, ref=("initiatives", "code"))


def _version() -> Column:
    return Column("version", Type.INT, blank=1)


def _stamp(name: str) -> Column:
    return _text(name, required=False)


TABLES: tuple[Table, ...] = (
    Table(
        "settings",
        "setting",
        (_text("key", required=True, unique=True), _text("value")),
        key=("key",),
    ),
    Table(
        "business_groups",
        "business_group",
        (
            _id(),
            _text("code", required=True, unique=True),
            _text("name", required=True),
            _version(),
        ),
    ),
    Table(
        "rag_criteria",
        "rag_criterion",
        (
            _id(),
            _text("name", required=True, unique=True),
            Column("position", Type.INT, blank=0),
            _text("description"),
            Column("active", Type.BOOL, blank=True),
            _version(),
        ),
    ),
    Table(
        "initiatives",
        "initiative",
        (
            _id(),
            _text("code", required=True, unique=True),
            _text("name", required=True),
            _text("description"),
            Column("kind", required=True, choices=_values(Kind)),
            _initiative("parent", "parent_id", required=False),
            _group(),
            Column("tier", choices=TIERS),
            Column("complexity", choices=COMPLEXITIES),
            _text("complexity_kinds"),
            _text("sro"),
            _text("programme_manager"),
            Column("start_date", Type.DATE),
            Column("end_date", Type.DATE),
            Column("lifecycle", required=True, choices=_values(Lifecycle)),
            Column("data_digital", Type.BOOL, blank=False),
            _version(),
            _stamp("created_at"),
        ),
    ),
    Table(
        "assessments",
        "rag_assessment",
        (
            _id(),
            _initiative(),
            Column("criterion", db="criterion_id", required=True, ref=("rag_criteria", "name")),
            Column("period", required=True),
            Column("rag", required=True, choices=RAGS),
            _text("rationale", required=True),
            _text("author", required=True),
            _text("recorded_at", required=True),
        ),
    ),
    Table(
        "risks",
        "risk",
        (
            _id(),
            _initiative(),
            _text("description", required=True),
            _text("cause"),
            _text("effect"),
            Column("likelihood", Type.INT, required=True),
            Column("impact", Type.INT, required=True),
            Column("proximity", Type.DATE),
            _text("owner"),
            _text("mitigation"),
            Column("status", required=True, choices=_values(RiskStatus)),
            Column("roam", choices=_values(Roam)),
            _text("raised_by", required=True),
            _text("raised_at", required=True),
            _version(),
        ),
    ),
    Table(
        "milestones",
        "milestone",
        (
            _id(),
            _initiative(),
            _text("name", required=True),
            Column("baseline", Type.DATE, required=True),
            Column("forecast", Type.DATE),
            Column("actual", Type.DATE),
            Column("status", required=True, choices=_values(MilestoneStatus)),
            _text("entered_by", required=True),
            _text("entered_at", required=True),
            _version(),
        ),
    ),
    Table(
        "dependencies",
        "dependency",
        (
            _id(),
            _initiative("from_initiative", "from_initiative_id"),
            _initiative("to_initiative", "to_initiative_id"),
            _text("needed", required=True),
            Column("needed_by", Type.DATE, required=True),
            Column("importance", required=True, choices=_values(Importance)),
            Column("status", required=True, choices=_values(DependencyStatus)),
            Column("milestone_id", Type.INT, fk="milestones"),
            _text("entered_by", required=True),
            _text("entered_at", required=True),
            _version(),
        ),
    ),
    Table(
        "savings_years",
        "savings_year",
        (
            _id(),
            _text("financial_year", required=True, unique=True),
            Column(
                "budget_requirement_gbp_m", Type.DECIMAL, db="budget_requirement_tenths", scale=1
            ),
            _version(),
        ),
    ),
    Table(
        "savings_lines",
        "savings_line",
        (
            _id(),
            _text("name", required=True, unique=True),
            _group(),
            Column("position", Type.INT, blank=0),
            _version(),
        ),
    ),
    Table(
        "savings_line_initiatives",
        "savings_line_initiative",
        (Column("line", db="line_id", required=True, ref=("savings_lines", "name")), _initiative()),
        key=("line", "initiative"),
    ),
    Table(
        "savings_cells",
        "savings_cell",
        (
            _id(),
            Column("line", db="line_id", required=True, ref=("savings_lines", "name")),
            Column("year", db="year_id", required=True, ref=("savings_years", "financial_year")),
            Column("gbp_m", Type.DECIMAL, db="gbp_m_tenths", scale=1),
            Column("police_officers", Type.INT),
            Column("police_staff", Type.INT),
            Column("pcsos", Type.INT),
            _version(),
        ),
    ),
    Table(
        "establishment",
        "sc_establishment",
        (
            _id(),
            _group(),
            Column("staff_group", required=True, choices=_values(StaffGroup)),
            _text("financial_year", required=True),
            Column("budgeted_fte", Type.DECIMAL, db="budgeted_fte_x100", scale=2, required=True),
            Column("strength_fte", Type.DECIMAL, db="strength_fte_x100", scale=2, required=True),
            Column(
                "start_strength_fte",
                Type.DECIMAL,
                db="start_strength_fte_x100",
                scale=2,
                required=True,
            ),
            Column("reduction_fte", Type.DECIMAL, db="reduction_fte_x100", scale=2, required=True),
            Column(
                "target_vacancy_pct",
                Type.DECIMAL,
                db="target_vacancy_pct_x10",
                scale=1,
                required=True,
            ),
            Column("as_of", Type.DATE, required=True),
            _text("updated_by", required=True),
            _text("updated_at", required=True),
            _version(),
        ),
    ),
    Table(
        "engagements",
        "sc_engagement",
        (
            _id(),
            _text("reference", required=True, unique=True),
            _text("worker_name", required=True),
            Column("staff_type", required=True, choices=("temporary_worker", "agency")),
            _group(),
            _text("post_title", required=True),
            _text("grade", required=True),
            Column("start_on", Type.DATE, required=True),
            Column("max_end_on", Type.DATE, required=True),
            Column("status", required=True, choices=_values(EngagementStatus)),
            Column("ended_on", Type.DATE),
            _text("end_reason"),
            _text("entered_by", required=True),
            _text("entered_at", required=True),
            _version(),
        ),
    ),
    Table(
        "meetings",
        "sc_meeting",
        (
            _id(),
            Column("held_on", Type.DATE, required=True, unique=True),
            _text("chair", required=True),
            _text("attendees"),
            _text("union_reps"),
            Column("status", required=True, choices=_values(MeetingStatus)),
            Column("closed_by"),
            Column("closed_at"),
            _text("created_by", required=True),
            _text("created_at", required=True),
            _version(),
        ),
    ),
    Table(
        "vacancy_requests",
        "sc_request",
        (
            _id(),
            _text("reference", required=True, unique=True),
            Column("year", Type.INT, required=True),
            Column("seq", Type.INT, required=True),
            _group(),
            _text("post_title", required=True),
            _text("grade", required=True),
            Column("staff_type", required=True, choices=STAFF_TYPES),
            Column("fte", Type.DECIMAL, db="fte_x100", scale=2, required=True),
            Column("funded", Type.BOOL, blank=True),
            _text("cost_centre"),
            Column("route", required=True, choices=_values(Route)),
            _initiative(required=False),
            _text("justification", required=True),
            _text("requested_by", required=True),
            Column("received_on", Type.DATE, required=True),
            Column("max_weeks", Type.INT),
            Column("is_extension", Type.BOOL, blank=False),
            Column("engagement_id", Type.INT, fk="engagements"),
            Column("status", required=True, choices=_values(RequestStatus)),
            Column("outcome", choices=_values(Outcome)),
            Column("meeting_id", Type.INT, fk="meetings"),
            Column("decided_on", Type.DATE),
            _text("entered_by", required=True),
            _text("entered_at", required=True),
            _version(),
        ),
    ),
    Table(
        "agenda_items",
        "sc_agenda_item",
        (
            _id(),
            Column("meeting_id", Type.INT, required=True, fk="meetings"),
            Column("request_id", Type.INT, required=True, fk="vacancy_requests"),
            Column("position", Type.INT, required=True),
            Column("carried_over", Type.BOOL, blank=False),
            _text("added_by", required=True),
            _text("added_at", required=True),
        ),
    ),
    Table(
        "displaced_staff",
        "sc_displaced",
        (
            _id(),
            _text("reference", required=True, unique=True),
            _text("name", required=True),
            _text("grade", required=True),
            _group(),
            _text("skills"),
            Column("listed_on", Type.DATE, required=True),
            Column("status", required=True, choices=_values(PostingStatus)),
            Column("status_on", Type.DATE),
            _text("left_reason"),
            Column("posted_request_id", Type.INT, fk="vacancy_requests"),
            _text("entered_by", required=True),
            _text("entered_at", required=True),
            _version(),
        ),
    ),
    Table(
        "decisions",
        "sc_decision",
        (
            _id(),
            Column("request_id", Type.INT, required=True, fk="vacancy_requests"),
            Column("meeting_id", Type.INT, required=True, fk="meetings"),
            Column("outcome", required=True, choices=_values(Outcome)),
            _text("reason", required=True),
            _text("conditions"),
            Column("posting_step", required=True, choices=_values(PostingStep)),
            Column("posted_person_id", Type.INT, fk="displaced_staff"),
            _text("none_suitable_reason"),
            _text("override_reason"),
            _text("impact_json"),
            Column("approved_weeks", Type.INT),
            Column("engagement_end_before", Type.DATE),
            Column("engagement_end_after", Type.DATE),
            Column("supersedes_id", Type.INT, fk="decisions", unique=True),
            _text("correction_reason"),
            Column("decided_on", Type.DATE, required=True),
            _text("recorded_by", required=True),
            _text("recorded_at", required=True),
        ),
    ),
    Table(
        "departure_schemes",
        "sc_departure_scheme",
        (
            _id(),
            Column("phase", Type.INT, required=True, unique=True),
            _text("name", required=True),
            _text("staff_groups"),
            _text("terms"),
            Column("opens_on", Type.DATE, required=True),
            Column("closes_on", Type.DATE),
            _version(),
        ),
    ),
    Table(
        "departure_groups",
        "sc_departure_group",
        (
            _id(),
            Column("scheme_id", Type.INT, required=True, fk="departure_schemes"),
            _text("name", required=True),
            Column("position", Type.INT, blank=0),
            Column("offered", Type.INT, blank=0),
            Column("accepted", Type.INT, blank=0),
            Column("cost_gbp_k", Type.DECIMAL, scale=0, blank=0),
            _version(),
        ),
    ),
    Table(
        "proposals",
        "proposal",
        (
            _id(),
            _text("reference", required=True, unique=True),
            Column("received_year", Type.INT, required=True),
            Column("sequence", Type.INT, required=True),
            _text("title", required=True),
            _text("sponsor", required=True),
            _group(),
            _text("problem", required=True),
            _text("intended_outcome"),
            Column("cost_gbp", Type.DECIMAL, db="cost_pence", scale=2),
            Column("yearly_benefit_gbp", Type.DECIMAL, db="yearly_benefit_pence", scale=2),
            _text("non_cash_benefit"),
            Column("data_digital", Type.BOOL, blank=False),
            Column("requested_tier", choices=TIERS),
            Column("received_on", Type.DATE, required=True),
            Column("status", required=True, choices=_values(ProposalStatus)),
            _initiative(required=False),
            _text("entered_by", required=True),
            _text("entered_at", required=True),
            _version(),
        ),
    ),
    Table(
        "proposal_triages",
        "proposal_triage",
        (
            _id(),
            Column("proposal_id", Type.INT, required=True, fk="proposals"),
            Column("desirable", Type.INT, required=True),
            Column("deliverable", Type.INT, required=True),
            Column("affordable", Type.INT, required=True),
            Column("complexity", required=True, choices=COMPLEXITIES),
            _text("complexity_kinds"),
            Column("cross_group", Type.BOOL, blank=False),
            Column("hypothesis", Type.BOOL, blank=False),
            Column("suggested_tier", required=True, choices=TIERS),
            Column("suggested_rule", Type.INT, required=True),
            Column("override_tier", choices=TIERS),
            _text("override_reason"),
            _text("triaged_by", required=True),
            _text("triaged_at", required=True),
        ),
    ),
    Table(
        "proposal_decisions",
        "proposal_decision",
        (
            _id(),
            Column("proposal_id", Type.INT, required=True, fk="proposals"),
            Column("triage_id", Type.INT, required=True, fk="proposal_triages"),
            Column("outcome", required=True, choices=_values(ProposalOutcome)),
            _text("rationale", required=True),
            Column("tier", choices=TIERS),
            Column("deferred_until", Type.DATE),
            Column("review_date", Type.DATE),
            Column("decided_on", Type.DATE, required=True),
            _initiative(required=False),
            Column("supersedes_id", Type.INT, fk="proposal_decisions"),
            _text("decided_by", required=True),
            _text("recorded_at", required=True),
        ),
    ),
    Table(
        "recommendations",
        "recommendation",
        (
            _id(),
            Column("number", Type.INT, required=True, unique=True),
            _text("heading", required=True),
            _text("text", required=True),
            _text("owner"),
            Column("status", required=True, choices=_values(RecommendationStatus)),
            Column("percent_complete", Type.INT, blank=0),
            _text("updated_by"),
            _text("updated_at"),
            _version(),
        ),
    ),
)

BY_NAME = {table.name: table for table in TABLES}

# Columns an office fills from a fixed list; the template gives them drop-downs.
VALIDATION_LISTS = ("rag", "tier", "complexity", "staff_type")


def table(name: str) -> Table:
    """The exported table called `name`."""
    return BY_NAME[name]
