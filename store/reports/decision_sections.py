"""The board pack's decision sections: what the Star Chamber and the front door panel
decided in the period, read with plain SQL by column name."""

from __future__ import annotations

import sqlite3
from datetime import date

from store.front_door.types import Outcome as ProposalOutcome
from store.reports.read_models import Block, Section
from store.rows import named
from store.star_chamber.types import Outcome
from store.types import Tier


def star_chamber(connection: sqlite3.Connection, starts: date, ends: date) -> Section:
    """Star Chamber decisions taken in the period, with counts by outcome (a corrected
    decision is listed but not counted: its correction replaced it)."""
    rows = named(
        connection,
        """
        SELECT m.held_on, r.reference, g.code, r.post_title, r.staff_type, d.outcome,
               d.reason, d.supersedes_id IS NOT NULL AS correction,
               EXISTS (SELECT 1 FROM sc_decision AS c WHERE c.supersedes_id = d.id) AS corrected
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
        if not row["corrected"]:
            counts[Outcome(row["outcome"])] += 1
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
                totals=(("Total", sum(counts.values())),),
            ),
            Block(
                ("Meeting", "Request", "Group", "Post", "Staff type", "Outcome", "Reason"),
                tuple(_chamber_line(row) for row in rows),
                title="Decisions",
                empty="No decisions in this period.",
            ),
        ),
    )


def _chamber_line(row: sqlite3.Row) -> tuple:
    """One Star Chamber decision as the pack lists it."""
    return (
        row["held_on"],
        row["reference"],
        row["code"],
        row["post_title"],
        row["staff_type"].replace("_", " "),
        Outcome(row["outcome"]).label
        + (" (correction)" if row["correction"] else "")
        + (" (corrected)" if row["corrected"] else ""),
        row["reason"],
    )


def front_door(connection: sqlite3.Connection, starts: date, ends: date) -> Section:
    """The front door panel's decisions in the period."""
    rows = named(
        connection,
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
        (
            row["decided_on"],
            row["reference"],
            row["title"],
            row["code"],
            ProposalOutcome(row["outcome"]).label,
            Tier(row["tier"]).label if row["tier"] else None,
            row["rationale"],
        )
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
