"""Early departure schemes (paragraphs 25 to 31): phases, the groups in scope, and
how many were offered, accepted and at what cost."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, func, select

from store.audit import add_with_audit, record_event, snapshot, update_with_audit
from store.errors import InputError, NotFoundError
from store.models import ScDepartureGroup, ScDepartureScheme
from store.rows import raw
from store.star_chamber.inputs import DepartureGroupIn, SchemeIn
from store.star_chamber.queries.departures import schemes
from store.star_chamber.read_models import SchemeRead
from store.star_chamber.services.common import check_version
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input


@requires(Permission.SET_ESTABLISHMENT)
def add_scheme(data: SchemeIn | Mapping[str, Any], *, session: Session) -> SchemeRead:
    """Record a phase of the scheme with its groups."""
    data = parse_input(SchemeIn, data)
    if session.exec(
        select(ScDepartureScheme.id).where(ScDepartureScheme.phase == data.phase)
    ).first():
        raise InputError("phase", f"phase {data.phase} is already recorded")
    scheme = ScDepartureScheme(
        phase=data.phase,
        name=data.name,
        staff_groups=data.staff_groups,
        terms=data.terms,
        opens_on=data.opens_on,
        closes_on=data.closes_on,
    )
    session.add(scheme)
    session.flush()
    groups = [
        ScDepartureGroup(
            scheme_id=scheme.id,
            name=group.name,
            position=position,
            offered=group.offered,
            accepted=group.accepted,
            cost_gbp_k=group.cost_gbp_k,
        )
        for position, group in enumerate(data.groups, start=1)
    ]
    session.add_all(groups)
    session.flush()
    record_event(
        session,
        entity="sc_departure_scheme",
        entity_id=data.phase,
        action="create",
        after=snapshot(scheme) | {"groups": [snapshot(group) for group in groups]},
    )
    return _scheme(session, data.phase)


@requires(Permission.SET_ESTABLISHMENT)
def set_departure_group(
    phase: int, data: DepartureGroupIn | Mapping[str, Any], *, session: Session
) -> SchemeRead:
    """Record a group's latest offered, accepted and cost figures (adding the group to
    the phase if it is new)."""
    data = parse_input(DepartureGroupIn, data)
    scheme = session.exec(select(ScDepartureScheme).where(ScDepartureScheme.phase == phase)).first()
    if scheme is None:
        raise NotFoundError("phase", f"no early departure scheme phase {phase}")
    group = session.exec(
        select(ScDepartureGroup).where(
            ScDepartureGroup.scheme_id == scheme.id,
            func.lower(ScDepartureGroup.name) == data.name.lower(),
        )
    ).first()
    figures = {"offered": data.offered, "accepted": data.accepted, "cost_gbp_k": data.cost_gbp_k}
    if group is None:
        last = session.exec(
            select(func.max(ScDepartureGroup.position)).where(
                ScDepartureGroup.scheme_id == scheme.id
            )
        ).one()
        group = ScDepartureGroup(
            scheme_id=scheme.id, name=data.name, position=(last or 0) + 1, **figures
        )
        add_with_audit(
            session, group, entity="sc_departure_group", entity_id=f"{phase}/{group.name}"
        )
    else:
        check_version(group, data.expected_version, f"the {group.name} figures of phase {phase}")
        update_with_audit(
            session,
            group,
            figures,
            entity="sc_departure_group",
            entity_id=f"{phase}/{group.name}",
        )
    return _scheme(session, phase)


def _scheme(session: Session, phase: int) -> SchemeRead:
    return next(scheme for scheme in schemes(raw(session)) if scheme.phase == phase)
