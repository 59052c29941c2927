"""`portfolio sync` when the server is not there: a central file moved away, or a
PostgreSQL server out of reach. One line saying so and what to do, exit 1, and the
laptop's journal kept whole to send next time."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli import run
from tests.support.reads import value
from tests.support.sync import open_replica

UNREACHABLE = "postgresql+psycopg://nobody@/portfolio?host=/nonexistent/socket-folder"


def _laptop_with_one_op(capsys, demo_path: Path, tmp_path: Path) -> str:
    laptop = str(tmp_path / "laptop.db")
    assert run(capsys, "replica", "create", str(demo_path), laptop)[0] == 0
    code, _, err = run(capsys, "--db", laptop, "risks", "update", "7", "--likelihood", "1")
    assert code == 0, err
    return laptop


def _pending(laptop: str) -> int:
    with open_replica(Path(laptop)) as store:
        return value(store, "SELECT COUNT(*) FROM sync_journal WHERE status = 'pending'")


def test_a_central_file_moved_away_is_named_as_not_found(capsys, demo_path, tmp_path):
    laptop = _laptop_with_one_op(capsys, demo_path, tmp_path)
    demo_path.rename(tmp_path / "moved.db")
    code, _, err = run(capsys, "sync", "--db", laptop)
    assert code == 1
    assert "cannot be found" in err and str(demo_path) in err and "--server" in err
    assert "unexpected error" not in err and "schema missing" not in err
    assert _pending(laptop) == 1


def test_a_server_out_of_reach_is_said_so_and_nothing_is_lost(capsys, demo_path, tmp_path):
    laptop = _laptop_with_one_op(capsys, demo_path, tmp_path)
    code, _, err = run(capsys, "sync", "--db", laptop, "--server", UNREACHABLE)
    assert code == 1
    assert "could not be reached" in err and "nothing will be sent twice" in err
    assert "unexpected error" not in err
    assert _pending(laptop) == 1
