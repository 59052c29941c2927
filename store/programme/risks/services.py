"""Writes to risks. Each validates, records one audit event, and returns a read model."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from store.audit import add_with_audit, editing, require_change, stamp, update_with_audit
from store.fields import stored_values
from store.models import Initiative, Risk
from store.portfolio.services import initiative_by_code
from store.programme.risks.editable import EDITABLE, NAMES
from store.programme.risks.inputs import RiskChange, RiskIn
from store.programme.risks.read_models import RiskRead
from store.rows import from_record
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input


def to_read(risk: Risk, initiative: Initiative) -> RiskRead:
    """A risk row as its read model."""
    return from_record(RiskRead, risk, code=initiative.code, initiative_name=initiative.name)


@requires(Permission.EDIT_RISKS)
def create_risk(data: RiskIn | Mapping[str, Any], *, session: Session) -> RiskRead:
    """Record a risk to an initiative; who raised it and when are kept."""
    data = parse_input(RiskIn, data)
    initiative = initiative_by_code(session, data.code)
    risk = Risk(
        initiative_id=initiative.id,
        **stored_values(data, NAMES),
        **stamp(session, "raised_by", "raised_at"),
    )
    add_with_audit(session, risk, entity="risk")
    return to_read(risk, initiative)


@requires(Permission.EDIT_RISKS)
def update_risk(data: RiskChange | Mapping[str, Any], *, session: Session) -> RiskRead:
    """Change a risk: rescore it, close or reopen it, or mark it Resolved, Owned,
    Accepted or Mitigated. Only the fields given change."""
    data = parse_input(RiskChange, data)
    given = data.model_fields_set
    risk = editing(session, Risk, data.id, data.expected_version, "risk")
    # A value left out is not changed; None clears only a column that may be empty.
    wanted = [
        column.name
        for column in EDITABLE
        if column.name in given and (getattr(data, column.name) is not None or column.nullable)
    ]
    changes = stored_values(data, wanted)
    update_with_audit(session, risk, require_change(risk, changes), entity="risk")
    return to_read(risk, session.get(Initiative, risk.initiative_id))
