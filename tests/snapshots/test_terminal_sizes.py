"""The main screens at a laptop's default terminal (80x24) and a large one (160x50),
beside the 120x40 snapshots of the other files: the list, the detail screen, the RAG
editor with a rationale, the triage form, the board pack and the Star Chamber.

Update after an intended change with
`pytest tests/snapshots/test_terminal_sizes.py --snapshot-update` and review the SVGs.
"""

from __future__ import annotations

import pytest

from tests.support.tui import open_form, settle, type_keys

SIZES = {"80x24": (80, 24), "160x50": (160, 50)}


def _steps(*keys: str, code: str | None = None, rounds: int = 4):
    """Open initiative `code` (if any), then press `keys` one at a time."""
    return lambda pilot: open_form(pilot, code=code, keys=keys, rounds=rounds)


SCREENS = {
    "portfolio_list": _steps(),
    "programme_detail": _steps(code="TPD"),
    "triage_form": _steps("f", "enter", "4", "tab", "3"),
    "board_pack": _steps("p", rounds=10),
    "star_chamber": _steps("s"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen(snap_compare, app, screen, size):
    assert snap_compare(app, terminal_size=SIZES[size], run_before=SCREENS[screen])


@pytest.mark.parametrize("size", SIZES)
def test_rag_editor_with_a_rationale(snap_compare, app, size):
    async def write_a_rationale(pilot):
        await _steps("e", code="SCDR")(pilot)
        await type_keys(pilot, "a", "tab", *"Two project briefs are late", "enter")
        await type_keys(pilot, *"and the pilots wait on them.")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=write_a_rationale)
