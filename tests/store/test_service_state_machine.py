"""A stateful property test over the RAG, vacancy request and proposal services, the
savings plan's cells and budget requirements, and the early departure scheme's groups:
random sequences of saves (valid and not) keep one audit event per change, never lose
earlier history, and keep every total users are shown (the plan's Total Service
Improvement and Remaining budget gap, the scheme's Total row, the request and proposal
counts) equal to the sum of its lines, checked against a model the test keeps itself."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from store.errors import InputError
from store.front_door.queries import ProposalQuery, list_proposals, queue_summary
from store.front_door.services import add_proposal
from store.handle import Store
from store.portfolio.queries import assessment_history
from store.portfolio.services import record_assessment
from store.programme.savings.queries import savings_plan
from store.programme.savings.read_models import Figures
from store.programme.savings.services import (
    create_savings_line,
    create_savings_year,
    set_budget_requirement,
    set_savings_cell,
)
from store.star_chamber.queries.departures import schemes
from store.star_chamber.queries.requests import (
    RequestQuery,
    request_count,
    request_row,
    status_counts,
)
from store.star_chamber.services.departures import add_scheme, set_departure_group
from store.star_chamber.services.requests import add_request
from tests.support.factories import small_portfolio
from tests.support.write_workers import CODES

TEXT = st.text(min_size=0, max_size=40)

MEASURES = ("gbp_m_tenths", "police_officers", "police_staff", "pcsos")
LINES = ("Catering", "Estates", "Custody")
YEARS = ("2011/12", "2012/13")
REQUIREMENT = {"2011/12": 857, "2012/13": None}
DEPARTURE_GROUPS = ("Traffic Wardens", "Station Reception", "Catering staff")


def _tenths_text(tenths: int) -> str:
    """Tenths of £m as the text a person types: -82 -> "-8.2"."""
    sign = "-" if tenths < 0 else ""
    return f"{sign}{abs(tenths) // 10}.{abs(tenths) % 10}"


# (text typed, value it means, whether it is valid): a blank clears the measure.
BLANK = ("", None, True)
GBP_M = st.one_of(
    st.integers(-20_000, 20_000).map(lambda tenths: (_tenths_text(tenths), tenths, True)),
    st.just(BLANK),
    st.sampled_from([("1.25", None, False), ("lots", None, False)]),
)
HEADS = st.one_of(
    st.integers(-2_000, 2_000).map(lambda heads: (str(heads), heads, True)),
    st.just(BLANK),
    st.sampled_from([("2.5", None, False), ("x", None, False)]),
)
CELL_VALUES = st.fixed_dictionaries(
    {},
    optional={"gbp_m": GBP_M, "police_officers": HEADS, "police_staff": HEADS, "pcsos": HEADS},
)
REQUIREMENTS = st.one_of(
    st.integers(0, 20_000).map(lambda tenths: (_tenths_text(tenths), tenths, True)),
    st.just(BLANK),
    st.integers(-20_000, -1).map(lambda tenths: (_tenths_text(tenths), None, False)),
)


class Services(RuleBasedStateMachine):
    """The register, the Star Chamber and the front door, driven through their services."""

    def __init__(self) -> None:
        super().__init__()
        self.store: Store | None = None
        self.changes = 0
        self.assessments: dict[int, tuple[str, str, str]] = {}
        self.requests: dict[str, int] = {}
        self.proposals: dict[str, str] = {}
        self.cells: dict[tuple[str, str], dict[str, int | None]] = {}
        self.requirement = dict(REQUIREMENT)
        self.departures: dict[str, tuple[int, int, int]] = {}

    @initialize(folder=st.just(None))
    def open_store(self, folder) -> None:
        import tempfile
        from pathlib import Path

        self.folder = tempfile.TemporaryDirectory()
        self.store, _ = Store.open(f"sqlite:///{Path(self.folder.name) / 'p.db'}", "tester")
        small_portfolio(self.store)
        with self.store.writing() as session:
            for year, requirement in REQUIREMENT.items():
                typed = "" if requirement is None else _tenths_text(requirement)
                create_savings_year(
                    {"financial_year": year, "budget_requirement": typed}, session=session
                )
            for line in LINES:
                create_savings_line({"name": line, "business_group": "TP"}, session=session)
            add_scheme(
                {
                    "phase": 1,
                    "name": "Voluntary early departure",
                    "staff_groups": "Police staff",
                    "terms": "Early retirement or severance",
                    "opens_on": "2011-04-01",
                },
                session=session,
            )
        self.initial_events = self._events()

    def _events(self) -> int:
        return self._count("audit_event")

    def _count(self, table: str) -> int:
        with self.store.reading() as connection:
            return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

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
        responses = self._count("red_response")
        saved = self._save(record_assessment, data)
        # A save that turns the overall RAG Red opens a Response to Red: its own change.
        self.changes += self._count("red_response") - responses
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

    @rule(
        line=st.sampled_from((*LINES, "Nowhere")),
        year=st.sampled_from((*YEARS, "2020/21")),
        values=CELL_VALUES,
    )
    def set_cell(self, line, year, values) -> None:
        data = {"line": line, "year": year} | {name: text for name, (text, _, _) in values.items()}
        saved = self._save(set_savings_cell, data)
        current = self.cells.get((line, year), dict.fromkeys(MEASURES))
        wanted = {
            ("gbp_m_tenths" if name == "gbp_m" else name): value
            for name, (_, value, _) in values.items()
        }
        accepted = (
            line in LINES
            and year in YEARS
            and all(valid for _, _, valid in values.values())
            and any(current[name] != value for name, value in wanted.items())
        )
        assert (saved is not None) == accepted, (data, saved)
        if saved is not None:
            self.cells[(line, year)] = current | wanted
            assert saved.figures == Figures(**self.cells[(line, year)])

    @rule(year=st.sampled_from(YEARS), value=REQUIREMENTS)
    def set_requirement(self, year, value) -> None:
        text, tenths, valid = value
        saved = self._save(set_budget_requirement, {"year": year, "budget_requirement": text})
        assert (saved is not None) == (valid and tenths != self.requirement[year])
        if saved is not None:
            self.requirement[year] = tenths

    @rule(
        name=st.sampled_from(DEPARTURE_GROUPS),
        offered=st.integers(0, 500),
        accepted=st.integers(0, 600),
        cost_k=st.integers(0, 50_000),
    )
    def set_departures(self, name, offered, accepted, cost_k) -> None:
        data = {
            "name": name,
            "offered": offered,
            "accepted": accepted,
            "cost_gbp_m": str(Decimal(cost_k).scaleb(-3)),
        }
        saved = self._save(partial(set_departure_group, 1), data)
        assert (saved is not None) == (accepted <= offered)
        if saved is not None:
            self.departures[name] = (offered, accepted, cost_k)

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
            plan = savings_plan(connection)
            (scheme,) = schemes(connection)
        for line in LINES:
            for year in YEARS:
                kept = self.cells.get((line, year), dict.fromkeys(MEASURES))
                assert plan.line(line).figures(year) == Figures(**kept)
        for year in YEARS:
            total = {}
            for name in MEASURES:
                given = [
                    cell[name]
                    for (_, cell_year), cell in self.cells.items()
                    if cell_year == year and cell[name] is not None
                ]
                total[name] = sum(given) if given else None
            assert plan.total(year) == Figures(**total)
            requirement = self.requirement[year]
            assert plan.requirement(year) == requirement
            gap = None if requirement is None else requirement + (total["gbp_m_tenths"] or 0)
            assert plan.remaining_gap(year) == gap
        shown = {
            group.name: (group.offered, group.accepted, group.cost_gbp_k) for group in scheme.groups
        }
        assert shown == self.departures
        lines = self.departures.values()
        assert (scheme.total.offered, scheme.total.accepted, scheme.total.cost_gbp_k) == (
            sum(line[0] for line in lines),
            sum(line[1] for line in lines),
            sum(line[2] for line in lines),
        )

    def teardown(self) -> None:
        if self.store is not None:
            self.store.close()
            self.folder.cleanup()


Services.TestCase.settings = settings(max_examples=15, stateful_step_count=12, deadline=None)
test_services = Services.TestCase
