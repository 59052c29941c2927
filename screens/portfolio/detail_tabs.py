"""The programme detail screen's depth tabs: Summary, Risks, Dependencies, Milestones,
Savings and History. Each function sets up or fills one tab's widgets from read models."""

from __future__ import annotations

from rich.text import Text

from screens.portfolio.detail_status import not_yet_rated
from store.front_door.read_models import ProposalLink
from store.portfolio.read_models import InitiativeDetail
from store.programme.dependencies.read_models import DependencyRead
from store.programme.depth import InitiativeDepth
from store.programme.risks.read_models import RiskRead
from store.programme.savings.money import format_gbp_m, format_headcount
from store.programme.types import Measure
from widgets.plain_text import DataTable
from widgets.rag import rag_badge

AT_RISK = Text("yes !", style="bold #ff5252")


def add_columns(table: DataTable, *columns: tuple[str, int]) -> None:
    """Add columns of fixed width to a DataTable."""
    for label, width in columns:
        table.add_column(label, width=width)


_DEPENDENCY_COLUMNS = (
    ("Needed", 46),
    ("By", 10),
    ("Imp", 6),
    ("Status", 9),
    ("At risk", 7),
    ("Milestone", 20),
)

# Each depth table's fixed-width columns, by widget id.
DEPTH_COLUMNS: dict[str, tuple[tuple[str, int], ...]] = {
    "risks-table": (
        ("#", 4),
        ("Score", 5),
        ("L×I", 5),
        ("Status", 6),
        ("ROAM", 9),
        ("Owner", 20),
        ("Proximity", 10),
        ("Risk", 44),
    ),
    "incoming-table": (("From", 10), *_DEPENDENCY_COLUMNS),
    "outgoing-table": (("To", 10), *_DEPENDENCY_COLUMNS),
    "milestones-table": (
        ("Milestone", 44),
        ("Baseline", 10),
        ("Forecast", 10),
        ("Actual", 10),
        ("Slip", 6),
        ("Status", 11),
        ("", 9),
    ),
    "savings-lines": (("Savings line", 34), ("Measure", 16), ("Year", 8), ("Value", 8)),
    "history-table": (
        ("When (UTC)", 16),
        ("Who", 14),
        ("Record", 15),
        ("Action", 6),
        ("Change", 60),
    ),
}


def fitted(columns: tuple[tuple[str, int], ...], width: int) -> tuple[tuple[str, int], ...]:
    """`columns` with the widest (the free text: a milestone, a risk, a change) narrowed
    so every column fits `width` cells where it can (never below 16, never above its
    set width): at 80 columns a milestone's Slip and Status show beside its name."""
    widest = max(range(len(columns)), key=lambda n: columns[n][1])
    others = sum(w for n, (_, w) in enumerate(columns) if n != widest)
    room = width - others - 2 * len(columns) - 2  # two cells of padding a column, a border
    label, set_width = columns[widest]
    fitted_width = max(16, min(set_width, room))
    return tuple((label, fitted_width) if n == widest else c for n, c in enumerate(columns))


def setup_tables(*tables: DataTable, width: int = 1000) -> None:
    """Give depth tables their fixed-width columns (looked up by each table's id),
    fitted to `width`, the terminal's width when the tab is built."""
    for table in tables:
        add_columns(table, *fitted(DEPTH_COLUMNS[table.id], width))


def origin_line(origin: ProposalLink) -> Text:
    """Where an initiative came from: the front door proposal and the panel's decision."""
    verb = "sent to experimentation" if origin.outcome == "experiment" else origin.outcome
    text = Text("From the front door: ", style="bold")
    text.append(f"proposal {origin.reference} \u201c{origin.title}\u201d, {verb} on ")
    text.append(f"{origin.decided_on}")
    if origin.review_date:
        text.append(f"; review by {origin.review_date}", style="bold")
    return text


def summary_text(
    detail: InitiativeDetail,
    depth: InitiativeDepth,
    origin: ProposalLink | None = None,
    may_assess: bool = True,
) -> Text:
    """The Summary tab: what it is, where it came from, its overall RAG, and the
    headline numbers (the key to record a RAG only for a role that may)."""
    text = Text()
    description = detail.description or ""
    if origin is not None:  # said below, with the title and outcome: once is enough
        description = description.replace(origin.note, "").strip()
    text.append(description or "No description yet.")
    if origin is not None:
        text.append("\n\n")
        text.append_text(origin_line(origin))
    overall = detail.criteria[0] if detail.criteria else None
    if overall is not None:
        text.append(f"\n\n{overall.criterion}: ", style="bold")
        text.append_text(rag_badge(overall.rag, word=True))
        if overall.rag:
            text.append(f"  {overall.period}, by {overall.author}\n{overall.rationale}")
        else:
            text.append(not_yet_rated(may_assess))
    text.append("\n\n")
    text.append_text(headline_numbers(depth))
    return text


def headline_numbers(depth: InitiativeDepth) -> Text:
    """Risks, dependencies, milestones and savings in a line each."""
    text = Text()
    open_risks = depth.open_risks
    text.append("Risks: ", style="bold")
    text.append(f"{len(open_risks)} open, {len(depth.risks) - len(open_risks)} closed")
    if open_risks:
        top = open_risks[0]
        text.append(f"; highest score {top.score}: {top.description}")
    at_risk = [d for d in (*depth.incoming, *depth.outgoing) if d.at_risk]
    text.append("\nDependencies: ", style="bold")
    text.append(f"relies on {len(depth.incoming)}, relied on by {len(depth.outgoing)}")
    if at_risk:
        text.append(f"; {len(at_risk)} at risk", style="bold #ff5252")
    text.append("\nMilestones: ", style="bold")
    done = sum(m.status == "done" for m in depth.milestones)
    text.append(f"{len(depth.milestones)} ({done} done)")
    if depth.overdue:
        text.append(f"; {len(depth.overdue)} overdue", style="bold #ff5252")
    coming = [m for m in depth.milestones if m.status not in ("done", "cancelled")]
    if coming:
        nxt = min(coming, key=lambda m: m.forecast or m.baseline)
        text.append(f"; next: {nxt.name} ({nxt.forecast or nxt.baseline})")
    plan = depth.savings
    text.append("\nSavings: ", style="bold")
    if plan.lines:
        names = ", ".join(line.name for line in plan.lines)
        by_year = ", ".join(
            f"{year} {format_gbp_m(plan.total(year).gbp_m_tenths, 'blank')}"
            for year in plan.year_names
        )
        text.append(f"{names}: £m {by_year}")
    else:
        text.append("no savings line linked")
    return text


def fill_risks(table: DataTable, risks: tuple[RiskRead, ...]) -> None:
    """One row per risk, open ones first."""
    table.clear()
    for risk in risks:
        table.add_row(
            str(risk.id),
            f"{risk.score:>3}",
            f"{risk.likelihood}×{risk.impact}",
            risk.status,
            risk.roam or "—",
            risk.owner or "—",
            str(risk.proximity or "—"),
            risk.description,
            key=str(risk.id),
        )
    if not risks:
        table.add_row("", "", "", "", "", "", "", "no risks recorded")


def risk_text(risk: RiskRead | None) -> Text:
    """The full record of one risk, under the Risks table."""
    if risk is None:
        return Text("")
    text = Text(f"Risk {risk.id}: ", style="bold")
    text.append(risk.description)
    text.append(f"\nCause: {risk.cause or '—'}   Effect: {risk.effect or '—'}")
    text.append(f"\nMitigation: {risk.mitigation or '—'}")
    text.append(f"\nRaised by {risk.raised_by} {risk.raised_at[:10]}", style="dim")
    return text


def fill_dependencies(table: DataTable, rows: tuple[DependencyRead, ...], incoming: bool) -> None:
    """Incoming rows name where they come from; outgoing rows, where they go."""
    table.clear()
    for row in rows:
        table.add_row(
            row.from_code if incoming else row.to_code,
            row.needed,
            str(row.needed_by),
            row.importance,
            row.status,
            AT_RISK if row.at_risk else "no",
            row.milestone or "—",
            key=str(row.id),
        )
    if not rows:
        table.add_row("", "none", "", "", "", "", "")


def fill_milestones(table: DataTable, depth: InitiativeDepth) -> None:
    """One row per milestone with its slippage in days and an overdue flag."""
    table.clear()
    for milestone in depth.milestones:
        slip = milestone.slip_days
        table.add_row(
            milestone.name,
            str(milestone.baseline),
            str(milestone.forecast or "—"),
            str(milestone.actual or "—"),
            Text(f"{slip:+d}d" if slip else "0d", style="bold #ff5252" if slip > 0 else ""),
            milestone.status.replace("_", " "),
            Text("! overdue", style="bold #ff5252") if milestone.overdue else "",
            key=str(milestone.id),
        )
    if not depth.milestones:
        table.add_row("no milestones recorded", "", "", "", "", "", "")


def fill_savings(table: DataTable, depth: InitiativeDepth) -> None:
    """Each linked savings line's figures, one row per measure and year that is not blank."""
    table.clear()
    plan = depth.savings
    for line in plan.lines:
        for measure in Measure:
            for year in plan.year_names:
                value = line.figures(year).get(measure)
                if value is None:
                    continue
                shown = format_gbp_m(value) if measure is Measure.GBP_M else format_headcount(value)
                table.add_row(line.name, measure.label, year, Text(shown, justify="right"))
    if not plan.lines:
        table.add_row("no savings line linked", "", "", "")


def fill_history(table: DataTable, depth: InitiativeDepth) -> None:
    """The audit trail, newest first."""
    table.clear()
    for entry in depth.history:
        table.add_row(
            entry.occurred_at[:16].replace("T", " "),
            entry.actor,
            entry.entity.replace("_", " "),
            entry.action,
            entry.summary(),
        )
