"""Writes to the savings plan. Each validates, records one audit event, and returns a
read model. Totals and the remaining gap are never written: they are derived on read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, func, select

from store.audit import add_with_audit, check_version, require_change, update_with_audit
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
from store.rows import from_record
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
    return from_record(SavingsYearRead, year)


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
    add_with_audit(session, year, entity="savings_year")
    return _year_read(year)


@requires(Permission.EDIT_SAVINGS)
def set_budget_requirement(
    data: BudgetRequirementIn | Mapping[str, Any], *, session: Session
) -> SavingsYearRead:
    """Change the saving a year's budget requires (which moves the remaining gap)."""
    data = parse_input(BudgetRequirementIn, data)
    year = year_by_name(session, data.year)
    check_version(
        year,
        data.expected_version,
        f"{year.financial_year}'s requirement was changed by someone else since you "
        "opened it; reload and try again",
    )
    changed = require_change(
        year,
        {"budget_requirement_tenths": data.budget_requirement},
        field="budget_requirement",
        problem="nothing to change: that is the value already",
    )
    update_with_audit(session, year, changed, entity="savings_year")
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
    codes = [initiative.code for initiative in initiatives]
    add_with_audit(session, line, entity="savings_line", extra={"initiatives": codes})
    for initiative in initiatives:
        session.add(SavingsLineInitiative(line_id=line.id, initiative_id=initiative.id))
    session.flush()
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
    if cell is None and data.expected_version not in (None, 0):
        raise StaleVersionError("that cell has been removed; reload and try again")
    names = {"line": line.name, "year": year.financial_year}
    if cell is None:
        cell = SavingsCell(line_id=line.id, year_id=year.id, **_changes(SavingsCell(), given))
        add_with_audit(session, cell, entity="savings_cell", extra=names)
    else:
        check_version(
            cell,
            data.expected_version,
            f"{line.name} {year.financial_year} was changed by someone else since you opened "
            "it; reload and try again",
        )
        update_with_audit(session, cell, _changes(cell, given), entity="savings_cell", extra=names)
    return SavingsCellRead(
        line=line.name,
        year=year.financial_year,
        figures=Figures(cell.gbp_m_tenths, cell.police_officers, cell.police_staff, cell.pcsos),
        version=cell.version,
    )


def _changes(cell: SavingsCell, given: dict[str, int | None]) -> dict[str, int | None]:
    """The figures given that differ from the cell's; refused when none does."""
    return require_change(
        cell, given, field="value", problem="nothing to change: those figures are already set"
    )
