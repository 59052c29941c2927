"""The tier × complexity matrix of live initiatives, with the data & digital share."""

from __future__ import annotations

from dataclasses import dataclass

from store.types import Complexity, Tier

TIERS: tuple[str, ...] = tuple(tier.value for tier in Tier)
COMPLEXITIES: tuple[str, ...] = tuple(complexity.value for complexity in Complexity)


@dataclass(frozen=True, slots=True)
class BaselineCell:
    """How many live initiatives share one tier and complexity, and how many are data & digital."""

    tier: str
    complexity: str
    count: int
    digital: int

    @property
    def digital_share(self) -> float | None:
        """The data & digital share as a fraction of the cell, or None for an empty cell."""
        return self.digital / self.count if self.count else None


@dataclass(frozen=True, slots=True)
class Baseline:
    """The whole matrix for one business group (or all), with totals.

    `unclassified` counts live initiatives lacking a tier or a complexity, which the
    matrix cannot place; `closed` counts the closed ones it leaves out.
    """

    business_group: str | None
    cells: tuple[BaselineCell, ...]
    unclassified: int
    closed: int

    def cell(self, tier: str, complexity: str) -> BaselineCell:
        """The cell for one tier and complexity."""
        return next(c for c in self.cells if c.tier == tier and c.complexity == complexity)

    def tier_total(self, tier: str) -> int:
        """Live initiatives in one tier."""
        return sum(c.count for c in self.cells if c.tier == tier)

    def tier_digital(self, tier: str) -> int:
        """Data & digital initiatives in one tier."""
        return sum(c.digital for c in self.cells if c.tier == tier)

    def complexity_total(self, complexity: str) -> int:
        """Live initiatives of one complexity."""
        return sum(c.count for c in self.cells if c.complexity == complexity)

    def complexity_digital(self, complexity: str) -> int:
        """Data & digital initiatives of one complexity."""
        return sum(c.digital for c in self.cells if c.complexity == complexity)

    @property
    def total(self) -> int:
        """Every live initiative the matrix places."""
        return sum(c.count for c in self.cells)

    @property
    def digital(self) -> int:
        """Every data & digital initiative the matrix places."""
        return sum(c.digital for c in self.cells)

    def counts(self) -> dict[str, dict[str, int]]:
        """`{tier: {complexity: n}}` for every tier and complexity, zeros included."""
        return {
            tier: {complexity: self.cell(tier, complexity).count for complexity in COMPLEXITIES}
            for tier in TIERS
        }

    def tiers_by_size(self) -> list[tuple[str, int]]:
        """(tier, total) from the most common tier to the least; ties keep tier order."""
        return sorted(((tier, self.tier_total(tier)) for tier in TIERS), key=lambda t: -t[1])


@dataclass(frozen=True, slots=True)
class BaselineInitiative:
    """One live initiative in a drilled-into cell."""

    code: str
    name: str
    kind: str
    business_group: str
    tier: str
    complexity: str
    complexity_kinds: tuple[str, ...]
    lifecycle: str
    data_digital: bool
    sro: str
