"""What the Star Chamber decision form shows when a correction was refused because
someone else decided or corrected the request after the form opened: the decision in
force then against the one in force now (and the request's status), for the conflict
dialog, and what the form says once it has taken the new one in.

The form carries the request's version as read when it opened; re-apply saves the
correction over the decision now in force, reload or escape goes back to the form
(which now corrects that one), and what was typed stays."""

from __future__ import annotations

from screens.common.conflict_dialog import differing_rows
from store.concurrency import LastChange
from store.handle import Store
from store.star_chamber.queries.changes import last_request_change
from store.star_chamber.queries.requests import request_detail
from store.star_chamber.read_models import DecisionRead, RequestDetail
from store.star_chamber.types import Outcome

LABELS = {
    "status": "Request status",
    "decision": "Decision in force",
    "outcome": "Outcome",
    "reason": "Reason",
    "conditions": "Conditions",
    "posting": "Posting List",
    "weeks": "Approved weeks",
    "decided_on": "Decided on",
}


def read_current(store: Store, reference: str) -> tuple[RequestDetail | None, LastChange | None]:
    """The request as it is now, and who changed it last (call off the event loop)."""
    with store.reading() as connection:
        return request_detail(connection, reference), last_request_change(connection, reference)


def decision_values(status: str, decision: DecisionRead | None) -> dict[str, str]:
    """A request's status and its decision in force, as text, by field."""
    values = {"status": status.replace("_", " ")}
    if decision is None:
        return values | {"decision": "none"}
    corrects = f", correcting {decision.supersedes_id}" if decision.supersedes_id else ""
    return values | {
        "decision": f"decision {decision.id} ({decision.recorded_by}{corrects})",
        "outcome": Outcome(decision.outcome).label,
        "reason": decision.reason,
        "conditions": decision.conditions,
        "posting": decision.posting_text,
        "weeks": str(decision.approved_weeks or ""),
        "decided_on": decision.decided_on.isoformat() if decision.decided_on else "",
    }


def correction_conflict_rows(
    status: str, opened: DecisionRead | None, now: RequestDetail
) -> list[tuple[str, str, str]]:
    """(label, when the form opened, now) for each thing that changed."""
    return differing_rows(
        LABELS,
        decision_values(status, opened),
        decision_values(now.row.status, now.live_decision),
    )


def taken_in_message(reference: str, who: str, in_force: DecisionRead) -> str:
    """What the form says once the decision now in force has been taken in."""
    return (
        f"Not saved: {who} changed {reference}'s decision after you opened this form. "
        f"Your correction now supersedes decision {in_force.id} "
        f"({Outcome(in_force.outcome).label}); what you typed stays. ctrl+s saves it."
    )
