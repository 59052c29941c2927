"""The portfolio office journey, as a person does it: filter, open, try an empty save,
then record a Red with a rationale, and see it on screen and in the database."""

from __future__ import annotations

from store.audit import verify_chain
from store.portfolio.queries import initiative_detail
from tests.support.tui import press, screen_text, settle
from tui.app import PortfolioApp


def _rows(connection, code):
    return connection.execute(
        "SELECT a.period, a.rag, a.rationale, a.author FROM rag_assessment a "
        "JOIN initiative i ON i.id = a.initiative_id "
        "JOIN rag_criterion c ON c.id = a.criterion_id "
        "WHERE i.code = ? AND c.name = 'Overall status' ORDER BY a.id",
        (code,),
    ).fetchall()


async def _filter_open_lean_and_its_editor(pilot):
    """Filter as you type, back to the list keeping the filter, open LEAN (the detail
    shows its current overall RAG) and its editor, on Overall status with the R/A/G
    choice focused. Returns the editor."""
    app = pilot.app
    table = app.screen.table
    await press(pilot, "slash", *"lean")
    await press(pilot, "enter")
    assert table.has_focus
    assert table.total == 1 and table.current_row.code == "LEAN"
    assert "Lean" in screen_text(app) and "TPD " not in screen_text(app)
    await press(pilot, "enter")
    assert type(app.screen).__name__ == "ProgrammeDetailScreen"
    assert "LEAN" in screen_text(app) and "G Green" in screen_text(app)
    await press(pilot, "e")
    editor = app.screen
    assert type(editor).__name__ == "RagEditorScreen"
    assert editor.criterion == "Overall status" and editor.period == "2011-Q1"
    assert app.focused.id == "rag"
    return editor


async def test_filter_open_refuse_blank_then_save_red(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        list_screen = app.screen
        assert "COIP" in screen_text(app)  # LEAN is further down once feature demos load
        editor = await _filter_open_lean_and_its_editor(pilot)

        # An empty save is refused, naming the rationale, and nothing is written.
        with demo_store.reading() as connection:
            before = _rows(connection, "LEAN")
        await press(pilot, "r", "ctrl+s")
        assert app.screen is editor
        assert "Rationale is required" in screen_text(app)
        with demo_store.reading() as connection:
            assert _rows(connection, "LEAN") == before

        # The failed save put the cursor in the rationale; type one and save the Red.
        assert app.focused.id == "rationale"
        await pilot.press(*"Savings slipped: two process reviews paused.")
        await press(pilot, "ctrl+s")

        # Back on the detail screen, the new Red shows without a restart...
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        text = screen_text(app)
        assert "R Red" in text and "Savings slipped: two process reviews paused." in text

        # ...and in the list, with the filter and cursor kept and a worsening trend.
        await press(pilot, "escape")
        assert app.screen is list_screen
        assert list_screen.query_one("#filter").value == "lean"
        row = list_screen.table.current_row
        assert row.code == "LEAN" and row.rag == "R" and row.trend.value == "▼"

    with demo_store.reading() as connection:
        rows = _rows(connection, "LEAN")
        assert rows[: len(before)] == before  # history is kept, nothing overwritten
        assert rows[-1] == (
            "2011-Q1",
            "R",
            "Savings slipped: two process reviews paused.",
            "tester",
        )
        assert initiative_detail(connection, "LEAN").criteria[0].rag == "R"
        assert verify_chain(connection).ok


async def test_escape_in_the_filter_clears_it_and_the_list_comes_back(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        total = app.screen.table.total
        await press(pilot, "slash", *"zzz-no-match")
        assert app.screen.table.total == 0
        assert "No initiatives match" in screen_text(app)
        await press(pilot, "escape")
        assert app.screen.table.total == total


async def test_quick_filters_and_summary_counts(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        summary = screen.summary
        await press(pilot, "a")
        assert screen.table.total == summary.amber
        assert {screen.table.row_at(i).rag for i in range(screen.table.total)} == {"A"}
        await press(pilot, "r")
        assert screen.table.total == summary.amber + summary.red
        await press(pilot, "x", "t")
        assert screen.query_state.tier == "transformational"
        tiers = {screen.table.row_at(i).tier for i in range(screen.table.total)}
        assert tiers == {"transformational"}


async def test_j_and_k_move_and_sorting_by_rag_puts_red_first(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.table
        await pilot.press("j", "j", "k")
        assert table.cursor == 1
        # Sort: hierarchy -> code -> name -> business group -> tier -> complexity -> RAG
        await press(pilot, *"oooooo")
        assert app.screen.query_state.sort == "rag"
        first = [table.row_at(i).rag for i in range(3)]
        assert first[0] in ("R", "A") and "RAG ▲" in screen_text(app)


async def test_help_and_command_palette_list_the_screen_and_its_actions(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        text = screen_text(app)
        assert "Portfolio list" in text and "Filter" in text and "stale" in text
        await pilot.press("escape")
        await press(pilot, "ctrl+p")
        await press(pilot, *"tpd")
        assert "Open TPD" in screen_text(app)
        await press(pilot, "escape")  # the list reads itself again as it comes back
        await pilot.press("q")
    assert app.return_code == 0


async def test_keys_typed_in_a_burst_after_slash_all_land_in_the_filter(demo_store):
    """A terminal delivers fast typing as one burst; no key may overtake the focus change."""
    from textual import events

    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for character in "/drm":
            key = "slash" if character == "/" else character
            app.post_message(events.Key(key, character))
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#filter").value == "drm"
        assert screen.query_state.rags == frozenset()  # 'r' did not toggle the Red filter
        assert {screen.table.row_at(i).code[:3] for i in range(screen.table.total)} == {"DRM"}
