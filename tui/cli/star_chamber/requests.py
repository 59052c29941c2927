"""`portfolio vacancies` and `portfolio vacancy add|decide|correct|show`: the requests
the Star Chamber decides (the decisions themselves are in `decisions`)."""

from __future__ import annotations

import argparse

from store.star_chamber.types import Outcome, RequestStatus, Route, StaffType
from tui.cli.common import EXIT_OK, read, write
from tui.cli.options import (
    TABLE_CSV_JSON,
    TEXT_JSON,
    add_command,
    add_format_option,
    add_group,
    from_args,
    parse_day,
    values,
    without_none,
)
from tui.cli.output import pick, print_json, write_records
from tui.cli.star_chamber import decisions

VACANCY_COLUMNS = (
    "reference",
    "business_group",
    "post",
    "grade",
    "staff_type",
    "fte",
    "status",
    "outcome",
    "meeting",
    "decided_on",
    "requested_by",
)
DETAIL_KEYS = ("funded", "cost_centre", "route", "programme", "justification", "max_weeks")
REQUEST_OPTIONS = (
    "business_group",
    "post",
    "grade",
    "fte",
    "staff_type",
    "justification",
    "cost_centre",
    "route",
    "max_weeks",
    "programme",
    "requested_by",
)
EXTENSION_REFUSES = ("business_group", "post", "grade", "staff_type", "programme")


def register_listing(subcommands) -> None:
    """Add `vacancies`."""
    vacancies = add_command(subcommands, "vacancies", "Star Chamber requests", run_vacancies)
    vacancies.add_argument("--status", choices=values(RequestStatus))
    vacancies.add_argument("--outcome", choices=values(Outcome))
    vacancies.add_argument("--business-group", metavar="BG")
    vacancies.add_argument("--filter", default="", metavar="TEXT")
    add_format_option(vacancies, TABLE_CSV_JSON)


def register_actions(subcommands) -> None:
    """Add `vacancy add|decide|correct|show`."""
    actions = add_group(subcommands, "vacancy", "log, decide, correct or show a request")
    add = add_command(actions, "add", "log a request (prints its reference)", run_vacancy_add)
    add.add_argument("--business-group", metavar="BG")
    add.add_argument("--post", metavar="TITLE")
    add.add_argument("--grade", metavar="G", help="a band, A (highest) to F")
    add.add_argument("--fte", metavar="N")
    add.add_argument("--staff-type", choices=values(StaffType))
    add.add_argument("--justification", required=True, metavar="TEXT")
    add.add_argument("--unfunded", action="store_true")
    add.add_argument("--cost-centre", default="", metavar="CODE")
    add.add_argument("--route", choices=values(Route), default=Route.INTERNAL.value)
    add.add_argument("--max-weeks", type=int, metavar="N")
    add.add_argument("--programme", metavar="CODE", help="a linked portfolio initiative")
    add.add_argument("--requested-by", metavar="NAME", help="default: --user")
    add.add_argument("--received", metavar="DATE", help="default: today")
    add.add_argument(
        "--extends", metavar="TW-REF", help="an extension of this engagement by --max-weeks"
    )
    decisions.register(actions)
    show = add_command(actions, "show", "one request with its decisions", run_vacancy_show)
    show.add_argument("reference", metavar="REF")
    add_format_option(show, TEXT_JSON)


def vacancy_record(row) -> dict:
    """A request as the `vacancies` command prints it."""
    return pick(row, VACANCY_COLUMNS)


def run_vacancies(args: argparse.Namespace) -> int:
    """Print requests, newest received first, optionally filtered."""
    from store.star_chamber.queries.requests import RequestQuery, request_page

    query = RequestQuery(
        text=args.filter,
        status=args.status,
        outcome=args.outcome,
        business_group=args.business_group,
    )
    rows = read(args, request_page, query, limit=-1)
    write_records((vacancy_record(row) for row in rows), VACANCY_COLUMNS, args.format)
    return EXIT_OK


def run_vacancy_add(args: argparse.Namespace) -> int:
    """Log a request, or an extension of an engagement, and print its reference."""
    from store.star_chamber.services.requests import add_extension_request, add_request

    received = parse_day(args.received, "received_on") if args.received else None
    if args.extends:
        _refuse_with_extension(args)
        saved = write(args, add_extension_request, _extension_data(args, received))
    else:
        saved = write(args, add_request, _request_data(args, received))
    print(saved.reference)
    return EXIT_OK


def _extension_data(args: argparse.Namespace, received) -> dict:
    return {
        "engagement": args.extends,
        "weeks": args.max_weeks if args.max_weeks is not None else 0,
        "justification": args.justification,
        "fte": args.fte or "1",
        "funded": not args.unfunded,
        "cost_centre": args.cost_centre,
        "requested_by": args.requested_by,
        "received_on": received,
    }


def _request_data(args: argparse.Namespace, received) -> dict:
    data = from_args(args, REQUEST_OPTIONS)
    return without_none(data | {"funded": not args.unfunded, "received_on": received})


def _refuse_with_extension(args: argparse.Namespace) -> None:
    from store.errors import InputError

    for option in EXTENSION_REFUSES:
        if getattr(args, option) is not None:
            raise InputError(
                option,
                "an extension takes the post from the engagement; leave out "
                f"--{option.replace('_', '-')}",
            )
    if args.max_weeks is None:
        raise InputError("max_weeks", "say how many more weeks the extension asks for")


def request_record(detail) -> dict:
    """One request with its details and every decision on it, as `vacancy show` prints."""
    row = detail.row
    return (
        vacancy_record(row)
        | pick(detail, DETAIL_KEYS, programme=detail.programme_code)
        | {"extends": detail.engagement_reference if row.is_extension else None}
        | pick(row, ("received_on", "entered_by"))
        | {"decisions": [decisions.decision_record(d) for d in detail.decisions]}
    )


def _request_detail(connection, reference: str):
    from store.errors import NotFoundError
    from store.star_chamber.queries.requests import request_detail

    detail = request_detail(connection, reference)
    if detail is None:
        raise NotFoundError("reference", f"no request {reference!r}")
    return detail


def run_vacancy_show(args: argparse.Namespace) -> int:
    """Print one request with every decision on it."""
    record = request_record(read(args, _request_detail, args.reference))
    if args.format == "json":
        print_json(record)
        return EXIT_OK
    for key, value in record.items():
        if key != "decisions":
            print(f"{key}: {'' if value is None else value}")
    for decision in record["decisions"]:
        print(
            f"decision {decision['id']} at {decision['meeting']}: {decision['outcome']} "
            f"by {decision['recorded_by']}: {decision['reason']}"
            + (f" (superseded by {decision['superseded_by']})" if decision["superseded_by"] else "")
        )
    return EXIT_OK
