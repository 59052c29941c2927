"""The overdue rule as SQL, shared by the milestone queries and the portfolio list.

No imports: the portfolio queries use it without pulling in the milestone package.
"""

# True for a milestone `m` that is not done or cancelled and whose forecast (else
# baseline) date is before :today (ISO date text, from `store.clock.today()`).
OVERDUE_SQL = "(m.status NOT IN ('done','cancelled') AND COALESCE(m.forecast, m.baseline) < :today)"


def overdue_counts_sql(count: int) -> str:
    """How many overdue milestones each of `count` initiatives has (named :id0, :id1, ...);
    initiatives with none are left out."""
    holes = ", ".join(f":id{n}" for n in range(count))
    return (
        f"SELECT m.initiative_id, COUNT(*) FROM milestone AS m "
        f"WHERE m.initiative_id IN ({holes}) AND {OVERDUE_SQL} GROUP BY m.initiative_id"
    )
