"""An initiative's audit trail gathers its own events and those of what belongs to it."""

from __future__ import annotations

from store.history.queries import entity_history, initiative_history
from store.programme.milestones.services import create_milestone, update_milestone
from store.programme.risks.services import create_risk


def _id(connection, code: str) -> int:
    return connection.execute("SELECT id FROM initiative WHERE code = ?", (code,)).fetchone()[0]


def test_history_holds_the_initiative_its_assessments_and_its_records(demo_store):
    with demo_store.writing() as session:
        create_risk(
            {"code": "LEAN", "description": "New risk", "likelihood": 2, "impact": 2},
            session=session,
        )
        create_milestone(
            {"code": "LEAN", "name": "Wave 2", "baseline": "2011-09-30"}, session=session
        )
        update_milestone(
            {"code": "LEAN", "name": "Wave 2", "forecast": "2011-10-31"}, session=session
        )
    with demo_store.reading() as connection:
        entries = initiative_history(connection, _id(connection, "LEAN"))
    entities = [entry.entity for entry in entries]
    assert entries[0].entity == "milestone" and entries[0].action == "update"
    assert entries[0].summary() == "forecast: blank → 2011-10-31"
    assert "risk" in entities and "initiative" in entities
    assert entities.count("rag_assessment") == 4  # LEAN's four demo assessments
    assert "savings_line" not in entities  # LEAN funds no §19 line
    assert [e.id for e in entries] == sorted((e.id for e in entries), reverse=True)


def test_history_includes_dependencies_both_ways_and_linked_savings(demo_store):
    with demo_store.reading() as connection:
        cre = initiative_history(connection, _id(connection, "DRM-CRE"))
        unrelated = initiative_history(connection, _id(connection, "PRINT"))
    kinds = {entry.entity for entry in cre}
    assert {"dependency", "savings_line", "savings_cell", "milestone", "risk"} <= kinds
    dependencies = [e for e in cre if e.entity == "dependency"]
    assert len(dependencies) == 5  # three in from TP, one out to TP, one out to Training
    assert [e.entity for e in unrelated] == ["initiative"]


def test_entity_history_reads_one_records_trail(demo_store):
    with demo_store.reading() as connection:
        entries = entity_history(connection, "savings_year", 1)
    assert len(entries) == 1 and entries[0].after["financial_year"] == "2011/12"
