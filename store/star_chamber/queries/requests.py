"""Requests: the register, filtered and paged in SQL, and one request in full."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from store.star_chamber.queries.common import as_date, escape_like
from store.star_chamber.queries.decisions import decisions_on_request
from store.star_chamber.read_models import RequestDetail, RequestRow

SORTS = {
    "newest": "r.received_on DESC, r.id DESC",
    "oldest": "r.received_on ASC, r.id ASC",
    "reference": "r.year ASC, r.seq ASC",
}


@dataclass(frozen=True, slots=True)
class RequestQuery:
    """What a request list shows: words to match, a status, an outcome, a group, a sort."""

    text: str = ""
    status: str | None = None
    outcome: str | None = None
    business_group: str | None = None
    sort: str = "newest"


_COLUMNS = """
SELECT r.id, r.reference, bg.code, r.post_title, r.grade, r.staff_type, r.fte_x100,
       r.status, r.outcome, m.held_on, r.decided_on, r.requested_by, r.received_on,
       r.is_extension, r.entered_by
"""

_FROM = """
FROM sc_request AS r
JOIN business_group AS bg ON bg.id = r.business_group_id
LEFT JOIN sc_meeting AS m ON m.id = r.meeting_id
"""


def to_request_row(row: tuple) -> RequestRow:
    """A RequestRow from the `_COLUMNS` select."""
    return RequestRow(
        id=row[0],
        reference=row[1],
        business_group=row[2],
        post=row[3],
        grade=row[4],
        staff_type=row[5],
        fte_x100=row[6],
        status=row[7],
        outcome=row[8],
        meeting=as_date(row[9]),
        decided_on=as_date(row[10]),
        requested_by=row[11],
        received_on=as_date(row[12]),
        is_extension=bool(row[13]),
        entered_by=row[14],
    )


REQUEST_SELECT = _COLUMNS + _FROM


def _where(query: RequestQuery, params: dict) -> str:
    clauses: list[str] = []
    for n, term in enumerate(query.text.split()):
        key = f"term{n}"
        params[key] = f"%{escape_like(term)}%"
        clauses.append(
            f"(r.reference LIKE :{key} ESCAPE '\\' OR r.post_title LIKE :{key} ESCAPE '\\' "
            f"OR bg.code LIKE :{key} ESCAPE '\\' OR r.requested_by LIKE :{key} ESCAPE '\\' "
            f"OR r.grade LIKE :{key} ESCAPE '\\')"
        )
    if query.status:
        params["status"] = query.status
        clauses.append("r.status = :status")
    if query.outcome:
        params["outcome"] = query.outcome
        clauses.append("r.outcome = :outcome")
    if query.business_group:
        params["group"] = query.business_group
        clauses.append("bg.code = :group COLLATE NOCASE")
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def request_page(
    connection: sqlite3.Connection, query: RequestQuery, *, offset: int = 0, limit: int = 100
) -> list[RequestRow]:
    """One window of requests, filtered and sorted in SQL (limit -1: all of them)."""
    params: dict = {"limit": limit, "offset": offset}
    order = SORTS.get(query.sort, SORTS["newest"])
    sql = f"{REQUEST_SELECT} {_where(query, params)} ORDER BY {order} LIMIT :limit OFFSET :offset"
    return [to_request_row(row) for row in connection.execute(sql, params)]


def request_count(connection: sqlite3.Connection, query: RequestQuery) -> int:
    """How many requests the query matches."""
    params: dict = {}
    where = _where(query, params)
    # Only words and the group filter look at the business group: without them the
    # count is one index scan of sc_request (about 5 ms at 100,000 rows, not 50).
    joins = _FROM if query.text.strip() or query.business_group else "FROM sc_request AS r"
    sql = f"SELECT COUNT(*) {joins} {where}"
    return connection.execute(sql, params).fetchone()[0]


def status_counts(connection: sqlite3.Connection) -> dict[str, int]:
    """How many requests are received, on an agenda and decided."""
    counts = {"received": 0, "on_agenda": 0, "decided": 0}
    counts.update(dict(connection.execute("SELECT status, COUNT(*) FROM sc_request GROUP BY 1")))
    return counts


def request_row(connection: sqlite3.Connection, reference: str) -> RequestRow | None:
    """One request as lists show it, or None."""
    row = connection.execute(
        REQUEST_SELECT + " WHERE r.reference = ?", (reference.strip().upper(),)
    ).fetchone()
    return to_request_row(row) if row else None


def request_detail(connection: sqlite3.Connection, reference: str) -> RequestDetail | None:
    """Everything about one request, with its decisions, or None."""
    row = connection.execute(
        _COLUMNS
        + """, bg.name, r.funded, r.cost_centre, r.route, i.code, i.name, r.justification,
               r.max_weeks, e.reference, e.worker_name, e.max_end_on, r.entered_at, r.version
        """
        + _FROM
        + """
        LEFT JOIN initiative AS i ON i.id = r.initiative_id
        LEFT JOIN sc_engagement AS e ON e.id = r.engagement_id
        WHERE r.reference = ?
        """,
        (reference.strip().upper(),),
    ).fetchone()
    if row is None:
        return None
    summary = to_request_row(row[:15])
    extra = row[15:]
    return RequestDetail(
        row=summary,
        business_group_name=extra[0],
        funded=bool(extra[1]),
        cost_centre=extra[2],
        route=extra[3],
        programme_code=extra[4],
        programme_name=extra[5],
        justification=extra[6],
        max_weeks=extra[7],
        engagement_reference=extra[8],
        engagement_worker=extra[9],
        engagement_max_end=as_date(extra[10]),
        entered_at=extra[11],
        version=extra[12],
        decisions=tuple(decisions_on_request(connection, summary.id)),
    )


def pending_requests(connection: sqlite3.Connection, *, limit: int = -1) -> list[RequestRow]:
    """Requests waiting for an agenda: deferred ones first, then oldest received first."""
    sql = (
        REQUEST_SELECT
        + " WHERE r.status = 'received'"
        + " ORDER BY (r.outcome IS NOT 'deferred'), r.received_on, r.id LIMIT ?"
    )
    return [to_request_row(row) for row in connection.execute(sql, (limit,))]
