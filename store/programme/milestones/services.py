"""Writes to milestones. Each validates, records one audit event, and returns a read model."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, select

from store.audit import add_with_audit, check_version, require_change, stamp, update_with_audit
from store.errors import InputError, NotFoundError
from store.fields import stored_values
from store.models import Initiative, Milestone
from store.portfolio.queries import reporting_date
from store.portfolio.services import initiative_by_code
from store.programme.milestones.editable import NAMES
from store.programme.milestones.inputs import MilestoneChange, MilestoneIn, check_done
from store.programme.milestones.read_models import MilestoneRead
from store.programme.types import FINISHED_MILESTONE_STATUSES, MilestoneStatus
from store.rows import from_record, raw
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input


def to_read(session: Session, milestone: Milestone, initiative: Initiative) -> MilestoneRead:
    """A milestone row as its read model, with `overdue` decided as at the reporting date
    (`store.portfolio.queries.reporting_date`), as every screen decides it."""
    due = milestone.forecast or milestone.baseline
    return from_record(
        MilestoneRead,
        milestone,
        code=initiative.code,
        initiative_name=initiative.name,
        overdue=milestone.status not in FINISHED_MILESTONE_STATUSES
        and due < reporting_date(raw(session)),
    )


def find_milestone(session: Session, initiative: Initiative, name: str, field: str) -> Milestone:
    """The milestone of `initiative` called `name` (any case), or a NotFoundError."""
    milestone = session.exec(
        select(Milestone).where(
            Milestone.initiative_id == initiative.id, col(Milestone.name).ilike(name.strip())
        )
    ).first()
    if milestone is None:
        raise NotFoundError(field, f"{initiative.code} has no milestone called {name!r}")
    return milestone


def _refuse_duplicate(session: Session, initiative: Initiative, name: str, field: str) -> None:
    clash = session.exec(
        select(Milestone.id).where(
            Milestone.initiative_id == initiative.id, col(Milestone.name).ilike(name)
        )
    ).first()
    if clash is not None:
        raise InputError(field, f"{initiative.code} already has a milestone called {name!r}")


@requires(Permission.EDIT_MILESTONES)
def create_milestone(data: MilestoneIn | Mapping[str, Any], *, session: Session) -> MilestoneRead:
    """Add a milestone to an initiative; its name is unique within the initiative."""
    data = parse_input(MilestoneIn, data)
    initiative = initiative_by_code(session, data.code)
    _refuse_duplicate(session, initiative, data.name, "name")
    milestone = Milestone(
        initiative_id=initiative.id,
        **stored_values(data, NAMES),
        **stamp(session),
    )
    add_with_audit(session, milestone, entity="milestone")
    return to_read(session, milestone, initiative)


@requires(Permission.EDIT_MILESTONES)
def update_milestone(
    data: MilestoneChange | Mapping[str, Any], *, session: Session
) -> MilestoneRead:
    """Change a milestone's name, dates or status. Only the fields given change.

    Giving an actual date without a status marks it done; a done milestone keeps its
    actual date unless the status is changed too.
    """
    data = parse_input(MilestoneChange, data)
    given = data.model_fields_set
    initiative = initiative_by_code(session, data.code)
    milestone = _milestone_to_change(session, initiative, data)
    check_version(
        milestone,
        data.expected_version,
        f"{initiative.code} {milestone.name!r} was changed by someone else since you "
        "opened it; reload and try again",
    )
    if "new_name" in given and data.new_name and data.new_name.lower() != milestone.name.lower():
        _refuse_duplicate(session, initiative, data.new_name, "new_name")
    changes: dict[str, Any] = {}
    if "new_name" in given and data.new_name:
        changes["name"] = data.new_name
    if "baseline" in given:
        if data.baseline is None:
            raise InputError("baseline", "a baseline date is required")
        changes["baseline"] = data.baseline
    for name in ("forecast", "actual"):
        if name in given:
            changes[name] = getattr(data, name)
    if "status" in given and data.status is not None:
        changes["status"] = data.status.value
    elif "actual" in given:
        done = data.actual is not None
        changes["status"] = MilestoneStatus.DONE.value if done else MilestoneStatus.PLANNED.value
    _settle_actual(milestone, changes, given)
    update_with_audit(session, milestone, require_change(milestone, changes), entity="milestone")
    return to_read(session, milestone, initiative)


def _milestone_to_change(
    session: Session, initiative: Initiative, data: MilestoneChange
) -> Milestone:
    """The milestone a change names: by id when the form gives it (so a rename by
    someone else is caught by the version check), else by name."""
    if data.id is None:
        return find_milestone(session, initiative, data.name, "name")
    milestone = session.get(Milestone, data.id)
    if milestone is None or milestone.initiative_id != initiative.id:
        raise NotFoundError("id", f"{initiative.code} has no milestone with id {data.id}")
    return milestone


def _settle_actual(milestone: Milestone, changes: dict[str, Any], given: set[str]) -> None:
    """Clear the actual date of a milestone leaving done (unless one is given), then
    check that done and an actual date go together."""
    status = MilestoneStatus(changes.get("status", milestone.status))
    actual = changes.get("actual", milestone.actual)
    if status is not MilestoneStatus.DONE and "status" in given and "actual" not in given:
        actual = changes["actual"] = None  # leaving done clears the actual date
    try:
        check_done(status, actual)
    except ValueError as error:
        field, _, problem = str(error).partition(": ")
        raise InputError(field, problem) from None
