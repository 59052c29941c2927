"""Establishment figures: budgeted posts, strength, target vacancy factor and this
year's required reduction, per business group, staff group and financial year."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from store import clock
from store.audit import add_with_audit, stamp, update_with_audit
from store.models import ScEstablishment
from store.rows import raw
from store.star_chamber.inputs import EstablishmentIn
from store.star_chamber.queries.establishment import establishment_rows
from store.star_chamber.read_models import EstablishmentRow
from store.star_chamber.rules import to_x100
from store.star_chamber.services.common import (
    check_version,
    group_by_code,
)
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input


@requires(Permission.SET_ESTABLISHMENT)
def set_establishment(
    data: EstablishmentIn | Mapping[str, Any], *, session: Session
) -> EstablishmentRow:
    """Record or update one group's figures for a staff group and financial year.
    The start-of-year strength defaults to the strength given."""
    data = parse_input(EstablishmentIn, data)
    group = group_by_code(session, data.business_group)
    record = session.exec(
        select(ScEstablishment).where(
            ScEstablishment.business_group_id == group.id,
            ScEstablishment.staff_group == data.staff_group.value,
            ScEstablishment.financial_year == data.financial_year,
        )
    ).first()
    values = {
        "budgeted_fte_x100": to_x100(data.budgeted),
        "strength_fte_x100": to_x100(data.strength),
        "reduction_fte_x100": to_x100(data.reduction),
        "target_vacancy_pct_x10": int(data.target_vacancy_pct * 10),
        "as_of": data.as_of or clock.today(),
        **stamp(session, "updated_by", "updated_at"),
    }
    if data.start_strength is not None:
        values["start_strength_fte_x100"] = to_x100(data.start_strength)
    key = f"{group.code}/{data.staff_group.value}/{data.financial_year}"
    if record is None:
        values.setdefault("start_strength_fte_x100", values["strength_fte_x100"])
        record = ScEstablishment(
            business_group_id=group.id,
            staff_group=data.staff_group.value,
            financial_year=data.financial_year,
            **values,
        )
        add_with_audit(session, record, entity="sc_establishment", entity_id=key)
    else:
        check_version(
            record, data.expected_version, f"{group.code} {data.staff_group.label} figures"
        )
        update_with_audit(session, record, values, entity="sc_establishment", entity_id=key)
    rows = establishment_rows(raw(session), data.financial_year)
    return next(
        row
        for row in rows
        if row.business_group == group.code and row.staff_group == data.staff_group.value
    )
