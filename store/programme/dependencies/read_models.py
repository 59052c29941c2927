"""Plain read models for dependencies and the dependency matrix."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class DependencyRead:
    """Something `from_code` (upstream) must deliver to `to_code` by `needed_by`.

    `at_risk` holds when the dependency is open or agreed and either the upstream's
    overall RAG is Red or the upstream milestone it relies on is expected after
    `needed_by`; `at_risk_reasons` says which.
    """

    id: int
    from_code: str
    from_name: str
    to_code: str
    to_name: str
    needed: str
    needed_by: date
    importance: str
    status: str
    milestone: str | None
    milestone_expected: date | None
    upstream_rag: str | None
    at_risk: bool
    version: int

    @property
    def at_risk_reasons(self) -> tuple[str, ...]:
        """Why it is at risk, in words (empty when it is not)."""
        if not self.at_risk:
            return ()
        reasons = []
        if self.upstream_rag == "R":
            reasons.append(f"{self.from_code}'s overall RAG is Red")
        if self.milestone_expected is not None and self.milestone_expected > self.needed_by:
            late = (self.milestone_expected - self.needed_by).days
            reasons.append(
                f"milestone {self.milestone!r} is expected {self.milestone_expected}, "
                f"{late} days after it is needed"
            )
        return tuple(reasons)


@dataclass(frozen=True, slots=True)
class MatrixNode:
    """An initiative on the dependency matrix."""

    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """The dependencies from one initiative to another, summarised for one matrix cell."""

    from_id: int
    to_id: int
    count: int
    importance: str
    at_risk: int


@dataclass(frozen=True, slots=True)
class DependencyMatrix:
    """Initiatives that take part in a dependency, and the cells between them.

    Rows are upstream (`from`), columns downstream (`to`). A cell's importance is the
    highest of its dependencies'.
    """

    nodes: tuple[MatrixNode, ...]
    cells: tuple[MatrixCell, ...]

    def cell(self, from_id: int, to_id: int) -> MatrixCell | None:
        """The cell from one initiative to another, or None when nothing runs between them."""
        for cell in self.cells:
            if cell.from_id == from_id and cell.to_id == to_id:
                return cell
        return None
