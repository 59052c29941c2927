"""Which tables `portfolio check` matches row by row, and what vouches for each row.

Most audited tables are named by their own events (`entity` is the table, `entity_id`
the row's key). Three are written as part of another record and are vouched for by
that record's events too:

- `sc_departure_group`: its own events (`PHASE/name`), or the `groups` its scheme's
  events record in full;
- `sc_agenda_item`: its own events (by id), or an event of its meeting that lists its
  request's reference as added or carried over, or the event of the deferral that
  carried it over (that vouches for the item being there; its
  `position` moves when an earlier item comes off the agenda);
- `savings_line_initiative` has no columns of its own: its line's events list the
  initiatives it counts (`store.integrity.links`).

Every other table is derived (`current_rag`, checked by `derived`), the audit log itself
(`audit_event`, checked by the hash chain) or Alembic's `alembic_version`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from store.db.dialect import greatest, json_items, json_text, row_position


@dataclass(frozen=True)
class Audited:
    """An audited table (its events' `entity` is its name), the SQL for the `entity_id` its
    events give a row (`r` is the row), the columns other records' events move, and
    `vouch`: when set, what gives, for a connection, the SQL of a query giving each row
    (`rid`, its position) the event that vouches for it (`id`, `occurred_at`, and
    `after_json`: the row as that event records it), for tables that other records'
    events also write. `position` is the integer column a bulk load records its rows by
    (None: the table has none; `store.db.dialect.row_position`)."""

    table: str
    key: str = "CAST(r.id AS TEXT)"
    moved_by_others: tuple[str, ...] = ()
    vouch: Callable[[Any], str] | None = None
    position: str | None = "id"

    def at(self, connection, alias: str = "r") -> str:
        """SQL: the position of the row `alias` of this table (`row_position`)."""
        return row_position(connection, alias, self.position)


_REQUEST_DECIDED = ("engagement_id", "status", "outcome", "meeting_id", "decided_on", "version")

_OWN_EVENT = """(SELECT MAX(x.id) FROM audit_event AS x
        WHERE x.entity = '{table}' AND x.entity_id = {key})"""

_GROUP_KEY = (
    "(SELECT CAST(s.phase AS TEXT) FROM sc_departure_scheme AS s WHERE s.id = r.scheme_id)"
    " || '/' || r.name"
)


def _group_vouch(connection) -> str:
    """A departure group's latest own event, or the latest event of its scheme that
    records it among the scheme's `groups`, whichever came later."""
    group_id = json_text(connection, "g.value", "id")
    return f"""
SELECT v.rid, e.id, e.occurred_at,
       CASE WHEN e.id = v.own THEN e.after_json ELSE (
           SELECT CAST(g.value AS TEXT) FROM {json_items(connection, "e.after_json", "groups", "g")}
           WHERE {group_id} = CAST(v.group_id AS TEXT)) END AS after_json
FROM (
    SELECT {row_position(connection, "r")} AS rid, r.id AS group_id,
        {_OWN_EVENT.format(table="sc_departure_group", key=_GROUP_KEY)} AS own,
        (SELECT MAX(x.id) FROM audit_event AS x,
                {json_items(connection, "x.after_json", "groups", "g")}
         WHERE x.entity = 'sc_departure_scheme'
           AND x.entity_id = (SELECT CAST(s.phase AS TEXT) FROM sc_departure_scheme AS s
                              WHERE s.id = r.scheme_id)
           AND {group_id} = CAST(r.id AS TEXT)) AS scheme
    FROM sc_departure_group AS r) AS v
JOIN audit_event AS e
    ON e.id = {greatest(connection, "coalesce(v.own, 0)", "coalesce(v.scheme, 0)")}
"""


def _agenda_vouch(connection) -> str:
    """An agenda item's latest own event, or else the latest event of its meeting that
    lists its request as `added` (build_agenda) or `carried_over` (a new meeting takes
    deferred requests), or of a deferral at an earlier meeting (which carries the
    request over to the next open one): that vouches for its being there, nothing more."""
    listed = " UNION ALL ".join(
        f"SELECT a.value FROM {json_items(connection, 'x.after_json', key, 'a', text=True)}"
        for key in ("added", "carried_over")
    )
    built_or_deferred = greatest(connection, "coalesce(v.built, 0)", "coalesce(v.deferred, 0)")
    return f"""
SELECT v.rid, e.id, e.occurred_at,
       CASE WHEN e.id = v.own THEN e.after_json ELSE '{{}}' END AS after_json
FROM (
    SELECT {row_position(connection, "r")} AS rid,
        {_OWN_EVENT.format(table="sc_agenda_item", key="CAST(r.id AS TEXT)")} AS own,
        (SELECT MAX(x.id) FROM audit_event AS x
         WHERE x.entity = 'sc_meeting'
           AND x.entity_id = (SELECT CAST(m.held_on AS TEXT) FROM sc_meeting AS m
                              WHERE m.id = r.meeting_id)
           AND (SELECT q.reference FROM sc_request AS q WHERE q.id = r.request_id)
               IN ({listed})
        ) AS built,
        (SELECT MAX(x.id) FROM sc_decision AS d
         JOIN audit_event AS x ON x.entity = 'sc_decision' AND x.entity_id = CAST(d.id AS TEXT)
         WHERE r.carried_over AND d.request_id = r.request_id AND d.outcome = 'deferred'
           AND (SELECT m.held_on FROM sc_meeting AS m WHERE m.id = d.meeting_id)
             < (SELECT m.held_on FROM sc_meeting AS m WHERE m.id = r.meeting_id)
        ) AS deferred
    FROM sc_agenda_item AS r) AS v
JOIN audit_event AS e ON e.id = coalesce(v.own, {built_or_deferred})
"""


AUDITED = (
    Audited("app_user"),
    Audited("business_group"),
    Audited("initiative"),
    Audited("rag_criterion", moved_by_others=("position",)),
    Audited("rag_assessment"),
    Audited("risk"),
    Audited("milestone"),
    Audited("dependency"),
    Audited("savings_year"),
    Audited("savings_line"),
    Audited("savings_cell"),
    Audited("recommendation"),
    Audited("proposal", moved_by_others=("status", "initiative_id", "version")),
    Audited("proposal_triage"),
    Audited("proposal_decision"),
    Audited("sc_request", "r.reference", _REQUEST_DECIDED),
    Audited("sc_decision"),
    Audited("sc_meeting", "CAST(r.held_on AS TEXT)"),
    Audited("sc_displaced", "r.reference", ("status", "status_on", "posted_request_id", "version")),
    Audited("sc_engagement", "r.reference", ("max_end_on", "version")),
    Audited(
        "sc_establishment",
        "(SELECT g.code FROM business_group AS g WHERE g.id = r.business_group_id)"
        " || '/' || r.staff_group || '/' || r.financial_year",
    ),
    Audited("sc_departure_scheme", "CAST(r.phase AS TEXT)"),
    Audited("sc_departure_group", _GROUP_KEY, vouch=_group_vouch),
    Audited("sc_agenda_item", moved_by_others=("position",), vouch=_agenda_vouch),
    Audited("setting", "r.key", position=None),
    Audited("benefit"),
    Audited("benefit_measurement"),
    Audited("delivery_confidence"),
    Audited("red_response"),
)
