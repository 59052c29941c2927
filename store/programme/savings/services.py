"""Writes to the savings plan. Each validates, records one audit event, and returns a
read model. Totals and the remaining gap are never written: they are derived on read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, func, select

from store.audit import record_event, snapshot
from store.errors import InputError, NotFoundError, StaleVersionError
from store.models import SavingsCell, SavingsLine, SavingsLineInitiative, SavingsYear
from store.portfolio.services import group_by_code, initiative_by_code
from store.programme.savings.inputs import (
    BudgetRequirementIn,
    SavingsCellIn,
    SavingsLineIn,
    SavingsYearIn,
)
from store.programme.savings.read_models import (
    Figures,
    SavingsCellRead,
    SavingsLineRead,
    SavingsYearRead,
)
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input


def line_by_name(session: Session, name: str) -> SavingsLine:
    """The savings line called `name` (any case), or a NotFoundError naming `line`."""
    line = session.exec(
        select(SavingsLine).where(col(SavingsLine.name).ilike(name.strip()))
    ).first()
    if line is None:
        raise NotFoundError("line", f"no savings line called {name.strip()!r}")
    return line


def year_by_name(session: Session, financial_year: str) -> SavingsYear:
    """The plan's year `financial_year`, or a NotFoundError naming `year`."""
    year = session.exec(
        select(SavingsYear).where(SavingsYear.financial_year == financial_year)
    ).first()
    if year is None:
        known = session.exec(
            select(SavingsYear.financial_year).order_by(SavingsYear.financial_year)
        ).all()
        listed = ", ".join(known) if known else "no years yet"
        raise NotFoundError("year", f"{financial_year} is not a year of the plan ({listed})")
    return year


def _year_read(year: SavingsYear) -> SavingsYearRead:
    return SavingsYearRead(
        year.id, year.financial_year, year.budget_requirement_tenths, year.version
    )


@requires(Permission.EDIT_SAVINGS)
def create_savings_year(
    data: SavingsYearIn | Mapping[str, Any], *, session: Session
) -> SavingsYearRead:
    """Add a financial year to the plan, with the saving its budget requires."""
    data = parse_input(SavingsYearIn, data)
    if session.exec(
        select(SavingsYear.id).where(SavingsYear.financial_year == data.financial_year)
    ).first():
        raise InputError("financial_year", f"{data.financial_year} is already in the plan")
    year = SavingsYear(
        financial_year=data.financial_year, budget_requirement_tenths=data.budget_requirement
    )
    session.add(year)
    session.flush()
    record_event(
        session, entity="savings_year", entity_id=year.id, action="create", after=snapshot(year)
    )
    return _year_read(year)


@requires(Permission.EDIT_SAVINGS)
def set_budget_requirement(
    data: BudgetRequirementIn | Mapping[str, Any], *, session: Session
) -> SavingsYearRead:
    """Change the saving a year's budget requires (which moves the remaining gap)."""
    data = parse_input(BudgetRequirementIn, data)
    year = year_by_name(session, data.year)
    if data.expected_version is not None and data.expected_version != year.version:
        raise StaleVersionError(
            f"{year.financial_year}'s requirement was changed by someone else since you "
            "opened it; reload and try again",
        )
    if year.budget_requirement_tenths == data.budget_requirement:
        raise InputError("budget_requirement", "nothing to change: that is the value already")
    before = snapshot(year)
    year.budget_requirement_tenths = data.budget_requirement
    year.version += 1
    session.add(year)
    session.flush()
    record_event(
        session,
        entity="savings_year",
        entity_id=year.id,
        action="update",
        before=before,
        after=snapshot(year),
    )
    return _year_read(year)


@requires(Permission.EDIT_SAVINGS)
def create_savings_line(
    data: SavingsLineIn | Mapping[str, Any], *, session: Session
) -> SavingsLineRead:
    """Add a line to the plan, linked to the initiatives that deliver it. It goes last
    unless a position is given."""
    data = parse_input(SavingsLineIn, data)
    if session.exec(select(SavingsLine.id).where(col(SavingsLine.name).ilike(data.name))).first():
        raise InputError("name", f"a savings line called {data.name!r} already exists")
    group = group_by_code(session, data.business_group)
    initiatives = []
    for code in data.initiatives:
        initiative = initiative_by_code(session, code, "initiatives")
        if initiative.id not in {i.id for i in initiatives}:
            initiatives.append(initiative)
    position = data.position
    if position is None:
        last = session.exec(select(func.max(SavingsLine.position))).first()
        position = (last or 0) + 10
    line = SavingsLine(name=data.name, business_group_id=group.id, position=position)
    session.add(line)
    session.flush()
    for initiative in initiatives:
        session.add(SavingsLineInitiative(line_id=line.id, initiative_id=initiative.id))
    session.flush()
    after = snapshot(line) | {"initiatives": [i.code for i in initiatives]}
    record_event(session, entity="savings_line", entity_id=line.id, action="create", after=after)
    return SavingsLineRead(
        id=line.id,
        name=line.name,
        business_group=group.code,
        position=line.position,
        initiatives=tuple(i.code for i in initiatives),
    )


@requires(Permission.EDIT_SAVINGS)
def set_savings_cell(
    data: SavingsCellIn | Mapping[str, Any], *, session: Session
) -> SavingsCellRead:
    """Set one line's figures for one year. Only the measures given change; blank clears.

    £m must have at most one decimal place and headcounts must be whole numbers (either
    may be negative: savings and reductions are). Nothing is written on bad input.
    """
    data = parse_input(SavingsCellIn, data)
    given = data.given
    if not given:
        raise InputError("value", "nothing to set: give £m or a headcount")
    line = line_by_name(session, data.line)
    year = year_by_name(session, data.year)
    cell = session.exec(
        select(SavingsCell).where(SavingsCell.line_id == line.id, SavingsCell.year_id == year.id)
    ).first()
    if cell is not None and data.expected_version not in (None, cell.version):
        raise StaleVersionError(
            f"{line.name} {year.financial_year} was changed by someone else since you opened "
            "it; reload and try again",
        )
    if cell is None and data.expected_version not in (None, 0):
        raise StaleVersionError("that cell has been removed; reload and try again")
    before = snapshot(cell) if cell is not None else None
    if cell is None:
        cell = SavingsCell(line_id=line.id, year_id=year.id, version=0)
    changed = {name: value for name, value in given.items() if getattr(cell, name) != value}
    if not changed:
        raise InputError("value", "nothing to change: those figures are already set")
    for name, value in changed.items():
        setattr(cell, name, value)
    cell.version += 1
    session.add(cell)
    session.flush()
    record_event(
        session,
        entity="savings_cell",
        entity_id=cell.id,
        action="create" if before is None else "update",
        before=before,
        after=snapshot(cell) | {"line": line.name, "year": year.financial_year},
        reason=None,
    )
    return SavingsCellRead(
        line=line.name,
        year=year.financial_year,
        figures=Figures(cell.gbp_m_tenths, cell.police_officers, cell.police_staff, cell.pcsos),
        version=cell.version,
    )
