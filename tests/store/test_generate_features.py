"""The generator's feature parts: programme depth, the Star Chamber and the front door.

Small sizes only: the counts follow the plan, every row passes the schema's CHECK
constraints and foreign keys (`portfolio check`), the derived columns agree with the
rows they summarise, the features' own queries read the data, and a seed always
gives the same data.
"""

from __future__ import annotations

from datetime import date

import pytest

from store import paths
from store.check import check_database
from store.front_door.queries import ProposalQuery, list_proposals, queue_summary
from store.generate import Plan, generate
from store.handle import Store
from store.programme.risks.queries import heat_map
from store.programme.savings.queries import savings_plan
from store.star_chamber.queries.decisions import decisions_on_request, latest_live_decision
from store.star_chamber.queries.meetings import list_meetings
from store.star_chamber.queries.requests import RequestQuery, request_count, request_page

PLAN = Plan(initiatives=200, periods=4, seed=5)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """One small generated database, shared by the read-only tests here."""
    path = tmp_path_factory.mktemp("generated") / "g.db"
    store, _ = Store.open(f"sqlite:///{path}", paths.os_login())
    with store.writing() as session:
        summary = generate(session, PLAN)
    yield store, summary, path
    store.close()


def _count(connection, table: str) -> int:
    return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_counts_follow_the_plan_and_match_the_summary(generated):
    store, summary, _ = generated
    assert summary.rows["sc_requests"] == 10 * PLAN.initiatives
    assert summary.rows["proposals"] == PLAN.initiatives // 2
    for key in ("risks", "milestones", "dependencies", "sc_decisions", "proposal_decisions"):
        assert summary.rows[key] > 0, key
    tables = {
        "risks": "risk",
        "milestones": "milestone",
        "dependencies": "dependency",
        "savings_lines": "savings_line",
        "savings_cells": "savings_cell",
        "sc_meetings": "sc_meeting",
        "sc_requests": "sc_request",
        "sc_agenda_items": "sc_agenda_item",
        "sc_decisions": "sc_decision",
        "sc_engagements": "sc_engagement",
        "sc_establishment": "sc_establishment",
        "proposals": "proposal",
        "proposal_triage": "proposal_triage",
        "proposal_decisions": "proposal_decision",
    }
    with store.reading() as connection:
        for key, table in tables.items():
            assert _count(connection, table) == summary.rows[key], table


def test_the_database_passes_every_check_with_one_audit_event_for_the_load(generated):
    _, _, path = generated
    report = check_database(path)
    assert report.ok, report.problems
    assert report.foreign_keys == []
    # the first write to a new database makes the OS user admin, then the load itself
    assert report.chain.events == 2


def test_the_indexes_dropped_for_the_load_are_all_back(generated, tmp_path):
    generated_store, _, _ = generated
    sql = "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name"
    with generated_store.reading() as connection:
        after_load = [row[0] for row in connection.execute(sql)]
    # A fresh database on the same engine as the generated one (SQLite).
    store, _ = Store.open(f"sqlite:///{tmp_path / 'fresh.db'}", paths.os_login())
    with store, store.reading() as connection:
        fresh = [row[0] for row in connection.execute(sql)]
    assert after_load == fresh


def test_requests_follow_their_live_decision(generated):
    store, _, _ = generated
    with store.reading() as connection:
        rows = connection.execute(
            "SELECT id, status, outcome, meeting_id, decided_on FROM sc_request"
        ).fetchall()
        open_meetings = connection.execute(
            "SELECT id FROM sc_meeting WHERE status = 'open'"
        ).fetchall()
        assert len(open_meetings) == 1
        for request_id, status, outcome, meeting_id, decided_on in rows:
            live = latest_live_decision(connection, request_id)
            if status == "decided":
                assert live.outcome == outcome and live.outcome != "deferred"
                assert live.decided_on == date.fromisoformat(decided_on)
            elif status == "on_agenda":
                assert meeting_id == open_meetings[0][0]
                assert live is None or live.outcome == "deferred"
            else:
                assert live is None and meeting_id is None
        unagenda = connection.execute(
            "SELECT COUNT(*) FROM sc_decision AS d LEFT JOIN sc_agenda_item AS a"
            " ON a.meeting_id = d.meeting_id AND a.request_id = d.request_id WHERE a.id IS NULL"
        ).fetchone()[0]
        assert unagenda == 0  # every decision was taken on an agenda item


def test_approvals_record_the_posting_list_step(generated):
    store, _, _ = generated
    with store.reading() as connection:
        steps = dict(
            connection.execute(
                "SELECT posting_step, COUNT(*) FROM sc_decision"
                " WHERE outcome IN ('approved','approved_with_conditions') GROUP BY 1"
            ).fetchall()
        )
        posted = connection.execute(
            "SELECT COUNT(*) FROM sc_displaced AS p JOIN sc_decision AS d"
            " ON d.posted_person_id = p.id AND d.request_id = p.posted_request_id"
            " WHERE p.status = 'posted'"
        ).fetchone()[0]
    assert "not_applicable" not in steps and steps["none_suitable"] > 0
    assert posted == steps.get("posted", 0)


def test_the_star_chamber_queries_read_the_generated_requests(generated):
    store, summary, _ = generated
    with store.reading() as connection:
        assert request_count(connection, RequestQuery()) == summary.rows["sc_requests"]
        page = request_page(connection, RequestQuery(status="decided"), limit=20)
        assert len(page) == 20 and all(row.status == "decided" for row in page)
        decisions = decisions_on_request(connection, page[0].id)
        assert decisions and decisions[-1].figures  # the stored figures parse
        meetings = list_meetings(connection)
        assert len(meetings) == summary.rows["sc_meetings"]


def test_proposals_triage_and_decisions_agree(generated):
    store, summary, _ = generated
    with store.reading() as connection:
        stored = dict(connection.execute("SELECT status, COUNT(*) FROM proposal GROUP BY 1"))
        assert stored["decided"] == summary.rows["proposal_decisions"]
        assert stored["decided"] + stored["in_triage"] == summary.rows["proposal_triage"]
        mismatched = connection.execute(
            "SELECT COUNT(*) FROM proposal AS p JOIN proposal_decision AS d"
            " ON d.proposal_id = p.id JOIN initiative AS i ON i.id = d.initiative_id"
            " WHERE p.initiative_id IS NOT d.initiative_id OR i.tier IS NOT d.tier"
        ).fetchone()[0]
        assert mismatched == 0  # accepted proposals are linked both ways, same tier
        linked = connection.execute(
            "SELECT COUNT(*) FROM proposal_decision WHERE outcome IN ('accepted','experiment')"
            " AND initiative_id IS NULL"
        ).fetchone()[0]
        assert linked == 0
        queue = queue_summary(connection, ProposalQuery())
        assert queue.total == summary.rows["proposals"]
        assert len(list_proposals(connection)) == summary.rows["proposals"]


def test_programme_depth_reads_back(generated):
    store, summary, _ = generated
    with store.reading() as connection:
        grid = heat_map(connection)
        plan = savings_plan(connection)
        done_without_actual = connection.execute(
            "SELECT COUNT(*) FROM milestone WHERE (status = 'done') <> (actual IS NOT NULL)"
        ).fetchone()[0]
    assert sum(grid.counts.values()) > 0
    assert len(plan.lines) == summary.rows["savings_lines"]
    assert done_without_actual == 0


def _rows(store: Store) -> dict[str, list[tuple]]:
    tables = ["risk", "milestone", "dependency", "savings_cell", "sc_request", "sc_decision"]
    tables += ["sc_engagement", "proposal", "proposal_triage", "proposal_decision"]
    with store.reading() as connection:
        return {t: connection.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}


def test_the_same_seed_gives_the_same_feature_data(tmp_path):
    def make(name: str, seed: int) -> dict[str, list[tuple]]:
        store, _ = Store.open(f"sqlite:///{tmp_path / name}", paths.os_login())
        with store.writing() as session:
            generate(session, Plan(initiatives=60, periods=2, seed=seed))
        rows = _rows(store)
        store.close()
        return rows

    first, second, other = make("a.db", 3), make("b.db", 3), make("c.db", 4)
    assert first == second
    assert first["sc_request"] != other["sc_request"]
    assert first["proposal"] != other["proposal"]


def test_request_and_proposal_counts_can_be_set_or_left_out(tmp_path):
    store, _ = Store.open(f"sqlite:///{tmp_path / 'g.db'}", paths.os_login())
    with store.writing() as session:
        summary = generate(session, Plan(initiatives=30, periods=1, requests=0, proposals_wanted=7))
    assert "sc_requests" not in summary.rows
    assert summary.rows["proposals"] == 7
    store.close()
    assert check_database(tmp_path / "g.db").ok
