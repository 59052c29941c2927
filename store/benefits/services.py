"""Writes to the benefits register and its measurements. Each validates, records one
audit event in the same transaction, and returns a read model as at the reporting date.

A cashable benefit names its §19 savings line and keeps no target or profile of its own:
its planned figures are the line's, read when needed, so the money is in one place and
the two views cannot disagree. Every other kind has its own target and profile."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from store.audit import add_with_audit, editing, require_change, stamp, update_with_audit
from store.benefits import queries
from store.benefits.editable import NAMES
from store.benefits.inputs import BenefitChange, BenefitIn, MeasurementIn
from store.benefits.read_models import BenefitRead, MeasurementRead
from store.benefits.types import BenefitKind
from store.benefits.values import profile_json
from store.errors import InputError, NotFoundError
from store.models import Benefit, BenefitMeasurement
from store.portfolio.queries import reporting_date
from store.portfolio.services import initiative_by_code
from store.programme.savings.services import line_by_name
from store.rows import raw
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input

CASHABLE_OWN = ("target_value", "target_on", "profile")


def read_benefit(session: Session, benefit_id: int) -> BenefitRead:
    """A benefit as its read model, as at the reporting date, inside the session."""
    connection = raw(session)
    return queries.benefit(connection, benefit_id, reporting_date(connection))


def _stored(values: Mapping[str, Any]) -> dict[str, Any]:
    """The columns as the row keeps them: the profile as its JSON text."""
    stored = dict(values)
    if "profile" in stored:
        stored["profile"] = profile_json(stored["profile"] or ())
    return stored


def _check_plan(kind: str, values: Mapping[str, Any]) -> None:
    """Refuse a target or profile given to a cashable benefit, one missing from another,
    and plan dates before the baseline."""
    if kind == BenefitKind.CASHABLE:
        for name in CASHABLE_OWN:
            if values.get(name):
                raise InputError(
                    name,
                    "a cashable benefit's plan is its savings line's figures; change them "
                    "in the savings plan (`portfolio savings set`)",
                )
        return
    for name, what in (("target_value", "a target value"), ("target_on", "a target date")):
        if values.get(name) is None:
            raise InputError(name, f"{what} is required")
    baseline_on = values["baseline_on"]
    if values["target_on"] < baseline_on:
        raise InputError("target_on", "must not be before the baseline date")
    for on, _ in values.get("profile") or ():
        if on < baseline_on:
            raise InputError("profile", f"the point on {on} is before the baseline date")


@requires(Permission.EDIT_BENEFITS)
def create_benefit(data: BenefitIn | Mapping[str, Any], *, session: Session) -> BenefitRead:
    """Add a benefit to an initiative's register. A cashable one names its savings line
    (one benefit per line, so no money is counted twice)."""
    data = parse_input(BenefitIn, data)
    initiative = initiative_by_code(session, data.code)
    values = {name: getattr(data, name) for name in NAMES}
    values["baseline_value"] = data.baseline_value or 0
    _check_plan(data.kind, values)
    line_id = None
    if data.kind == BenefitKind.CASHABLE:
        if not data.savings_line:
            raise InputError("savings_line", "a cashable benefit names its §19 savings line")
        line = line_by_name(session, data.savings_line)
        taken = session.exec(select(Benefit.name).where(Benefit.savings_line_id == line.id)).first()
        if taken is not None:
            raise InputError("savings_line", f"{line.name!r} is already the benefit {taken!r}")
        line_id = line.id
        values["unit"] = values["unit"] or "£m"
    elif data.savings_line:
        raise InputError("savings_line", "only a cashable benefit names a savings line")
    if session.exec(
        select(Benefit.id).where(Benefit.initiative_id == initiative.id, Benefit.name == data.name)
    ).first():
        raise InputError("name", f"{initiative.code} already has a benefit {data.name!r}")
    benefit = Benefit(
        initiative_id=initiative.id,
        kind=data.kind.value,
        savings_line_id=line_id,
        **_stored(values),
        **stamp(session),
    )
    add_with_audit(session, benefit, entity="benefit")
    return read_benefit(session, benefit.id)


@requires(Permission.EDIT_BENEFITS)
def update_benefit(data: BenefitChange | Mapping[str, Any], *, session: Session) -> BenefitRead:
    """Change a benefit: only the fields given change."""
    data = parse_input(BenefitChange, data)
    benefit = editing(session, Benefit, data.id, data.expected_version, "benefit")
    given = {name: getattr(data, name) for name in NAMES if name in data.model_fields_set}
    if "baseline_value" in given and given["baseline_value"] is None:
        raise InputError("baseline_value", "a baseline value is required")
    current = read_benefit(session, benefit.id)
    merged = {
        "baseline_on": current.baseline_on,
        "target_value": current.target_value if benefit.savings_line_id is None else None,
        "target_on": current.target_on if benefit.savings_line_id is None else None,
    } | given
    _check_plan(benefit.kind, merged)
    update_with_audit(session, benefit, require_change(benefit, _stored(given)), entity="benefit")
    return read_benefit(session, benefit.id)


@requires(Permission.EDIT_BENEFITS)
def record_measurement(
    data: MeasurementIn | Mapping[str, Any], *, session: Session
) -> MeasurementRead:
    """Record an actual value of a benefit's measure; with `corrects`, a correction that
    supersedes an earlier measurement of the same benefit (which then no longer counts)."""
    data = parse_input(MeasurementIn, data)
    benefit = session.get(Benefit, data.benefit)
    if benefit is None:
        raise NotFoundError("benefit", f"no benefit with id {data.benefit}")
    if data.corrects is not None:
        _check_correctable(session, data.corrects, benefit.id)
    measurement = BenefitMeasurement(
        benefit_id=benefit.id,
        measured_on=data.measured_on,
        value=data.value,
        note=data.note,
        supersedes_id=data.corrects,
        **stamp(session),
    )
    add_with_audit(session, measurement, entity="benefit_measurement")
    found = queries.measurements(raw(session), benefit.id)
    return next(item for item in found if item.id == measurement.id)


def _check_correctable(session: Session, measurement_id: int, benefit_id: int) -> None:
    """Refuse correcting a measurement of another benefit, or one already corrected."""
    earlier = session.get(BenefitMeasurement, measurement_id)
    if earlier is None or earlier.benefit_id != benefit_id:
        raise NotFoundError("corrects", f"benefit {benefit_id} has no measurement {measurement_id}")
    later = session.exec(
        select(BenefitMeasurement.id).where(BenefitMeasurement.supersedes_id == measurement_id)
    ).first()
    if later is not None:
        raise InputError(
            "corrects", f"measurement {measurement_id} was corrected by {later}; correct that one"
        )
