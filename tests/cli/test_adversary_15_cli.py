"""Cases from the re-run of issue 15's adversarial test (branch adversary-15) that did
not hold on main: each is marked xfail(strict=True) so the lead sees it fail until fixed.

In-process runs stand in for the OS account through `store.paths.os_login`, as in
test_identity_cli.py (`tester` is the demo's first admin)."""

from __future__ import annotations

import shutil

import pytest

from store.handle import Store
from tests.support.cli import at_os_account, count, raw_sql
from tests.support.cli import run as run_cli
from tests.support.users_factories import add as add_user

NO_OP_GUARD = (
    "DROP TRIGGER audit_event_no_delete",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN SELECT 1; END",
)


@pytest.fixture
def run(demo_path, frozen_clock, capsys):
    """`run(*argv, os_account=...)`: portfolio on this test's demo copy."""
    admin = Store(f"sqlite:///{demo_path}", "tester")
    add_user(admin, "sc.clerk", "star_chamber_secretary")
    add_user(admin, "sc.panel", "star_chamber_secretary")
    add_user(admin, "fd.clerk", "front_door_secretary")
    add_user(admin, "fd.panel", "front_door_secretary")
    admin.close()

    def invoke(*argv: str, os_account: str = "tester") -> tuple[int, str, str]:
        return at_os_account(capsys, demo_path, os_account, *argv)

    return invoke


def _anchor(run) -> str:
    code, out, _ = run("check", "--anchor")
    assert code == 0
    return out.strip()


def _request_entered_as(run, who: str) -> None:
    code, out, err = run(
        "--user", who, "vacancy", "add", "--business-group", "TP", "--post", "Custody clerk",
        "--grade", "D", "--fte", "1", "--staff-type", "police_staff", "--justification",
        "Suite opening.", "--received", "2011-06-10",
    )  # fmt: skip
    assert (code, out) == (0, "SC-2011-0031\n"), err
    assert run("agenda", "add", "--meeting", "2011-06-13", "SC-2011-0031")[0] == 0


DECIDE = (
    "vacancy", "decide", "SC-2011-0031", "--meeting", "2011-06-13", "--outcome", "rejected",
    "--reason", "Not now.",
)  # fmt: skip


def test_an_admin_who_entered_a_request_as_someone_else_cannot_decide_it_as_a_third(run):
    _request_entered_as(run, "sc.clerk")  # the person is tester, acting as sc.clerk
    code, _, err = run("--user", "sc.panel", *DECIDE, os_account="tester")
    assert code == 3, err


def test_an_admin_who_entered_a_request_as_someone_else_cannot_decide_it_as_themself(run):
    _request_entered_as(run, "sc.clerk")
    code, _, err = run(*DECIDE, os_account="tester")
    assert code == 3, err


def test_an_admin_who_entered_a_proposal_as_someone_else_cannot_decide_it_as_another(run):
    code, out, err = run(
        "--user", "fd.clerk", "proposal", "add", "--title", "Custody kiosks",
        "--business-group", "TP", "--sponsor", "Ch Supt A", "--problem", "Queues.",
    )  # fmt: skip
    assert code == 0, err
    ref = out.strip()
    triage = ("proposal", "triage", ref, "--desirable", "3", "--deliverable", "3")
    assert run("--user", "fd.clerk", *triage, "--affordable", "3", "--complexity", "low")[0] == 0
    code, _, err = run(
        "--user", "fd.panel", "proposal", "decide", ref, "--outcome", "rejected", "--reason", "No."
    )  # fmt: skip
    assert code == 3, err


def test_check_catches_a_guard_trigger_replaced_by_a_no_op(run, demo_path):
    anchor = _anchor(run)
    raw_sql(demo_path, *NO_OP_GUARD)
    code, _, err = run("check", "--expect", anchor)
    assert code == 1 and "audit_event_no_delete" in err


def test_restore_refuses_a_backup_whose_guard_trigger_is_a_no_op(run, demo_path, tmp_path):
    backup = tmp_path / "hollow.db"
    assert run("backup", str(backup))[0] == 0
    raw_sql(backup, *NO_OP_GUARD)
    code, _, err = run("restore", str(backup), "--force")
    assert code == 2 and "audit_event_no_delete" in err


def test_check_catches_a_request_put_on_an_agenda_behind_the_apps_back(run, demo_path):
    anchor = _anchor(run)
    raw_sql(demo_path, "UPDATE sc_request SET status = 'on_agenda' WHERE status = 'received'")
    code, _, err = run("check", "--expect", anchor)
    assert code == 1 and "sc_request" in err


@pytest.mark.parametrize(
    "name",
    ["\u3164", "\uffa0", "Pat\u034fLee", "Pat Lee\ufe0f", "\u2800", "Pat\u2800Lee"],
    ids=[
        "hangul-filler", "halfwidth-filler", "grapheme-joiner", "variation-selector",
        "braille-blank", "braille-blank-inside",
    ],
)  # fmt: skip
def test_display_names_of_invisible_characters_are_refused(run, demo_path, name):
    users_before = count(demo_path, "app_user")
    code, _, err = run("user", "add", "p.lee", "--role", "viewer", "--display-name", name)
    assert code == 2, err
    assert count(demo_path, "app_user") == users_before


def test_a_login_of_a_filler_is_refused(run, demo_path):
    users_before = count(demo_path, "app_user")
    code, _, err = run("user", "add", "p\u3164lee", "--role", "viewer", "--display-name", "P")
    assert code == 2 and "U+3164" in err
    assert count(demo_path, "app_user") == users_before


RISK = ("risks", "add", "LEAN", "--likelihood", "2", "--impact", "3", "--description")


@pytest.mark.parametrize("text", ["\u3164", "\u2800 \ufe0f", "\u034f"])
def test_text_of_only_invisible_characters_is_refused(run, demo_path, text):
    risks_before = count(demo_path, "risk")
    code, _, err = run(*RISK, text)
    assert code == 2 and "only invisible characters" in err
    assert count(demo_path, "risk") == risks_before


def test_an_emoji_with_its_variation_selector_inside_ordinary_text_is_kept(run, demo_path):
    code, _, err = run(*RISK, "Supplier at risk \u26a0\ufe0f")
    assert code == 0, err


def test_a_device_as_the_database_is_bad_input_not_unexpected(capsys):
    code, _, err = run_cli(capsys, "list", "--db", "/dev/null")
    assert code == 2 and "unexpected" not in err and "not a database file" in err


def test_a_directory_as_the_database_is_bad_input(capsys, tmp_path):
    code, _, err = run_cli(capsys, "list", "--db", str(tmp_path))
    assert code == 2 and "is a directory" in err


def test_an_output_through_a_symlink_loop_is_bad_input(capsys, demo_path, tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    argv = ("export", "--format", "json", "-o", str(tmp_path / "a"), "--force")
    code, _, err = run_cli(capsys, *argv, "--db", str(demo_path))
    assert code == 2 and "unexpected" not in err


def test_restore_into_a_missing_database_says_so(capsys, demo_path, tmp_path):
    backup = tmp_path / "b.db"
    shutil.copyfile(demo_path, backup)
    missing = tmp_path / "typo.db"
    code, _, err = run_cli(capsys, "restore", str(backup), "--db", str(missing))
    assert code == 2 and "does not exist" in err
    assert not missing.exists()


def test_a_truncated_backup_is_called_damaged_not_read_only(run, tmp_path):
    backup = tmp_path / "whole.db"
    assert run("backup", str(backup))[0] == 0
    cut = tmp_path / "cut.db"
    cut.write_bytes(backup.read_bytes()[:200_000])
    code, _, err = run("restore", str(cut), "--force")
    assert code == 2 and "is damaged" in err and "read-only" not in err
