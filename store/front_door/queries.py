"""Reads for the front door, as plain SQL on a DB-API connection.

The queue filters, groups, sorts and pages in SQL: a screen asks for the window of
rows it shows, never the whole table. A proposal's current triage and decision are
its latest rows (found through the `(proposal_id, id)` indexes). Its status is
computed with today's date, so a deferral comes back into the queue on its day; its age
is counted to `as_at`, the reporting date (`store.portfolio.queries.reporting_date`),
which a screen passes in (it defaults to `today`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from store import clock
from store.concurrency import LastChange, latest_change
from store.front_door.codes import unique_code
from store.front_door.read_models import (
    DecisionRead,
    ProposalDetail,
    ProposalLink,
    ProposalRow,
    QueueHeading,
    QueueSummary,
    TriageRead,
)
from store.front_door.types import ProposalStatus
from store.rows import as_date, columns, named
from store.sql import count_where, where, window, word_clauses

EFFECTIVE_STATUS = (
    "CASE WHEN p.status = 'decided' AND d.outcome = 'deferred' AND d.deferred_until <= :today "
    "THEN 'in_triage' ELSE p.status END"
)

# Days from received to the reporting date; none for a proposal received after it (the
# rule `store.periods.age_text` words).
# (ascending, descending) ORDER BY terms over the queue's columns.
SORTS: dict[str, tuple[str, str]] = {
    "age": ("received_on ASC", "received_on DESC"),
    "score": ("score IS NULL, score DESC", "score IS NULL, score ASC"),
    "reference": ("reference ASC", "reference DESC"),
    "title": ("lower(title) ASC", "lower(title) DESC"),
    "business_group": ("lower(business_group) ASC", "lower(business_group) DESC"),
}
SORT_LABELS: dict[tuple[str, bool], str] = {
    ("age", False): "age, oldest first",
    ("age", True): "age, newest first",
    ("score", False): "score, highest first",
    ("score", True): "score, lowest first",
    ("reference", False): "reference ▲",
    ("reference", True): "reference ▼",
    ("title", False): "title ▲",
    ("title", True): "title ▼",
    ("business_group", False): "business group ▲",
    ("business_group", True): "business group ▼",
}


@dataclass(frozen=True, slots=True)
class ProposalQuery:
    """What the queue shows: a text filter, a status, whether decided ones hide, a sort."""

    text: str = ""
    status: ProposalStatus | None = None
    hide_decided: bool = False
    sort: str = "age"
    descending: bool = False


_BASE = f"""
    SELECT p.id AS id, p.reference AS reference, p.title AS title,
           bg.code AS business_group, p.sponsor AS sponsor,
           {EFFECTIVE_STATUS} AS status, p.received_on AS received_on,
           t.desirable AS desirable, t.deliverable AS deliverable, t.affordable AS affordable,
           t.desirable + t.deliverable + t.affordable AS score,
           t.complexity AS complexity, t.suggested_tier AS suggested_tier,
           COALESCE(d.tier, t.override_tier, t.suggested_tier) AS tier,
           d.outcome AS outcome, i.code AS initiative, d.deferred_until AS deferred_until,
           d.review_date AS review_date, d.decided_on AS decided_on,
           p.data_digital AS data_digital
    FROM proposal AS p
    JOIN business_group AS bg ON bg.id = p.business_group_id
    LEFT JOIN proposal_triage AS t
        ON t.id = (SELECT MAX(id) FROM proposal_triage WHERE proposal_id = p.id)
    LEFT JOIN proposal_decision AS d
        ON d.id = (SELECT MAX(id) FROM proposal_decision WHERE proposal_id = p.id)
    LEFT JOIN initiative AS i ON i.id = p.initiative_id
"""

_ROW_COLUMNS = (
    "id, reference, title, business_group, sponsor, status, received_on, desirable, "
    "deliverable, affordable, score, complexity, suggested_tier, tier, outcome, initiative, "
    "deferred_until, review_date, decided_on, data_digital"
)
_GROUP = "CASE status WHEN 'received' THEN 0 WHEN 'in_triage' THEN 1 ELSE 2 END"


def _filtered(query: ProposalQuery, params: dict) -> str:
    """A CTE `f` of the matching proposals, each with its status group `grp`."""
    clauses = word_clauses(query.text, ("reference", "title", "business_group", "sponsor"), params)
    if query.status is not None:
        params["status"] = query.status.value
        clauses.append("status = :status")
    if query.hide_decided:
        clauses.append("status <> 'decided'")
    return f"WITH q AS ({_BASE}), f AS (SELECT *, {_GROUP} AS grp FROM q {where(clauses)})"


def _order(query: ProposalQuery) -> str:
    ascending, descending = SORTS.get(query.sort, SORTS["age"])
    return f"grp, heading DESC, {descending if query.descending else ascending}, reference"


def _params(today: date | None, as_at: date | None = None, **extra) -> dict:
    day = today or clock.today()
    return {"today": day.isoformat(), "as_at": (as_at or day).isoformat(), **extra}


def _age_days(received_on: date, params: dict) -> int | None:
    """Whole days from `received_on` to the query's as-at date, or None for a proposal
    received after it (worked out here, not in SQL, as the two engines count days
    between dates differently)."""
    as_at = date.fromisoformat(params["as_at"])
    return None if received_on > as_at else (as_at - received_on).days


def _to_row(row: sqlite3.Row, params: dict) -> ProposalRow:
    values = columns(row, data_digital=bool(row["data_digital"]))
    for name in ("received_on", "deferred_until", "review_date", "decided_on"):
        values[name] = as_date(values[name])
    values["age_days"] = _age_days(values["received_on"], params)
    values["as_at"] = date.fromisoformat(params["as_at"])
    for name in ("heading", "grp", "n"):
        del values[name]
    return ProposalRow(**values)


def _union(query: ProposalQuery, params: dict, *, headings: bool) -> str:
    rows = f"SELECT 0 AS heading, grp, 0 AS n, {_ROW_COLUMNS} FROM f"
    if not headings:
        return f"{_filtered(query, params)} SELECT * FROM ({rows}) AS queue"
    nulls = ", ".join(f"NULL AS {name.strip()}" for name in _ROW_COLUMNS.split(","))
    heads = f"SELECT 1 AS heading, grp, COUNT(*) AS n, {nulls} FROM f GROUP BY grp"
    return f"{_filtered(query, params)} SELECT * FROM ({heads} UNION ALL {rows}) AS queue"


def queue_page(
    connection: sqlite3.Connection,
    query: ProposalQuery,
    *,
    offset: int = 0,
    limit: int = 100,
    today: date | None = None,
    as_at: date | None = None,
    headings: bool = True,
) -> list[ProposalRow | QueueHeading]:
    """One window of the queue: each status group led by a heading row (limit -1: all),
    aged as at `as_at` (default `today`)."""
    params = _params(today, as_at, limit=limit, offset=offset)
    sql = f"{_union(query, params, headings=headings)} ORDER BY {_order(query)} "
    sql += window(limit, offset, params)
    statuses = ("received", "in_triage", "decided")
    result: list[ProposalRow | QueueHeading] = []
    for row in named(connection, sql, params):
        if row["heading"]:
            result.append(QueueHeading(statuses[row["grp"]], row["n"]))
        else:
            result.append(_to_row(row, params))
    return result


def list_proposals(
    connection: sqlite3.Connection,
    query: ProposalQuery | None = None,
    *,
    today: date | None = None,
    as_at: date | None = None,
) -> list[ProposalRow]:
    """Every matching proposal in queue order, without heading rows, aged as at `as_at`."""
    rows = queue_page(
        connection, query or ProposalQuery(), limit=-1, today=today, as_at=as_at, headings=False
    )
    return [row for row in rows if isinstance(row, ProposalRow)]


def queue_summary(
    connection: sqlite3.Connection, query: ProposalQuery, *, today: date | None = None
) -> QueueSummary:
    """How many proposals match, by effective status."""
    params = _params(today)
    sql = f"""{_filtered(query, params)}
        SELECT {count_where("grp = 0")}, {count_where("grp = 1")}, {count_where("grp = 2")}
        FROM f"""
    return QueueSummary(*connection.execute(sql, params).fetchone())


def queue_length(summary: QueueSummary, *, hide_decided: bool = False) -> int:
    """Rows the queue shows for `summary`: every proposal plus one heading per group
    (without the decided group when it is hidden)."""
    counts = [summary.received, summary.in_triage] + ([] if hide_decided else [summary.decided])
    return sum(counts) + sum(1 for count in counts if count)


def queue_position(
    connection: sqlite3.Connection,
    query: ProposalQuery,
    reference: str,
    *,
    today: date | None = None,
) -> int | None:
    """The row index of `reference` in the queue (headings counted), or None if not shown."""
    params = _params(today, reference=reference)
    sql = f"""
        SELECT n FROM (
            SELECT reference, ROW_NUMBER() OVER (ORDER BY {_order(query)}) - 1 AS n
            FROM ({_union(query, params, headings=True)}) AS shown
        ) AS ranked WHERE reference = :reference
    """
    row = connection.execute(sql, params).fetchone()
    return row[0] if row else None


_TRIAGE_COLUMNS = """
    t.id, t.desirable, t.deliverable, t.affordable, t.complexity, t.complexity_kinds,
    t.cross_group, t.hypothesis, t.suggested_tier, t.suggested_rule, t.override_tier,
    t.override_reason, t.triaged_by, t.triaged_at
"""


def _to_triage(row: sqlite3.Row) -> TriageRead:
    kinds = tuple(kind for kind in row["complexity_kinds"].split(",") if kind)
    return TriageRead(
        **columns(
            row,
            complexity_kinds=kinds,
            cross_group=bool(row["cross_group"]),
            hypothesis=bool(row["hypothesis"]),
        )
    )


def _decisions(connection: sqlite3.Connection, proposal_id: int) -> list[DecisionRead]:
    rows = named(
        connection,
        """
        SELECT d.id, p.reference, d.outcome, d.rationale, d.tier, d.deferred_until,
               d.review_date, d.decided_on, i.code AS initiative, d.supersedes_id,
               d.decided_by, d.recorded_at
        FROM proposal_decision AS d
        JOIN proposal AS p ON p.id = d.proposal_id
        LEFT JOIN initiative AS i ON i.id = d.initiative_id
        WHERE d.proposal_id = :id ORDER BY d.id DESC
        """,
        {"id": proposal_id},
    )
    dates = ("deferred_until", "review_date", "decided_on")
    return [
        DecisionRead(**columns(row, **{name: as_date(row[name]) for name in dates})) for row in rows
    ]


def proposal_detail(
    connection: sqlite3.Connection,
    reference: str,
    *,
    today: date | None = None,
    as_at: date | None = None,
) -> ProposalDetail | None:
    """Everything about one proposal, aged as at `as_at` (default `today`), or None when
    no proposal has that reference."""
    params = _params(today, as_at, reference=reference.strip().upper())
    row = named(
        connection,
        f"""
        SELECT p.id, p.reference, p.title, bg.code AS business_group,
               bg.name AS business_group_name, p.sponsor, p.problem, p.intended_outcome,
               p.cost_pence, p.yearly_benefit_pence, p.non_cash_benefit, p.data_digital,
               p.requested_tier, p.received_on,
               {EFFECTIVE_STATUS} AS status, p.status AS stored_status,
               i.code AS initiative, i.name AS initiative_name, p.entered_by, p.version,
               (SELECT COUNT(*) FROM proposal_triage WHERE proposal_id = p.id) AS triage_count
        FROM proposal AS p
        JOIN business_group AS bg ON bg.id = p.business_group_id
        LEFT JOIN proposal_decision AS d
            ON d.id = (SELECT MAX(id) FROM proposal_decision WHERE proposal_id = p.id)
        LEFT JOIN initiative AS i ON i.id = p.initiative_id
        WHERE p.reference = :reference
        """,
        params,
    ).fetchone()
    if row is None:
        return None
    triage_row = named(
        connection,
        f"SELECT {_TRIAGE_COLUMNS} FROM proposal_triage AS t WHERE t.proposal_id = :id "
        "ORDER BY t.id DESC LIMIT 1",
        {"id": row["id"]},
    ).fetchone()
    return ProposalDetail(
        **columns(
            row,
            data_digital=bool(row["data_digital"]),
            received_on=as_date(row["received_on"]),
            age_days=_age_days(as_date(row["received_on"]), params),
            as_at=date.fromisoformat(params["as_at"]),
            triage=_to_triage(triage_row) if triage_row else None,
            decisions=tuple(_decisions(connection, row["id"])),
        )
    )


def last_proposal_change(connection: sqlite3.Connection, reference: str) -> LastChange | None:
    """The latest audit event on a proposal, its triages or its decisions (who changed
    it last, and when), or None. Triages are audited as `proposal_triage` and decisions
    as `proposal_decision`, each under its own id; all use the entity index."""
    return latest_change(
        connection,
        """
        (entity = 'proposal' AND entity_id IN (
                   SELECT CAST(id AS TEXT) FROM proposal WHERE reference = :reference))
           OR (entity = 'proposal_triage' AND entity_id IN (
                   SELECT CAST(t.id AS TEXT) FROM proposal_triage AS t
                   JOIN proposal AS p ON p.id = t.proposal_id WHERE p.reference = :reference))
           OR (entity = 'proposal_decision' AND entity_id IN (
                   SELECT CAST(d.id AS TEXT) FROM proposal_decision AS d
                   JOIN proposal AS p ON p.id = d.proposal_id WHERE p.reference = :reference))
        """,
        {"reference": reference.strip().upper()},
    )


def proposal_for_initiative(connection: sqlite3.Connection, code: str) -> ProposalLink | None:
    """The proposal an initiative was created from, or None (most initiatives have none)."""
    row = named(
        connection,
        """
        SELECT p.reference, p.title, d.outcome, d.decided_on, d.review_date
        FROM initiative AS i
        JOIN proposal AS p ON p.initiative_id = i.id
        JOIN proposal_decision AS d ON d.proposal_id = p.id AND d.initiative_id = i.id
        WHERE i.code = :code
        ORDER BY d.id LIMIT 1
        """,
        {"code": code.strip().upper()},
    ).fetchone()
    if row is None:
        return None
    return ProposalLink(
        **columns(
            row,
            decided_on=as_date(row["decided_on"]),
            review_date=as_date(row["review_date"]),
        )
    )


def suggested_code(connection: sqlite3.Connection, title: str, reference: str) -> str:
    """The code an acceptance would give the new initiative if none is typed."""

    def taken(code: str) -> bool:
        """True when an initiative already has this code."""
        found = connection.execute(
            "SELECT 1 FROM initiative WHERE code = :code", {"code": code}
        ).fetchone()
        return found is not None

    return unique_code(title, reference, taken)


def proposal_references(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    """(reference, title) of every proposal, newest first: for the command palette."""
    return connection.execute(
        "SELECT reference, title FROM proposal ORDER BY received_year DESC, sequence DESC"
    ).fetchall()
