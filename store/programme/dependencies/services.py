"""Writes to dependencies. Each validates, records one audit event, and returns a read model."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from store.audit import add_with_audit, editing, require_change, stamp, update_with_audit
from store.errors import InputError
from store.fields import stored_values
from store.models import CurrentRag, Dependency, Initiative, Milestone
from store.portfolio.queries import overall_criterion_id
from store.portfolio.services import initiative_by_code
from store.programme.dependencies.editable import NAMES
from store.programme.dependencies.inputs import DependencyChange, DependencyIn
from store.programme.dependencies.read_models import DependencyRead
from store.programme.milestones.services import find_milestone
from store.programme.types import ACTIVE_DEPENDENCY_STATUSES
from store.rows import raw
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input


def _overall_rag(session: Session, initiative_id: int) -> str | None:
    criterion = overall_criterion_id(raw(session))
    return session.exec(
        select(CurrentRag.rag).where(
            CurrentRag.initiative_id == initiative_id, CurrentRag.criterion_id == criterion
        )
    ).first()


def to_read(session: Session, dependency: Dependency) -> DependencyRead:
    """A dependency row as its read model, with the at-risk rule applied."""
    upstream = session.get(Initiative, dependency.from_initiative_id)
    downstream = session.get(Initiative, dependency.to_initiative_id)
    milestone = session.get(Milestone, dependency.milestone_id) if dependency.milestone_id else None
    expected = (milestone.actual or milestone.forecast or milestone.baseline) if milestone else None
    rag = _overall_rag(session, upstream.id)
    at_risk = dependency.status in ACTIVE_DEPENDENCY_STATUSES and (
        rag == "R" or (expected is not None and expected > dependency.needed_by)
    )
    return DependencyRead(
        id=dependency.id,
        from_code=upstream.code,
        from_name=upstream.name,
        to_code=downstream.code,
        to_name=downstream.name,
        needed=dependency.needed,
        needed_by=dependency.needed_by,
        importance=dependency.importance,
        status=dependency.status,
        milestone=milestone.name if milestone else None,
        milestone_expected=expected,
        upstream_rag=rag,
        at_risk=at_risk,
        version=dependency.version,
    )


@requires(Permission.EDIT_DEPENDENCIES)
def create_dependency(
    data: DependencyIn | Mapping[str, Any], *, session: Session
) -> DependencyRead:
    """Record that one initiative needs something from another by a date. A named
    milestone must belong to the upstream (`from`) initiative."""
    data = parse_input(DependencyIn, data)
    upstream = initiative_by_code(session, data.from_code, "from_code")
    downstream = initiative_by_code(session, data.to_code, "to_code")
    milestone = (
        find_milestone(session, upstream, data.milestone, "milestone") if data.milestone else None
    )
    dependency = Dependency(
        from_initiative_id=upstream.id,
        to_initiative_id=downstream.id,
        **stored_values(data, NAMES),
        milestone_id=milestone.id if milestone else None,
        **stamp(session),
    )
    add_with_audit(session, dependency, entity="dependency")
    return to_read(session, dependency)


def _moved_ends(session: Session, dependency: Dependency, data: DependencyChange) -> dict[str, Any]:
    """The new upstream and downstream initiative ids, when `data` names other codes."""
    given = data.model_fields_set
    changes: dict[str, Any] = {}
    if "from_code" in given and data.from_code:
        changes["from_initiative_id"] = initiative_by_code(session, data.from_code, "from_code").id
    if "to_code" in given and data.to_code:
        changes["to_initiative_id"] = initiative_by_code(session, data.to_code, "to_code").id
    upstream = changes.get("from_initiative_id", dependency.from_initiative_id)
    downstream = changes.get("to_initiative_id", dependency.to_initiative_id)
    if upstream == downstream:
        field = "to_code" if "to_initiative_id" in changes else "from_code"
        raise InputError(field, "an initiative cannot depend on itself")
    return changes


@requires(Permission.EDIT_DEPENDENCIES)
def update_dependency(
    data: DependencyChange | Mapping[str, Any], *, session: Session
) -> DependencyRead:
    """Change what is needed, when, how much it matters, its status, its milestone, or
    which initiatives it runs between. Only the fields given change."""
    data = parse_input(DependencyChange, data)
    given = data.model_fields_set
    dependency = editing(session, Dependency, data.id, data.expected_version, "dependency")
    changes = _moved_ends(session, dependency, data)
    if "needed" in given and data.needed is not None:
        changes["needed"] = data.needed
    if "needed_by" in given:
        if data.needed_by is None:
            raise InputError("needed_by", "the date it is needed by is required")
        changes["needed_by"] = data.needed_by
    if "importance" in given and data.importance is not None:
        changes["importance"] = data.importance.value
    if "status" in given and data.status is not None:
        changes["status"] = data.status.value
    upstream_id = changes.get("from_initiative_id", dependency.from_initiative_id)
    if "milestone" in given:
        if data.milestone:
            upstream = session.get(Initiative, upstream_id)
            changes["milestone_id"] = find_milestone(
                session, upstream, data.milestone, "milestone"
            ).id
        else:
            changes["milestone_id"] = None
    elif upstream_id != dependency.from_initiative_id and dependency.milestone_id is not None:
        old = session.get(Initiative, dependency.from_initiative_id)
        new = session.get(Initiative, upstream_id)
        raise InputError(
            "milestone",
            f"the linked milestone is one of {old.code}'s; name one of {new.code}'s "
            "milestones, or none to unlink it",
        )
    changed = require_change(dependency, changes)
    update_with_audit(session, dependency, changed, entity="dependency")
    return to_read(session, dependency)
