"""Every screen shows the house Footer (`widgets.footer`), never Textual's own.

Textual's Footer throws away and rebuilds every key widget each time a screen says its
bindings may have changed, which screens say on every focus change: on a form, each
tab mounted and styled a score of widgets, twice over (each key starts compact and is
then told it is not). The house Footer rebuilds only when the keys shown change.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from textual.widgets import Footer as TextualFooter

from tests.support.tui import press, settle
from widgets.footer import Footer

SCREENS = Path(__file__).resolve().parents[2] / "screens"


def _screen_modules() -> list[str]:
    root = SCREENS.parent
    return [
        ".".join(path.relative_to(root).with_suffix("").parts)
        for path in sorted(SCREENS.rglob("*.py"))
        if path.name != "__init__.py"
    ]


def test_every_screen_module_uses_the_house_footer():
    textuals = [
        module
        for module in _screen_modules()
        if getattr(importlib.import_module(module), "Footer", Footer) is TextualFooter
    ]
    assert textuals == [], "these screens show Textual's Footer"


async def test_moving_between_fields_keeps_the_footer_keys(app):
    """Focus moves on a form: the footer's keys are the same widgets, not rebuilt."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f", "n")
        keys = list(app.screen.query("FooterKey"))
        assert keys, "the proposal form shows its keys"
        await press(pilot, "tab")
        await press(pilot, "tab")
        assert list(app.screen.query("FooterKey")) == keys
