"""Status columns kept in step with other records, recomputed from those records.

A decision settles its request (`sc_request.status`, `outcome`, `decided_on`,
`meeting_id`) and may post a displaced person (`sc_displaced.status`,
`posted_request_id`); a proposal's triage and decisions set `proposal.status` and
`initiative_id`. These columns change inside the other record's audit event, so `rows`
does not compare them; here each is worked out again from the decisions and triage
records (append-only, guarded, and matched to their own events) and compared.
"""

from __future__ import annotations

from store.integrity.findings import Finding

# The decision in force on a request `r`: its latest one that no correction supersedes.
_LIVE_DECISION = """sc_decision AS d ON d.id = (
    SELECT MAX(x.id) FROM sc_decision AS x
    WHERE x.request_id = {request}
      AND NOT EXISTS (SELECT 1 FROM sc_decision AS s WHERE s.supersedes_id = x.id))"""

_FINAL = "d.outcome IS NOT NULL AND d.outcome <> 'deferred'"

# A request not finally decided is on an agenda while it has an agenda item at a meeting
# that has not yet decided it (a deferral sends it back to received until carried over).
_WANT_STATUS = f"""CASE WHEN {_FINAL} THEN 'decided'
    WHEN EXISTS (SELECT 1 FROM sc_agenda_item AS a WHERE a.request_id = r.id
        AND NOT EXISTS (SELECT 1 FROM sc_decision AS x
                        WHERE x.request_id = r.id AND x.meeting_id = a.meeting_id))
    THEN 'on_agenda' ELSE 'received' END"""

_REQUESTS = f"""
SELECT reference, status, outcome, decided_on, meeting_id,
       want_outcome, want_on, want_meeting, want_status FROM (
    SELECT r.id, r.reference, r.status, r.outcome, r.decided_on, r.meeting_id,
           d.outcome AS want_outcome, d.decided_on AS want_on, d.meeting_id AS want_meeting,
           ({_FINAL}) AS final, {_WANT_STATUS} AS want_status
    FROM sc_request AS r LEFT JOIN {_LIVE_DECISION.format(request="r.id")}) AS held
WHERE outcome IS DISTINCT FROM want_outcome OR decided_on IS DISTINCT FROM want_on
   OR status IS DISTINCT FROM want_status
   OR (final AND meeting_id IS DISTINCT FROM want_meeting)
ORDER BY id
"""

_POSTINGS = f"""
SELECT p.reference, p.status, p.posted_request_id FROM sc_displaced AS p
LEFT JOIN {_LIVE_DECISION.format(request="p.posted_request_id")}
WHERE (p.status = 'posted') IS DISTINCT FROM (p.posted_request_id IS NOT NULL)
   OR (p.posted_request_id IS NOT NULL AND d.posted_person_id IS DISTINCT FROM p.id)
UNION ALL
SELECT p.reference, p.status, p.posted_request_id FROM sc_request AS r
JOIN {_LIVE_DECISION.format(request="r.id")}
JOIN sc_displaced AS p ON p.id = d.posted_person_id
WHERE p.status IS DISTINCT FROM 'posted' OR p.posted_request_id IS DISTINCT FROM r.id
"""

_PROPOSALS = """
SELECT reference, status, initiative_id, want_status, want_initiative FROM (
    SELECT p.id, p.reference, p.status, p.initiative_id, d.initiative_id AS want_initiative,
        CASE
            WHEN d.id IS NULL AND EXISTS (
                SELECT 1 FROM proposal_triage AS t WHERE t.proposal_id = p.id) THEN 'in_triage'
            WHEN d.id IS NULL THEN 'received'
            WHEN d.outcome = 'returned' AND EXISTS (
                SELECT 1 FROM proposal_triage AS t
                WHERE t.proposal_id = p.id AND t.id > d.triage_id) THEN 'in_triage'
            ELSE 'decided'
        END AS want_status
    FROM proposal AS p
    LEFT JOIN proposal_decision AS d ON d.id = (
        SELECT MAX(x.id) FROM proposal_decision AS x WHERE x.proposal_id = p.id)) AS held
WHERE status IS DISTINCT FROM want_status OR initiative_id IS DISTINCT FROM want_initiative
ORDER BY id
"""


def findings(connection) -> list[Finding]:
    """Every request, displaced person and proposal whose status is not what its
    decisions and triage records give."""
    found = [
        Finding("sc_request", reference, _request_problem(*held))
        for reference, *held in connection.execute(_REQUESTS)
    ]
    found.extend(
        Finding(
            "sc_displaced",
            reference,
            f"is {status} (posted to request {request}) but the decisions in force say otherwise",
        )
        for reference, status, request in connection.execute(_POSTINGS)
    )
    found.extend(
        Finding(
            "proposal",
            reference,
            f"is {status} (initiative {initiative}) but its triage and decisions give "
            f"{want_status} (initiative {want_initiative})",
        )
        for reference, status, initiative, want_status, want_initiative in (
            connection.execute(_PROPOSALS)
        )
    )
    return found


def _request_problem(status, outcome, decided_on, meeting, *wanted) -> str:
    """A request's status, outcome, date and meeting against its decision in force and
    its agenda."""
    want_outcome, want_on, want_meeting, want_status = wanted
    return (
        f"is {status} (outcome {outcome}, {decided_on}, meeting {meeting}) but its "
        f"decisions give outcome {want_outcome} ({want_on}, meeting {want_meeting}) and "
        f"with its agenda make it {want_status}"
    )
