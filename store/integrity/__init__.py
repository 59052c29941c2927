"""Tampering the audit chain cannot see on its own.

The hash chain proves the log was not edited; it says nothing about the tables beside
it. `find_tampering` adds the checks that do: every derived table recomputed from its
source (`derived`), every status kept in step with other records recomputed from them
(`states`), every audited row matched against the audit event that last wrote it
(`rows`), every row the log leaves in place looked for (`gone`), and what bulk loads
wrote held to their digests (`bulk`). All read with plain DB-API queries, in a few
passes of SQL.
"""

from __future__ import annotations

from store.integrity import bulk, derived, gone, rows, states
from store.integrity.findings import Finding

__all__ = ["Finding", "find_tampering"]


def find_tampering(connection) -> list[Finding]:
    """Every derived row that disagrees with its source, and every audited row the
    audit log does not vouch for, on a DB-API connection to the database."""
    return [
        *derived.findings(connection),
        *states.findings(connection),
        *rows.findings(connection),
        *gone.findings(connection),
        *bulk.digest_findings(connection),
    ]
