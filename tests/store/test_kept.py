"""Kept reads (`store.kept`): a costly read is answered from memory only while no change
has been recorded since it was worked out; a change by anyone (another handle, as
another desk or process would make) is seen at the next read, on SQLite and PostgreSQL.
The portfolio benefits view reads this way (`tests/tui/test_benefits_kept.py`)."""

from __future__ import annotations

from datetime import date

from store.benefits.standing import overview
from store.kept import Kept, chain_head
from tests.support.writes import measured_elsewhere

AS_AT = date(2011, 3, 31)
HOURS = "Officer hours returned to local policing"


def _behind(connection) -> list[str]:
    """The names of the benefits behind their profile as at 31 March 2011."""
    return [item.name for item in overview(connection, AS_AT)[1]]


class Counted:
    """`_behind`, counting how often it is worked out."""

    def __init__(self) -> None:
        self.times = 0

    def __call__(self, connection) -> list[str]:
        self.times += 1
        return _behind(connection)


def _measure(url: str, value: int) -> None:
    """Another desk records TPD's hours on 31 March 2011."""
    measured_elsewhere(url, HOURS, AS_AT, value)


def test_an_unchanged_register_is_answered_from_memory(demo_store):
    kept, work = Kept(), Counted()
    with demo_store.reading() as connection:
        first = kept.read(connection, "behind", work)
    with demo_store.reading() as connection:
        again = kept.read(connection, "behind", work)
    assert again == first and HOURS in first
    assert work.times == 1


def test_a_change_by_another_handle_is_seen_at_the_next_read(demo_store, demo_url):
    kept, work = Kept(), Counted()
    with demo_store.reading() as connection:
        assert HOURS in kept.read(connection, "behind", work)
        head = chain_head(connection)
    _measure(demo_url, 6000)
    with demo_store.reading() as connection:
        assert chain_head(connection) != head
        assert HOURS not in kept.read(connection, "behind", work)
    assert work.times == 2


def test_each_key_keeps_its_own_answer_and_the_oldest_goes_first(demo_store):
    kept = Kept(most=2)
    with demo_store.reading() as connection:
        for key in ("a", "b", "c"):
            kept.read(connection, key, lambda connection, key=key: key.upper())
        assert len(kept) == 2
        assert kept.read(connection, "b", lambda connection: "worked out again") == "B"
        assert kept.read(connection, "a", lambda connection: "worked out again") == (
            "worked out again"
        )


def test_a_new_day_replaces_yesterdays_answer_rather_than_keeping_both(demo_store):
    """Keys are `(name, parameters)`: an app left open for a week keeps one portfolio
    index (tens of MB at 100,000 initiatives), not one for each day."""
    kept = Kept()
    with demo_store.reading() as connection:
        kept.read(connection, ("index", date(2011, 3, 30)), lambda connection: "yesterday")
        kept.read(connection, ("view", date(2011, 3, 30)), lambda connection: "the view")
        kept.read(connection, ("index", date(2011, 3, 31)), lambda connection: "today")
        assert len(kept) == 2
        again = kept.read(connection, ("index", date(2011, 3, 30)), lambda connection: "again")
        assert again == "again"  # yesterday's was not kept
        assert kept.read(connection, ("view", date(2011, 3, 30)), lambda c: "?") == "the view"
