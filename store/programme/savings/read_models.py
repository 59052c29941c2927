"""Plain read models for the savings plan, with the totals and gap worked out from them.

The Total Service Improvement row and the Remaining budget gap row are computed here
from the lines and the years' budget requirements; neither is ever stored. The same
functions serve the store, the command line and the screen (which previews an edit
before it is saved).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from store.programme.savings.money import tenths_to_decimal
from store.programme.types import Measure


@dataclass(frozen=True, slots=True)
class Figures:
    """One year's figures: £m in tenths and the headcount change of each staff group.
    None is a blank cell, which is not the same as 0."""

    gbp_m_tenths: int | None = None
    police_officers: int | None = None
    police_staff: int | None = None
    pcsos: int | None = None

    def get(self, measure: Measure) -> int | None:
        """The value of one measure (tenths for £m)."""
        return getattr(self, measure.column)

    def with_value(self, measure: Measure, value: int | None) -> Figures:
        """These figures with one measure replaced."""
        return replace(self, **{measure.column: value})

    @property
    def gbp_m(self) -> Decimal | None:
        """£m as a Decimal with one place."""
        return tenths_to_decimal(self.gbp_m_tenths)


def add_figures(many: list[Figures]) -> Figures:
    """Add figures measure by measure; a measure blank in every one stays blank."""
    sums: dict[str, int | None] = {}
    for measure in Measure:
        values = [f.get(measure) for f in many if f.get(measure) is not None]
        sums[measure.column] = sum(values) if values else None
    return Figures(**sums)


@dataclass(frozen=True, slots=True)
class SavingsYearRead:
    """A financial year of the plan and the saving its budget requires (tenths of £m)."""

    id: int
    financial_year: str
    budget_requirement_tenths: int | None
    version: int


@dataclass(frozen=True, slots=True)
class SavingsLineRead:
    """One line of the plan with its figures by financial year."""

    id: int
    name: str
    business_group: str
    position: int
    initiatives: tuple[str, ...] = ()
    values: Mapping[str, Figures] = field(default_factory=dict)
    versions: Mapping[str, int] = field(default_factory=dict)

    def figures(self, year: str) -> Figures:
        """This line's figures for `year` (all blank when it has none)."""
        return self.values.get(year, Figures())


@dataclass(frozen=True, slots=True)
class SavingsCellRead:
    """One line's figures for one year, as saved."""

    line: str
    year: str
    figures: Figures
    version: int


@dataclass(frozen=True, slots=True)
class SavingsPlan:
    """The whole §19 table: years, lines, and the rows derived from them."""

    years: tuple[SavingsYearRead, ...] = ()
    lines: tuple[SavingsLineRead, ...] = ()

    @property
    def year_names(self) -> list[str]:
        """The financial years, in order, e.g. ["2011/12", "2012/13", "2013/14"]."""
        return [year.financial_year for year in self.years]

    def line(self, name: str) -> SavingsLineRead | None:
        """The line called `name` (any case), or None."""
        wanted = name.strip().casefold()
        return next((line for line in self.lines if line.name.casefold() == wanted), None)

    def total(self, year: str) -> Figures:
        """The Total Service Improvement row for one year: every line added up."""
        return add_figures([line.figures(year) for line in self.lines])

    def totals(self) -> dict[str, Figures]:
        """The Total Service Improvement row, year by year."""
        return {year: self.total(year) for year in self.year_names}

    def requirement(self, year: str) -> int | None:
        """The saving the budget requires in `year`, in tenths of £m (None if not set)."""
        found = next((y for y in self.years if y.financial_year == year), None)
        return found.budget_requirement_tenths if found else None

    def remaining_gap(self, year: str) -> int | None:
        """What is still to find in `year`, in tenths of £m: the requirement less the
        savings the lines deliver (totals are negative, so requirement + total)."""
        requirement = self.requirement(year)
        if requirement is None:
            return None
        return requirement + (self.total(year).gbp_m_tenths or 0)

    def with_cell(
        self, line_name: str, year: str, measure: Measure, value: int | None
    ) -> SavingsPlan:
        """This plan with one cell changed: for previewing an edit before it is saved."""
        lines = []
        for line in self.lines:
            if line.name == line_name:
                values = dict(line.values)
                values[year] = line.figures(year).with_value(measure, value)
                line = replace(line, values=values)
            lines.append(line)
        return replace(self, lines=tuple(lines))

    def with_requirement(self, year: str, value: int | None) -> SavingsPlan:
        """This plan with one year's budget requirement changed, for previews."""
        years = tuple(
            replace(y, budget_requirement_tenths=value) if y.financial_year == year else y
            for y in self.years
        )
        return replace(self, years=years)
