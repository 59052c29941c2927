"""A tier has one name for people on every screen that shows it: the portfolio list, an
initiative's page, the change baseline, the front door queue and the triage form all say
`Transform` for a transformational initiative or proposal (never `transformational` or
`TRANSFORMATIONAL`)."""

from __future__ import annotations

from datetime import date

from screens.common.navigation import DESTINATIONS
from store.types import Tier
from tests.support.tui import press, screen_text, settle

APP_TODAY = date(2021, 6, 14)
WORD = Tier.TRANSFORMATIONAL.label


def _destination(key: str):
    return next(d for d in DESTINATIONS if d.key == key)


def _row(text: str, starts: str) -> str:
    return next(line for line in text.splitlines() if line.strip().startswith(starts))


def _assert_one_word(text: str) -> None:
    assert WORD in text
    assert "transformational" not in text.lower().replace(WORD.lower(), ""), text


async def test_every_screen_names_a_tier_with_the_same_word(app):
    assert WORD == "Transform"
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"CONNECT", "enter")
        assert WORD in _row(screen_text(app), "CONNECT")

        app.open_initiative("CONNECT")
        await settle(pilot)
        _assert_one_word(screen_text(app))

        app.go_to(_destination("b"))
        await settle(pilot)
        _assert_one_word(screen_text(app))

        app.go_to(_destination("f"))
        await settle(pilot)
        queue = screen_text(app)
        assert WORD in _row(queue, "FD-2021-0001")

        await press(pilot, "slash", *"FD-2021-0015", "enter", "enter")
        assert type(app.screen).__name__ == "TriageScreen"
        await settle(pilot)
        _assert_one_word(screen_text(app))
