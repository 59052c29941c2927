"""Delivery confidence and the Response to Red as a person uses them: a Red confidence
recorded on SCDR's Status tab opens a Response to Red that the list's `!` filter finds
and the board pack lists; the open response on DRM-S2P is updated and closed in its
form, and the filter no longer finds it."""

from __future__ import annotations

from store.audit import verify_chain
from store.reports.pack import build_pack
from tests.support.tui import press, screen_text, settle


def _responses(connection, code: str) -> list[tuple]:
    return connection.execute(
        "SELECT r.status, r.owner, r.outcome, r.closed_on FROM red_response AS r "
        "JOIN initiative AS i ON i.id = r.initiative_id WHERE i.code = ? ORDER BY r.id",
        (code,),
    ).fetchall()


def _shown(app) -> list[str]:
    table = app.screen.table
    return [table._rows[n].code for n in range(table.total)]


async def test_a_red_confidence_opens_a_response_the_list_and_board_pack_show(app, demo_store):
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        list_screen = app.screen
        await press(pilot, "exclamation_mark")
        assert _shown(app) == ["DRM-S2P"]
        assert "![x] open Response to Red" in screen_text(app)
        await press(pilot, "exclamation_mark")

        app.open_initiative("SCDR")
        await settle(pilot)
        await press(pilot, "s")
        assert "D Delivery confidence" in screen_text(app)
        assert "Response to Red" not in screen_text(app).splitlines()[-1]  # none open
        await press(pilot, "D")
        assert type(app.screen).__name__ == "ConfidenceForm"
        await press(pilot, "enter", *["down"] * 5, "enter")  # Red
        assert app.screen.values()["rating"] == "R"
        await press(pilot, "tab", *"Funding for phase 2 =[bold]x[/] is withdrawn.", "ctrl+s")
        assert type(app.screen).__name__ == "ProgrammeDetailScreen", screen_text(app)
        detail = app.screen
        detail.query_one("#responses").scroll_visible()
        await settle(pilot)
        text = screen_text(app)
        assert "confidence  R Red  2011-Q1 ▼ worsening" in text
        # the title beside the RAG, and the trend strip as the RAGs have (issue 18)
        title = next(line for line in text.splitlines() if line.startswith(" SCDR  "))
        assert "RAG  A Amber    confidence  R Red" in title
        assert "Delivery confidence   2010-Q4   A   → 2011-Q1   R" in text
        assert "Funding for phase 2 =[bold]x[/] is withdrawn." in text
        assert "Response to Red" in text and "(open): 2011-Q1, confidence turned Red" in text
        assert "O Response to Red" in text.splitlines()[-1]

        await press(pilot, "escape")
        assert app.screen is list_screen
        await press(pilot, "exclamation_mark")
        assert set(_shown(app)) == {"DRM-S2P", "SCDR"}
        scdr = next(line for line in screen_text(app).splitlines() if " SCDR " in line)
        assert " A  ▼   R   " in scdr  # RAG Amber, confidence now Red, in the Conf column

    with demo_store.reading() as connection:
        assert _responses(connection, "SCDR") == [("open", "AC Jonathan Pryor", "", None)]
        assert verify_chain(connection).ok
    pack = build_pack(demo_store, "2011-Q1").section("delivery_confidence")
    opened = next(b for b in pack.blocks if b.title == "Responses to Red opened in the period")
    assert "SCDR" in [row[0] for row in opened.rows]


async def test_the_open_response_is_updated_and_closed_in_its_form(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "exclamation_mark", "enter")
        assert app.screen.code == "DRM-S2P"
        await press(pilot, "s", "O")
        assert type(app.screen).__name__ == "ResponseForm"
        await press(pilot, *"Richard Penhaligon", "tab", "tab", "tab")
        await press(pilot, *"Supplier chosen; confidence back to Amber.", "tab")
        await press(pilot, *"2011-06-01", "ctrl+s")
        assert type(app.screen).__name__ == "ProgrammeDetailScreen", screen_text(app)
        assert "O Response to Red" not in screen_text(app)  # none open now
        await press(pilot, "escape")
        assert app.screen.table.total == 0  # the filter finds none open

    with demo_store.reading() as connection:
        assert _responses(connection, "DRM-S2P") == [
            (
                "closed",
                "Richard Penhaligon",
                "Supplier chosen; confidence back to Amber.",
                "2011-06-01",
            )
        ]
