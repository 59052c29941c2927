"""The demo portfolio as the read queries see it, and a check that it is fair to the seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store import paths
from store.audit import verify_chain
from store.demo import DemoSummary, is_empty, load_demo, people
from store.handle import Store
from store.portfolio.queries import (
    PortfolioQuery,
    count_initiatives,
    current_period,
    initiative_detail,
    list_business_groups,
    list_criteria,
    portfolio_page,
    portfolio_summary,
)
from store.types import OVERALL_CRITERION, RISKS_CRITERION, Trend
from tests.conftest import OS_LOGIN
from tests.support.seeds import copied_from_seeds

APPENDIX_A_GROUPS = {
    "DoI": "Directorate of Information",
    "DoR": "Directorate of Resources",
    "HR": "Human Resources",
    "SCD": "Specialist Crime Directorate",
    "TP": "Territorial Policing",
    "CO": "Central Operations",
    "CORP": "Corporate",
}

TPD_PROJECTS = {
    "TPHQ (C&CS)",
    "Crime Recording and Investigation Bureau (CRIB)",
    "Intelligence",
    "Command and Control (IBO/CCC & TRC)",
    "Response",
    "Safer Neighbourhood Teams (SNTs)",
    "Public Access (Front Counters)",
    "Performance",
    "Detention",
    "Wanted Offender Management",
    "Investigation",
    "Joint Prosecution Service (IPT2)",
    "Partnership (MASH)",
}

DRM_WORKSTREAMS = {
    "Corporate Real Estate",
    "Finance & Resources Modernisation 2 (F&RM2)",
    "Delivery of Property Services",
    "Procurement",
    "SAP",
    "Source to Payment",
    "Asset tracking",
    "Capital Investment Impact – Projects IN to Service (PINS)",
}


def all_initiatives(summary: DemoSummary) -> int:
    """Initiatives every demo part loaded (feature parts add their own)."""
    return sum(count for what, count in summary.counts.items() if "initiatives" in what)


@pytest.fixture(scope="module")
def loaded_template(tmp_path_factory) -> tuple[Path, DemoSummary]:
    """The demo loaded once, as `tester`, into a fresh database: its file and summary."""
    path = tmp_path_factory.mktemp("loaded-demo") / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paths, "os_login", lambda: OS_LOGIN)  # as the autouse fixture does
        handle, _ = Store.open(f"sqlite:///{path}", "tester")
        try:
            with handle.writing() as session:
                summary = load_demo(session)
        finally:
            handle.close()
    return path, summary


@pytest.fixture
def store(request, db_path: Path, migrated_template: Path, loaded_template):
    """This test's database, acting as `tester`: fresh, or (for a test that asks for
    `demo`) a copy of the database the demo was loaded into."""
    wanted = loaded_template[0] if "demo" in request.fixturenames else migrated_template
    shutil.copyfile(wanted, db_path)
    handle, _ = Store.open(f"sqlite:///{db_path}", "tester")
    yield handle
    handle.close()


@pytest.fixture
def demo(store, loaded_template) -> DemoSummary:
    """The demo loaded into this test's database (a copy of one load: see `store`)."""
    return loaded_template[1]


def test_is_empty_before_and_not_after_loading(store):
    with store.reading() as conn:
        assert is_empty(conn)
    with store.writing() as session:
        load_demo(session)
    with store.reading() as conn:
        assert not is_empty(conn)


def test_the_summary_counts_what_was_stored(store, demo):
    summary = demo  # the summary of the load this test's database is a copy of
    with store.reading() as conn:
        assert all_initiatives(summary) == count_initiatives(conn)
        assert summary.counts["business groups"] == len(list_business_groups(conn))
        assessments = conn.execute("SELECT COUNT(*) FROM rag_assessment").fetchone()[0]
        assert summary.counts["assessments"] == assessments
    assert summary.describe().startswith(
        "11 users, 12 business groups, 86 initiatives, 33 assessments"
    )


def test_load_refuses_a_database_that_already_holds_a_portfolio(store, demo):
    from store.errors import InputError

    with pytest.raises(InputError, match="already holds a portfolio"), store.writing() as session:
        load_demo(session)
    with store.reading() as conn:
        assert count_initiatives(conn) == all_initiatives(demo)


def test_every_appendix_a_business_group_is_present(store, demo):
    with store.reading() as conn:
        groups = {group.code: group.name for group in list_business_groups(conn)}
    for code, name in APPENDIX_A_GROUPS.items():
        assert groups[code] == name


def test_tp_development_has_its_thirteen_projects(store, demo):
    with store.reading() as conn:
        tpd = initiative_detail(conn, "TPD")
    assert tpd is not None
    assert (tpd.kind, tpd.business_group, tpd.tier, tpd.complexity) == (
        "programme",
        "TP",
        "transformational",
        "high",
    )
    assert len(tpd.children) == 13
    assert {child.name for child in tpd.children} == TPD_PROJECTS
    assert {child.kind for child in tpd.children} == {"project"}


def test_drm_has_its_workstreams(store, demo):
    with store.reading() as conn:
        drm = initiative_detail(conn, "DRM")
    assert drm is not None
    assert (drm.business_group, drm.tier, drm.complexity) == ("DoR", "transformational", "high")
    workstreams = {child.name for child in drm.children if child.kind == "workstream"}
    assert workstreams == DRM_WORKSTREAMS


def test_scd_realignment_and_co_improvement_plan_have_their_children(store, demo):
    with store.reading() as conn:
        scd = initiative_detail(conn, "SCDR")
        co = initiative_detail(conn, "COIP")
        lean = initiative_detail(conn, "LEAN")
        train = initiative_detail(conn, "TRAIN")
    assert scd is not None and co is not None
    assert scd.business_group == "SCD"
    assert {
        "Specialist Crime and Investigation",
        "Organised Crime",
        "Strategic Risk Management & Specialist Crime Reduction",
        "Intelligence & Covert Policing",
        "SCD Operations Room",
        "Forensics",
    } <= {child.name for child in scd.children}
    assert co.business_group == "CO"
    assert {child.name for child in co.children} >= {
        "Deployment Bases",
        "Support Services Review",
        "Asset Management",
        "MPSTC",
        "Modernising Payment Process",
        "Firearms Cadre",
        "CO Allowances",
    }
    assert lean is not None and (lean.business_group, lean.tier, lean.complexity) == (
        "DoI",
        "mandated",
        "medium",
    )
    assert train is not None and train.business_group == "HR"
    assert train.tier in {"transformational", "mandated"}


def test_programmes_have_owners_and_children_have_a_manager(store, demo):
    with store.reading() as conn:
        rows = portfolio_page(conn, PortfolioQuery(), limit=1000)
        for row in rows:
            detail = initiative_detail(conn, row.code)
            assert detail is not None
            assert detail.programme_manager, row.code
            if row.kind == "programme":
                assert detail.sro, row.code
                assert detail.tier and detail.complexity, row.code
                assert detail.description, row.code
    assert all(author.islower() and "." in author for author in people.AUTHORS)


def _current(detail, criterion: str) -> tuple[str | None, str | None]:
    status = next(s for s in detail.criteria if s.criterion == criterion)
    return status.period, status.rag


def test_2011_q1_rags_follow_seed_000(store, demo):
    expected = {"DRM": "G", "TPD": "G", "TRAIN": "G", "LEAN": "G", "SCDR": "A"}
    with store.reading() as conn:
        assert [c.name for c in list_criteria(conn)] == [OVERALL_CRITERION, RISKS_CRITERION]
        for code, rag in expected.items():
            detail = initiative_detail(conn, code)
            assert _current(detail, OVERALL_CRITERION) == ("2011-Q1", rag), code
        tpd = initiative_detail(conn, "TPD")
    assert _current(tpd, RISKS_CRITERION) == ("2011-Q1", "A")
    assert tpd.strip(RISKS_CRITERION) == [("2010-Q4", "R"), ("2011-Q1", "A")]


def test_trends_show_up_down_and_same(store, demo):
    with store.reading() as conn:
        rows = portfolio_page(conn, PortfolioQuery(), limit=1000)
        assert current_period(conn) == "2011-Q1"
        summary = portfolio_summary(conn, PortfolioQuery())
    trends = {row.code: row.trend for row in rows}
    assert {Trend.UP, Trend.DOWN, Trend.SAME} <= set(trends.values())
    assert trends["SCDR"] is Trend.DOWN
    assert trends["DRM"] is Trend.UP
    assert trends["TPD"] is Trend.SAME
    assert summary.total == all_initiatives(demo)
    assert summary.green >= 5 and summary.amber >= 1
    assert not any(row.stale for row in rows if row.rag is not None)


def test_assessments_are_recorded_by_several_authors_oldest_period_first(store, demo):
    with store.reading() as conn:
        authors = {row[0] for row in conn.execute("SELECT DISTINCT author FROM rag_assessment")}
        periods = [row[0] for row in conn.execute("SELECT period FROM rag_assessment ORDER BY id")]
    assert len(authors) >= 3
    assert authors <= set(people.AUTHORS)
    assert periods == sorted(periods)
    assert set(periods) == {"2010-Q4", "2011-Q1"}


@pytest.mark.parametrize(
    ("code", "tier"),
    [
        ("CONNECT", "transformational"),
        ("CMD-CTRL", "transformational"),
        ("RESMAN", "transformational"),
        ("PIB", "mandated"),
        ("DES", "mandated"),
        ("FR", "mandated"),
        ("NLP-POC", "experimental"),
        ("LONGARM", "experimental"),
        ("MT-PILOT", "experimental"),
        ("SCHOOLS", "experimental"),
        ("SOP-UPD", "incremental"),
        ("CPIC-PEU", "mandated"),
        ("EASYLIFT", "mandated"),
    ],
)
def test_seed_003_examples_have_their_tiers(store, demo, code, tier):
    with store.reading() as conn:
        detail = initiative_detail(conn, code)
    assert detail is not None
    assert detail.tier == tier
    assert detail.start_date is not None and detail.start_date.year >= 2020
    assert detail.history == ()  # seed-003 examples carry no RAGs


def test_on_call_sits_under_command_and_control(store, demo):
    with store.reading() as conn:
        connect = initiative_detail(conn, "CONNECT")
        on_call = initiative_detail(conn, "ONCALL")
    assert (connect.complexity, connect.data_digital) == ("high", True)
    assert on_call.parent_code == "CMD-CTRL"


def test_audit_chain_holds_one_event_per_record(store, demo):
    with store.reading() as conn:
        report = verify_chain(conn)
        counts = {
            table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in (
                "audit_event",
                "business_group",
                "rag_criterion",
                "initiative",
                "rag_assessment",
                "setting",
            )
        }
        by_entity = dict(conn.execute("SELECT entity, COUNT(*) FROM audit_event GROUP BY entity"))
    assert report.ok, report.problem
    assert counts["setting"] == 1
    assert counts["audit_event"] == sum(by_entity.values()) == report.events
    # Feature parts audit their own entities too; the register's are one event per record.
    assert {entity: by_entity[entity] for entity in counts if entity != "audit_event"} == {
        "business_group": counts["business_group"],
        "rag_criterion": counts["rag_criterion"],
        "initiative": counts["initiative"],
        "rag_assessment": counts["rag_assessment"],
        "setting": 1,
    }


def test_loading_is_deterministic(tmp_path, migrated_template, loaded_template):
    """The module's one load (a copy of it) and a second load into a fresh database store
    the same rows."""
    shutil.copyfile(loaded_template[0], tmp_path / "one.db")
    shutil.copyfile(migrated_template, tmp_path / "two.db")
    snapshots = []
    for name in ("one.db", "two.db"):
        handle, _ = Store.open(f"sqlite:///{tmp_path / name}", "tester")
        try:
            if name == "two.db":
                with handle.writing() as session:
                    load_demo(session)
            with handle.reading() as conn:
                snapshots.append(
                    (
                        conn.execute(
                            "SELECT code, name, kind, description, tier, complexity, "
                            "complexity_kinds, sro, programme_manager, start_date, end_date, "
                            "lifecycle, data_digital, tree_path FROM initiative ORDER BY id"
                        ).fetchall(),
                        conn.execute(
                            "SELECT initiative_id, criterion_id, period, rag, rationale, author "
                            "FROM rag_assessment ORDER BY id"
                        ).fetchall(),
                    )
                )
        finally:
            handle.close()
    assert snapshots[0] == snapshots[1]


def test_no_rationale_or_description_is_copied_from_the_seeds(store, demo):
    with store.reading() as conn:
        texts = [
            (f"description of {row[0]}", row[1])
            for row in conn.execute("SELECT code, description FROM initiative")
        ]
        texts += [
            (f"rationale {row[0]}/{row[1]}/{row[2]}", row[3])
            for row in conn.execute(
                "SELECT i.code, c.name, a.period, a.rationale FROM rag_assessment AS a "
                "JOIN initiative AS i ON i.id = a.initiative_id "
                "JOIN rag_criterion AS c ON c.id = a.criterion_id"
            )
        ]
        texts += [
            (f"criterion {row[0]}", row[1])
            for row in conn.execute("SELECT name, description FROM rag_criterion")
        ]
    assert all(text for _, text in texts)
    copied = copied_from_seeds(texts)
    assert not copied, "text copied from the seeds:\n" + "\n".join(copied)
