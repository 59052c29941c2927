"""Who last changed a Star Chamber request, from the audit log, for the conflict dialog
of a correction refused as stale: the request's own events, its agenda items' and its
decisions', and never another request's."""

from __future__ import annotations

from datetime import date

from store.handle import Store
from store.star_chamber.queries.changes import last_request_change
from store.star_chamber.services.decisions import correct, decide


def _last(store: Store, reference: str):
    with store.reading() as connection:
        return last_request_change(connection, reference)


def test_the_last_change_spans_the_request_its_agenda_and_decisions(demo_store, demo_path):
    assert _last(demo_store, "SC-2099-0001") is None
    before = _last(demo_store, "sc-2011-0006")
    neighbour = _last(demo_store, "SC-2011-0017")
    assert before is not None and before.action == "create"  # put on the agenda
    with Store(f"sqlite:///{demo_path}", "r.achebe") as other, other.writing() as session:
        decide(
            {
                "reference": "SC-2011-0006",
                "meeting": date(2011, 6, 13),
                "outcome": "deferred",
                "reason": "Awaiting costings.",
            },
            session=session,
        )
    decided = _last(demo_store, "SC-2011-0006")
    assert (decided.actor, decided.action) == ("r.achebe", "create")
    with demo_store.writing() as session:
        correct(
            {
                "reference": "SC-2011-0006",
                "outcome": "withdrawn",
                "reason": "The group withdrew it.",
                "why": "Minuted wrongly.",
            },
            session=session,
        )
    corrected = _last(demo_store, "SC-2011-0006")
    assert (corrected.actor, corrected.action) == ("tester", "correct")
    # Another request's last change is its own.
    assert neighbour is not None and _last(demo_store, "SC-2011-0017") == neighbour
