"""Plain value types of the Star Chamber, shared by the store, screens and widgets.

Nothing here imports SQLAlchemy or pydantic. Values are stored as the enum's value.
"""

from __future__ import annotations

from enum import StrEnum

from store.types import Worded


class StaffType(StrEnum):
    """Who a request is for: a police staff post, a temporary worker or agency staff."""

    POLICE_STAFF = "police_staff"
    TEMPORARY_WORKER = "temporary_worker"
    AGENCY = "agency"

    @property
    def label(self) -> str:
        """The staff type in words."""
        return {
            "police_staff": "Police staff",
            "temporary_worker": "Temporary worker",
            "agency": "Agency",
        }[self.value]

    @property
    def is_temporary(self) -> bool:
        """True for temporary and agency workers, whose engagement has a maximum."""
        return self is not StaffType.POLICE_STAFF


class StaffGroup(StrEnum):
    """The three staff groups of a force."""

    POLICE_OFFICERS = "police_officers"
    POLICE_STAFF = "police_staff"
    PCSOS = "pcsos"

    @property
    def label(self) -> str:
        """The staff group in words."""
        return {
            "police_officers": "Police officers",
            "police_staff": "Police staff",
            "pcsos": "PCSOs",
        }[self.value]


class Route(StrEnum):
    """The selection route a request asks for."""

    INTERNAL = "internal"
    EXTERNAL = "external"


class RequestStatus(Worded):
    """Where a request is: received (waiting for an agenda), on an agenda, or decided."""

    RECEIVED = "received"
    ON_AGENDA = "on_agenda"
    DECIDED = "decided"


class Outcome(StrEnum):
    """What the Star Chamber decided about a request."""

    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"
    REJECTED = "rejected"
    DEFERRED = "deferred"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        """The outcome in words: `Approved with conditions`."""
        return self.value.replace("_", " ").capitalize()

    @property
    def is_approval(self) -> bool:
        """True for the two kinds of approval."""
        return self in (Outcome.APPROVED, Outcome.APPROVED_WITH_CONDITIONS)

    @property
    def is_final(self) -> bool:
        """True when the request is finished with (everything but a deferral)."""
        return self is not Outcome.DEFERRED


class MeetingStatus(StrEnum):
    """An open meeting takes agenda items and decisions; a closed one is final."""

    OPEN = "open"
    CLOSED = "closed"


class PostingStatus(Worded):
    """Where a displaced member of staff is: on the Posting List, posted, or left."""

    ON_LIST = "on_list"
    POSTED = "posted"
    LEFT = "left"


class PostingStep(StrEnum):
    """How an approval dealt with the Posting List (paragraph 21)."""

    POSTED = "posted"
    NONE_SUITABLE = "none_suitable"
    NOT_APPLICABLE = "not_applicable"


class EngagementStatus(StrEnum):
    """Whether a temporary or agency worker is still engaged."""

    ACTIVE = "active"
    ENDED = "ended"
