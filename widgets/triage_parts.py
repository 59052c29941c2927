"""The triage form's read-only parts, as Rich renderables: the proposal's title line and
texts, its key facts, its decisions newest first, the score and guidance as scored, the
suggested tier, and the tier rules with the one that fired marked."""

from __future__ import annotations

from rich.text import Text

from store.front_door.lenses import GUIDANCE, QUESTIONS
from store.front_door.money import format_pounds
from store.front_door.read_models import ProposalDetail
from store.front_door.tier_rules import RULES, TierSuggestion
from store.front_door.types import Lens
from store.periods import age_text
from store.types import Tier
from widgets.facts_grid import facts_view
from widgets.fitted import Draw
from widgets.plain_text import Table

STATUS_STYLES = {
    "received": "bold #000000 on #90caf9",
    "in_triage": "bold #000000 on #ffcc80",
    "decided": "bold #000000 on #a5d6a7",
}


def title_line(detail: ProposalDetail) -> Text:
    """The reference, title, status badge and any initiative the decision created."""
    title = Text(f"{detail.reference}  ", style="bold")
    title.append(detail.title, style="bold")
    title.append("   ")
    title.append(f" {detail.status_label.upper()} ", style=STATUS_STYLES[detail.status])
    if detail.initiative:
        title.append(f"   → {detail.initiative}", style="bold")
        title.append("  (i opens it)", style="dim")
    return title


def proposal_texts(detail: ProposalDetail) -> Text:
    """The problem or opportunity and the intended outcome."""
    texts = Text().append("Problem or opportunity: ", style="bold")
    texts.append(detail.problem + "\n", style="")
    texts.append("Intended outcome: ", style="bold")
    texts.append(detail.intended_outcome or "—")
    return texts


def guide_text(lens: Lens, score: str | None) -> Text:
    """A lens's question, and what the score given means."""
    guide = Text(QUESTIONS[lens] + ": ", style="italic")
    if score is not None:
        guide.append(GUIDANCE[lens][int(score)], style="")
    return guide


def score_text(scores: list[str | None]) -> Text:
    """The total of the three lenses, or what it is so far."""
    total = Text().append("Score ", style="bold")
    if None in scores:
        total.append(f"{sum(int(s) for s in scores if s)} so far (of 15)", style="dim")
    else:
        total.append(f"{sum(int(s) for s in scores)} / 15")
    return total


def suggestion_panel(
    suggestion: TierSuggestion | None, override: str | None, asked: str | None
) -> Text:
    """The suggested tier and why, the panel's own tier, and the tier the sponsor asked for."""
    panel = Text().append("Suggested tier\n", style="bold")
    if suggestion is None:
        panel.append("set the complexity to see it\n", style="italic dim")
    else:
        panel.append(f" {suggestion.tier.label} ", style="bold reverse")
        panel.append(f"\n{suggestion.why}\n", style="italic")
    if override:
        panel.append("Panel's tier: ", style="bold")
        panel.append(f"{Tier.words(override)} (override)\n")
    panel.append("Sponsor asked for: ", style="bold")
    panel.append(Tier.words(asked, "no tier given"))
    return panel


def received_text(detail: ProposalDetail) -> str:
    """When the proposal came in, counted to the reporting date it is read as at:
    `2021-06-02 (12 days before 2021-06-14)`, or `2021-05-27 (received after 2011-03-31)`
    for one received after that date (the rule is `store.periods.age_text`)."""
    age = age_text(detail.received_on, detail.as_at)
    if detail.age_days is None:
        return f"{detail.received_on} (received {age})"
    return f"{detail.received_on} ({age} before {detail.as_at})"


def proposal_facts(detail: ProposalDetail) -> Draw:
    """The proposal's key facts, drawn for the width there is (see `facts_view`)."""
    return facts_view(
        [
            ("Business group", f"{detail.business_group} {detail.business_group_name}"),
            ("Sponsor", detail.sponsor),
            ("Received", received_text(detail)),
            ("Asked for", Tier.words(detail.requested_tier, "no tier given")),
            ("Cost", format_pounds(detail.cost_pence)),
            ("Yearly benefit", format_pounds(detail.yearly_benefit_pence)),
            ("Non-cash benefit", detail.non_cash_benefit or "—"),
            ("Data & digital", "yes" if detail.data_digital else "no"),
        ]
    )


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
            text.append(f" → {decision.initiative} ({Tier.words(decision.tier)})", style="bold")
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
