"""Text a user typed is shown as typed, never read as markup: on every screen, tab and
dialog that shows stored text, each hostile value of `tests.support.hostile_text` is on
screen literally and the app is still running (a `[/]` read as markup would end it with
a MarkupError; the others would turn into bold text, a link or a click action)."""

from __future__ import annotations

import shutil

import pytest

from store.handle import Store
from tests.support.hostile_text import TEXT, hostile_world
from tests.support.tui import press, screen_text, settle

# keys pressed from the portfolio list, and the stored texts the screen must show
CASES = {
    "list": ((), ("programme", "project")),
    "summary": (("enter",), ("programme", "description", "sro", "manager")),
    "status": (("enter", "2"), ("criterion", "rationale")),
    "risks": (("enter", "3"), ("risk", "owner")),
    "dependencies": (("enter", "4"), ("needed",)),
    "milestones": (("enter", "5"), ("milestone",)),
    "savings tab": (("enter", "6"), ("line",)),
    "children": (("enter", "7"), ("project",)),
    "history": (("enter", "8"), ("rationale",)),
    "rag editor": (("enter", "e"), ("programme", "criterion")),
    "risk form": (("enter", "3", "enter"), ("risk", "cause", "effect", "owner", "mitigation")),
    "dependency form": (("enter", "4", "tab", "enter"), ("needed", "milestone")),
    "milestone form": (("enter", "5", "enter"), ("milestone",)),
    "heat map": (("h",), ("risk",)),
    "dependency matrix": (("d",), ("programme",)),
    "timeline": (("T",), ("programme",)),
    "savings": (("v",), ("line",)),
    "board pack": (("p",), ("programme", "rationale")),
    "star chamber": (("s",), ("post", "chair")),
    "meeting": (("s", "m"), ("chair", "attendees", "union", "post", "displaced")),
    "minutes": (("s", "i"), ("chair", "reason", "conditions", "displaced")),
    "posting list": (("s", "p"), ("listed", "skills")),
    "engagements": (("s", "w", "a"), ("post",)),  # every active one: none ends by the as-at date
    "establishment": (("s", "e"), ()),
    "departures": (("s", "d"), ("scheme", "terms", "departure_group")),
    "front door": (("f",), ("title", "sponsor")),
    "triage": (("f", "enter"), ("title", "problem", "sponsor")),
    "proposal form": (("f", "e"), ("title", "sponsor", "problem")),
    "baseline": (("b",), ()),
    "recommendations": (("R",), ("recommendation", "rec_owner")),
    "progress editor": (("R", "e"), ("rec_owner",)),
    "palette": (("ctrl+p", "h", "x"), ("programme",)),
    "palette proposals": (("f", "ctrl+p", "t", "i", "t"), ("title",)),
    "decide a request": (("s", "m", "n", "d"), ("post",)),
    "decide a proposal": (("f", "enter", "ctrl+d"), ("title",)),
    "criteria": (("m",), ()),
}


@pytest.fixture
def hostile_app(built_once, tmp_path, frozen_clock):
    """The app on a copy of a database where every stored text looks like markup (a
    SQLite file, written once per run through the services: the tests only look)."""
    from tui.app import PortfolioApp

    path = tmp_path / "hostile.db"
    shutil.copyfile(built_once("hostile.db", hostile_world), path)
    handle = Store(f"sqlite:///{path}", "tester")
    yield PortfolioApp(handle, warm_up=False)
    handle.close()


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_stored_text_is_shown_literally(hostile_app, case):
    keys, fields = CASES[case]
    async with hostile_app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await press(pilot, *keys)
        await settle(pilot)
        text = screen_text(hostile_app)
        assert hostile_app.is_running, f"the app exited on {case}"
        missing = [field for field in fields if TEXT[field] not in text]
        assert not missing, f"{case} does not show {missing} literally:\n{text}"
