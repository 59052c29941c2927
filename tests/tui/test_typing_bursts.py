"""Keys typed in a burst land where they were typed: after `tab`, in the field tab moved
to; before it, in the field it left (a picker's letter, an Input's backspace too).

A terminal delivers fast typing, a paste or tmux `send-keys` as keys queued one behind
another. Textual used to hand each key to the widget focused when it arrived, while
`tab` (and any other key a binding handles) acted only once it had bubbled back up to
the App, so everything typed after `tab` went into the field it left. Each test opens a
form, then sends its keys with no pause between them.
"""

from __future__ import annotations

import pytest

from tests.support.reads import row
from tests.support.tui import burst, open_form, screen_text, settle
from tui.app import PortfolioApp


def values(app, *ids: str) -> list:
    """The value (an Input's or a picker's) or text (a TextArea's) of each widget."""
    found = []
    for widget_id in ids:
        widget = app.screen.query_one(f"#{widget_id}")
        found.append(widget.text if hasattr(widget, "text") else widget.value)
    return found


CASES = {
    "risk form": (
        {"code": "TPD", "keys": ("3", "n")},
        (
            "Staff leave early",
            "tab",
            "Unclear roles",
            "tab",
            "Gaps in cover",
            "tab",
            "4",
            "tab",
            "5",
        ),
        ("description", "cause", "effect", "likelihood", "impact"),
        ["Staff leave early", "Unclear roles", "Gaps in cover", "4", "5"],
    ),
    "milestone form": (
        {"code": "TPD", "keys": ("5", "n")},
        ("Go live", "tab", "2011-09-30", "tab", "2011-10-31"),
        ("name", "baseline", "forecast"),
        ["Go live", "2011-09-30", "2011-10-31"],
    ),
    "dependency form": (
        {"code": "TPD", "keys": ("4", "n")},
        ("tab", "COIP", "tab", "Joint scoping"),
        ("other", "needed"),
        ["COIP", "Joint scoping"],
    ),
    "RAG editor": (
        {"code": "SCDR", "keys": ("e",)},
        ("a", "tab", "Two briefs are late"),
        ("rag", "rationale"),
        ["A", "Two briefs are late"],
    ),
    "proposal form": (
        {"keys": ("f", "n")},
        ("Body cameras", "tab", "tab", "Supt Lyle", "tab", "No footage"),
        ("title", "sponsor", "problem"),
        ["Body cameras", "Supt Lyle", "No footage"],
    ),
    "triage form": (
        {"keys": ("f", "enter")},
        ("4", "tab", "3", "tab", "5"),
        ("desirable", "deliverable", "affordable"),
        ["4", "3", "5"],
    ),
    "progress editor": (
        {"keys": ("R", "e")},
        ("i", "tab", "backspace", "60", "tab", "tab", "Phase two"),
        ("status", "percent_complete", "note"),
        ["in_progress", "60", "Phase two"],
    ),
    "Star Chamber request": (
        {"keys": ("s", "n")},
        ("tab", "Typist", "tab", "tab", "tab", "tab", "12"),
        ("field-post", "field-max_weeks"),
        ["Typist", "12"],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
async def test_a_burst_lands_in_the_fields_it_was_typed_for(demo_store, case):
    opening, keys, ids, expected = CASES[case]
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_form(pilot, **opening)
        form = app.screen
        burst(app, *keys)
        await settle(pilot)
        assert app.screen is form
        assert values(app, *ids) == expected


async def test_keys_typed_ahead_go_into_the_form_a_key_opens_and_the_next_one(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_form(pilot, code="TPD")
        burst(app, "3", "n", "Staff leave early", "tab", "Unclear roles")
        await settle(pilot)
        assert type(app.screen).__name__ == "RiskForm"
        assert values(app, "description", "cause") == ["Staff leave early", "Unclear roles"]
        # escape leaves the form (keeping a draft); the Milestones tab's form opens next
        burst(app, "escape", "5", "n", "Go live", "tab", "2011-09-30")
        await settle(pilot)
        assert type(app.screen).__name__ == "MilestoneForm"
        assert values(app, "name", "baseline") == ["Go live", "2011-09-30"]
        # ctrl+s goes to the first field with a problem (selecting its text, as tab does),
        # and what follows is typed there
        burst(app, "tab", "soon", "shift+tab", "ctrl+s", "ish")
        await settle(pilot)
        assert values(app, "baseline", "forecast") == ["2011-09-30", "ish"]


class SlowMachine:
    """A clock on which every look at the time finds `step` seconds gone: each key of a
    burst seems to take that long to go round, as on a laptop busy with other work."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


async def test_a_burst_on_a_busy_machine_still_lands_in_order(demo_store, monkeypatch):
    # Under load (the test suite on two cores) a key's round trip took over a second,
    # the key was taken for lost and the next went ahead of tab: '4' landed in 'effect'.
    monkeypatch.setattr("tui.key_order.monotonic", SlowMachine(step=0.25))
    opening, keys, ids, expected = CASES["RAG editor"]
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_form(pilot, **opening)
        burst(app, *keys)
        await settle(pilot)
        assert values(app, *ids) == expected


SAVED_BURSTS = {
    "risk form": (
        {"code": "TPD", "keys": ("3", "n")},
        ("Staff leave early", "tab", "Unclear roles", "tab", "Gaps in cover"),
        ("tab", "4", "tab", "5"),
        "SELECT description, cause, effect, likelihood, impact FROM risk ORDER BY id DESC LIMIT 1",
        ("Staff leave early", "Unclear roles", "Gaps in cover", 4, 5),
    ),
    "RAG editor": (
        {"code": "SCDR", "keys": ("e",)},
        ("a", "tab", "Two briefs are late"),
        (),
        "SELECT rag, rationale FROM rag_assessment ORDER BY id DESC LIMIT 1",
        ("A", "Two briefs are late"),
    ),
}


@pytest.mark.parametrize("case", SAVED_BURSTS, ids=list(SAVED_BURSTS))
async def test_ctrl_s_at_the_end_of_a_burst_saves_every_character_typed(demo_store, case):
    """`ctrl+s` is a priority key: it ran before the field had taken the characters
    queued ahead of it, so a fast typist's last letters were not saved."""
    opening, *parts, sql, expected = SAVED_BURSTS[case]
    keys = [key for part in parts for key in part]
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_form(pilot, **opening)
        form = app.screen
        burst(app, *keys, "ctrl+s")
        await settle(pilot)
        assert app.screen is not form, screen_text(app)
    assert row(demo_store, sql) == expected
