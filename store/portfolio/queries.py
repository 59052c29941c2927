"""Reads for the portfolio register, as plain SQL on a DB-API connection.

These run on the path to first paint, so they avoid SQLAlchemy and return
dataclasses. Filtering, sorting and paging all happen in SQL: a screen asks for
the window of rows it shows, never for the whole table.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date

from store import clock
from store.benefits.confidence import team_ratings
from store.periods import as_at, parse_period, period_of, quarters
from store.portfolio.read_models import (
    AssessmentRead,
    BusinessGroupRead,
    ChildRow,
    CriterionRead,
    CriterionStatus,
    InitiativeDetail,
    PortfolioRow,
    PortfolioSummary,
)
from store.portfolio.register_summary import register_summary
from store.portfolio.row_facts import values_with_facts
from store.rows import as_date, columns, named
from store.sql import count_where, where, window, word_clauses

CURRENT_PERIOD_KEY = "current_period"
NO_RAG = "-"

SORT_COLUMNS: dict[str, str] = {
    "hierarchy": "i.tree_path",
    "code": "i.code",
    "name": "lower(i.name)",
    "business_group": "lower(bg.code)",
    "tier": "CASE i.tier WHEN 'transformational' THEN 0 WHEN 'mandated' THEN 1 "
    "WHEN 'experimental' THEN 2 WHEN 'incremental' THEN 3 ELSE 4 END",
    "complexity": "CASE i.complexity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 "
    "WHEN 'low' THEN 2 ELSE 3 END",
    "rag": "CASE cr.rag WHEN 'R' THEN 0 WHEN 'A' THEN 1 WHEN 'G' THEN 2 ELSE 3 END",
    "trend": "CASE WHEN cr.previous_rag IS NULL THEN 3 "
    "WHEN cr.rag = cr.previous_rag THEN 1 "
    "WHEN (cr.rag = 'G') OR (cr.rag = 'A' AND cr.previous_rag = 'R') THEN 2 ELSE 0 END",
    "sro": "lower(i.sro)",
    "period": "COALESCE(cr.period, '')",
}


@dataclass(frozen=True, slots=True)
class PortfolioQuery:
    """What the portfolio list shows: a text filter, quick filters and a sort.

    `rags` holds any of R, A, G and "-" (no RAG yet); empty means all. `red_response`:
    only initiatives with an open Response to Red.
    """

    text: str = ""
    rags: frozenset[str] = field(default_factory=frozenset)
    tier: str | None = None
    red_response: bool = False
    sort: str = "hierarchy"
    descending: bool = False


_FROM = """
FROM initiative AS i
JOIN business_group AS bg ON bg.id = i.business_group_id
LEFT JOIN initiative AS p ON p.id = i.parent_id
LEFT JOIN current_rag AS cr ON cr.initiative_id = i.id AND cr.criterion_id = :overall
"""


# The summary counts rows and RAGs; it never reads the parent, so it skips that join
# (a quarter of the time of each filter keystroke's count at 10,000 initiatives).
_FROM_SUMMARY = _FROM.replace("LEFT JOIN initiative AS p ON p.id = i.parent_id\n", "")


_OPEN_RESPONSE = (
    "EXISTS (SELECT 1 FROM red_response AS rr WHERE rr.initiative_id = i.id AND rr.status = 'open')"
)


def _where(query: PortfolioQuery, params: dict) -> str:
    clauses = word_clauses(query.text, ("i.code", "i.name", "bg.code", "i.sro"), params)
    if query.rags:
        letters = sorted(r for r in query.rags if r != NO_RAG)
        parts = []
        if letters:
            names = []
            for n, letter in enumerate(letters):
                params[f"rag{n}"] = letter
                names.append(f":rag{n}")
            parts.append(f"cr.rag IN ({', '.join(names)})")
        if NO_RAG in query.rags:
            parts.append("cr.rag IS NULL")
        clauses.append("(" + " OR ".join(parts) + ")")
    if query.tier:
        params["tier"] = query.tier
        clauses.append("i.tier = :tier")
    if query.red_response:
        clauses.append(_OPEN_RESPONSE)
    return where(clauses)


def _order(query: PortfolioQuery) -> str:
    expression = SORT_COLUMNS.get(query.sort, SORT_COLUMNS["hierarchy"])
    direction = "DESC" if query.descending else "ASC"
    return f"ORDER BY {expression} {direction}, i.tree_path ASC"


def overall_criterion_id(connection: sqlite3.Connection) -> int:
    """The headline criterion: the active one at position 1, whatever it is called (the
    one rule, `store.portfolio.criteria.rules`; 0 when there is no criterion)."""
    row = connection.execute(
        "SELECT id FROM rag_criterion WHERE active ORDER BY position, id LIMIT 1"
    ).fetchone()
    return row[0] if row else 0


def current_period(connection: sqlite3.Connection) -> str:
    """The reporting period in force: the stored setting, else today's quarter."""
    row = connection.execute(
        "SELECT value FROM setting WHERE key = :key", {"key": CURRENT_PERIOD_KEY}
    ).fetchone()
    return row[0] if row else str(period_of(clock.today()))


def reporting_date(connection: sqlite3.Connection, period: str | None = None) -> date:
    """The date reports on `period` (default: the current reporting period) are as at,
    by the one rule `store.periods.as_at`."""
    return as_at(parse_period(period or current_period(connection)))


def _assessed_periods(connection: sqlite3.Connection) -> list[str]:
    return [
        row[0]
        for row in connection.execute(
            "SELECT DISTINCT period FROM rag_assessment ORDER BY period DESC"
        )
    ]


def reporting_periods(connection: sqlite3.Connection) -> list[str]:
    """The periods a report may be read for, newest first: those with assessments up to
    the current reporting period, and the current one."""
    current = current_period(connection)
    found = {period for period in _assessed_periods(connection) if period <= current}
    return sorted(found | {current}, reverse=True)


def period_choices(connection: sqlite3.Connection) -> list[str]:
    """The periods the current reporting period may be set to, newest first: every
    quarter from the earliest assessed (or the current, if earlier) to today's."""
    current = parse_period(current_period(connection))
    assessed = [parse_period(period) for period in _assessed_periods(connection)]
    return quarters(min([current, *assessed]), max(current, period_of(clock.today())))


_ROW_COLUMNS = """
    SELECT i.id, i.code, i.name, i.kind, i.depth, p.code AS parent_code,
           bg.code AS business_group, i.tier, i.complexity, i.sro, cr.rag, cr.previous_rag,
           cr.period AS rag_period, (cr.period IS NULL OR cr.period <> :current) AS stale
"""


def _row_params(connection: sqlite3.Connection, **extra) -> dict:
    return {
        "overall": overall_criterion_id(connection),
        "current": current_period(connection),
        **extra,
    }


def portfolio_values(
    connection: sqlite3.Connection, query: PortfolioQuery, *, offset: int = 0, limit: int = -1
) -> list[tuple]:
    """A window of the portfolio list (limit -1: all rows) as values, filtered and sorted
    in SQL: plain values the garbage collector does not track, which the list held in
    memory keeps (`list_index`); `PortfolioRow.from_values` makes each a row."""
    params = _row_params(connection)
    sql = f"{_ROW_COLUMNS} {_FROM} {_where(query, params)} {_order(query)} "
    sql += window(limit, offset, params)
    return _values(connection, sql, params)


def _values(connection: sqlite3.Connection, sql: str, params: dict) -> list[tuple]:
    """The rows `sql` finds, as values with their facts as at the reporting date."""
    found = named(connection, sql, params).fetchall()
    period = current_period(connection)
    return values_with_facts(connection, found, period, reporting_date(connection, period))


def portfolio_page(
    connection: sqlite3.Connection, query: PortfolioQuery, *, offset: int = 0, limit: int = 100
) -> list[PortfolioRow]:
    """One window of the portfolio list (limit -1: all rows), each row with its count of
    overdue milestones and its delivery confidence."""
    values = portfolio_values(connection, query, offset=offset, limit=limit)
    return list(map(PortfolioRow.from_values, values))


def portfolio_row(connection: sqlite3.Connection, code: str) -> PortfolioRow | None:
    """One initiative as the portfolio list shows it, or None for an unknown code."""
    params = _row_params(connection, code=code.strip().upper())
    values = _values(connection, f"{_ROW_COLUMNS} {_FROM} WHERE i.code = :code", params)
    return PortfolioRow.from_values(values[0]) if values else None


def portfolio_summary(connection: sqlite3.Connection, query: PortfolioQuery) -> PortfolioSummary:
    """How many rows the query matches, and how many of them are R, A, G or unrated."""
    params: dict = {"overall": overall_criterion_id(connection)}
    condition = _where(query, params)
    if not condition:  # no filter: counted off the indexes
        return register_summary(connection, params["overall"])
    sql = f"""
        SELECT COUNT(*),
               {count_where("cr.rag = 'R'")}, {count_where("cr.rag = 'A'")},
               {count_where("cr.rag = 'G'")}, {count_where("cr.rag IS NULL")}
        {_FROM_SUMMARY} {condition}
    """
    return PortfolioSummary(*connection.execute(sql, params).fetchone())


def position_of(connection: sqlite3.Connection, query: PortfolioQuery, code: str) -> int | None:
    """The row index of `code` in the query's order, or None when it does not match."""
    params: dict = {"overall": overall_criterion_id(connection), "code": code}
    sql = f"""
        SELECT n FROM (
            SELECT i.code AS code, ROW_NUMBER() OVER ({_order(query)}) - 1 AS n
            {_FROM} {_where(query, params)}
        ) AS ranked WHERE code = :code
    """
    row = connection.execute(sql, params).fetchone()
    return row[0] if row else None


def list_business_groups(connection: sqlite3.Connection) -> list[BusinessGroupRead]:
    """Every business group, by code."""
    rows = named(connection, "SELECT id, code, name FROM business_group ORDER BY code")
    return [BusinessGroupRead(**row) for row in rows]


def list_criteria(connection: sqlite3.Connection) -> list[CriterionRead]:
    """The active RAG criteria, headline first."""
    sql = "SELECT id, name, position FROM rag_criterion WHERE active ORDER BY position, id"
    rows = named(connection, sql)
    return [CriterionRead(**row) for row in rows]


# A second RAG for the same criterion and period replaces the first: within one
# initiative, criterion and period, each record replaces the one recorded before it.
_ASSESSMENT_SELECT = """
    SELECT a.id, i.code AS initiative_code, c.name AS criterion, a.period, a.rag, a.rationale,
           a.author, a.recorded_at,
           LAG(a.id) OVER same_period AS replaces, LEAD(a.id) OVER same_period AS replaced_by
    FROM rag_assessment AS a
    JOIN initiative AS i ON i.id = a.initiative_id
    JOIN rag_criterion AS c ON c.id = a.criterion_id
"""


_SAME_PERIOD = """
    WINDOW same_period AS (PARTITION BY a.initiative_id, a.criterion_id, a.period
        ORDER BY a.arrived_superseded DESC, a.id)
"""


def assessment_history(connection: sqlite3.Connection, initiative_id: int) -> list[AssessmentRead]:
    """Every assessment of one initiative, newest period first, latest record first, each
    with the one it replaced and the one that replaced it (same criterion and period)."""
    rows = named(
        connection,
        _ASSESSMENT_SELECT
        + " WHERE a.initiative_id = :id"
        + _SAME_PERIOD
        + " ORDER BY a.period DESC, a.arrived_superseded, a.id DESC",
        {"id": initiative_id},
    )
    return [AssessmentRead(**row) for row in rows]


def _latest_assessment(
    connection: sqlite3.Connection, code: str, criterion: str, period_test: str, period: str
) -> AssessmentRead | None:
    row = named(
        connection,
        _ASSESSMENT_SELECT
        + f" WHERE i.code = :code AND c.name = :criterion AND a.period {period_test} :period"
        + _SAME_PERIOD
        + " ORDER BY a.period DESC, a.arrived_superseded, a.id DESC LIMIT 1",
        {"code": code, "criterion": criterion, "period": period},
    ).fetchone()
    return AssessmentRead(**row) if row else None


def previous_assessment(
    connection: sqlite3.Connection, code: str, criterion: str, period: str
) -> AssessmentRead | None:
    """The latest assessment of `code` for `criterion` in a period before `period`."""
    return _latest_assessment(connection, code, criterion, "<", period)


def assessment_in_period(
    connection: sqlite3.Connection, code: str, criterion: str, period: str
) -> AssessmentRead | None:
    """The assessment of `code` for `criterion` in force for `period` (the latest
    recorded for it): a new one for the period replaces it."""
    return _latest_assessment(connection, code, criterion, "=", period)


def _criteria_status(connection: sqlite3.Connection, initiative_id: int) -> list[CriterionStatus]:
    rows = named(
        connection,
        """
        SELECT c.id AS criterion_id, c.name AS criterion, cr.rag, cr.period,
               COALESCE(a.rationale, '') AS rationale, COALESCE(a.author, '') AS author,
               COALESCE(a.recorded_at, '') AS recorded_at, cr.previous_rag
        FROM rag_criterion AS c
        LEFT JOIN current_rag AS cr ON cr.criterion_id = c.id AND cr.initiative_id = :id
        LEFT JOIN rag_assessment AS a ON a.id = cr.assessment_id
        WHERE c.active ORDER BY c.position, c.id
        """,
        {"id": initiative_id},
    )
    return [CriterionStatus(**row) for row in rows]


def _children(connection: sqlite3.Connection, initiative_id: int) -> list[ChildRow]:
    rows = named(
        connection,
        """
        SELECT i.code, i.name, i.kind, cr.rag
        FROM initiative AS i
        LEFT JOIN current_rag AS cr ON cr.initiative_id = i.id AND cr.criterion_id = :overall
        WHERE i.parent_id = :id ORDER BY i.tree_path
        """,
        {"overall": overall_criterion_id(connection), "id": initiative_id},
    )
    return [ChildRow(**row) for row in rows]


def initiative_detail(connection: sqlite3.Connection, code: str) -> InitiativeDetail | None:
    """Everything about one initiative, or None when no initiative has that code."""
    row = named(
        connection,
        """
        SELECT i.id, i.code, i.name, i.kind, i.description, bg.code AS business_group,
               bg.name AS business_group_name, i.tier, i.complexity, i.complexity_kinds, i.sro,
               i.programme_manager, i.start_date, i.end_date, i.lifecycle, i.data_digital,
               p.code AS parent_code, p.name AS parent_name
        FROM initiative AS i
        JOIN business_group AS bg ON bg.id = i.business_group_id
        LEFT JOIN initiative AS p ON p.id = i.parent_id
        WHERE i.code = :code
        """,
        {"code": code},
    ).fetchone()
    if row is None:
        return None
    initiative_id = row["id"]
    return InitiativeDetail(
        **columns(
            row,
            complexity_kinds=tuple(k for k in row["complexity_kinds"].split(",") if k),
            start_date=as_date(row["start_date"]),
            end_date=as_date(row["end_date"]),
            data_digital=bool(row["data_digital"]),
            criteria=tuple(_criteria_status(connection, initiative_id)),
            history=tuple(assessment_history(connection, initiative_id)),
            children=tuple(_children(connection, initiative_id)),
            confidence=team_ratings(connection, [initiative_id], current_period(connection)).get(
                initiative_id
            ),
        )
    )


def count_initiatives(connection: sqlite3.Connection) -> int:
    """How many initiatives the register holds."""
    return connection.execute("SELECT COUNT(*) FROM initiative").fetchone()[0]


def initiative_names(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    """(code, name) of every initiative, by code: for pickers and the command palette."""
    return connection.execute("SELECT code, name FROM initiative ORDER BY code").fetchall()
