"""Between tests, a used database on the PostgreSQL test server is put back as its
template made it (`tests.support.pg_reset`), whichever way the tables a test wrote are
emptied: a `DELETE` with triggers and foreign keys off (what `scripts/pg-dev` lets its
owner role do), or `TRUNCATE` of them and the tables that refer to them (a server that
does not). The store tests on the server rely on it: each starts from the template."""

from __future__ import annotations

import pytest

from store.handle import Store
from store.users.services import add_user
from tests.support import pg, pg_reset

needs_server = pytest.mark.skipif(
    pg.server_url() is None, reason="needs a PostgreSQL server (PORTFOLIO_TEST_PG)"
)

TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
SEQUENCES = "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1"


def _contents(url: str) -> dict[str, object]:
    """Every table's rows (as one digest) and every sequence's position."""
    with pg.connect(url) as connection:
        found: dict[str, object] = {}
        for (table,) in connection.execute(TABLES).fetchall():
            found[table] = connection.execute(
                f"SELECT COUNT(*), md5(string_agg(r::text, ',' ORDER BY r::text))"
                f' FROM public."{table}" AS r'
            ).fetchone()
        for (sequence,) in connection.execute(SEQUENCES).fetchall():
            found[sequence] = connection.execute(
                f'SELECT last_value, is_called FROM public."{sequence}"'
            ).fetchone()
    return found


def _write(url: str) -> None:
    """Change the demo as tests do: through the app (a user and its audit event), and
    straight in SQL (a parent row many tables refer to changed, a row deleted, a row
    added with its sequence moved on)."""
    with Store(url, "tester") as store, store.writing() as session:
        add_user({"login": "z.reset", "role": "viewer"}, session=session)
    with pg.connect(url) as connection:
        connection.execute("UPDATE initiative SET name = name || ' (renamed)'")
        connection.execute(
            "DELETE FROM sc_agenda_item WHERE id = (SELECT MIN(id) FROM sc_agenda_item)"
        )
        connection.execute("INSERT INTO business_group (code, name) VALUES ('ZZ', 'Reset test')")


def _never_built(url: str) -> None:
    pytest.fail("the demo's template is made before the test")


@needs_server
@pytest.mark.parametrize("triggers_off", [True, False], ids=["delete", "truncate"])
def test_a_used_database_is_put_back_as_its_template_made_it(
    demo_url, pg_databases, monkeypatch, triggers_off
):
    before = _contents(demo_url)
    _write(demo_url)
    written = _contents(demo_url)
    assert {name for name in before if written[name] != before[name]} >= {
        "app_user",
        "audit_event",
        "initiative",
        "sc_agenda_item",
        "business_group",
    }
    if not triggers_off:  # as on a server that does not let the owner role set it
        monkeypatch.setattr(pg_reset, "_without_triggers", lambda connection: False)
    again = pg_databases.fresh("demo", _never_built)
    assert again == demo_url
    assert _contents(again) == before
