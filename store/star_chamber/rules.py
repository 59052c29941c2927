"""The Star Chamber's rules as pure functions: units, dates and the establishment check.

No database here: queries gather the figures and both the screens (to warn before a
decision) and the services (to enforce it) call `assess_approval` on them, so the
warning a secretary sees is exactly the check the store applies.

The establishment check (paragraph 21; issue section 5). For the business group's
police staff figures in the financial year of the meeting:

- *Projected strength* is the recorded strength plus every FTE approved (and not
  superseded) since the figures were counted, plus this request's FTE.
- *Vacancy factor* is (budgeted − strength) / budgeted. An approval that takes it
  below the target warns.
- *The reduction plan* runs in a straight line over the financial year (1 April to
  31 March) from the strength at its start down by the year's required reduction. An
  approval that leaves projected strength above the plan's figure for the meeting date
  warns. A group with no reduction to make this year has no plan to fall behind.
- With no figures recorded the check cannot be made, and that warns too.

Any warning means the approval must state a reason for overriding it. Extensions of
an existing engagement add no headcount, so they only show the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


def fte(x100: int) -> Decimal:
    """Hundredths of an FTE as a Decimal FTE (150 -> 1.50)."""
    return (Decimal(x100) / HUNDRED).quantize(Decimal("0.01"))


def to_x100(value: Decimal | int | float | str) -> int:
    """An FTE as whole hundredths, refusing finer precision."""
    amount = Decimal(str(value)) * HUNDRED
    if amount != amount.to_integral_value():
        raise ValueError("must have at most two decimal places")
    return int(amount)


def show_fte(x100: int) -> str:
    """An FTE for people: `1`, `0.5`, `2,380.25`."""
    return f"{fte(x100).normalize():,f}"


def plain_fte(x100: int) -> str:
    """An FTE for files: `1`, `0.5`, `2380.25` (no separators, no trailing zeros)."""
    return f"{fte(x100).normalize():f}"


def pct_text(value: Decimal | None, places: int = 1) -> str:
    """A percentage to `places` decimal places, or an em dash when unknown."""
    if value is None:
        return "—"
    return f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)}%"


def financial_year_of(day: date) -> str:
    """The financial year (1 April to 31 March) containing `day`, written `2011/12`."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def financial_year_bounds(financial_year: str) -> tuple[date, date]:
    """The first and last day of a financial year written `2011/12`."""
    start = int(financial_year[:4])
    return date(start, 4, 1), date(start + 1, 3, 31)


def check_financial_year(text: str) -> str:
    """`text` if it is a financial year like `2011/12`; ValueError otherwise."""
    cleaned = text.strip()
    if (
        len(cleaned) != 7
        or cleaned[4] != "/"
        or not (cleaned[:4].isdigit() and cleaned[5:].isdigit())
        or (int(cleaned[:4]) + 1) % 100 != int(cleaned[5:])
    ):
        raise ValueError(f"{text!r} is not a financial year; write it like 2011/12")
    return cleaned


def planned_strength_x100(
    start_x100: int, reduction_x100: int, financial_year: str, on: date
) -> int:
    """Where the reduction plan says strength should be on `on`: a straight line from
    the start-of-year strength down by the year's reduction at 31 March."""
    first, last = financial_year_bounds(financial_year)
    days = (last - first).days + 1
    elapsed = min(max((on - first).days + 1, 0), days)
    return start_x100 - (reduction_x100 * elapsed) // days


def vacancy_pct(budgeted_x100: int, strength_x100: int) -> Decimal | None:
    """Vacant posts as a percentage of budgeted posts (None with no budgeted posts)."""
    if budgeted_x100 <= 0:
        return None
    return (Decimal(budgeted_x100 - strength_x100) * HUNDRED / Decimal(budgeted_x100)).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )


@dataclass(frozen=True, slots=True)
class Figures:
    """A business group's police staff figures for one financial year, as recorded."""

    business_group: str
    financial_year: str
    budgeted_x100: int
    strength_x100: int
    start_strength_x100: int
    reduction_x100: int
    target_pct_x10: int
    as_of: date

    @property
    def target_pct(self) -> Decimal:
        """The target vacancy factor as a percentage."""
        return Decimal(self.target_pct_x10) / 10


@dataclass(frozen=True, slots=True)
class Impact:
    """What approving a request would do to its business group's establishment."""

    business_group: str
    financial_year: str
    on: date
    adds_x100: int
    figures: Figures | None = None
    committed_x100: int = 0
    warnings: tuple[str, ...] = ()

    @property
    def has_figures(self) -> bool:
        """True when the group's figures for the year are recorded."""
        return self.figures is not None

    @property
    def strength_before_x100(self) -> int:
        """Recorded strength plus approvals since it was counted (before this one)."""
        return (self.figures.strength_x100 if self.figures else 0) + self.committed_x100

    @property
    def strength_after_x100(self) -> int:
        """Projected strength if this request is approved."""
        return self.strength_before_x100 + self.adds_x100

    @property
    def vacancy_before(self) -> Decimal | None:
        """The vacancy factor now (with approvals since the count)."""
        if self.figures is None:
            return None
        return vacancy_pct(self.figures.budgeted_x100, self.strength_before_x100)

    @property
    def vacancy_after(self) -> Decimal | None:
        """The vacancy factor if this request is approved."""
        if self.figures is None:
            return None
        return vacancy_pct(self.figures.budgeted_x100, self.strength_after_x100)

    @property
    def plan_x100(self) -> int | None:
        """Where the reduction plan says strength should be on the meeting date."""
        if self.figures is None:
            return None
        figures = self.figures
        return planned_strength_x100(
            figures.start_strength_x100, figures.reduction_x100, figures.financial_year, self.on
        )

    @property
    def warns(self) -> bool:
        """True when approving needs a reason for overriding the check."""
        return bool(self.warnings)

    def summary_lines(self) -> list[str]:
        """The figures in words: vacancy factor against target, headcount against plan."""
        if self.figures is None:
            return [
                f"No police staff establishment figures for {self.business_group} "
                f"in {self.financial_year}."
            ]
        figures = self.figures
        headcount = (
            f"Headcount {show_fte(self.strength_before_x100)} → "
            f"{show_fte(self.strength_after_x100)} FTE"
        )
        if figures.reduction_x100 > 0:
            headcount += (
                f" against a plan of {show_fte(self.plan_x100)} by {self.on.isoformat()} "
                f"(reduce by {show_fte(figures.reduction_x100)} in {figures.financial_year})"
            )
        else:
            headcount += f" (no reduction required in {figures.financial_year})"
        return [
            f"Vacancy factor {pct_text(self.vacancy_before, 2)} → "
            f"{pct_text(self.vacancy_after, 2)} "
            f"(target {pct_text(figures.target_pct)}); budgeted "
            f"{show_fte(figures.budgeted_x100)} FTE",
            headcount,
        ]

    def as_record(self) -> dict:
        """The figures as plain JSON values, kept with the decision for the minutes."""
        record: dict = {
            "business_group": self.business_group,
            "financial_year": self.financial_year,
            "adds_fte": str(fte(self.adds_x100)),
            "warnings": list(self.warnings),
            "summary": self.summary_lines(),
        }
        if self.figures is not None:
            record |= {
                "vacancy_before_pct": str(self.vacancy_before),
                "vacancy_after_pct": str(self.vacancy_after),
                "target_pct": str(self.figures.target_pct),
                "strength_after_fte": str(fte(self.strength_after_x100)),
                "plan_fte": str(fte(self.plan_x100)),
            }
        return record


def assess_approval(
    *,
    business_group: str,
    on: date,
    adds_x100: int,
    figures: Figures | None,
    committed_x100: int,
) -> Impact:
    """Check an approval of `adds_x100` FTE against the group's figures (see module doc)."""
    year = financial_year_of(on)
    impact = Impact(business_group, year, on, adds_x100, figures, committed_x100)
    if figures is None:
        return Impact(
            business_group,
            year,
            on,
            adds_x100,
            None,
            committed_x100,
            (
                f"no police staff establishment figures are recorded for {business_group} "
                f"in {year}, so its vacancy factor and reduction plan cannot be checked",
            ),
        )
    if adds_x100 == 0:
        return impact
    warnings: list[str] = []
    after = impact.vacancy_after
    if after is not None and after < figures.target_pct:
        warnings.append(
            f"approving takes {business_group}'s police staff vacancy factor to "
            f"{pct_text(after, 2)}, below its target of {pct_text(figures.target_pct)}"
        )
    plan = impact.plan_x100
    if figures.reduction_x100 > 0 and impact.strength_after_x100 > plan:
        warnings.append(
            f"approving leaves {business_group} at {show_fte(impact.strength_after_x100)} "
            f"FTE, above its reduction plan of {show_fte(plan)} FTE for {on.isoformat()}"
        )
    return Impact(business_group, year, on, adds_x100, figures, committed_x100, tuple(warnings))


def engagement_end(start: date, weeks: int) -> date:
    """The last day of an engagement of `weeks` weeks starting on `start`."""
    return start + timedelta(weeks=weeks) - timedelta(days=1)


def extended_end(current_max: date, weeks: int) -> date:
    """An approved maximum end date moved on by `weeks` weeks."""
    return current_max + timedelta(weeks=weeks)


def weeks_left(today: date, end: date) -> int:
    """Whole weeks from `today` until `end` (negative once it has passed)."""
    return (end - today).days // 7
