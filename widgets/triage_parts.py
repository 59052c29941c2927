"""The triage form's read-only parts, as Rich renderables: the proposal's key facts,
its decisions newest first, and the tier rules with the one that fired marked."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from store.front_door.money import format_pounds
from store.front_door.read_models import ProposalDetail
from store.front_door.tier_rules import RULES


def facts_table(detail: ProposalDetail) -> Table:
    """The proposal's key facts as a grid of labels and values."""
    grid = Table.grid(padding=(0, 2))
    for _ in range(4):
        grid.add_column()
    bold = "bold"
    grid.add_row(
        Text("Business group", style=bold),
        f"{detail.business_group} {detail.business_group_name}",
        Text("Sponsor", style=bold),
        detail.sponsor,
    )
    grid.add_row(
        Text("Received", style=bold),
        f"{detail.received_on} ({detail.age_days} days ago)",
        Text("Asked for", style=bold),
        detail.requested_tier or "no tier given",
    )
    grid.add_row(
        Text("Cost", style=bold),
        format_pounds(detail.cost_pence),
        Text("Yearly benefit", style=bold),
        format_pounds(detail.yearly_benefit_pence),
    )
    grid.add_row(
        Text("Non-cash benefit", style=bold),
        detail.non_cash_benefit or "—",
        Text("Data & digital", style=bold),
        "yes" if detail.data_digital else "no",
    )
    return grid


def decision_lines(detail: ProposalDetail) -> Text:
    """Every decision, newest first, with what it created and what it superseded."""
    text = Text()
    if not detail.decisions:
        return Text("No decision yet.", style="italic")
    superseded = {d.supersedes_id for d in detail.decisions if d.supersedes_id}
    for decision in detail.decisions:
        style = "dim strike" if decision.id in superseded else ""
        text.append(f"{decision.decided_on}  ", style=style)
        text.append(decision.outcome_label, style=f"bold {style}".strip())
        if decision.deferred_until:
            text.append(f" {decision.deferred_until}", style=style)
        if decision.review_date:
            text.append(f", review by {decision.review_date}", style=style)
        if decision.initiative:
            text.append(f" → {decision.initiative} ({decision.tier})", style="bold")
        if decision.supersedes_id:
            text.append(f"  corrects decision {decision.supersedes_id}", style="italic")
        text.append(f"  [decision {decision.id}, recorded by {decision.decided_by}]\n", style="dim")
        text.append(f"    {decision.rationale}\n", style=style)
    return text


def rules_table(suggestion) -> Table:
    """Every tier rule in order, the one that fired marked ▶ and bold."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1)
    grid.add_column()
    grid.add_row("", Text("Rules, tried in order; the first that applies wins", style="bold"))
    for rule in RULES:
        fired = suggestion is not None and rule is suggestion.rule
        grid.add_row(
            Text("▶" if fired else "", style="bold"),
            Text(rule.describe(), style="bold" if fired else "dim"),
        )
    return grid
