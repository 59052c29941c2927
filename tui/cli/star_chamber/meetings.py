"""`portfolio meetings`, `minutes`, `agenda add|build|remove` and `meeting add|close`:
the Star Chamber's meetings, their agendas and their decision logs."""

from __future__ import annotations

import argparse
import sys

from tui.cli.common import EXIT_OK, note, read, write
from tui.cli.options import (
    TABLE_JSON,
    add_command,
    add_format_option,
    add_group,
    from_args,
    parse_day,
)
from tui.cli.output import print_json, write_records

MEETING_COLUMNS = ("date", "status", "agenda")


def register_listings(subcommands) -> None:
    """Add `meetings` and `minutes`."""
    meetings = add_command(
        subcommands, "meetings", "Star Chamber meetings and agendas", run_meetings
    )
    add_format_option(meetings, TABLE_JSON)

    minutes = add_command(subcommands, "minutes", "the decision log of one meeting", run_minutes)
    minutes.add_argument("--meeting", required=True, metavar="DATE")
    add_format_option(minutes, ("text", "md"))


def register_actions(subcommands) -> None:
    """Add `agenda add|build|remove` and `meeting add|close`."""
    actions = add_group(subcommands, "agenda", "a meeting's agenda")
    add = add_command(actions, "add", "put a waiting request on an open meeting", run_agenda_add)
    add.add_argument("--meeting", required=True, metavar="DATE")
    add.add_argument("reference", metavar="REF")
    build = add_command(
        actions, "build", "add every waiting request, oldest first", run_agenda_build
    )
    build.add_argument("--meeting", required=True, metavar="DATE")
    remove = add_command(actions, "remove", "take an undecided item off", run_agenda_remove)
    remove.add_argument("--meeting", required=True, metavar="DATE")
    remove.add_argument("reference", metavar="REF")
    remove.add_argument("--reason", required=True, metavar="TEXT")

    actions = add_group(subcommands, "meeting", "schedule or close a meeting")
    add = add_command(actions, "add", "schedule a meeting (deferrals carry over)", run_meeting_add)
    add.add_argument("--date", required=True, metavar="DATE")
    add.add_argument("--chair", required=True, metavar="NAME")
    add.add_argument("--attendees", default="", metavar="'A; B'")
    add.add_argument("--union", default="", metavar="'A; B'", help="trade union representatives")
    close = add_command(
        actions, "close", "close a meeting: its decisions become final", run_meeting_close
    )
    close.add_argument("--meeting", required=True, metavar="DATE")


def _meeting_records(connection) -> list[dict]:
    from store.star_chamber.queries.meetings import agenda_references, list_meetings

    return [
        {
            "date": meeting.held_on.isoformat(),
            "status": meeting.status,
            "agenda": agenda_references(connection, meeting.id),
        }
        for meeting in list_meetings(connection)
    ]


def run_meetings(args: argparse.Namespace) -> int:
    """Print meetings, newest first, with their agendas."""
    records = read(args, _meeting_records)
    if args.format == "json":
        print_json(records)
    else:
        for record in records:
            record["agenda"] = " ".join(record["agenda"]) or "-"
        write_records(records, MEETING_COLUMNS, "table")
    return EXIT_OK


def run_minutes(args: argparse.Namespace) -> int:
    """Print a meeting's decision log, as the minutes screen shows it."""
    from store.errors import NotFoundError
    from store.star_chamber.minutes import minutes_markdown, minutes_text
    from store.star_chamber.queries.minutes import minutes

    held_on = parse_day(args.meeting, "meeting")
    found = read(args, minutes, held_on)
    if found is None:
        raise NotFoundError("meeting", f"no meeting on {held_on.isoformat()}")
    sys.stdout.write(minutes_markdown(found) if args.format == "md" else minutes_text(found))
    return EXIT_OK


def run_agenda_add(args: argparse.Namespace) -> int:
    """Put a waiting request on an open meeting's agenda."""
    from store.star_chamber.services.meetings import add_to_agenda

    held_on = parse_day(args.meeting, "meeting")
    meeting = write(args, add_to_agenda, {"meeting": held_on, "reference": args.reference})
    item = next(i for i in meeting.agenda if i.request.reference == args.reference.strip().upper())
    print(
        f"{item.request.reference} is item {item.position} on the agenda of {held_on.isoformat()}"
    )
    return EXIT_OK


def run_agenda_build(args: argparse.Namespace) -> int:
    """Add every waiting request to an open meeting's agenda, oldest first."""
    from store.star_chamber.services.meetings import build_agenda

    added = write(args, build_agenda, parse_day(args.meeting, "meeting"))
    if not added:
        note("no requests are waiting for an agenda")
    for reference in added:
        print(reference)
    return EXIT_OK


def run_agenda_remove(args: argparse.Namespace) -> int:
    """Take an undecided item off an open meeting's agenda."""
    from store.star_chamber.services.meetings import remove_from_agenda

    held_on = parse_day(args.meeting, "meeting")
    data = {"meeting": held_on, "reference": args.reference}
    write(args, remove_from_agenda, data, reason=args.reason)
    print(f"{args.reference.strip().upper()} is off the agenda of {held_on.isoformat()}")
    return EXIT_OK


def run_meeting_add(args: argparse.Namespace) -> int:
    """Schedule a meeting; waiting deferrals are carried onto its agenda."""
    from store.star_chamber.services.meetings import add_meeting

    held_on = parse_day(args.date, "held_on")
    data = {"held_on": held_on, **from_args(args, ("chair", "attendees"), union_reps="union")}
    carried = [item.request.reference for item in write(args, add_meeting, data).agenda]
    print(
        f"meeting {held_on.isoformat()} scheduled"
        + (f"; carried over {' '.join(carried)}" if carried else "")
    )
    return EXIT_OK


def run_meeting_close(args: argparse.Namespace) -> int:
    """Close a meeting whose agenda is all decided."""
    from store.star_chamber.services.meetings import close_meeting

    held_on = parse_day(args.meeting, "meeting")
    write(args, close_meeting, held_on)
    print(f"meeting {held_on.isoformat()} closed; its decisions are final")
    return EXIT_OK
