"""The initiatives each savings line counts (`savings_line_initiative`), matched against
the line's latest event that lists them.

The link rows have no events of their own: a savings line's events record its
`initiatives` (their codes). A link the latest such event does not list, and a code it
lists with no link, are both named. Links of a line no event lists are vouched for by a
bulk load (`store.integrity.bulk`), or reported as written behind the app's back.
"""

from __future__ import annotations

from store.db.dialect import json_has, json_items
from store.integrity.bulk import LINKS, bulk_findings
from store.integrity.findings import Finding


def _listed(connection) -> str:
    """SQL: each link no event lists (`extra`) and each code an event lists with no
    link (`missing`), with the line's latest event listing its initiatives."""
    listed = json_has(connection, "x.after_json", "initiatives")
    codes = json_items(connection, "e.after_json", "initiatives", "j", text=True)
    return f"""
WITH listed AS (
    SELECT l.id AS line_id, (
        SELECT MAX(x.id) FROM audit_event AS x
        WHERE x.entity = 'savings_line' AND x.entity_id = CAST(l.id AS TEXT)
          AND {listed}) AS event_id
    FROM savings_line AS l)
SELECT v.line_id, coalesce(i.code, '#' || s.initiative_id), 'extra', v.event_id, e.occurred_at
FROM savings_line_initiative AS s
JOIN listed AS v ON v.line_id = s.line_id
LEFT JOIN initiative AS i ON i.id = s.initiative_id
LEFT JOIN audit_event AS e ON e.id = v.event_id
WHERE (v.event_id IS NULL AND {LINKS.at(connection, "s")} > :last)
   OR (v.event_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM {codes} WHERE j.value = i.code))
UNION ALL
SELECT v.line_id, j.value, 'missing', v.event_id, e.occurred_at
FROM listed AS v JOIN audit_event AS e ON e.id = v.event_id, {codes}
WHERE NOT EXISTS (
    SELECT 1 FROM savings_line_initiative AS s JOIN initiative AS i ON i.id = s.initiative_id
    WHERE s.line_id = v.line_id AND i.code = j.value)
ORDER BY 1, 2
"""


def findings(connection, bulk: tuple[int, int]) -> list[Finding]:
    """Links no event lists (beyond the positions up to `bulk`'s highest, which a bulk load
    vouches for) and links an event lists that are gone."""
    found = [
        Finding(LINKS.table, f"{line}/{code}", _problem(kind, event_id), since=occurred_at)
        for line, code, kind, event_id, occurred_at in connection.execute(
            _listed(connection), {"last": bulk[1]}
        )
    ]
    if bulk[1]:
        found.extend(bulk_findings(connection, LINKS, bulk))
    return found


def _problem(kind: str, event_id: int | None) -> str:
    """What is wrong with one link of a savings line to an initiative."""
    if event_id is None:
        return "links a savings line no audit event lists: it was written behind the app's back"
    if kind == "extra":
        return f"is not among the initiatives the line's audit event {event_id} lists"
    return f"is listed by the line's audit event {event_id} but the link is gone"
