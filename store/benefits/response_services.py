"""Working a Response to Red: its owner, actions, review date and outcome, then closing
it. A closed response is not changed again. Responses are opened by the save that turns
an initiative Red (`store.benefits.responses`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from store.audit import editing, require_change, update_with_audit
from store.benefits.inputs import ResponseChange
from store.benefits.read_models import ResponseRead
from store.benefits.responses import list_responses
from store.benefits.types import ResponseStatus
from store.errors import InputError
from store.models import RedResponse
from store.rows import raw
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input


@requires(Permission.RECORD_RAG)
def update_response(data: ResponseChange | Mapping[str, Any], *, session: Session) -> ResponseRead:
    """Record a response's owner, actions, review date or outcome; with `closed_on`, close
    it (an outcome is required). Only the fields given change."""
    data = parse_input(ResponseChange, data)
    response = editing(session, RedResponse, data.id, data.expected_version, "response")
    if response.status == ResponseStatus.CLOSED:
        raise InputError("id", f"response {response.id} was closed on {response.closed_on}")
    names = ("owner", "actions", "review_on", "outcome", "closed_on")
    changes = {n: getattr(data, n) for n in names if n in data.model_fields_set}
    changes = {n: v for n, v in changes.items() if v is not None or n == "review_on"}
    if changes.get("closed_on") is not None:
        if not (changes.get("outcome") or response.outcome):
            raise InputError("outcome", "say what the outcome was before closing the response")
        changes["status"] = ResponseStatus.CLOSED.value
    update_with_audit(session, response, require_change(response, changes), entity="red_response")
    return list_responses(raw(session), response_id=response.id)[0]
