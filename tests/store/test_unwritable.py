"""A save on a full disk or a read-only database fails with a clear store error, writes
nothing, and leaves the file intact."""

from __future__ import annotations

import pytest

from store.check import check_database
from store.errors import DatabaseReadOnlyError, DiskFullError
from store.front_door.services import add_proposal
from store.portfolio.services import record_assessment
from tests.support.storage_faults import PASTED, counts, disk_full, read_only

pytestmark = pytest.mark.sqlite_only(
    "a full disk and a read-only database are faults of the SQLite file (SQLITE_FULL, "
    "SQLITE_READONLY), simulated there; on PostgreSQL they are the server's"
)


def _rag(rationale: str) -> dict:
    return {"code": "LEAN", "criterion": "Overall status", "rag": "R", "rationale": rationale}


def _proposal() -> dict:
    return {
        "title": "Shared custody booking",
        "business_group": "TP",
        "sponsor": "Cdr Ian Vale",
        "problem": PASTED,
    }


@pytest.mark.parametrize(
    ("fault", "error", "words"),
    [
        (disk_full, DiskFullError, "is full; nothing was saved"),
        (read_only, DatabaseReadOnlyError, "is read-only"),
    ],
    ids=["disk-full", "read-only"],
)
@pytest.mark.parametrize("save", ["rag", "proposal"])
def test_a_save_that_cannot_be_written_fails_clearly_and_writes_nothing(
    demo_store, demo_path, monkeypatch, fault, error, words, save
):
    with demo_store.reading() as connection:
        before = counts(connection)
    fault(monkeypatch)

    with pytest.raises(error, match=words) as raised, demo_store.writing() as session:
        if save == "rag":
            record_assessment(_rag(PASTED), session=session)
        else:
            add_proposal(_proposal(), session=session)

    assert str(demo_path) in str(raised.value)
    demo_store.close()
    monkeypatch.undo()
    with demo_store.reading() as connection:
        assert counts(connection) == before
    report = check_database(demo_path)
    assert report.ok, report.problems


def test_after_the_disk_is_freed_the_same_save_goes_through(demo_store, demo_path, monkeypatch):
    disk_full(monkeypatch)
    with pytest.raises(DiskFullError), demo_store.writing() as session:
        record_assessment(_rag(PASTED), session=session)
    demo_store.close()
    monkeypatch.undo()
    with demo_store.writing() as session:
        saved = record_assessment(_rag(PASTED), session=session)
    assert saved.rationale == PASTED.strip()
    assert check_database(demo_path).ok
