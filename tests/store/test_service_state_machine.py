"""A stateful property test over the RAG, vacancy request and proposal services: random
sequences of saves (valid and not) keep one audit event per change, never lose earlier
history, and keep the read models' totals equal to the sum of their parts."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from store.errors import InputError
from store.front_door.queries import ProposalQuery, list_proposals, queue_summary
from store.front_door.services import add_proposal
from store.handle import Store
from store.portfolio.queries import assessment_history
from store.portfolio.services import record_assessment
from store.star_chamber.queries.requests import (
    RequestQuery,
    request_count,
    request_row,
    status_counts,
)
from store.star_chamber.services.requests import add_request
from tests.factories import small_portfolio
from tests.write_workers import CODES

TEXT = st.text(min_size=0, max_size=40)


class Services(RuleBasedStateMachine):
    """The register, the Star Chamber and the front door, driven through their services."""

    def __init__(self) -> None:
        super().__init__()
        self.store: Store | None = None
        self.changes = 0
        self.assessments: dict[int, tuple[str, str, str]] = {}
        self.requests: dict[str, int] = {}
        self.proposals: dict[str, str] = {}

    @initialize(folder=st.just(None))
    def open_store(self, folder) -> None:
        import tempfile
        from pathlib import Path

        self.folder = tempfile.TemporaryDirectory()
        self.store, _ = Store.open(f"sqlite:///{Path(self.folder.name) / 'p.db'}", "tester")
        small_portfolio(self.store)
        self.initial_events = self._events()

    def _events(self) -> int:
        with self.store.reading() as connection:
            return connection.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0]

    def _save(self, service, data) -> object | None:
        try:
            with self.store.writing() as session:
                saved = service(data, session=session)
        except InputError:
            return None
        self.changes += 1
        return saved

    @rule(code=st.sampled_from(CODES), rag=st.sampled_from("RAGX"), rationale=TEXT)
    def save_rag(self, code, rag, rationale) -> None:
        data = {"code": code, "criterion": "Overall status", "rag": rag, "rationale": rationale}
        saved = self._save(record_assessment, data)
        if saved is not None:
            self.assessments[saved.id] = (code, saved.rag, saved.rationale)

    @rule(
        group=st.sampled_from(["TP", "DoR", "XX"]),
        fte=st.sampled_from(["1", "0.5", "2.25", "0", "-1", "abc", "1.234"]),
        post=TEXT,
    )
    def add_vacancy(self, group, fte, post) -> None:
        data = {
            "business_group": group,
            "post": post,
            "grade": "C",
            "fte": fte,
            "staff_type": "police_staff",
            "justification": "The team cannot keep up.",
            "received_on": "2011-06-01",
        }
        saved = self._save(add_request, data)
        if saved is not None:
            self.requests[saved.reference] = int(Decimal(fte) * 100)

    @rule(title=TEXT, cost=st.sampled_from(["", "250k", "£1.2m", "12.50", "-5", "lots"]))
    def add_proposal(self, title, cost) -> None:
        data = {
            "title": title,
            "business_group": "TP",
            "sponsor": "Cdr Ian Vale",
            "problem": "Custody booking is slow.",
            "cost": cost,
        }
        saved = self._save(add_proposal, data)
        if saved is not None:
            self.proposals[saved.reference] = saved.title

    @invariant()
    def one_audit_event_per_change(self) -> None:
        if self.store is not None:
            assert self._events() == self.initial_events + self.changes

    @invariant()
    def history_is_never_lost(self) -> None:
        if self.store is None:
            return
        with self.store.reading() as connection:
            ids = dict(connection.execute("SELECT code, id FROM initiative"))
            kept = {}
            for code in CODES:
                for row in assessment_history(connection, ids[code]):
                    kept[row.id] = (code, row.rag, row.rationale)
            assert {key: kept.get(key) for key in self.assessments} == self.assessments
            for reference, fte_x100 in self.requests.items():
                assert request_row(connection, reference).fte_x100 == fte_x100
            listed = {
                row.reference: row.title for row in list_proposals(connection, ProposalQuery())
            }
            assert listed == self.proposals

    @invariant()
    def totals_equal_the_sum_of_their_parts(self) -> None:
        if self.store is None:
            return
        with self.store.reading() as connection:
            counts = status_counts(connection)
            assert sum(counts.values()) == request_count(connection, RequestQuery())
            assert sum(counts.values()) == len(self.requests)
            summary = queue_summary(connection, ProposalQuery())
            assert summary.total == summary.received + summary.in_triage + summary.decided
            assert summary.total == len(self.proposals)

    def teardown(self) -> None:
        if self.store is not None:
            self.store.close()
            self.folder.cleanup()


Services.TestCase.settings = settings(max_examples=15, stateful_step_count=12, deadline=None)
test_services = Services.TestCase
