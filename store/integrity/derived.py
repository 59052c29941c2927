"""Derived tables recomputed from their source and compared, row by row.

`current_rag` is the latest RAG (and the one from the period before) per initiative and
criterion, derived from `rag_assessment`; `initiative.tree_path` and `depth` place each
initiative under its business group and parents; `sc_engagement.max_end_on` is where
its creation and the extensions in force put it. A row edited straight in SQLite
changes what the list shows without touching the audit log, so each is worked out again
from its source here, in SQL, and every difference is named.
"""

from __future__ import annotations

from store.db.dialect import json_text
from store.integrity.findings import Finding
from store.portfolio.services import TREE_SEPARATOR

# What `current_rag` must hold: per initiative and criterion, the latest assessment
# (by period, then id, an offline RAG that arrived superseded last) and the latest one
# of an earlier period. Import builds the table from it; `portfolio check` compares the
# table with it.
CURRENT_RAG_SOURCE = """
SELECT c.initiative_id, c.criterion_id, c.id, c.period, c.rag, p.period, p.rag
FROM (SELECT DISTINCT initiative_id, criterion_id FROM rag_assessment) AS pair
JOIN rag_assessment AS c ON c.id = (
    SELECT a.id FROM rag_assessment AS a
    WHERE a.initiative_id = pair.initiative_id AND a.criterion_id = pair.criterion_id
    ORDER BY a.period DESC, a.arrived_superseded, a.id DESC LIMIT 1)
LEFT JOIN rag_assessment AS p ON p.id = (
    SELECT a.id FROM rag_assessment AS a
    WHERE a.initiative_id = pair.initiative_id AND a.criterion_id = pair.criterion_id
      AND a.period < c.period
    ORDER BY a.period DESC, a.arrived_superseded, a.id DESC LIMIT 1)
"""

_CURRENT_RAG_COLUMNS = (
    "initiative_id, criterion_id, assessment_id, period, rag, previous_period, previous_rag"
)

_CURRENT_RAG_DIFFERENCES = f"""
WITH want ({_CURRENT_RAG_COLUMNS}) AS ({CURRENT_RAG_SOURCE}),
pairs AS (
    SELECT w.*, h.assessment_id AS h_assessment_id, h.period AS h_period, h.rag AS h_rag,
           h.previous_period AS h_previous_period, h.previous_rag AS h_previous_rag,
           h.id AS h_id
    FROM want AS w
    LEFT JOIN current_rag AS h
        ON h.initiative_id = w.initiative_id AND h.criterion_id = w.criterion_id
    UNION ALL
    SELECT h.initiative_id, h.criterion_id, NULL, NULL, NULL, NULL, NULL,
           h.assessment_id, h.period, h.rag, h.previous_period, h.previous_rag, h.id
    FROM current_rag AS h
    WHERE NOT EXISTS (
        SELECT 1 FROM rag_assessment AS a
        WHERE a.initiative_id = h.initiative_id AND a.criterion_id = h.criterion_id)
)
SELECT coalesce(i.code, '#' || p.initiative_id), coalesce(k.name, '#' || p.criterion_id),
       p.assessment_id, p.period, p.rag, p.previous_period, p.previous_rag,
       p.h_id, p.h_assessment_id, p.h_period, p.h_rag, p.h_previous_period, p.h_previous_rag
FROM pairs AS p
LEFT JOIN initiative AS i ON i.id = p.initiative_id
LEFT JOIN rag_criterion AS k ON k.id = p.criterion_id
WHERE p.h_id IS NULL OR p.assessment_id IS NULL
   OR p.h_assessment_id IS DISTINCT FROM p.assessment_id OR p.h_period IS DISTINCT FROM p.period
   OR p.h_rag IS DISTINCT FROM p.rag OR p.h_previous_period IS DISTINCT FROM p.previous_period
   OR p.h_previous_rag IS DISTINCT FROM p.previous_rag
ORDER BY p.initiative_id, p.criterion_id
"""

# Each initiative's place in the tree, worked out from its parents and business group.
_TREE_DIFFERENCES = """
WITH RECURSIVE tree (id, path, depth) AS (
    SELECT i.id, g.code || :sep || i.code, 0
    FROM initiative AS i JOIN business_group AS g ON g.id = i.business_group_id
    WHERE i.parent_id IS NULL
    UNION ALL
    SELECT i.id, t.path || :sep || i.code, t.depth + 1
    FROM initiative AS i JOIN tree AS t ON i.parent_id = t.id
)
SELECT i.code, i.tree_path, i.depth, t.path, t.depth
FROM initiative AS i LEFT JOIN tree AS t ON t.id = i.id
WHERE t.path IS DISTINCT FROM i.tree_path OR t.depth IS DISTINCT FROM i.depth
ORDER BY i.id
"""


def _max_end_differences(connection) -> str:
    """SQL: each engagement whose maximum end date is not the one its latest extension
    in force moved it to, else the one it was created with (its `create` event). A
    bulk-loaded engagement with no extension has no event to give it; its bulk load's
    digests leave it out too. Dates compared as ISO text (the event's JSON holds text)."""
    created = json_text(connection, "x.after_json", "max_end_on")
    return f"""
SELECT reference, max_end_on, want FROM (
    SELECT e.id, e.reference, CAST(e.max_end_on AS TEXT) AS max_end_on, coalesce(
        (SELECT CAST(d.engagement_end_after AS TEXT) FROM sc_decision AS d
         JOIN sc_request AS q ON q.id = d.request_id
         WHERE q.engagement_id = e.id AND d.engagement_end_after IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM sc_decision AS s WHERE s.supersedes_id = d.id)
         ORDER BY d.id DESC LIMIT 1),
        (SELECT {created} FROM audit_event AS x
         WHERE x.entity = 'sc_engagement' AND x.entity_id = e.reference
           AND x.action = 'create' ORDER BY x.id LIMIT 1)) AS want
    FROM sc_engagement AS e) AS held
WHERE want IS NOT NULL AND want IS DISTINCT FROM max_end_on
ORDER BY id
"""


def findings(connection) -> list[Finding]:
    """Every derived row that disagrees with what its source gives."""
    return [
        *current_rag_findings(connection),
        *tree_findings(connection),
        *max_end_findings(connection),
    ]


def max_end_findings(connection) -> list[Finding]:
    """Engagements whose maximum end date is not what their creation and extensions give."""
    return [
        Finding(
            "sc_engagement",
            reference,
            f"maximum end date {held} is not what its creation and the extensions in force "
            f"give: {want}",
        )
        for reference, held, want in connection.execute(_max_end_differences(connection))
    ]


def current_rag_findings(connection) -> list[Finding]:
    """`current_rag` rows that are missing, extra, or differ from the assessments."""
    return [
        Finding("current_rag", f"{code}/{criterion}", _current_rag_problem(code, criterion, rest))
        for code, criterion, *rest in connection.execute(_CURRENT_RAG_DIFFERENCES)
    ]


def _current_rag_problem(code: str, criterion: str, values: list) -> str:
    """What is wrong with one summary row: `values` are what the assessments give
    (assessment, period, RAG, the period and RAG before), then the row's id and what it
    holds in the same order."""
    assessment, period, rag, previous_period, previous_rag, held_id, *held = values
    summary = "the current RAG summary"
    if held_id is None:
        return f"is missing from {summary}; the assessments give {rag} ({period})"
    if assessment is None:
        return f"{summary} says {held[2]} ({held[1]}) but {code} has no assessment for {criterion}"
    shown = _latest(held[0], held[1], held[2], held[3], held[4])
    wanted = _latest(assessment, period, rag, previous_period, previous_rag)
    return f"{summary} says {shown}; the assessments give {wanted}"


def _latest(assessment, period, rag, previous_period, previous_rag) -> str:
    """`R (2011-Q1, assessment 31, before that A in 2010-Q4)`."""
    before = f"before that {previous_rag} in {previous_period}" if previous_period else "first"
    return f"{rag} ({period}, assessment {assessment}, {before})"


def tree_findings(connection) -> list[Finding]:
    """Initiatives whose stored tree path or depth is not where their parents put them."""
    rows = connection.execute(_TREE_DIFFERENCES, {"sep": TREE_SEPARATOR})
    return [
        Finding(
            "initiative",
            code,
            f"tree path {_shown(path)} (depth {depth}) is not where its parents put it: "
            f"{_shown(want_path)} (depth {want_depth})",
        )
        for code, path, depth, want_path, want_depth in rows
    ]


def _shown(path: str | None) -> str:
    """A tree path with its separators shown as ` > `."""
    return "(none)" if path is None else path.replace(TREE_SEPARATOR, " > ")
