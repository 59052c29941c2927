"""The roles, the actions they permit, and the table between them. Plain values only,
so screens can ask what a role may do without importing the write path."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from store.types import Worded

if TYPE_CHECKING:
    from store.audit import Identity


class Role(Worded):
    """What an app user is there to do (`label`: `star chamber secretary`)."""

    ADMIN = "admin"
    PORTFOLIO_OFFICE = "portfolio_office"
    STAR_CHAMBER_SECRETARY = "star_chamber_secretary"
    FRONT_DOOR_SECRETARY = "front_door_secretary"
    VIEWER = "viewer"

    @classmethod
    def parse(cls, text: str) -> Role:
        """Read a role written with spaces, dashes or underscores, in any case."""
        return cls.parse_as(text, "a role", "one of " + ", ".join(role.value for role in cls))


class Permission(StrEnum):
    """One kind of change. The value is what a denial says the user may not do."""

    MANAGE_USERS = "manage users"
    ACT_FOR_OTHERS = "act on behalf of another user"
    LOAD_DATA = "load generated data"
    IMPORT_DATA = "import a whole portfolio from a file"
    RESTORE_DATA = "replace the database with a backup"
    EDIT_REGISTER = "edit the portfolio register"
    RECORD_RAG = "record a RAG assessment"
    EDIT_RISKS = "edit risks"
    EDIT_DEPENDENCIES = "edit dependencies"
    EDIT_MILESTONES = "edit milestones"
    EDIT_SAVINGS = "edit the savings plan"
    EDIT_BENEFITS = "edit the benefits register and record measurements"
    EDIT_RECOMMENDATIONS = "record progress on recommendations"
    LOG_VACANCY_REQUESTS = "log vacancy and temporary-worker requests"
    MANAGE_ENGAGEMENTS = "start or end temporary engagements"
    MANAGE_POSTING_LIST = "change the Posting List"
    SET_ESTABLISHMENT = "set establishment figures and departure schemes"
    RUN_MEETINGS = "arrange Star Chamber meetings and agendas"
    RECORD_SC_DECISIONS = "record Star Chamber decisions"
    LOG_PROPOSALS = "log or correct front door proposals"
    TRIAGE_PROPOSALS = "triage front door proposals"
    RECORD_PROPOSAL_DECISIONS = "record front door decisions"


PORTFOLIO_OFFICE = frozenset(
    {
        Permission.EDIT_REGISTER,
        Permission.RECORD_RAG,
        Permission.EDIT_RISKS,
        Permission.EDIT_DEPENDENCIES,
        Permission.EDIT_MILESTONES,
        Permission.EDIT_SAVINGS,
        Permission.EDIT_BENEFITS,
        Permission.EDIT_RECOMMENDATIONS,
    }
)
STAR_CHAMBER = frozenset(
    {
        Permission.LOG_VACANCY_REQUESTS,
        Permission.MANAGE_ENGAGEMENTS,
        Permission.MANAGE_POSTING_LIST,
        Permission.SET_ESTABLISHMENT,
        Permission.RUN_MEETINGS,
        Permission.RECORD_SC_DECISIONS,
    }
)
FRONT_DOOR = frozenset(
    {
        Permission.LOG_PROPOSALS,
        Permission.TRIAGE_PROPOSALS,
        Permission.RECORD_PROPOSAL_DECISIONS,
    }
)

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.PORTFOLIO_OFFICE: PORTFOLIO_OFFICE,
    Role.STAR_CHAMBER_SECRETARY: STAR_CHAMBER,
    Role.FRONT_DOOR_SECRETARY: FRONT_DOOR,
    Role.VIEWER: frozenset(),
}


def allows(role: Role, permission: Permission) -> bool:
    """True when `role` may make changes of kind `permission`."""
    return permission in GRANTS[role]


def own_record_refusal(
    identity: Identity, entered_by: str, what: str, entering_person: str = ""
) -> str:
    """Separation of duties: why `identity` may not decide `what`, which they entered
    themselves ('' when someone else entered it). The person is both the app user acted
    as and the OS account acting, on either side: `entered_by` is the app user recorded
    on the row, `entering_person` the OS account whose audit event created it (an admin
    acting for someone). An admin deciding "as" anyone a record the admin entered "as"
    anyone is refused too. The store refuses such a decision with these words, and
    screens say them before a decision form opens."""
    if entered_by == identity.actor:
        return f"{identity.actor} entered {what}, so someone else must decide it"
    if entered_by == identity.os_user:
        return (
            f"{identity.os_user} entered {what} and is acting as {identity.actor}, "
            "so someone else must decide it"
        )
    if entering_person and entering_person in (identity.actor, identity.os_user):
        return (
            f"{entering_person} entered {what} acting as {entered_by}, "
            "so someone else must decide it"
        )
    return ""
