"""Change the current reporting period: a one-field form over the screen it was asked
from, listing the periods it may be set to (`period_choices`: none that has not begun).

`change_period(screen)` is the one way in: the portfolio list's `P`, also in the
command palette. A role that may not edit the register is told why and no form opens;
the save goes through `set_current_period`, which checks the role again and writes
an audit event.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from screens.common.declared_form import DeclaredForm
from screens.common.form_fields import FormField
from screens.common.role_keys import say_refused
from store.users.roles import Permission

PERMISSION = Permission.EDIT_REGISTER


def _save(store: Any, data: dict[str, Any]) -> str:
    from store.portfolio.services import set_current_period

    with store.writing() as session:
        return set_current_period(data.get("period", ""), session=session)


def period_form(choices: list[str], current: str) -> DeclaredForm:
    """The form: the current period chosen, the others it may be set to below it."""
    return DeclaredForm(
        title="Current reporting period",
        intro=(
            f"Now {current}. New RAGs default to it, the list calls a RAG stale when it "
            "is for an earlier period, and reports are as at its last day (or today)."
        ),
        fields=[
            FormField(
                "period",
                "Period",
                kind="choice",
                value=current,
                choices=tuple((period, period) for period in choices),
                hint="From the earliest assessed period to today's; none that has not begun.",
            )
        ],
        model=None,
        save=_save,
    )


def change_period(screen: Screen) -> None:
    """Open the form over `screen`, for a role that may; otherwise say why."""
    if say_refused(screen, PERMISSION):
        return
    screen.run_worker(
        lambda: _read_then_open(screen), thread=True, exclusive=True, group="period-choices"
    )


def _read_then_open(screen: Screen) -> None:
    """Read the choices off the event loop, then open the form."""
    from store.portfolio.queries import current_period, period_choices

    app = screen.app
    with app.store.reading() as connection:
        choices, current = period_choices(connection), current_period(connection)

    def changed(period: str | None) -> None:
        if period is not None and period != current:
            app.notify(f"The current reporting period is now {period}.", title="Period")

    app.call_from_thread(app.push_screen, period_form(choices, current), changed)
