"""The command line prints stored text as typed: a name that looks like Rich markup is
neither parsed (`[/]` would end the command with a MarkupError) nor restyled."""

from __future__ import annotations

import pytest

from tests.support.cli import run
from tests.support.hostile_text import TEXT, hostile_world

# each command (after --db), and the stored texts it must print literally
COMMANDS = {
    "list": (("list",), ("programme", "project")),
    "show": (("show", "HX"), ("programme", "sro", "rationale")),
    "risks": (("risks",), ("risk",)),
    "milestones": (("milestones",), ("milestone",)),
    "dependencies": (("dependencies",), ("needed",)),
    "savings": (("savings",), ("line",)),
    "criteria": (("criterion", "list"), ("criterion",)),
    "users": (("user", "list"), ("secretary", "front_door")),
    "vacancies": (("vacancies",), ("post",)),
    "postings": (("postings",), ("listed",)),
    "engagements": (("engagements",), ("post",)),
    "proposals": (("proposals",), ("title",)),
    "recommendations": (("recommendations",), ("rec_owner",)),
    "minutes": (("minutes", "--meeting", "2011-06-13", "--format", "text"), ("chair", "reason")),
    "minutes md": (("minutes", "--meeting", "2011-06-13"), ("chair", "reason")),
    "report": (("report", "--period", "2011-Q1"), ("programme", "rationale")),
    "report html": (("report", "--period", "2011-Q1", "--format", "html"), ("programme",)),
}


@pytest.mark.parametrize("name", COMMANDS, ids=str)
def test_stored_text_is_printed_literally(store, store_db, frozen_clock, capsys, name):
    hostile_world(store)
    argv, fields = COMMANDS[name]
    code, out, err = run(capsys, "--db", store_db, *argv)
    assert code == 0, err
    flat = " ".join(out.split())
    missing = [field for field in fields if " ".join(TEXT[field].split()) not in flat]
    assert not missing, f"{name} does not print {missing} literally:\n{out}"
