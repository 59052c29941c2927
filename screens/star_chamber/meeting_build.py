"""`b` on a Star Chamber meeting: show every waiting request its agenda would take,
with who entered each, and add them once the secretary says so.

`BuildAgenda` is mixed into `MeetingScreen` (before the Screen class), which gives it
`meeting` and `reload`.
"""

from __future__ import annotations

from datetime import date

from textual import work

from store.star_chamber.queries.meetings import waiting_for_agenda


class BuildAgenda:
    """Building a meeting's agenda, read off the event loop."""

    def action_build_agenda(self) -> None:
        """Show every waiting request the agenda would take, and add them if asked to."""
        if self.meeting is None:
            return
        if not self.meeting.is_open:
            self.notify("This meeting is closed: its agenda is final.", severity="warning")
            return
        self.read_waiting(self.meeting.held_on)

    @work(thread=True, exclusive=True, group="mt-build")
    def read_waiting(self, held_on: date) -> None:
        """Read what building the agenda would add, off the event loop."""
        with self.app.store.reading() as connection:
            waiting = waiting_for_agenda(connection, held_on)
        self.app.call_from_thread(self._confirm_build, held_on, waiting)

    def _confirm_build(self, held_on: date, waiting: list) -> None:
        if not waiting:
            self.notify(f"No requests received by {held_on.isoformat()} are waiting.")
            return
        from screens.star_chamber.forms import build_agenda_form

        self.app.push_screen(build_agenda_form(held_on, waiting), self._built)

    def _built(self, added: list[str] | None) -> None:
        if added:
            self.notify(f"Added {len(added)}: {', '.join(added)}")
            self.reload()
