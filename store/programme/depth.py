"""Everything the programme detail screen's depth tabs show about one initiative, read
in one go on one connection: risks, dependencies both ways, milestones, linked savings
lines and the audit trail."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from store.history.queries import initiative_history
from store.history.read_models import AuditEntry
from store.programme.dependencies.queries import dependencies_of
from store.programme.dependencies.read_models import DependencyRead
from store.programme.milestones.queries import milestones_of
from store.programme.milestones.read_models import MilestoneRead
from store.programme.risks.queries import risks_of
from store.programme.risks.read_models import RiskRead
from store.programme.savings.queries import savings_plan
from store.programme.savings.read_models import SavingsPlan


@dataclass(frozen=True, slots=True)
class InitiativeDepth:
    """One initiative's risks, dependencies, milestones, savings and history."""

    risks: tuple[RiskRead, ...] = ()
    incoming: tuple[DependencyRead, ...] = ()
    outgoing: tuple[DependencyRead, ...] = ()
    milestones: tuple[MilestoneRead, ...] = ()
    savings: SavingsPlan = field(default_factory=SavingsPlan)
    history: tuple[AuditEntry, ...] = ()

    @property
    def open_risks(self) -> list[RiskRead]:
        """Risks still open, highest score first."""
        return [risk for risk in self.risks if risk.status == "open"]

    @property
    def overdue(self) -> list[MilestoneRead]:
        """Milestones overdue today."""
        return [milestone for milestone in self.milestones if milestone.overdue]


def initiative_depth(
    connection: sqlite3.Connection, initiative_id: int, *, history_limit: int = 500
) -> InitiativeDepth:
    """Read the depth tabs' data for one initiative."""
    incoming, outgoing = dependencies_of(connection, initiative_id)
    return InitiativeDepth(
        risks=tuple(risks_of(connection, initiative_id)),
        incoming=tuple(incoming),
        outgoing=tuple(outgoing),
        milestones=tuple(milestones_of(connection, initiative_id)),
        savings=savings_plan(connection, initiative_id),
        history=tuple(initiative_history(connection, initiative_id, limit=history_limit)),
    )
