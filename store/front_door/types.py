"""Plain value types of the front door: where a proposal is, and what the panel decided."""

from __future__ import annotations

from enum import StrEnum

from store.types import Worded


class ProposalStatus(Worded):
    """Where a proposal is: received, then in triage, then decided (`label`: `in triage`
    rather than `in_triage`)."""

    RECEIVED = "received"
    IN_TRIAGE = "in_triage"
    DECIDED = "decided"

    @classmethod
    def parse(cls, text: str) -> ProposalStatus:
        """Read `received`, `in triage` (or `in_triage`, `in-triage`, `triage`) or `decided`."""
        alias = cls.IN_TRIAGE if text.strip().lower() == "triage" else None
        return cls.parse_as(text, "a status", "received, in_triage or decided", alias)


class Outcome(StrEnum):
    """What the front door panel decided about a proposal."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DEFERRED = "deferred"
    EXPERIMENT = "experiment"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        """The outcome in words."""
        return OUTCOME_LABELS[self]

    @property
    def final(self) -> bool:
        """True when the proposal's journey ends here (it can only be corrected)."""
        return self in (Outcome.ACCEPTED, Outcome.REJECTED, Outcome.EXPERIMENT)

    @property
    def creates_initiative(self) -> bool:
        """True when this outcome puts a new initiative in the portfolio."""
        return self in (Outcome.ACCEPTED, Outcome.EXPERIMENT)


OUTCOME_LABELS = {
    Outcome.ACCEPTED: "accepted",
    Outcome.REJECTED: "rejected",
    Outcome.DEFERRED: "deferred until a date",
    Outcome.EXPERIMENT: "sent to experimentation",
    Outcome.RETURNED: "returned for more information",
}


class Lens(StrEnum):
    """The three lenses a proposal is scored through, 1 to 5 each."""

    DESIRABLE = "desirable"
    DELIVERABLE = "deliverable"
    AFFORDABLE = "affordable"
