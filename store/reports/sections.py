"""Each section of the board pack, read with plain SQL for one period.

Assessments are picked per period with the period index (the latest assessment of
each initiative and criterion in that period wins, as everywhere else), so a
national register of 10,000 initiatives and 800,000 assessments reads in well
under a second per section.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from store.baseline.queries import baseline
from store.baseline.read_models import COMPLEXITIES, TIERS
from store.front_door.types import Outcome as ProposalOutcome
from store.portfolio.queries import overall_criterion_id
from store.programme.dependencies.queries import list_dependencies
from store.programme.milestones.queries import list_milestones
from store.programme.risks.queries import list_risks
from store.programme.savings.money import tenths_to_decimal
from store.programme.savings.queries import savings_plan
from store.reports.read_models import Block, Section
from store.star_chamber.types import Outcome

RAG_WORD = {"R": "Red", "A": "Amber", "G": "Green"}
TOP_RISKS = 10

_LATEST_IN_PERIOD = """
    SELECT a.initiative_id, MAX(a.id) AS id FROM rag_assessment AS a
    WHERE a.period = :period AND a.criterion_id = :overall GROUP BY a.initiative_id
"""


def rag_by_group(connection: sqlite3.Connection, period: str) -> Section:
    """How many initiatives each business group rated Red, Amber and Green (overall)."""
    params = {"period": period, "overall": overall_criterion_id(connection)}
    rows = connection.execute(
        f"""
        WITH latest AS ({_LATEST_IN_PERIOD})
        SELECT g.code, g.name, SUM(r.rag = 'R'), SUM(r.rag = 'A'), SUM(r.rag = 'G'), COUNT(*)
        FROM latest AS l
        JOIN rag_assessment AS r ON r.id = l.id
        JOIN initiative AS i ON i.id = l.initiative_id
        JOIN business_group AS g ON g.id = i.business_group_id
        GROUP BY g.id ORDER BY g.code
        """,
        params,
    ).fetchall()
    totals = (("Total", "", *(sum(row[k] for row in rows) for k in range(2, 6))),) if rows else ()
    return Section(
        "rag_by_group",
        "RAG by business group",
        f"Initiatives by their overall RAG for {period}, by business group.",
        (
            Block(
                ("Group", "Name", "Red", "Amber", "Green", "Rated"),
                tuple(tuple(row) for row in rows),
                numeric_columns=(2, 3, 4, 5),
                totals=totals,
                empty="No initiative was rated in this period.",
            ),
        ),
    )


def key_programmes(connection: sqlite3.Connection, period: str) -> Section:
    """For each top-level programme rated in the period: criterion, RAG and rationale."""
    rows = connection.execute(
        """
        WITH latest AS (
            SELECT a.initiative_id, a.criterion_id, MAX(a.id) AS id FROM rag_assessment AS a
            JOIN initiative AS i ON i.id = a.initiative_id
            WHERE a.period = :period AND i.parent_id IS NULL AND i.kind = 'programme'
            GROUP BY a.initiative_id, a.criterion_id
        )
        SELECT i.code, i.name, g.code, c.name, r.rag, r.rationale
        FROM latest AS l
        JOIN rag_assessment AS r ON r.id = l.id
        JOIN initiative AS i ON i.id = l.initiative_id
        JOIN business_group AS g ON g.id = i.business_group_id
        JOIN rag_criterion AS c ON c.id = l.criterion_id
        ORDER BY i.tree_path, c.position, c.id
        """,
        {"period": period},
    ).fetchall()
    blocks: list[Block] = []
    current: tuple | None = None
    lines: list[tuple] = []
    for code, name, group, criterion, rag, rationale in rows:
        if current != (code, name, group):
            if current is not None:
                blocks.append(_programme_block(current, lines))
            current, lines = (code, name, group), []
        lines.append((criterion, rag, rationale))
    if current is not None:
        blocks.append(_programme_block(current, lines))
    return Section(
        "key_programmes",
        "Key programmes",
        f"Each programme rated in {period}: Red is off target with significant issues; "
        "Amber has some slippage with mitigations in place; Green is on target.",
        tuple(blocks)
        or (Block(("Criteria", "RAG", "Rationale"), (), empty="No programme was rated."),),
    )


def _programme_block(programme: tuple, lines: list[tuple]) -> Block:
    code, name, group = programme
    return Block(
        ("Criteria", "RAG", "Rationale"),
        tuple(lines),
        title=f"{name} ({code}, {group})",
        rag_columns=(1,),
    )


def changes(connection: sqlite3.Connection, period: str, previous: str) -> Section:
    """Initiatives whose overall RAG changed since the previous period, and why."""
    rows = connection.execute(
        f"""
        WITH cur AS ({_LATEST_IN_PERIOD}),
        prev AS ({_LATEST_IN_PERIOD.replace(":period", ":previous")})
        SELECT i.code, i.name, g.code, p.rag, c.rag, c.rationale
        FROM cur
        JOIN prev ON prev.initiative_id = cur.initiative_id
        JOIN rag_assessment AS c ON c.id = cur.id
        JOIN rag_assessment AS p ON p.id = prev.id
        JOIN initiative AS i ON i.id = cur.initiative_id
        JOIN business_group AS g ON g.id = i.business_group_id
        WHERE c.rag <> p.rag
        ORDER BY CASE c.rag WHEN 'R' THEN 0 WHEN 'A' THEN 1 ELSE 2 END, i.tree_path
        """,
        {"period": period, "previous": previous, "overall": overall_criterion_id(connection)},
    ).fetchall()
    blocks = []
    for rag in ("R", "A", "G"):
        turned = tuple((r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows if r[4] == rag)
        blocks.append(
            Block(
                ("Code", "Initiative", "Group", "Was", "Now", "Why"),
                turned,
                title=f"Turned {RAG_WORD[rag]} ({len(turned)})",
                rag_columns=(3, 4),
                empty=f"None turned {RAG_WORD[rag]}.",
            )
        )
    return Section(
        "changes",
        f"What changed since {previous}",
        f"Initiatives whose overall RAG in {period} differs from {previous}, with the "
        "rationale recorded for the new RAG.",
        tuple(blocks),
    )


def overdue_milestones(connection: sqlite3.Connection, as_at: date) -> Section:
    """Milestones past their expected date and not done, as at today."""
    rows = tuple(
        (
            m.code,
            m.name,
            m.baseline.isoformat(),
            (m.forecast or m.baseline).isoformat(),
            m.slip_days,
            m.status.replace("_", " "),
        )
        for m in list_milestones(connection, overdue_only=True)
    )
    return Section(
        "overdue_milestones",
        "Overdue milestones",
        f"Milestones not done whose expected date had passed on {as_at.isoformat()}.",
        (
            Block(
                ("Code", "Milestone", "Baseline", "Forecast", "Slip (days)", "Status"),
                rows,
                numeric_columns=(4,),
                empty="No milestone is overdue.",
            ),
        ),
    )


def top_risks(connection: sqlite3.Connection) -> Section:
    """The open risks with the highest scores."""
    rows = tuple(
        (r.code, r.description, r.likelihood, r.impact, r.score, r.owner, r.mitigation)
        for r in list_risks(connection, include_closed=False, limit=TOP_RISKS)
    )
    return Section(
        "top_risks",
        "Top risks",
        f"The {TOP_RISKS} open risks with the highest score (likelihood × impact).",
        (
            Block(
                ("Code", "Risk", "L", "I", "Score", "Owner", "Mitigation"),
                rows,
                numeric_columns=(2, 3, 4),
                empty="No open risks.",
            ),
        ),
    )


def dependencies_at_risk(connection: sqlite3.Connection) -> Section:
    """Open or agreed dependencies whose upstream is Red or will deliver too late."""
    rows = tuple(
        (
            d.from_code,
            d.to_code,
            d.needed,
            d.needed_by.isoformat(),
            d.importance,
            "; ".join(d.at_risk_reasons),
        )
        for d in list_dependencies(connection, at_risk_only=True)
    )
    return Section(
        "dependencies_at_risk",
        "Dependencies at risk",
        "Each runs from the initiative that delivers to the one that needs it.",
        (
            Block(
                ("From", "To", "Needed", "Needed by", "Importance", "Why at risk"),
                rows,
                empty="No dependency is at risk.",
            ),
        ),
    )


def _money(tenths: int | None) -> str | None:
    value = tenths_to_decimal(tenths)
    return None if value is None else f"{value:.1f}"


def savings(connection: sqlite3.Connection) -> Section:
    """The savings and headcount table with its totals and the remaining budget gap."""
    plan = savings_plan(connection)
    years = plan.year_names
    headers = (
        "Line",
        "Group",
        *(f"£m {y}" for y in years),
        *(f"Officers {y}" for y in years),
        *(f"Staff {y}" for y in years),
        *(f"PCSOs {y}" for y in years),
    )

    def figures(get) -> tuple:
        return (
            *(_money(get(y).gbp_m_tenths) for y in years),
            *(get(y).police_officers for y in years),
            *(get(y).police_staff for y in years),
            *(get(y).pcsos for y in years),
        )

    rows = [(line.name, line.business_group, *figures(line.figures)) for line in plan.lines]
    gap = (
        "Remaining budget gap",
        "",
        *(_money(plan.remaining_gap(y)) for y in years),
        *([None] * (3 * len(years))),
    )
    numeric = tuple(range(2, len(headers)))
    return Section(
        "savings",
        "Savings and headcount",
        "£m by financial year (savings are negative) and the change in each staff group. "
        "The remaining gap is the budget requirement less the savings delivered.",
        (
            Block(
                headers,
                tuple(rows),
                numeric_columns=numeric,
                totals=(("Total service improvement", "", *figures(plan.total)), gap),
                empty="No savings plan has been entered.",
            ),
        )
        if plan.lines
        else (Block(("Line",), (), empty="No savings plan has been entered."),),
    )


def star_chamber(connection: sqlite3.Connection, starts: date, ends: date) -> Section:
    """Star Chamber decisions taken in the period, with counts by outcome."""
    rows = connection.execute(
        """
        SELECT m.held_on, r.reference, g.code, r.post_title, r.staff_type, d.outcome,
               d.reason, d.supersedes_id IS NOT NULL
        FROM sc_decision AS d
        JOIN sc_request AS r ON r.id = d.request_id
        JOIN sc_meeting AS m ON m.id = d.meeting_id
        JOIN business_group AS g ON g.id = r.business_group_id
        WHERE d.decided_on BETWEEN :starts AND :ends
        ORDER BY m.held_on, d.id
        """,
        {"starts": starts.isoformat(), "ends": ends.isoformat()},
    ).fetchall()
    counts = dict.fromkeys(Outcome, 0)
    for row in rows:
        counts[Outcome(row[5])] += 1
    listing = tuple(
        (
            row[0],
            row[1],
            row[2],
            row[3],
            row[4].replace("_", " "),
            Outcome(row[5]).label + (" (correction)" if row[7] else ""),
            row[6],
        )
        for row in rows
    )
    return Section(
        "star_chamber",
        "Star Chamber decisions",
        f"Decisions on vacancy and temporary worker requests from {starts.isoformat()} "
        f"to {ends.isoformat()}.",
        (
            Block(
                ("Outcome", "Decisions"),
                tuple((outcome.label, count) for outcome, count in counts.items()),
                title="By outcome",
                numeric_columns=(1,),
                totals=(("Total", len(rows)),),
            ),
            Block(
                ("Meeting", "Request", "Group", "Post", "Staff type", "Outcome", "Reason"),
                listing,
                title="Decisions",
                empty="No decisions in this period.",
            ),
        ),
    )


def front_door(connection: sqlite3.Connection, starts: date, ends: date) -> Section:
    """The front door panel's decisions in the period."""
    rows = connection.execute(
        """
        SELECT d.decided_on, p.reference, p.title, g.code, d.outcome, d.tier, d.rationale
        FROM proposal_decision AS d
        JOIN proposal AS p ON p.id = d.proposal_id
        JOIN business_group AS g ON g.id = p.business_group_id
        WHERE d.decided_on BETWEEN :starts AND :ends
        ORDER BY d.decided_on, d.id
        """,
        {"starts": starts.isoformat(), "ends": ends.isoformat()},
    ).fetchall()
    listing = tuple(
        (row[0], row[1], row[2], row[3], ProposalOutcome(row[4]).label, row[5], row[6])
        for row in rows
    )
    return Section(
        "front_door",
        "Front door decisions",
        f"The panel's decisions on proposals from {starts.isoformat()} to {ends.isoformat()}.",
        (
            Block(
                ("Decided", "Proposal", "Title", "Group", "Outcome", "Tier", "Rationale"),
                listing,
                empty="No front door decisions in this period.",
            ),
        ),
    )


def tier_complexity(connection: sqlite3.Connection) -> Section:
    """The change baseline: live initiatives by tier and complexity."""
    matrix = baseline(connection)
    rows = tuple(
        (tier, *(matrix.cell(tier, c).count for c in COMPLEXITIES), matrix.tier_total(tier))
        for tier in TIERS
    )
    total = ("Total", *(matrix.complexity_total(c) for c in COMPLEXITIES), matrix.total)
    digital = (
        "Data & digital",
        *(matrix.complexity_digital(c) for c in COMPLEXITIES),
        matrix.digital,
    )
    return Section(
        "baseline",
        "Change baseline: tier × complexity",
        f"Live initiatives by tier and complexity; {matrix.unclassified} not yet classified.",
        (
            Block(
                ("Tier", *(c.capitalize() for c in COMPLEXITIES), "Total"),
                rows,
                numeric_columns=tuple(range(1, len(COMPLEXITIES) + 2)),
                totals=(total, digital),
            ),
        ),
    )


def period_end(starts: date) -> date:
    """The last day of the quarter that begins on `starts`."""
    month = starts.month + 3
    year = starts.year + (month > 12)
    return date(year, (month - 1) % 12 + 1, 1) - timedelta(days=1)
