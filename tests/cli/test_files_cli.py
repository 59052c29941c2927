"""Commands that write a file never destroy a database, replace another file only with
--force (exit 2 otherwise, naming the file and the flag), and a database is created only
by the commands that make one."""

from __future__ import annotations

import hashlib
import json
import os
import shutil

import pytest

from tests.support.cli import count, run


def digest(path) -> str:
    """The SHA-256 of the file at `path`."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _writes(target: str) -> list[tuple[str, ...]]:
    """Every command that writes a file, aimed at `target`."""
    return [
        ("report", "--format", "html", "-o", target),
        ("report", "--format", "md", "-o", target, "--force"),
        ("export", "--format", "json", "-o", target, "--force"),
        ("export", "--format", "xlsx", "-o", target, "--force"),
        ("export", "--template", "xlsx", "-o", target, "--force"),
        ("backup", target, "--force"),
    ]


@pytest.mark.parametrize("argv", _writes("{db}"), ids=lambda argv: " ".join(argv[:3]))
def test_no_command_writes_over_the_open_database(capsys, demo_path, argv):
    before = digest(demo_path)
    argv = [part.replace("{db}", str(demo_path)) for part in argv]
    code, out, err = run(capsys, *argv, "--db", str(demo_path))
    assert (code, out) == (2, "") and "is the database itself" in err
    assert digest(demo_path) == before
    assert count(demo_path, "audit_event") > 0


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_no_command_writes_over_the_databases_side_files(capsys, demo_path, suffix):
    target = f"{demo_path}{suffix}"
    for argv in _writes(target):
        code, _, err = run(capsys, *argv, "--db", str(demo_path))
        assert code == 2, (argv, err)
    assert count(demo_path, "audit_event") > 0


@pytest.mark.parametrize("argv", _writes("{other}"), ids=lambda argv: " ".join(argv[:3]))
def test_no_command_writes_over_another_database(capsys, demo_path, tmp_path, argv):
    other = tmp_path / "other.db"
    shutil.copyfile(demo_path, other)
    before = digest(other)
    argv = [part.replace("{other}", str(other)) for part in argv]
    code, _, err = run(capsys, *argv, "--db", str(demo_path))
    assert code == 2 and "other.db is a SQLite database" in err
    assert digest(other) == before


def test_links_to_the_database_are_refused(capsys, demo_path, tmp_path):
    os.symlink(demo_path, tmp_path / "link.html")
    os.link(demo_path, tmp_path / "hard.html")
    before = digest(demo_path)
    for name in ("link.html", "hard.html"):
        code, _, err = run(
            capsys, "report", "--format", "html", "-o", str(tmp_path / name), "--force",
            "--db", str(demo_path),
        )  # fmt: skip
        assert code == 2 and "is the database itself" in err
    assert digest(demo_path) == before


def test_an_existing_file_is_replaced_only_with_force(capsys, demo_db, tmp_path):
    target = tmp_path / "notes.json"
    target.write_text("my notes", encoding="utf-8")
    argv = ("export", "--format", "json", "-o", str(target), "--db", demo_db)
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert str(target) in err and "--force" in err and err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "my notes"
    code, out, _ = run(capsys, *argv, "--force")
    assert code == 0 and json.loads(out)["path"] == str(target)
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "portfolio"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_csv_export_checks_every_file_before_writing_any(capsys, demo_db, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "risks.csv").write_text("kept", encoding="utf-8")
    argv = ("export", "--format", "csv", "-o", str(folder), "--db", demo_db)
    code, _, err = run(capsys, *argv)
    assert code == 2 and "risks.csv already exists; use --force" in err
    assert [p.name for p in folder.iterdir()] == ["risks.csv"]
    assert run(capsys, *argv, "--force")[0] == 0
    assert (folder / "risks.csv").read_text(encoding="utf-8").startswith("id,")


@pytest.mark.parametrize(
    "argv",
    [("list",), ("show", "LEAN"), ("check",), ("user", "list"), ("backup", "b.db"),
     ("report",), ("export", "--format", "json", "-o", "x.json"), ("period",)],
    ids=lambda argv: argv[0],
)  # fmt: skip
def test_a_missing_database_is_said_so_and_not_created(capsys, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv, "--db", "typo.db")
    assert (code, out) == (2, "")
    assert "typo.db does not exist" in err
    assert list(tmp_path.iterdir()) == []


def test_the_app_on_a_missing_database_says_how_to_create_one(capsys, tmp_path):
    code, _, err = run(capsys, "--db", str(tmp_path / "typo.db"))
    assert code == 2 and "typo.db does not exist" in err and "portfolio init" in err
    assert list(tmp_path.iterdir()) == []


def test_init_creates_an_empty_database_and_leaves_one_alone(capsys, tmp_path):
    db = tmp_path / "new.db"
    code, _, err = run(capsys, "init", "--db", str(db))
    assert code == 0 and "created" in err
    code, out, _ = run(capsys, "list", "--db", str(db), "--format", "json")
    assert (code, json.loads(out)) == (0, [])
    before = digest(db)
    code, _, err = run(capsys, "init", "--db", str(db))
    assert code == 0 and "already exists" in err and digest(db) == before


def test_make_run_still_starts_from_nothing(capsys, tmp_path):
    db = tmp_path / "portfolio-demo.db"
    code, _, _ = run(capsys, "demo", "--db", str(db), "--if-empty")
    assert code == 0 and count(db, "initiative") > 0


@pytest.mark.parametrize("name", ["we?ird#name.db", "pct%41.db"])
def test_a_plain_path_is_a_path_whatever_characters_it_holds(capsys, tmp_path, name):
    db = tmp_path / name
    assert run(capsys, "init", "--db", str(db))[0] == 0
    code, out, _ = run(capsys, "period", "2011-Q2", "--db", str(db))
    assert (code, out.strip()) == (0, "2011-Q2")
    assert run(capsys, "period", "--db", str(db))[1].strip() == "2011-Q2"
    files = {p.name for p in tmp_path.iterdir()}
    assert name in files and files <= {name, f"{name}-wal", f"{name}-shm"}


def test_the_default_data_folder_is_created_owner_only(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("PORTFOLIO_DB", raising=False)
    old = os.umask(0o022)
    try:
        assert run(capsys, "init")[0] == 0
    finally:
        os.umask(old)
    folder = tmp_path / "data" / "portfolio"
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)
    assert oct((folder / "portfolio.db").stat().st_mode & 0o777) == oct(0o600)


@pytest.mark.parametrize("argv", _writes("{link}"), ids=lambda argv: " ".join(argv[:3]))
def test_a_symlink_is_followed_to_the_file_it_names(capsys, demo_path, tmp_path, argv):
    other = tmp_path / "other.db"
    shutil.copyfile(demo_path, other)
    link = tmp_path / "pack.out"
    link.symlink_to(other)
    before = digest(other)
    argv = [part.replace("{link}", str(link)) for part in argv]
    code, _, err = run(capsys, *argv, "--force", "--db", str(demo_path))
    assert code == 2 and "SQLite database" in err, err
    assert link.is_symlink() and digest(other) == before

    other.unlink()
    (tmp_path / "real.txt").write_text("old", encoding="utf-8")
    link.unlink()
    link.symlink_to(tmp_path / "real.txt")
    code, _, err = run(capsys, *argv, "--force", "--db", str(demo_path))
    assert code == 0, err
    assert link.is_symlink() and (tmp_path / "real.txt").read_text(errors="replace") != "old"
