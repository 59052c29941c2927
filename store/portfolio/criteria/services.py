"""Writes to the RAG criteria. Each checks the role, validates its input, records one
audit event in the same transaction, and returns a read model.

The active criteria hold positions 1..n with no gaps; adding, moving, retiring and
reinstating renumber the others in the same transaction (the event records the order
before and after). Only the criterion named changes version: the others' positions
follow from it. Nothing deletes a criterion, so no assessment is ever lost: a retired
criterion keeps its assessments (history shows them) but takes no new ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from store.audit import add_with_audit, check_version, update_with_audit
from store.errors import InputError
from store.models import RagCriterion
from store.portfolio.criteria.inputs import (
    CriterionChange,
    CriterionDescribe,
    CriterionIn,
    CriterionMove,
    CriterionRef,
    CriterionRename,
    CriterionStanding,
)
from store.portfolio.criteria.queries import criterion_row
from store.portfolio.criteria.read_models import CriterionRow
from store.portfolio.criteria.rules import name_key
from store.portfolio.services import criteria_in_order, find_criterion, no_such_criterion
from store.rows import raw
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input

ENTITY = "rag_criterion"


def _find(session: Session, ref: CriterionRef) -> RagCriterion:
    found = session.get(RagCriterion, ref) if isinstance(ref, int) else find_criterion(session, ref)
    if found is None:
        raise no_such_criterion(session, f"no RAG criterion {ref!r}")
    return found


def _check_name_free(session: Session, name: str, keep: RagCriterion | None = None) -> None:
    key = name_key(name)
    for other in session.exec(select(RagCriterion)).all():
        if other is not keep and name_key(other.name) == key:
            retired = "" if other.active else " (retired: reinstate it instead)"
            raise InputError("name", f"a criterion called {other.name!r} already exists{retired}")


def _renumber(session: Session, ordered: list[RagCriterion], keep: RagCriterion) -> int:
    """Give the active criteria positions 1..n in this order, all but `keep`, whose new
    position (0 when it has left the order) is returned for its own change."""
    own = 0
    for number, criterion in enumerate(ordered, start=1):
        if criterion is keep:
            own = number
        elif criterion.position != number:
            criterion.position = number
            session.add(criterion)
    return own


def _change(session: Session, model: type[CriterionChange], data: Any) -> tuple[Any, RagCriterion]:
    """`data` validated as `model`, and the criterion it names, checked against the version
    it was read at."""
    data = parse_input(model, data)
    criterion = _find(session, data.criterion)
    check_version(
        criterion,
        data.expected_version,
        f"criterion {criterion.name!r} was changed by someone else since you opened it "
        f"(version {criterion.version}, yours {data.expected_version}); reload and try again",
    )
    return data, criterion


def _save(
    session: Session,
    criterion: RagCriterion,
    action: str,
    changes: dict[str, Any],
    reorder: tuple[list[str], list[RagCriterion]] | None = None,
) -> CriterionRow:
    """Make the change and record the one audit event, renumbering the active criteria
    in the new order if there is one (the event records the order before and after);
    read the criterion back."""
    extra = extra_before = None
    if reorder is not None:
        names, ordered = reorder
        changes = changes | {"position": _renumber(session, ordered, criterion)}
        extra_before, extra = {"order": names}, {"order": _names(ordered)}
    update_with_audit(
        session,
        criterion,
        changes,
        entity=ENTITY,
        action=action,
        extra=extra,
        extra_before=extra_before,
    )
    return _read(session, criterion)


def _read(session: Session, criterion: RagCriterion) -> CriterionRow:
    """The criterion as the criteria screen shows it, read in the change's transaction."""
    return criterion_row(raw(session), criterion.id)


def _names(ordered: list[RagCriterion]) -> list[str]:
    return [criterion.name for criterion in ordered]


def _places(count: int) -> str:
    return f"must be from 1 to {count}" if count > 1 else "must be 1"


@requires(Permission.EDIT_REGISTER)
def add_criterion(data: CriterionIn | Mapping[str, Any], *, session: Session) -> CriterionRow:
    """Add a RAG criterion at `position` (default: last); those from there on move down."""
    data = parse_input(CriterionIn, data)
    _check_name_free(session, data.name)
    ordered = criteria_in_order(session)
    before = _names(ordered)
    position = data.position or len(ordered) + 1
    if position > len(ordered) + 1:
        raise InputError("position", _places(len(ordered) + 1))
    criterion = RagCriterion(name=data.name, description=data.description, position=position)
    ordered.insert(position - 1, criterion)
    _renumber(session, ordered, criterion)
    after = {"order": _names(ordered)}
    add_with_audit(session, criterion, entity=ENTITY, extra=after, extra_before={"order": before})
    return _read(session, criterion)


@requires(Permission.EDIT_REGISTER)
def rename_criterion(
    data: CriterionRename | Mapping[str, Any], *, session: Session
) -> CriterionRow:
    """Give a criterion a new name; its assessments stay with it under the new name."""
    data, criterion = _change(session, CriterionRename, data)
    if data.new_name == criterion.name:
        raise InputError("new_name", f"it is already called {criterion.name!r}")
    _check_name_free(session, data.new_name, keep=criterion)
    return _save(session, criterion, "update", {"name": data.new_name})


@requires(Permission.EDIT_REGISTER)
def describe_criterion(
    data: CriterionDescribe | Mapping[str, Any], *, session: Session
) -> CriterionRow:
    """Change what a criterion says assessors rate against."""
    data, criterion = _change(session, CriterionDescribe, data)
    if data.description == criterion.description:
        raise InputError("description", "nothing to change: that is its description already")
    return _save(session, criterion, "update", {"description": data.description})


@requires(Permission.EDIT_REGISTER)
def move_criterion(data: CriterionMove | Mapping[str, Any], *, session: Session) -> CriterionRow:
    """Move an active criterion to position `to`; the others close up around it. The one
    moved to position 1 becomes the headline."""
    data, criterion = _change(session, CriterionMove, data)
    if not criterion.active:
        raise InputError("criterion", f"{criterion.name!r} is retired; reinstate it first")
    ordered = criteria_in_order(session)
    if data.to > len(ordered):
        raise InputError("to", _places(len(ordered)))
    names = _names(ordered)
    if ordered.index(criterion) + 1 == data.to:
        raise InputError("to", f"{criterion.name!r} is at position {data.to} already")
    ordered.remove(criterion)
    ordered.insert(data.to - 1, criterion)
    return _save(session, criterion, "move", {}, (names, ordered))


@requires(Permission.EDIT_REGISTER)
def retire_criterion(
    data: CriterionStanding | Mapping[str, Any], *, session: Session
) -> CriterionRow:
    """Stop rating against a criterion: it leaves the order and takes no new RAGs, and
    keeps every assessment it has. The headline cannot be retired: move another
    criterion to position 1 first."""
    data, criterion = _change(session, CriterionStanding, data)
    if not criterion.active:
        raise InputError("criterion", f"{criterion.name!r} is retired already")
    ordered = criteria_in_order(session)
    if ordered[0] is criterion:
        raise InputError(
            "criterion",
            f"{criterion.name!r} is the headline criterion; move another to position 1 first",
        )
    names = _names(ordered)
    ordered.remove(criterion)
    return _save(session, criterion, "retire", {"active": False}, (names, ordered))


@requires(Permission.EDIT_REGISTER)
def reinstate_criterion(
    data: CriterionStanding | Mapping[str, Any], *, session: Session
) -> CriterionRow:
    """Rate against a retired criterion again; it goes last."""
    data, criterion = _change(session, CriterionStanding, data)
    if criterion.active:
        raise InputError("criterion", f"{criterion.name!r} is not retired")
    ordered = criteria_in_order(session)
    names = _names(ordered)
    ordered.append(criterion)
    return _save(session, criterion, "reinstate", {"active": True}, (names, ordered))
