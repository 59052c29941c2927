"""Responses to Red. The save that turns an initiative's delivery confidence or overall
(headline) RAG Red in the current reporting period opens its response in the same
transaction, with its own audit event: nobody has to remember to. A rating that was Red
already, or an initiative with a response still open, opens no second one; a Red
recorded for an earlier period is history, not a live call to act, and opens none. On a
laptop replica none is opened: the server opens it when sync replays the save (as the
server's own consequence, not a record of the offline operation) and the next pull
brings it down. The office then works it (`store.benefits.response_services`).

This module imports no feature service, so the RAG service can call it."""

from __future__ import annotations

import sqlite3

from sqlmodel import Session, select

from store.audit import SYNC_ORIGIN, add_with_audit, stamp
from store.benefits.read_models import ResponseRead
from store.benefits.types import RedTrigger, ResponseStatus
from store.models import Initiative, RedResponse
from store.portfolio.queries import current_period, overall_criterion_id
from store.rows import as_date, columns, named, raw
from store.sql import where
from store.sync.journal import is_replica

RED = "R"


def open_if_turned_red(
    session: Session,
    initiative: Initiative,
    period: str,
    source: RedTrigger,
    ratings: tuple[str | None, str],
) -> RedResponse | None:
    """Open a Response to Red when `ratings` (the rating in force before the save, then
    the one saved) turn the initiative Red in the current reporting period and it has no
    response open; else None."""
    before, after = ratings
    if after != RED or before == RED or period != current_period(raw(session)):
        return None
    if is_replica(session):
        return None  # the server decides when the save reaches it; sync pulls it down
    already = session.exec(
        select(RedResponse.id).where(
            RedResponse.initiative_id == initiative.id,
            RedResponse.status == ResponseStatus.OPEN.value,
        )
    ).first()
    if already is not None:
        return None
    response = RedResponse(
        initiative_id=initiative.id,
        period=period,
        source=source.value,
        owner=initiative.sro or "",
        **stamp(session, "opened_by", "opened_at"),
    )
    reason = f"{'delivery confidence' if source is RedTrigger.CONFIDENCE else 'overall RAG'}"
    # Replayed from a laptop, the response is the server's own consequence of the save,
    # not a record the offline operation made: its event carries no sync origin.
    origin = session.info.pop(SYNC_ORIGIN, None)
    try:
        add_with_audit(session, response, entity="red_response", reason=f"{reason} turned Red")
    finally:
        if origin is not None:
            session.info[SYNC_ORIGIN] = origin
    return response


def rag_turned_red(session: Session, assessment) -> RedResponse | None:
    """After a RAG is saved: open a response if it is the headline criterion's and turns
    the initiative Red (against the RAG in force before it for that period)."""
    connection = raw(session)
    if assessment.arrived_superseded or overall_criterion_id(connection) != assessment.criterion_id:
        return None  # a replayed RAG older than the one in force does not take over
    before = connection.execute(
        "SELECT rag FROM rag_assessment WHERE initiative_id = :i AND criterion_id = :c "
        "AND period <= :p AND id <> :id "
        "ORDER BY period DESC, arrived_superseded, id DESC LIMIT 1",
        {
            "i": assessment.initiative_id,
            "c": assessment.criterion_id,
            "p": assessment.period,
            "id": assessment.id,
        },
    ).fetchone()
    initiative = session.get(Initiative, assessment.initiative_id)
    ratings = (before[0] if before else None, assessment.rag)
    return open_if_turned_red(session, initiative, assessment.period, RedTrigger.RAG, ratings)


_SELECT = """
SELECT r.id, i.code, i.name AS initiative_name, r.period, r.source, r.owner, r.actions,
       r.review_on, r.outcome, r.status, r.closed_on, r.opened_by, r.opened_at, r.version
FROM red_response AS r JOIN initiative AS i ON i.id = r.initiative_id
"""


def list_responses(
    connection: sqlite3.Connection,
    code: str | None = None,
    *,
    open_only: bool = False,
    response_id: int | None = None,
) -> list[ResponseRead]:
    """Responses to Red, newest period first: all, one initiative's, the open ones, or one."""
    params: dict = {}
    clauses = []
    if code:
        params["code"] = code.strip().upper()
        clauses.append("i.code = :code")
    if open_only:
        clauses.append("r.status = 'open'")
    if response_id is not None:
        params["id"] = response_id
        clauses.append("r.id = :id")
    sql = f"{_SELECT} {where(clauses)} ORDER BY r.period DESC, i.tree_path, r.id"
    return [_to_read(row) for row in named(connection, sql, params)]


def _to_read(row) -> ResponseRead:
    return ResponseRead(
        **columns(row, review_on=as_date(row["review_on"]), closed_on=as_date(row["closed_on"]))
    )
