"""The front door at national scale: proposals with their triage and the panel's decisions.

One proposal for every two initiatives (5,000 at 10,000), received over the four
years before the plan's last period. Most are decided, some are in triage, the
newest are just received. The tier each triage suggests comes from the real tier
rules. An accepted proposal (or one sent to experimentation) is linked both ways to
a generated initiative of the decided tier, as if that initiative came through the
front door; when no such initiative is left, the panel rejects it instead.
"""

from __future__ import annotations

import random

from store.front_door.tier_rules import TriageFacts, suggest_tier
from store.generate.common import GENERATOR, as_of, days, insert, iso, person, stamp
from store.types import Complexity

TOPICS = ["body-worn video", "case file sharing", "fleet telematics", "shift rostering"]
OUTCOMES = [("accepted", 35), ("rejected", 25), ("deferred", 15), ("experiment", 10)]
OUTCOMES += [("returned", 15)]
RATIONALES = {
    "accepted": "Clear benefits case and a sponsor ready to lead it.",
    "rejected": "Overlaps work already in the portfolio.",
    "deferred": "Come back when the funding round opens.",
    "experiment": "Worth testing on one borough first.",
    "returned": "Needs a costed option before the panel can decide.",
}


def generate(connection, plan, rng: random.Random) -> dict[str, int]:
    """Write proposals, a triage for most of them and a decision for most of those."""
    total = plan.proposals
    if total == 0:
        return {}
    today = as_of(plan.last_period)
    # By code: the order SQLite gave when this read had no ORDER BY (its code index).
    sql = "SELECT id FROM business_group ORDER BY code"
    groups = [row[0] for row in connection.exec_driver_sql(sql)]
    free: dict[str, list[int]] = {}
    for row_id, tier in connection.exec_driver_sql(
        "SELECT id, tier FROM initiative WHERE kind = 'programme' ORDER BY id DESC"
    ):
        free.setdefault(tier, []).append(row_id)
    span = 365 * max(4, -(-total // 9000))  # a reference's sequence stays within 9999
    proposals, triages, decisions = [], [], []
    sequences: dict[int, int] = {}
    for n in range(1, total + 1):
        received = days(today, -span + (span * n) // total)
        year = received.year
        sequence = sequences[year] = sequences.get(year, 0) + 1
        topic = rng.choice(TOPICS)
        proposal = [
            n,
            f"FD-{year:04d}-{sequence:04d}",
            year,
            sequence,
            f"Proposal {n} on {topic}",
            person(rng),
            rng.choice(groups),
            f"Officers lose time because {topic} is slow and manual.",
            rng.randint(5, 2000) * 1_000_000,
            rng.randint(1, 500) * 1_000_000,
            rng.random() < 0.5,
            iso(received),
            "received",
            None,
            GENERATOR,
            stamp(received),
        ]
        proposals.append(proposal)
        age = (today - received).days
        if age < 60 and rng.random() < 0.6:
            continue
        triage_on = days(received, rng.randint(3, 10))
        facts = TriageFacts(
            complexity=rng.choice(list(Complexity)),
            cross_group=rng.random() < 0.3,
            hypothesis=rng.random() < 0.15,
        )
        suggestion = suggest_tier(facts)
        override = "incremental" if rng.random() < 0.05 else None
        triages.append(
            (
                n,
                n,
                rng.randint(1, 5),
                rng.randint(1, 5),
                rng.randint(1, 5),
                facts.complexity.value,
                facts.cross_group,
                facts.hypothesis,
                suggestion.tier.value,
                suggestion.rule.number,
                override,
                "Smaller than it first looked." if override else "",
                GENERATOR,
                stamp(triage_on),
            )
        )
        proposal[12] = "in_triage"
        if age < 120 and rng.random() < 0.7:
            continue
        decided_on = days(triage_on, rng.randint(7, 21))
        outcome = rng.choices(*zip(*OUTCOMES, strict=True))[0]
        tier = None
        if outcome == "experiment":
            tier = "experimental"
        elif outcome == "accepted":
            tier = override or suggestion.tier.value
        initiative = free[tier].pop() if tier and free.get(tier) else None
        if tier and initiative is None:
            outcome, tier = "rejected", None
        decisions.append(
            (
                n,
                n,
                outcome,
                RATIONALES[outcome],
                tier,
                days(decided_on, 90).isoformat() if outcome == "deferred" else None,
                days(decided_on, 180).isoformat() if outcome == "experiment" else None,
                iso(decided_on),
                initiative,
                GENERATOR,
                stamp(decided_on, 15),
            )
        )
        proposal[12], proposal[13] = "decided", initiative
    return {
        "proposals": insert(
            connection,
            "proposal",
            "id, reference, received_year, sequence, title, sponsor, business_group_id, problem,"
            " cost_pence, yearly_benefit_pence, data_digital, received_on, status,"
            " initiative_id, entered_by, entered_at",
            [tuple(p) for p in proposals],
        ),
        "proposal_triage": insert(
            connection,
            "proposal_triage",
            "id, proposal_id, desirable, deliverable, affordable, complexity, cross_group,"
            " hypothesis, suggested_tier, suggested_rule, override_tier, override_reason,"
            " triaged_by, triaged_at",
            triages,
        ),
        "proposal_decisions": insert(
            connection,
            "proposal_decision",
            "proposal_id, triage_id, outcome, rationale, tier, deferred_until, review_date,"
            " decided_on, initiative_id, decided_by, recorded_at",
            decisions,
        ),
    }
