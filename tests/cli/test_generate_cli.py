"""`portfolio generate` on either engine: it writes the plan and names the database."""

from __future__ import annotations

from tests.support.cli import run


def test_generate_names_the_database_it_wrote_on_either_engine(capsys, store_db):
    code, _, err = run(capsys, "generate", "--db", store_db, "--initiatives", "5", "--periods", "1")
    assert code == 0, err
    assert f"generated into {store_db}: " in err and "5 initiatives" in err
