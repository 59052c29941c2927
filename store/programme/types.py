"""Plain value types for risks, dependencies, milestones and savings.

Nothing here imports SQLAlchemy or pydantic, so widgets may use these freely.
"""

from __future__ import annotations

from enum import StrEnum

from store.star_chamber.types import StaffGroup


class RiskStatus(StrEnum):
    """Whether a risk is still live."""

    OPEN = "open"
    CLOSED = "closed"


class Roam(StrEnum):
    """The response to a risk: Resolved, Owned, Accepted or Mitigated."""

    RESOLVED = "resolved"
    OWNED = "owned"
    ACCEPTED = "accepted"
    MITIGATED = "mitigated"


class Importance(StrEnum):
    """How much a dependency matters."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def letter(self) -> str:
        """H, M or L, for the dependency matrix."""
        return self.value[0].upper()


class DependencyStatus(StrEnum):
    """Where a dependency stands. Only open and agreed ones can be at risk."""

    OPEN = "open"
    AGREED = "agreed"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


ACTIVE_DEPENDENCY_STATUSES = (DependencyStatus.OPEN.value, DependencyStatus.AGREED.value)


class MilestoneStatus(StrEnum):
    """Where a milestone stands. Done needs an actual date, and only done has one."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


FINISHED_MILESTONE_STATUSES = (MilestoneStatus.DONE.value, MilestoneStatus.CANCELLED.value)


class Measure(StrEnum):
    """What a savings cell counts: £m (in tenths) or heads in one staff group. These are
    a cell's editable fields, declared once: the service, the form, the command line's
    options and the export all take them from here."""

    GBP_M = "gbp_m"
    POLICE_OFFICERS = "police_officers"
    POLICE_STAFF = "police_staff"
    PCSOS = "pcsos"

    @property
    def label(self) -> str:
        """The column group's heading: £m, or the staff group's words."""
        return "£m" if self is Measure.GBP_M else StaffGroup(self.value).label

    @property
    def column(self) -> str:
        """The savings cell's column that holds this measure (£m is held in tenths)."""
        return "gbp_m_tenths" if self is Measure.GBP_M else self.value


def risk_score(likelihood: int, impact: int) -> int:
    """Likelihood × impact: 1 to 25."""
    return likelihood * impact


def score_band(score: int) -> str:
    """`high` (15 and over), `medium` (5 to 12) or `low` (4 and under)."""
    if score >= 15:
        return "high"
    if score >= 5:
        return "medium"
    return "low"
