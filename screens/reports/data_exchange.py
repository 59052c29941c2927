"""Data exchange: export the portfolio as JSON, Excel or CSV, check or import a file,
and back the database up, each to or from a path the user types.

Every job runs in a thread worker and feeds a ProgressBar through `call_from_thread`,
so the screen stays responsive. A file with problems lists every one of them (sheet or
file, row, column, problem) in a scrollable table; nothing is imported then.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, ProgressBar

from screens.common.progress import throttled
from screens.common.role_keys import RoleKeys
from screens.reports.exchange_paths import (
    FORMAT_HELP,
    default_backup_path,
    default_export_path,
    export_format,
    next_format,
)
from store.errors import PortfolioError
from store.exchange.problems import ImportRejectedError, Problem
from store.users.roles import Permission
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import Label, Static
from widgets.problem_table import CountTable, ProblemTable
from widgets.window_table import WindowTable

JOB_NAMES = {
    "export": "exporting",
    "import": "importing",
    "check": "checking",
    "backup": "backing up",
}
IMPORT_HINT = {"import": "enter imports it", "check": "enter checks it, writing nothing"}


class DataExchangeScreen(RoleKeys, Screen):
    """Export, check, import and back up, with progress and every problem listed."""

    CSS_PATH = "data_exchange.tcss"
    HELP_TITLE = "Data exchange"
    HELP = """
Move the whole portfolio in and out of the app. Each job runs in the background with a
progress bar; the screen stays usable while it runs.

`e` **exports** everything (business groups, initiatives, assessments, risks, dependencies,
milestones, savings, establishment, vacancy requests, meetings and decisions, displaced
staff, engagements, departure schemes, proposals, recommendations) to the path typed. It
starts as `./portfolio-export-DATE.json` in the current folder; the format follows the
path (`.json`, `.xlsx`, or no extension for a folder of CSV files) and `ctrl+t` switches
between them.

`i` **imports** a `.json`, `.xlsx` or CSV folder into this database. An import loads a
whole portfolio, so it only goes into an **empty** database (start the app with a new
`--db` file); into one with data it is refused and nothing changes. The file is checked
first: if anything is wrong, **every** problem is listed below with its sheet or file, row
and column, and nothing is written. Otherwise everything goes in, in one transaction, and
the audit log records who imported which file.

`c` **checks** a file the same way without importing it; it works on any database.

`b` **backs up** the database to the path typed (`./portfolio-backup-DATE.db`) with
SQLite's online backup, then verifies the copy with integrity_check.

`enter` runs the job for the path being typed; `escape` leaves the path as typed and
returns to the results; an existing file is only replaced if you press `enter` again. A
failure says why and keeps the path, so you can correct it. `j`/`k` and the page keys
move through the list of problems. `escape` goes back.
"""

    BINDINGS = [
        Binding("e", "edit('export')", "Export"),
        Binding("i", "edit('import')", "Import"),
        Binding("c", "edit('check')", "Check file"),
        Binding("b", "edit('backup')", "Backup"),
        Binding("ctrl+t", "toggle_format", "json/xlsx/csv"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.busy = False
        self.import_mode = "import"
        self._confirm: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="db-line")
        with Horizontal(classes="job-row", id="export-row"):
            yield Label("Export to", classes="job-label")
            yield Input(id="export-path")
            yield Static("", classes="job-hint", id="export-hint")
        with Horizontal(classes="job-row", id="import-row"):
            yield Label("Import from", classes="job-label", id="import-label")
            yield Input(
                placeholder="a .json or .xlsx file, or a folder of .csv files", id="import-path"
            )
            yield Static("", classes="job-hint", id="import-hint")
        with Horizontal(classes="job-row", id="backup-row"):
            yield Label("Back up to", classes="job-label")
            yield Input(id="backup-path")
            yield Static("SQLite copy, then integrity_check", classes="job-hint")
        with Horizontal(id="progress-row"):
            yield ProgressBar(id="job-progress", show_eta=False)
            yield Static("", id="job-status")
        yield Static("", id="result-title")
        yield ProblemTable(
            empty_text="Nothing checked yet. e exports, "
            + ("i imports, " if self.app.may(Permission.IMPORT_DATA) else "")
            + "c checks a file, b backs up.",
            id="problems",
        )
        yield CountTable(id="counts")
        yield Static("", id="problem-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Data exchange"
        self.query_one("#export-path", Input).value = default_export_path()
        self.query_one("#backup-path", Input).value = default_backup_path()
        self.query_one("#counts").display = False
        # A role that may not import types a path here to check a file.
        self.show_import_mode("import" if self.app.may(Permission.IMPORT_DATA) else "check")
        self.export_changed()
        self.query_one("#job-progress", ProgressBar).update(total=1, progress=0)
        self.query_one("#problems").focus()
        self.read_database()

    # -------------------------------------------------------------- the database

    @work(thread=True, exclusive=True, group="exchange-db")
    def read_database(self) -> None:
        """Count what this database holds, to say whether an import can go in."""
        from store.exchange.load import non_empty_tables

        with self.app.store.reading() as connection:
            counts = non_empty_tables(connection)
        self.app.call_from_thread(self.show_database, counts)

    def show_database(self, counts: dict[str, int]) -> None:
        """One line: the database file and whether it is empty."""
        name = self.app.store.path.name
        if counts:
            rows = sum(counts.values())
            text = (
                f"Database {name}: {rows:,} rows in {len(counts)} tables. Import needs an "
                "empty database; c checks a file without importing."
            )
        else:
            text = f"Database {name} is empty" + (
                ": i imports a whole portfolio into it."
                if self.app.may(Permission.IMPORT_DATA)
                else "."
            )
        self.query_one("#db-line", Static).update(text)

    # ------------------------------------------------------------------ editing

    def action_edit(self, job: str) -> None:
        """Put the cursor in the path of `job` (check and import share one path)."""
        if job in ("import", "check"):
            self.show_import_mode(job)
        field = self.query_one(f"#{'import' if job == 'check' else job}-path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def show_import_mode(self, mode: str) -> None:
        """Label the import row for importing or for checking only."""
        self.import_mode = mode
        self.query_one("#import-label", Label).update(
            "Import from" if mode == "import" else "Check file"
        )
        self.query_one("#import-hint", Static).update(IMPORT_HINT[mode])

    @on(Input.Changed, "#export-path")
    def export_changed(self) -> None:
        """Say which format the typed path means."""
        text = self.query_one("#export-path", Input).value
        self.query_one("#export-hint", Static).update(
            f"{FORMAT_HELP[export_format(text)]} · ctrl+t"
        )

    def action_toggle_format(self) -> None:
        """Switch the export path between .json, .xlsx and a CSV folder."""
        field = self.query_one("#export-path", Input)
        field.value = next_format(field.value or default_export_path())
        field.cursor_position = len(field.value)

    def permission_for(self, action: str, parameters: tuple[object, ...] = ()) -> Permission | None:
        """`i` (import) is for a role that may import; the other jobs for anyone."""
        if action == "edit" and parameters == ("import",):
            return Permission.IMPORT_DATA
        return None

    def action_applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+t only while typing the export path."""
        if action == "toggle_format":
            return self.focused is self.query_one("#export-path", Input)
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    # ------------------------------------------------------------------ running

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        """Run the job for the path typed."""
        job = {"export-path": "export", "backup-path": "backup"}.get(event.input.id or "")
        job = job or self.import_mode
        text = event.value.strip()
        if self.busy:
            self.set_status("wait: the current job is still running")
            return
        if not text:
            self.set_status("type a path first")
            return
        path = Path(text).expanduser()
        if job in ("export", "backup") and path.exists() and self._confirm != path:
            self._confirm = path
            self.set_status(f"{path} exists: enter again replaces it, or type another path")
            return
        self._confirm = None
        if job == "import" and self.refused("edit", ("import",)):
            return
        self.start(job, path)

    def start(self, job: str, path: Path) -> None:
        """Start `job` on `path` in a worker."""
        self.busy = True
        self.query_one("#job-progress", ProgressBar).update(total=None, progress=0)
        self.set_status(f"{JOB_NAMES[job]} {path.name}…")
        self.query_one(f"#{'import' if job == 'check' else job}-path", Input).blur()
        self.query_one("#problems").focus()
        self.run_job(job, path)

    @work(thread=True, exclusive=True, group="exchange-job")
    def run_job(self, job: str, path: Path) -> None:
        """Do the job off the event loop, feeding the progress bar."""
        bar = self.query_one("#job-progress", ProgressBar)
        progress = throttled(
            lambda done, total: self.app.call_from_thread(bar.update, total=total, progress=done)
        )
        try:
            outcome = JOBS[job](self.app.store, path, progress)
        except ImportRejectedError as rejected:
            self.app.call_from_thread(self.rejected, job, path, rejected.problems)
        except (PortfolioError, OSError, ValueError) as error:
            self.app.call_from_thread(self.failed, job, str(error))
        else:
            self.app.call_from_thread(self.finished, job, outcome)

    def rejected(self, job: str, path: Path, problems: list[Problem]) -> None:
        """List every problem the check found."""
        self.busy = False
        bar = self.query_one("#job-progress", ProgressBar)
        bar.update(total=bar.total or 1, progress=bar.total or 1)
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        verdict = "nothing was imported" if job == "import" else "it cannot be imported as it is"
        self.set_status(f"{path.name}: {count:,} {noun}; {verdict}")
        self.query_one("#result-title", Static).update(
            f"{count:,} {noun} in {path.name} (sheet or file, row, column)"
        )
        self.show_table("problems")
        self.query_one("#problems", ProblemTable).show_problems(problems)

    def failed(self, job: str, message: str) -> None:
        """Say why the job did not happen; the typed path stays for correcting."""
        self.busy = False
        self.query_one("#job-progress", ProgressBar).update(total=1, progress=0)
        prefix = {"import": "Not imported", "check": "Not checked"}.get(
            job, f"{job.capitalize()} failed"
        )
        if job == "import" and message.startswith("database: is not empty"):
            message += ". To see whether the file is sound, press c to check it"
        self.set_status(f"{prefix}: {message}")

    def finished(self, job: str, outcome: tuple[str, dict[str, int]]) -> None:
        """Say what was done and list the row counts."""
        self.busy = False
        message, counts = outcome
        bar = self.query_one("#job-progress", ProgressBar)
        bar.update(total=bar.total or 1, progress=bar.total or 1)
        self.set_status(message)
        if counts:
            total = sum(counts.values())
            self.query_one("#result-title", Static).update(
                f"{total:,} rows in {len(counts)} tables"
            )
            self.show_table("counts")
            self.query_one("#counts", CountTable).show_counts(counts)
        else:
            self.query_one("#result-title", Static).update("")
        if job == "import":
            self.read_database()

    @on(WindowTable.RowHighlighted, "#problems")
    def problem_highlighted(self, event: WindowTable.RowHighlighted) -> None:
        """The highlighted problem in full, in case its cell is cut short."""
        text = "" if event.row is None else str(event.row)
        self.query_one("#problem-detail", Static).update(text)

    def show_table(self, which: str) -> None:
        """Show the problems table or the counts table."""
        self.query_one("#problems").display = which == "problems"
        self.query_one("#counts").display = which == "counts"
        self.query_one("#problem-detail").display = which == "problems"
        self.query_one(f"#{which}").focus()

    def set_status(self, text: str) -> None:
        """One line beside the progress bar."""
        self.query_one("#job-status", Static).update(text)

    def action_back(self) -> None:
        """Leave a path being typed (kept as typed), or go back."""
        if isinstance(self.focused, Input):
            self._confirm = None
            self.query_one("#counts" if self.query_one("#counts").display else "#problems").focus()
            return
        if self.busy:
            self.set_status("wait: the current job is still running")
            return
        self.app.pop_screen()


def _export(store, path: Path, progress) -> tuple[str, dict[str, int]]:
    from store.exchange.export import export_file

    # The screen asked before replacing an existing file; a database is never replaced.
    result = export_file(store, path, export_format(str(path)), force=True, on_progress=progress)
    return (
        f"Exported {result.total:,} rows as {result.format} to {result.path.resolve()}",
        result.rows,
    )


def _import(store, path: Path, progress) -> tuple[str, dict[str, int]]:
    from store.exchange.load import import_file

    result = import_file(path, store=store, on_progress=progress)
    return f"Imported {result.total:,} rows from {path.name} ({result.format})", result.rows


def _check(store, path: Path, progress) -> tuple[str, dict[str, int]]:
    from store.exchange.load import check_file

    checked = check_file(path, on_progress=progress)
    if checked.problems:
        raise ImportRejectedError(path.name, checked.problems)
    counts = {name: len(loaded.rows) for name, loaded in checked.tables.items()}
    return f"{path.name} is sound: {checked.row_count:,} rows, no problems", counts


def _backup(store, path: Path, progress) -> tuple[str, dict[str, int]]:
    from store.exchange.archive import backup_database

    result = backup_database(store.path, path, force=True, on_progress=progress)
    return (
        f"Backed up to {result.path.resolve()} ({result.bytes:,} bytes, "
        f"integrity_check {result.integrity})",
        {},
    )


JOBS = {"export": _export, "import": _import, "check": _check, "backup": _backup}
