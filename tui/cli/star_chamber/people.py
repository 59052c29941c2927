"""`portfolio postings`, `posting add|left`, `engagements` and `engagement start|end`:
the Posting List of displaced staff, and temporary and agency workers."""

from __future__ import annotations

import argparse

from store.star_chamber.types import PostingStatus, StaffType
from tui.cli.common import EXIT_OK, read, read_as_at, write
from tui.cli.options import (
    TABLE_CSV_JSON,
    add_command,
    add_format_option,
    add_group,
    from_args,
    parse_day,
    values,
    without_none,
)
from tui.cli.output import pick, write_records

POSTING_COLUMNS = (
    "reference",
    "name",
    "grade",
    "business_group",
    "skills",
    "listed_on",
    "status",
    "status_on",
    "posted_to",
)
ENGAGEMENT_COLUMNS = (
    "reference",
    "worker",
    "staff_type",
    "business_group",
    "post",
    "grade",
    "start_on",
    "max_end_on",
    "weeks_left",
    "status",
    "ended_on",
    "pending_extension",
)


def register(subcommands) -> None:
    """Add `postings`, `posting add|left`, `engagements` and `engagement start|end`."""
    _register_postings(subcommands)
    _register_engagements(subcommands)


def _register_postings(subcommands) -> None:
    postings = add_command(
        subcommands, "postings", "the Posting List of displaced staff", run_postings
    )
    postings.add_argument("--status", choices=values(PostingStatus))
    add_format_option(postings, TABLE_CSV_JSON)

    actions = add_group(subcommands, "posting", "change the Posting List")
    add = add_command(actions, "add", "put a displaced person on the list", run_posting_add)
    add.add_argument("--name", required=True)
    add.add_argument("--grade", required=True, metavar="G")
    add.add_argument("--business-group", required=True, metavar="BG", help="where they came from")
    add.add_argument("--skills", default="")
    add.add_argument("--listed-on", metavar="DATE", help="default: today")
    left = add_command(
        actions, "left", "someone left the list other than by posting", run_posting_left
    )
    left.add_argument("reference", metavar="PERSON_REF")
    left.add_argument("--reason", required=True, metavar="TEXT")
    left.add_argument("--on", metavar="DATE", help="default: today")


def _register_engagements(subcommands) -> None:
    engagements = add_command(
        subcommands, "engagements", "temporary and agency engagements", run_engagements
    )
    engagements.add_argument("--ending-within", type=int, metavar="WEEKS")
    engagements.add_argument("--all", action="store_true", help="include ended engagements")
    add_format_option(engagements, TABLE_CSV_JSON)

    actions = add_group(subcommands, "engagement", "start or end an engagement")
    start = add_command(actions, "start", "a worker starts", run_engagement_start)
    start.add_argument("--worker", required=True, metavar="NAME")
    start.add_argument("--start", required=True, metavar="DATE")
    start.add_argument("--request", metavar="REF", help="the approved request")
    start.add_argument("--business-group", metavar="BG")
    start.add_argument("--post", metavar="TITLE")
    start.add_argument("--grade", metavar="G")
    temporary = (staff_type for staff_type in StaffType if staff_type.is_temporary)
    start.add_argument("--staff-type", choices=values(StaffType, temporary))
    start.add_argument("--max-end", metavar="DATE", help="approved maximum end (no request)")
    end = add_command(actions, "end", "an engagement ends", run_engagement_end)
    end.add_argument("reference", metavar="TW-REF")
    end.add_argument("--on", required=True, metavar="DATE")
    end.add_argument("--reason", default="", metavar="TEXT")


def run_postings(args: argparse.Namespace) -> int:
    """Print the Posting List, longest waiting first."""
    from store.star_chamber.queries.posting_list import posting_list

    rows = read(args, posting_list, status=args.status)
    write_records((pick(row, POSTING_COLUMNS) for row in rows), POSTING_COLUMNS, args.format)
    return EXIT_OK


def run_posting_add(args: argparse.Namespace) -> int:
    """Put a displaced person on the Posting List and print their reference."""
    from store.star_chamber.services.posting_list import add_displaced

    data = from_args(args, ("name", "grade", "business_group", "skills"))
    if args.listed_on:
        data["listed_on"] = parse_day(args.listed_on, "listed_on")
    print(write(args, add_displaced, data).reference)
    return EXIT_OK


def run_posting_left(args: argparse.Namespace) -> int:
    """Record that someone left the Posting List other than by a posting."""
    from store.star_chamber.services.posting_list import leave_list

    data = {"reference": args.reference, "reason": args.reason}
    if args.on:
        data["on"] = parse_day(args.on, "on")
    person = write(args, leave_list, data)
    print(f"{person.reference} {person.name} left the list on {person.status_on.isoformat()}")
    return EXIT_OK


def run_engagements(args: argparse.Namespace) -> int:
    """Print engagements by approved maximum end, soonest first, as at the reporting
    date: weeks left (none for one ended, or started after that date) count to it."""
    from store.errors import InputError
    from store.star_chamber.queries.engagements import engagements

    if args.ending_within is not None and args.ending_within < 0:
        raise InputError("ending_within", "must be zero or more weeks")

    options = {"ending_within_weeks": args.ending_within, "include_ended": args.all}
    as_at, rows = read_as_at(
        args, lambda connection, as_at: engagements(connection, today=as_at, **options)
    )
    records = (
        pick(
            row,
            ENGAGEMENT_COLUMNS,
            weeks_left=row.weeks_left(as_at)
            if row.status == "active" and row.start_on <= as_at
            else None,
        )
        for row in rows
    )
    write_records(records, ENGAGEMENT_COLUMNS, args.format)
    return EXIT_OK


def run_engagement_start(args: argparse.Namespace) -> int:
    """Record a worker starting, against an approved request or a given maximum."""
    from store.star_chamber.services.engagements import start_engagement

    data = from_args(args, ("worker", "request", "business_group", "post", "grade", "staff_type"))
    data["start_on"] = parse_day(args.start, "start_on")
    if args.max_end:
        data["approved_max_end"] = parse_day(args.max_end, "approved_max_end")
    engagement = write(args, start_engagement, without_none(data))
    print(f"{engagement.reference} ends by {engagement.max_end_on.isoformat()} at the latest")
    return EXIT_OK


def run_engagement_end(args: argparse.Namespace) -> int:
    """Record an engagement ending (never past its approved maximum)."""
    from store.star_chamber.services.engagements import end_engagement

    data = {"reference": args.reference, "on": parse_day(args.on, "on"), "reason": args.reason}
    engagement = write(args, end_engagement, data)
    print(f"{engagement.reference} ended on {engagement.ended_on.isoformat()}")
    return EXIT_OK
