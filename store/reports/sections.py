"""The board pack's portfolio sections (RAG by group, key programmes, what changed, the
change baseline), read with plain SQL for one period. The programme sections are in
`programme_sections`, the decisions in `decision_sections`.

Assessments are picked per period with the period index (the latest assessment of
each initiative and criterion in that period wins, as everywhere else), so a
national register of 10,000 initiatives and 800,000 assessments reads in well
under a second per section.
"""

from __future__ import annotations

import sqlite3

from store.baseline.queries import baseline
from store.baseline.read_models import COMPLEXITIES, TIERS
from store.portfolio.queries import overall_criterion_id
from store.reports.read_models import Block, Section
from store.rows import named
from store.sql import count_where
from store.types import Tier

RAG_WORD = {"R": "Red", "A": "Amber", "G": "Green"}

# The assessment in force in a period: the latest recorded of each initiative and
# criterion (an offline RAG that arrived superseded never is), `{where}` choosing rows.
_IN_FORCE = """
    SELECT initiative_id, criterion_id, id FROM (
        SELECT a.initiative_id, a.criterion_id, a.id, ROW_NUMBER() OVER (
            PARTITION BY a.initiative_id, a.criterion_id
            ORDER BY a.arrived_superseded, a.id DESC) AS n
        FROM rag_assessment AS a {join} WHERE {where}
    ) AS ranked WHERE n = 1
"""
_LATEST_IN_PERIOD = _IN_FORCE.format(
    join="", where="a.period = :period AND a.criterion_id = :overall"
)


def rag_by_group(connection: sqlite3.Connection, period: str) -> Section:
    """How many initiatives each business group rated Red, Amber and Green (overall)."""
    params = {"period": period, "overall": overall_criterion_id(connection)}
    rows = connection.execute(
        f"""
        WITH latest AS ({_LATEST_IN_PERIOD})
        SELECT g.code, g.name, {count_where("r.rag = 'R'")}, {count_where("r.rag = 'A'")},
               {count_where("r.rag = 'G'")}, COUNT(*)
        FROM latest AS l
        JOIN rag_assessment AS r ON r.id = l.id
        JOIN initiative AS i ON i.id = l.initiative_id
        JOIN business_group AS g ON g.id = i.business_group_id
        GROUP BY g.id ORDER BY g.code
        """,
        params,
    ).fetchall()
    totals = (("Total", "", *(sum(row[k] for row in rows) for k in range(2, 6))),) if rows else ()
    (initiatives,) = connection.execute("SELECT COUNT(*) FROM initiative").fetchone()
    unrated = initiatives - sum(row[5] for row in rows)
    return Section(
        "rag_by_group",
        "RAG by business group",
        f"Initiatives by their overall RAG for {period}, by business group. {unrated} of "
        f"{initiatives} initiatives have no overall RAG for {period}.",
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


_KEY_PROGRAMMES = _IN_FORCE.format(
    join="JOIN initiative AS i ON i.id = a.initiative_id",
    where="a.period = :period AND i.parent_id IS NULL AND i.kind = 'programme'",
)


def key_programmes(connection: sqlite3.Connection, period: str) -> Section:
    """For each top-level programme rated in the period: criterion, RAG and rationale."""
    rows = connection.execute(
        f"""
        WITH latest AS ({_KEY_PROGRAMMES})
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
    rows = named(
        connection,
        f"""
        WITH cur AS ({_LATEST_IN_PERIOD}),
        prev AS ({_LATEST_IN_PERIOD.replace(":period", ":previous")})
        SELECT i.code, i.name, g.code, p.rag AS was, c.rag AS now, c.rationale
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
        turned = tuple(tuple(row) for row in rows if row["now"] == rag)
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


def tier_complexity(connection: sqlite3.Connection) -> Section:
    """The change baseline: live initiatives by tier and complexity."""
    matrix = baseline(connection)
    rows = tuple(
        (
            Tier(tier).label,
            *(matrix.cell(tier, c).count for c in COMPLEXITIES),
            matrix.tier_total(tier),
        )
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
