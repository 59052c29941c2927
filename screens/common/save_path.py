"""The one way a screen saves through the store: every form (and the savings table's
cell editor) hands what it wants written to `start_save`, and one worker does the rest.

The worker runs the screen's `write(data)` off the event loop. What comes back is
dealt with on the event loop, the same way everywhere:

- `DatabaseBusyError`: "Database busy", everything kept, retried every second
  (`BusyRetry`: `ctrl+s` retries now, `escape` stops retrying);
- `StaleVersionError` (someone else saved first): the worker reads the record as they
  left it (`read_current(data)`), the screen takes their changes in (`take_in`) and the
  conflict dialog opens; its answer re-applies (`action_save`) or reloads
  (`action_revert`);
- `DatabaseReplacedError` (a restore replaced the database since the screen read it):
  the worker accepts the restored database as the store's and reads the record as the
  restore left it (`reread(data)`); the screen takes it in with what the user typed on
  top (`take_in`, no dialog) and says so; the next save goes against the restored data;
- any other `PortfolioError`: `save_refused(error)`, by default a message under the form;
- success: `save_landed(result)`, by default closing the form with what was saved.

Why a save did not land is said with `refuse(message)` and stays on screen until the
next save starts. A screen using this provides `tell(message, note=...)`, which shows
a message where the screen says such things, and has an `action_save`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.widgets import Button

from screens.common.busy_retry import BusyRetry
from screens.common.conflict_dialog import ConflictDialog, ReapplyOrReload
from store.errors import (
    DatabaseBusyError,
    DatabaseReplacedError,
    PortfolioError,
    StaleVersionError,
)

if TYPE_CHECKING:
    from store.handle import Store

RELOADED = (
    "Not saved: the database was replaced by a restore from {source} at {at}. "
    "The screen has been reloaded: check and save again."
)


def reload_after_restore(store: Store, error: PortfolioError) -> str | None:
    """When a write was refused because a restore replaced the database: take the restored
    database as the store's own (the caller reloads what it shows from it, before anything
    is saved again) and return what to tell the user; None for any other refusal (worker
    thread)."""
    if not isinstance(error, DatabaseReplacedError):
        return None
    store.accept_replacement()
    return RELOADED.format(source=error.source, at=error.at)


class SavePath(ReapplyOrReload, BusyRetry):
    """Mixed into a Screen (before it): the save worker and what follows each outcome."""

    KIND = "record"  # names what is saved in messages: "risk", "proposal", "meeting"
    SAVE_ID = "save"  # the save button, disabled while a save is under way
    saving = False
    _focus_back: tuple[Button, Any] | None = None  # (save button, where focus went)
    refusing = False  # the message on screen says why the last save did not land

    # ------------------------------------------------------------ for subclasses

    def write(self, data: Any) -> Any:
        """Save `data` through the store service (runs in a worker thread); returns what
        `save_landed` receives."""
        raise NotImplementedError

    @property
    def knows_current(self) -> bool:
        """True when a stale save can be resolved: `read_current` and `take_in` work."""
        return True

    def read_current(self, data: Any) -> Any:
        """The record as someone else left it, or None if it is gone (worker thread)."""
        raise NotImplementedError

    def reread(self, data: Any) -> Any:
        """After a restore replaced the database: the record as the restore left it, for
        `take_in` (worker thread); None when the screen holds no record to reload."""
        return self.read_current(data) if self.knows_current else None

    def take_in(self, current: Any, data: Any) -> ConflictDialog | None:
        """Put their changes into the screen, keeping what the user typed, and say so;
        returns the conflict dialog to open (None: none)."""
        raise NotImplementedError

    def save_landed(self, result: Any) -> None:
        """The save went through: close the form with what was saved."""
        self.finish(result)

    def save_refused(self, error: PortfolioError) -> None:
        """The store refused the save: say why."""
        self.refuse(self.refusal_text(str(error)))

    def refusal_text(self, message: str) -> str:
        """How the screen words a refusal."""
        return f"Not saved. {message}"

    def tell(self, message: str | Text, *, note: bool = False) -> None:
        """Show `message` where the screen says how saving went."""
        raise NotImplementedError

    # ------------------------------------------------------------------ saving

    def refuse(self, message: str | Text, *, note: bool = False) -> None:
        """Say why the save did not land; it stays until the next save starts."""
        self.tell(message, note=note)
        self.refusing = bool(message)

    def start_save(self, data: Any) -> None:
        """Save `data` off the event loop (any automatic retry pending is replaced)."""
        self._stop_retry()
        if not self.retrying:  # while retrying, "Database busy" stays until it lands
            self.refuse("")
        self._set_saving(True)
        self._save(data)

    def _set_saving(self, saving: bool) -> None:
        """Disable the save button while saving. Textual moves the focus off a disabled
        button (to Cancel, where `enter` would throw the form away); it comes back to
        the button when the save is over, unless the user has moved it meanwhile."""
        self.saving = saving
        buttons = list(self.query(f"#{self.SAVE_ID}").results(Button)) if self.SAVE_ID else []
        had_focus = next((button for button in buttons if button.has_focus), None)
        for button in buttons:
            button.disabled = saving
        if saving:
            self._focus_back = (had_focus, self.focused) if had_focus else None
        elif self._focus_back is not None:
            button, moved_to = self._focus_back
            self._focus_back = None
            if self.focused is moved_to and button.is_attached:
                self.set_focus(button)

    @work(thread=True, exclusive=True, group="save")
    def _save(self, data: Any) -> None:
        """Write through the store; the outcome comes back to the event loop."""
        call = self.app.call_from_thread
        try:
            result = self.write(data)
        except DatabaseBusyError:
            call(self._busy)
        except DatabaseReplacedError as error:
            message = reload_after_restore(self.app.store, error)
            call(self._replaced, message, self.reread(data), data)
        except StaleVersionError as error:
            if self.knows_current:
                call(self._conflicted, self.read_current(data), data)
            else:
                call(self._refused, error)
        except PortfolioError as error:
            call(self._refused, error)
        else:
            call(self._landed, result)

    def _landed(self, result: Any) -> None:
        if self.refusing:
            self.refuse("")  # "Database busy" from before this retry landed
        self.save_landed(result)

    def _busy(self) -> None:
        """Another process holds the write lock: say so, keep everything, retry soon."""
        self._set_saving(False)
        self.refuse(self.retry_when_busy())

    def _refused(self, error: PortfolioError) -> None:
        self._set_saving(False)
        self.save_refused(error)

    def _replaced(self, message: str, current: Any, data: Any) -> None:
        """A restore replaced the database: take the record in as restored, keeping what
        the user typed, and say so; nothing was written."""
        self._set_saving(False)
        if current is not None:
            self.take_in(current, data)  # the dialog is not opened: the message says why
        self.refuse(message)

    def _conflicted(self, current: Any, data: Any) -> None:
        """Someone else saved first: take theirs in and open the conflict dialog."""
        self._set_saving(False)
        if current is None:
            self.refuse(f"Not saved: this {self.KIND} no longer exists.")
            return
        dialog = self.take_in(current, data)
        if dialog is not None:
            self.app.push_screen(dialog, self._conflict_chosen)
