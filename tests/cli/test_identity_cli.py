"""Who is acting comes from the operating system: the OS account is read from the
process's real user id, never from LOGNAME or USER; naming another app user (`--user`,
`PORTFOLIO_USER`) is for admins only, refused (exit 3, audited) otherwise; separation of
duties compares the person acting too; logins and display names read as what they are.

In-process runs stand in for the OS account through `store.paths.os_login` (the tests'
autouse fixture makes it `tester`, the demo's first admin); a `portfolio` run as its
own process is the real account."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest

from store import paths
from store.handle import Store
from tests.support.cli import at_os_account, audit_rows, count
from tests.support.users_factories import add as add_user

REAL_ACCOUNT = pwd.getpwuid(os.getuid()).pw_name
PORTFOLIO = str(Path(sys.executable).with_name("portfolio"))


def _events(path: Path) -> list[tuple]:
    return audit_rows(path, "actor, os_user, entity, action, reason")


@pytest.fixture
def run(demo_path, frozen_clock, capsys):
    """`run(*argv, os_account=...)`: portfolio on this test's demo copy, run by the OS
    account named (default the demo's admin, `tester`)."""
    admin = Store(f"sqlite:///{demo_path}", "tester")
    add_user(admin, "sc.clerk", "star_chamber_secretary")
    add_user(admin, "sc.panel", "star_chamber_secretary")
    admin.close()

    def invoke(*argv: str, os_account: str = "tester") -> tuple[int, str, str]:
        return at_os_account(capsys, demo_path, os_account, *argv)

    return invoke


def test_the_os_account_comes_from_the_user_id_not_the_environment(tmp_path):
    claimed = {**os.environ, "LOGNAME": "j.okafor", "USER": "j.okafor", "USERNAME": "j.okafor"}
    probe = "from store.paths import os_login; print(os_login())"
    done = subprocess.run(
        [sys.executable, "-c", probe], env=claimed, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == REAL_ACCOUNT != "j.okafor"
    db = tmp_path / "fresh.db"
    subprocess.run([PORTFOLIO, "--db", str(db), "init"], env=claimed, check=True)
    done = subprocess.run(
        [PORTFOLIO, "--db", str(db), "criterion", "add", "Quality", "--description", "Q"],
        env=claimed,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    people = {(actor, os_user) for actor, os_user, *_ in _events(db)}
    assert people == {(REAL_ACCOUNT, REAL_ACCOUNT)}


def test_a_non_admin_naming_someone_else_is_refused_and_audited(run, demo_path):
    users_before = count(demo_path, "app_user")
    code, out, err = run("--user", "tester", "user", "add", "mallory", "--role", "admin",
                         os_account="sc.clerk")  # fmt: skip
    assert code == 3 and out == ""
    assert "your OS account sc.clerk is not an active admin of this database" in err
    assert "leave out --user" in err
    assert count(demo_path, "app_user") == users_before
    (denial,) = [event for event in _events(demo_path) if event[3] == "denied"]
    assert denial[:4] == ("tester", "sc.clerk", "permission", "denied")
    assert "act on behalf of another user" in denial[4]


def test_an_os_account_that_is_no_user_may_not_name_one(run, demo_db, monkeypatch):
    monkeypatch.setenv(paths.USER_ENV, "tester")
    code, _, err = run("list", os_account="mallory")
    assert code == 3 and "your OS account mallory is not a user of this database" in err


def test_naming_yourself_or_no_one_is_always_allowed(run):
    assert run("list", os_account="sc.clerk")[0] == 0
    assert run("--user", "sc.clerk", "list", os_account="sc.clerk")[0] == 0


def test_an_admin_acting_for_someone_records_both(run, demo_path):
    code, _, err = run(
        "--user", "sc.clerk", "meeting", "add", "--date", "2011-07-04", "--chair", "A Chair",
        os_account="tester",
    )  # fmt: skip
    assert code == 0, err
    last = _events(demo_path)[-1]
    assert last[:4] == ("sc.clerk", "tester", "sc_meeting", "create")


def test_an_admin_deciding_as_someone_else_what_the_admin_entered_is_refused(run, demo_db):
    code, out, err = run(
        "vacancy", "add", "--business-group", "TP", "--post", "Custody clerk", "--grade", "D",
        "--fte", "1", "--staff-type", "police_staff", "--justification", "Suite opening.",
        "--received", "2011-06-10",
    )  # fmt: skip
    assert (code, out) == (0, "SC-2011-0031\n"), err
    assert run("agenda", "add", "--meeting", "2011-06-13", "SC-2011-0031")[0] == 0
    decide = (
        "vacancy", "decide", "SC-2011-0031", "--meeting", "2011-06-13", "--outcome",
        "rejected", "--reason", "Not now.",
    )  # fmt: skip
    code, _, err = run("--user", "sc.panel", *decide, os_account="tester")
    assert code == 3
    assert "tester entered SC-2011-0031 and is acting as sc.panel" in err
    code, _, err = run(*decide, os_account="sc.panel")
    assert code == 0, err


@pytest.mark.parametrize(
    ("login", "problem"),
    [
        ("r\u200boot", "invisible or control character (U+200B)"),
        ("ro\u202eot", "invisible or control character (U+202E)"),
        ("r\u043e\u043et", "is not a login: use letters a-z"),  # Cyrillic о
        ("ro\u00a0ot", "invisible or control character (U+00A0)"),
    ],
)
def test_logins_that_pass_for_another_are_refused(run, demo_path, login, problem):
    users_before = count(demo_path, "app_user")
    code, _, err = run("user", "add", login, "--role", "viewer")
    assert code == 2 and problem in err
    assert count(demo_path, "app_user") == users_before


def test_display_names_with_invisible_characters_are_refused(run, demo_path):
    users_before = count(demo_path, "app_user")
    code, _, err = run(
        "user", "add", "p.lee", "--role", "viewer", "--display-name", "Pat\u200d Lee"
    )  # fmt: skip
    assert code == 2 and "U+200D" in err
    assert count(demo_path, "app_user") == users_before


def test_the_app_is_not_opened_as_someone_else_by_a_non_admin(run, monkeypatch):
    opened = []
    monkeypatch.setattr("tui.app.PortfolioApp.run", lambda app: opened.append(app))
    code, _, err = run("--user", "tester", os_account="sc.clerk")
    assert code == 3 and "only an admin may act as someone else" in err
    assert opened == []
    assert run("--user", "sc.clerk", os_account="tester")[0] == 0  # an admin may
    assert len(opened) == 1 and opened[0].store.identity.os_user == "tester"
