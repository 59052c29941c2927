"""`a` on the Star Chamber list: put the highlighted waiting request on an open
meeting's agenda (the only one it can go on, or the one the secretary chooses).

`AgendaActions` is mixed into `StarChamberScreen` (before the Screen class), which
gives it `table`, `reload` and `role_allows`.
"""

from __future__ import annotations

from datetime import date

from textual import work

from store.star_chamber.read_models import MeetingRow, RequestRow


class AgendaActions:
    """Putting a request on a meeting's agenda, off the event loop."""

    def action_to_agenda(self) -> None:
        """Put the highlighted waiting request on an open meeting's agenda: the only one
        it can go on, or the one the user chooses."""
        row = self.table.current_row
        if row is None:
            self.notify("Highlight a waiting request in the list first.")
            return
        self.read_open_meetings(row)

    @work(thread=True, exclusive=True, group="sc-agenda")
    def read_open_meetings(self, row: RequestRow) -> None:
        """The open meetings the request can go on (held on or after it was received)."""
        from store.star_chamber.queries.meetings import open_meetings

        with self.app.store.reading() as connection:
            meetings = [m for m in open_meetings(connection) if m.held_on >= row.received_on]
        self.app.call_from_thread(self._choose_meeting, row, meetings)

    def _choose_meeting(self, row: RequestRow, meetings: list[MeetingRow]) -> None:
        if not meetings:
            hint = ": press M to schedule one" if self.role_allows("new_meeting") else ""
            received = row.received_on.isoformat()
            self.notify(f"No open meeting on or after {received}{hint}.", severity="warning")
        elif len(meetings) == 1:
            self.add_to_agenda(row.reference, meetings[0].held_on)
        else:
            from screens.star_chamber.meeting_choice import MeetingChoiceScreen

            self.app.push_screen(
                MeetingChoiceScreen(row, meetings),
                lambda held_on: held_on and self.add_to_agenda(row.reference, held_on),
            )

    @work(thread=True, exclusive=True, group="sc-agenda-add")
    def add_to_agenda(self, reference: str, held_on: date) -> None:
        """Put the request on the meeting's agenda through the store service."""
        from screens.common.save_path import reload_after_restore
        from store.errors import PortfolioError
        from store.star_chamber.services.meetings import add_to_agenda

        call = self.app.call_from_thread
        try:
            with self.app.store.writing() as session:
                add_to_agenda({"meeting": held_on, "reference": reference}, session=session)
            call(self.notify, f"{reference} is on the agenda of {held_on.isoformat()}")
        except PortfolioError as error:  # after a restore: reloads from the restored data
            refused = reload_after_restore(self.app.store, error) or str(error)
            call(self.notify, refused, severity="error")
        call(self.reload)
