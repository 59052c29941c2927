"""`portfolio export`, `import`, `backup` and `restore`: moving a whole portfolio in
and out as JSON, Excel or CSV, and copying the database file safely."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    add_force_option,
    database_path,
    fail,
    note,
    open_store,
)
from tui.cli.options import add_command
from tui.cli.output import print_json


def register(subcommands) -> None:
    """Add export, import, backup and restore."""
    _register_export(subcommands)
    _register_import(subcommands)
    _register_archive(subcommands)


def _register_export(subcommands) -> None:
    export = add_command(
        subcommands,
        "export",
        "write every table as json, xlsx or a folder of csv files",
        run_export,
    )
    export.add_argument("--format", choices=["json", "xlsx", "csv"], default=None)
    export.add_argument(
        "--template",
        choices=["xlsx"],
        default=None,
        help="write the empty workbook with headers and drop-down lists",
    )
    export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="the file (json, xlsx) or folder (csv) to write",
    )
    add_force_option(export)


def _register_import(subcommands) -> None:
    load = add_command(
        subcommands,
        "import",
        "load a json, xlsx or csv export into an empty database, all or nothing",
        run_import,
    )
    load.add_argument("path", metavar="PATH", help="a .json or .xlsx file, or a folder of .csv")
    load.add_argument(
        "--check",
        action="store_true",
        help="only check the file and list its problems; write nothing",
    )
    load.add_argument(
        "--partial",
        action="store_true",
        help="load a file that lacks some tables (otherwise it is refused, naming them)",
    )
    load.formatter_class = argparse.RawDescriptionHelpFormatter
    load.epilog = _limits_help()


def _limits_help() -> str:
    """The import limits, their defaults and the environment variables that raise them."""
    from store.limits import MAX_IMPORT_BYTES, MAX_IMPORT_RATIO, MAX_IMPORT_ROWS, MAX_TEXT

    lines = ["limits, checked before a file is read (raise one by setting its variable):"]
    for limit, what in (
        (MAX_IMPORT_BYTES, "bytes in the file (a workbook: uncompressed)"),
        (MAX_IMPORT_ROWS, "rows in one table"),
        (MAX_TEXT, "characters in one text (forms and commands too)"),
        (MAX_IMPORT_RATIO, "times a workbook part may expand"),
    ):
        lines.append(f"  {limit.env}={limit.default}  {what}")
    return "\n".join(lines)


def _register_archive(subcommands) -> None:
    backup = add_command(
        subcommands,
        "backup",
        "copy the database safely while it is in use, and verify the copy",
        run_backup,
    )
    backup.add_argument("file", metavar="FILE")
    add_force_option(backup)

    restore = add_command(subcommands, "restore", "replace the database with a backup", run_restore)
    restore.add_argument("file", metavar="FILE")
    restore.add_argument(
        "--force",
        action="store_true",
        help="replace a database that holds data (a backup of it is kept)",
    )
    restore.add_argument(
        "--create",
        action="store_true",
        help="restore into a database file that does not exist yet (else a missing --db is "
        "refused, so a mistyped name does not quietly make a new database)",
    )


def _database_files(args: argparse.Namespace) -> tuple[Path, ...]:
    """The database the arguments name, to be kept from being written over."""
    path = database_path(args)
    return () if path is None else (path,)


def _moved(result, **extra) -> dict:
    """What an export or import wrote: its path, format and row counts."""
    return {
        "path": str(result.path),
        "format": result.format,
        "rows": result.total,
        "tables": result.rows,
        **extra,
    }


def run_export(args: argparse.Namespace) -> int:
    """Export everything, or write the template."""
    from store.errors import InputError

    output = Path(args.output)
    if args.template:
        if args.format not in (None, "xlsx"):
            raise InputError("template", "the template is an xlsx workbook; drop --format")
        from store.exchange.template import write_template

        write_template(output, force=args.force, protect=_database_files(args))
        print_json({"path": str(output), "template": "xlsx"})
        return EXIT_OK
    if args.format is None:
        raise InputError("format", "give --format json, xlsx or csv (or --template xlsx)")
    from store.exchange.export import export_file
    from tui.cli.progress import progress_bar

    with open_store(args) as store, progress_bar(f"exporting {args.format}") as on_progress:
        result = export_file(store, output, args.format, force=args.force, on_progress=on_progress)
    print_json(_moved(result))
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    """Check the file, then import it all or nothing; list every problem otherwise."""
    from store.exchange.load import check_file, import_file
    from store.exchange.problems import ImportRejectedError
    from tui.cli.progress import progress_bar

    path = Path(args.path)
    if args.check:
        with progress_bar("checking") as on_progress:
            checked = check_file(path, on_progress=on_progress, partial=args.partial)
        if checked.problems:
            return _problems(ImportRejectedError(path.name, checked.problems))
        print_json({"path": str(path), "rows": checked.row_count, "problems": 0})
        return EXIT_OK
    with open_store(args, create=True) as store:
        try:
            with progress_bar("importing") as on_progress:
                result = import_file(
                    path, store=store, on_progress=on_progress, partial=args.partial
                )
        except ImportRejectedError as rejected:
            return _problems(rejected)
    print_json(_moved(result, imported_by=store.actor, audit_hash=result.audit_hash))
    return EXIT_OK


def _problems(rejected) -> int:
    for line in rejected.lines():
        fail(line)
    return EXIT_BAD_INPUT


def run_backup(args: argparse.Namespace) -> int:
    """Copy the database with the online backup API (a server's into a portfolio
    file, `store.exchange.server_backup`) and verify the copy."""
    from store.exchange.archive import backup_database
    from store.exchange.server_backup import backup_server
    from tui.cli.progress import progress_bar

    with open_store(args) as store:
        database, url, actor = store.path, store.backend.url, store.identity.actor
    if database is None:
        result = backup_server(url, Path(args.file), actor=actor, force=args.force)
    else:
        with progress_bar("backing up") as on_progress:
            result = backup_database(
                database, Path(args.file), force=args.force, on_progress=on_progress
            )
    print_json(
        {
            "path": str(result.path),
            "pages": result.pages,
            "bytes": result.bytes,
            "integrity_check": result.integrity,
        }
    )
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    """Replace the database with a backup, keeping a copy of what it replaces."""
    from store.exchange.archive import restore_database
    from store.paths import resolve_actor
    from tui.cli.progress import progress_bar

    target = database_path(args)
    if target is None:
        return _restore_to_server(args)
    if not args.create and not target.exists():
        fail(f"database: {target} does not exist; check --db, or add --create to make it")
        return EXIT_BAD_INPUT
    with progress_bar("restoring") as on_progress:
        result = restore_database(
            Path(args.file),
            target,
            actor=resolve_actor(args.user),
            force=args.force,
            on_progress=on_progress,
        )
    _print_restore(result)
    return EXIT_OK


def _restore_to_server(args: argparse.Namespace) -> int:
    """Restore a portfolio file into the empty PostgreSQL database `--db` names."""
    from store.exchange.server_backup import restore_to_server
    from store.paths import database_url, resolve_actor

    url = database_url(args.db)
    _print_restore(restore_to_server(Path(args.file), url, actor=resolve_actor(args.user)))
    return EXIT_OK


def _print_restore(result) -> None:
    """What a restore did, as JSON (where the replaced database was kept, on stderr)."""
    if result.replaced_backup is not None:
        note(f"the replaced database was backed up to {result.replaced_backup}")
    print_json(
        {
            "restored": str(result.source),
            "database": str(result.target),
            "replaced_backup": str(result.replaced_backup) if result.replaced_backup else None,
            "rows": result.rows,
            "audit_hash": result.audit_hash,
        }
    )
