"""The synthetic register: business groups, initiatives in hierarchies, RAG history."""

from __future__ import annotations

import random

from store.db.dialect import marks
from store.generate.common import FIRST, LAST, insert, pick, weighted
from store.periods import parse_period
from store.types import OVERALL_CRITERION, RISKS_CRITERION

GROUPS = ["TP", "SCD", "HR", "DoR", "DoI", "CO"]
GROUP_NAMES = {
    "TP": "Territorial Policing",
    "SCD": "Specialist Crime",
    "HR": "Human Resources",
    "DoR": "Resources",
    "DoI": "Information",
    "CO": "Central Operations",
}
# Roughly the change baseline's shape: mandated most common.
TIERS = [("mandated", 50), ("incremental", 20), ("transformational", 15), ("experimental", 15)]
COMPLEXITY_BY_TIER = {
    "transformational": [("high", 60), ("medium", 40)],
    "mandated": [("medium", 60), ("high", 15), ("low", 25)],
    "experimental": [("medium", 50), ("low", 50)],
    "incremental": [("low", 70), ("medium", 30)],
}
ADJECTIVES = ["Digital", "Shared", "Local", "Modern", "Integrated", "Lean", "Smarter", "Joint"]
SUBJECTS = [
    "Custody",
    "Contact",
    "Forensics",
    "Estates",
    "Fleet",
    "Training",
    "Intelligence",
    "Response",
    "Investigation",
    "Procurement",
    "Payroll",
    "Case Files",
]
WORDS = ["Review", "Programme", "Service", "Platform", "Pilot", "Upgrade", "Redesign"]
RATIONALES = {
    "R": ["Off track: key milestone missed and recovery plan not agreed.", "Funding gap opened."],
    "A": ["Some slippage; mitigations agreed and being tracked.", "Resourcing tight this quarter."],
    "G": ["On track against plan.", "Milestones met; benefits tracking started."],
}
MOVES = {
    "G": ["G"] * 8 + ["A"] * 2,
    "A": ["G"] * 3 + ["A"] * 5 + ["R"] * 2,
    "R": ["A"] * 5 + ["R"] * 5,
}


def _periods(last: str, count: int) -> list[str]:
    period = parse_period(last)
    out = []
    for _ in range(count):
        out.append(str(period))
        period = period.previous()
    return list(reversed(out))


def generate(connection, plan, rng: random.Random) -> dict[str, int]:
    """Write groups, initiatives and `plan.periods` quarters of RAG for two criteria."""
    forces = max(1, plan.initiatives // 500)
    groups = [
        (f"{g}{f:02d}", f"{GROUP_NAMES[g]} (force {f:02d})")
        for f in range(1, forces + 1)
        for g in GROUPS
    ]
    insert(
        connection,
        "business_group",
        "id, code, name",
        [(n, code, name) for n, (code, name) in enumerate(groups, start=1)],
    )
    existing = dict(connection.exec_driver_sql("SELECT name, id FROM rag_criterion").fetchall())
    last = connection.exec_driver_sql(
        "SELECT COALESCE(MAX(position), 0) FROM rag_criterion WHERE active"
    ).scalar()
    for name in (OVERALL_CRITERION, RISKS_CRITERION):
        if name not in existing:
            last += 1  # the active criteria hold positions 1..n
            insert(connection, "rag_criterion", "name, position", [(name, last)])
    criteria = [
        row[0]
        for row in connection.exec_driver_sql(
            "SELECT id FROM rag_criterion ORDER BY position, id LIMIT 2"
        ).fetchall()
    ]

    initiatives = []
    next_id = 1
    programme_no = 0
    while len(initiatives) < plan.initiatives:
        programme_no += 1
        group_id = rng.randint(1, len(groups))
        group_code = groups[group_id - 1][0]
        tier = weighted(rng, TIERS)
        code = f"P{programme_no:05d}"
        path = f"{group_code}\x1f{code}"
        initiatives.append(_row(rng, next_id, code, "programme", None, group_id, tier, path, 0))
        parent_id, next_id = next_id, next_id + 1
        for project_no in range(1, rng.randint(2, 9)):
            if len(initiatives) >= plan.initiatives:
                break
            child = f"{code}-{project_no:02d}"
            child_path = f"{path}\x1f{child}"
            initiatives.append(
                _row(rng, next_id, child, "project", parent_id, group_id, tier, child_path, 1)
            )
            project_id, next_id = next_id, next_id + 1
            for stream_no in range(1, rng.choice([1, 1, 1, 2, 3])):
                if len(initiatives) >= plan.initiatives:
                    break
                stream = f"{child}-{stream_no}"
                initiatives.append(
                    _row(
                        rng,
                        next_id,
                        stream,
                        "workstream",
                        project_id,
                        group_id,
                        tier,
                        f"{child_path}\x1f{stream}",
                        2,
                    )
                )
                next_id += 1
    connection.exec_driver_sql(
        "INSERT INTO initiative (id, code, name, description, kind, parent_id, business_group_id,"
        " tier, complexity, complexity_kinds, sro, programme_manager, start_date, end_date,"
        " lifecycle, data_digital, tree_path, depth, version, created_at)"
        f" VALUES ({marks(connection, 3)}, '', {marks(connection, 5)}, '',"
        f" {marks(connection, 8)}, 1, '')",
        initiatives,
    )

    periods = _periods(plan.last_period, plan.periods)
    assessments, current = [], []
    assessment_id = 0
    r = rng.random
    stamps = {period: f"{period}T00:00:00Z" for period in periods}
    add = assessments.append
    for initiative in initiatives:
        initiative_id = initiative[0]
        for criterion_id in criteria:
            rag = pick(r, "GGGAAR")
            for period in periods:
                moves = MOVES[rag]
                rag = pick(r, moves)
                assessment_id += 1
                rationales = RATIONALES[rag]
                add(
                    (
                        assessment_id,
                        initiative_id,
                        criterion_id,
                        period,
                        rag,
                        pick(r, rationales),
                        "generator",
                        stamps[period],
                    )
                )
            last = assessments[-1]
            before = assessments[-2] if len(periods) > 1 else (None, None, None, None, None)
            current.append(
                (initiative_id, criterion_id, last[0], last[3], last[4], before[3], before[4])
            )
    insert(
        connection,
        "rag_assessment",
        "id, initiative_id, criterion_id, period, rag, rationale, author, recorded_at",
        assessments,
    )
    insert(
        connection,
        "current_rag",
        "initiative_id, criterion_id, assessment_id, period, rag, previous_period, previous_rag",
        current,
    )
    connection.exec_driver_sql(
        f"INSERT INTO setting (key, value) VALUES ('current_period', {marks(connection, 1)})"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (plan.last_period,),
    )
    return {
        "business_groups": len(groups),
        "initiatives": len(initiatives),
        "assessments": len(assessments),
        "current_rag": len(current),
    }


def _row(rng, row_id, code, kind, parent_id, group_id, tier, path, depth) -> tuple:
    complexity = weighted(rng, COMPLEXITY_BY_TIER[tier])
    name = f"{rng.choice(ADJECTIVES)} {rng.choice(SUBJECTS)} {rng.choice(WORDS)}"
    sro = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    manager = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    start_year = rng.randint(2012, 2020)
    lifecycle = rng.choice(["delivery"] * 6 + ["initiation", "pipeline", "closing", "closed"])
    return (
        row_id,
        code,
        name,
        kind,
        parent_id,
        group_id,
        tier,
        complexity,
        sro,
        manager,
        f"{start_year}-04-01",
        f"{start_year + rng.randint(1, 4)}-03-31",
        lifecycle,
        rng.random() < 0.4,
        path,
        depth,
    )
