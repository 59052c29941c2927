"""Editing the savings plan as a person does: open it from the list, move to a cell,
type a value (refused while it is wrong), save it, and see the totals move on screen
and in the database."""

from __future__ import annotations

from store.audit import verify_chain
from store.programme.savings.queries import savings_plan
from tests.support.tui import press, screen_text, settle


def _training_2012(connection):
    return connection.execute(
        "SELECT c.gbp_m_tenths, c.police_staff, c.version FROM savings_cell AS c "
        "JOIN savings_line AS l ON l.id = c.line_id JOIN savings_year AS y ON y.id = c.year_id "
        "WHERE l.name = 'Training' AND y.financial_year = '2012/13'"
    ).fetchone()


async def _open_the_plan_on_training_2012(pilot):
    """`v` opens the plan; the cursor starts on the first figure. Training is the fifth
    line; 2012/13 £m is the next column; enter edits it."""
    app = pilot.app
    await press(pilot, "v")
    assert type(app.screen).__name__ == "SavingsScreen"
    text = screen_text(app)
    assert "Total Service Improvement" in text and "Remaining budget gap" in text
    assert "-153.5" in text and "92.8" in text and "-1,009" in text
    await press(pilot, "j", "j", "j", "j", "l")
    assert "Training · £m 2012/13: -21.3" in screen_text(app)
    await press(pilot, "enter")
    assert app.focused.id == "cell-input"


async def _refuse_then_save_the_pounds(pilot, demo_store):
    """Too many decimals is refused as you type, and the totals stay as saved; a good
    value previews the new total and gap at once, and enter saves it."""
    app = pilot.app
    # Too many decimals is refused as you type, and the totals stay as saved.
    await press(pilot, *"-22.55")
    text = screen_text(app)
    assert "more than one decimal place" in text and "-153.5" in text
    await press(pilot, "enter")
    with demo_store.reading() as connection:
        assert _training_2012(connection) == (-213, -219, 1)

    # A good value previews the new total and gap at once, before saving...
    await press(pilot, "backspace")
    text = screen_text(app)
    assert "more than one decimal" not in text
    assert "-154.7" in text and "91.6" in text

    # ...and enter saves it.
    await press(pilot, "enter")
    text = screen_text(app)
    assert "Training · £m 2012/13: -22.5   (enter or e to edit)" in text
    assert "-154.7" in text and "91.6" in text
    assert app.focused.id == "savings-table"


async def test_edit_a_cell_and_see_the_totals_change(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open_the_plan_on_training_2012(pilot)
        await _refuse_then_save_the_pounds(pilot, demo_store)

        # A headcount must be whole; a corrected one saves and moves the staff total.
        await press(pilot, "l", "l", "l", "l", "l", "l", "enter")
        await press(pilot, *"-2.5")
        assert "not a whole number of people" in screen_text(app)
        await press(pilot, "ctrl+u", *"-230", "enter")
        assert "-965" in screen_text(app)

        # The total row cannot be edited.
        await press(pilot, "j", "j", "j", "j", "j", "j", "j", "enter")
        assert app.focused.id == "savings-table"

        await press(pilot, "escape")
        assert type(app.screen).__name__ == "PortfolioListScreen"

    with demo_store.reading() as connection:
        assert _training_2012(connection) == (-225, -230, 3)
        plan = savings_plan(connection)
        assert plan.total("2012/13").gbp_m_tenths == -1547
        assert plan.total("2012/13").police_staff == -965
        assert plan.remaining_gap("2012/13") == 916
        assert verify_chain(connection).ok


async def test_escape_abandons_an_edit_and_nothing_is_written(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "v")
        await press(pilot, "j", "j", "j", "j", "l", "e")
        await press(pilot, *"-99.9")
        assert "-232.1" in screen_text(app)  # previewed
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "SavingsScreen"
        assert "-153.5" in screen_text(app) and "-232.1" not in screen_text(app)
    with demo_store.reading() as connection:
        assert _training_2012(connection) == (-213, -219, 1)


async def test_a_refused_value_says_why_in_the_store_s_words_and_a_cost_is_named(app, demo_store):
    """Each refusal beside the cell is the sentence the CLI prints for the same value;
    a positive £m on a line is saved, with a note that it is a cost, not a saving."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open_the_plan_on_training_2012(pilot)
        await press(pilot, "ctrl+u", *"-22.55")
        assert "£m: -22.55 has more than one decimal place; £m go to one, e.g. -8.2" in (
            screen_text(app)
        )
        await press(pilot, "ctrl+u", *"22.5")
        text = screen_text(app)
        assert "decimal place" not in text
        assert "22.5 is a cost, not a saving: savings are negative, e.g. -22.5" in text
        await press(pilot, "enter")
        with demo_store.reading() as connection:
            assert _training_2012(connection)[0] == 225
        assert "is a cost" not in screen_text(app)

        await press(pilot, *["l"] * 6, "enter", *"2.5")  # police staff 2012/13
        assert "Police staff: '2.5' is not a whole number of people; write it" in screen_text(app)
        assert "is a cost" not in screen_text(app)
        await press(pilot, "escape", *["h"] * 6, *["j"] * 8, "enter", *"-5")
        assert "Budget requirement · £m 2012/13" in screen_text(app)
        assert "£m: is the saving the budget needs, so zero or more, e.g. 92.8" in (
            screen_text(app)
        )
