"""Subcommands for the Star Chamber: requests, agendas, decisions, minutes, the Posting
List, engagements, establishment figures and early departure schemes.

Listing:   vacancies, meetings, minutes, postings, engagements, establishment, departures
Recording: vacancy add|decide|correct|show, agenda add|build|remove, meeting add|close,
           posting add|left, engagement start|end, establishment set, departure set
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from decimal import Decimal

from tui.cli.common import EXIT_OK, add_common_options, add_format_option, note, open_store

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
MEETING_COLUMNS = ("date", "status", "agenda")
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
ESTABLISHMENT_COLUMNS = (
    "business_group",
    "staff_group",
    "financial_year",
    "budgeted",
    "strength",
    "approved_since",
    "vacancy_pct",
    "target_vacancy_pct",
    "start_strength",
    "reduction",
    "plan_today",
    "as_of",
)


def _number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: whole numbers as integers."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def parse_day(text: str, field: str) -> date:
    """A YYYY-MM-DD date from the command line, or an InputError naming `field`."""
    from store.errors import InputError

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(field, f"{text!r} is not a date; write it like 2011-06-13") from None


def _print_json(value) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


# ------------------------------------------------------------------ registration


def register(subcommands) -> None:
    """Add this feature's subcommands to the parser."""
    _register_listings(subcommands)
    _register_vacancy(subcommands)
    _register_agenda_and_meeting(subcommands)
    _register_posting_and_engagement(subcommands)
    _register_figures(subcommands)


def _leaf(group, name: str, help_text: str, handler):
    parser = group.add_parser(name, help=help_text)
    add_common_options(parser)
    parser.set_defaults(handler=handler)
    return parser


def _register_listings(subcommands) -> None:
    vacancies = _leaf(subcommands, "vacancies", "Star Chamber requests", run_vacancies)
    vacancies.add_argument("--status", choices=("received", "on_agenda", "decided"))
    vacancies.add_argument(
        "--outcome",
        choices=("approved", "approved_with_conditions", "rejected", "deferred", "withdrawn"),
    )
    vacancies.add_argument("--business-group", metavar="BG")
    vacancies.add_argument("--filter", default="", metavar="TEXT")
    add_format_option(vacancies, ("table", "csv", "json"))

    meetings = _leaf(subcommands, "meetings", "Star Chamber meetings and agendas", run_meetings)
    add_format_option(meetings, ("table", "json"))

    minutes = _leaf(subcommands, "minutes", "the decision log of one meeting", run_minutes)
    minutes.add_argument("--meeting", required=True, metavar="DATE")
    add_format_option(minutes, ("text", "md"))

    departures = _leaf(subcommands, "departures", "early departure schemes", run_departures)
    add_format_option(departures, ("table", "json"))


def _register_vacancy(subcommands) -> None:
    vacancy = subcommands.add_parser("vacancy", help="log, decide, correct or show a request")
    actions = vacancy.add_subparsers(dest="vacancy_command", metavar="ACTION", required=True)

    add = _leaf(actions, "add", "log a request (prints its reference)", run_vacancy_add)
    add.add_argument("--business-group", metavar="BG")
    add.add_argument("--post", metavar="TITLE")
    add.add_argument("--grade", metavar="G", help="a band, A (highest) to F")
    add.add_argument("--fte", metavar="N")
    add.add_argument("--staff-type", choices=("police_staff", "temporary_worker", "agency"))
    add.add_argument("--justification", required=True, metavar="TEXT")
    add.add_argument("--unfunded", action="store_true")
    add.add_argument("--cost-centre", default="", metavar="CODE")
    add.add_argument("--route", choices=("internal", "external"), default="internal")
    add.add_argument("--max-weeks", type=int, metavar="N")
    add.add_argument("--programme", metavar="CODE", help="a linked portfolio initiative")
    add.add_argument("--requested-by", metavar="NAME", help="default: --user")
    add.add_argument("--received", metavar="DATE", help="default: today")
    add.add_argument(
        "--extends", metavar="TW-REF", help="an extension of this engagement by --max-weeks"
    )

    decide = _leaf(actions, "decide", "record a decision at a meeting", run_vacancy_decide)
    decide.add_argument("reference", metavar="REF")
    decide.add_argument("--meeting", required=True, metavar="DATE")
    _decision_options(decide)

    correct = _leaf(
        actions, "correct", "supersede a request's decision with a new one", run_vacancy_correct
    )
    correct.add_argument("reference", metavar="REF")
    correct.add_argument("--why", required=True, metavar="TEXT", help="why it is corrected")
    _decision_options(correct)

    show = _leaf(actions, "show", "one request with its decisions", run_vacancy_show)
    show.add_argument("reference", metavar="REF")
    add_format_option(show, ("text", "json"))


def _decision_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--outcome",
        required=True,
        choices=("approved", "approved_with_conditions", "rejected", "deferred", "withdrawn"),
    )
    parser.add_argument("--reason", required=True, metavar="TEXT")
    parser.add_argument("--conditions", default="", metavar="TEXT")
    step = parser.add_mutually_exclusive_group()
    step.add_argument("--posted", metavar="PERSON_REF", help="the displaced person posted")
    step.add_argument("--none-suitable", metavar="TEXT", help="why no one on the list suited")
    parser.add_argument("--override-reason", default="", metavar="TEXT")
    parser.add_argument("--approved-weeks", type=int, metavar="N")


def _register_agenda_and_meeting(subcommands) -> None:
    agenda = subcommands.add_parser("agenda", help="a meeting's agenda")
    actions = agenda.add_subparsers(dest="agenda_command", metavar="ACTION", required=True)
    add = _leaf(actions, "add", "put a waiting request on an open meeting", run_agenda_add)
    add.add_argument("--meeting", required=True, metavar="DATE")
    add.add_argument("reference", metavar="REF")
    build = _leaf(actions, "build", "add every waiting request, oldest first", run_agenda_build)
    build.add_argument("--meeting", required=True, metavar="DATE")
    remove = _leaf(actions, "remove", "take an undecided item off", run_agenda_remove)
    remove.add_argument("--meeting", required=True, metavar="DATE")
    remove.add_argument("reference", metavar="REF")
    remove.add_argument("--reason", required=True, metavar="TEXT")

    meeting = subcommands.add_parser("meeting", help="schedule or close a meeting")
    actions = meeting.add_subparsers(dest="meeting_command", metavar="ACTION", required=True)
    add = _leaf(actions, "add", "schedule a meeting (deferrals carry over)", run_meeting_add)
    add.add_argument("--date", required=True, metavar="DATE")
    add.add_argument("--chair", required=True, metavar="NAME")
    add.add_argument("--attendees", default="", metavar="'A; B'")
    add.add_argument("--union", default="", metavar="'A; B'", help="trade union representatives")
    close = _leaf(
        actions, "close", "close a meeting: its decisions become final", run_meeting_close
    )
    close.add_argument("--meeting", required=True, metavar="DATE")


def _register_posting_and_engagement(subcommands) -> None:
    postings = _leaf(subcommands, "postings", "the Posting List of displaced staff", run_postings)
    postings.add_argument("--status", choices=("on_list", "posted", "left"))
    add_format_option(postings, ("table", "csv", "json"))

    posting = subcommands.add_parser("posting", help="change the Posting List")
    actions = posting.add_subparsers(dest="posting_command", metavar="ACTION", required=True)
    add = _leaf(actions, "add", "put a displaced person on the list", run_posting_add)
    add.add_argument("--name", required=True)
    add.add_argument("--grade", required=True, metavar="G")
    add.add_argument("--business-group", required=True, metavar="BG", help="where they came from")
    add.add_argument("--skills", default="")
    add.add_argument("--listed-on", metavar="DATE", help="default: today")
    left = _leaf(actions, "left", "someone left the list other than by posting", run_posting_left)
    left.add_argument("reference", metavar="PERSON_REF")
    left.add_argument("--reason", required=True, metavar="TEXT")
    left.add_argument("--on", metavar="DATE", help="default: today")

    engagements = _leaf(
        subcommands, "engagements", "temporary and agency engagements", run_engagements
    )
    engagements.add_argument("--ending-within", type=int, metavar="WEEKS")
    engagements.add_argument("--all", action="store_true", help="include ended engagements")
    add_format_option(engagements, ("table", "csv", "json"))

    engagement = subcommands.add_parser("engagement", help="start or end an engagement")
    actions = engagement.add_subparsers(dest="engagement_command", metavar="ACTION", required=True)
    start = _leaf(actions, "start", "a worker starts", run_engagement_start)
    start.add_argument("--worker", required=True, metavar="NAME")
    start.add_argument("--start", required=True, metavar="DATE")
    start.add_argument("--request", metavar="REF", help="the approved request")
    start.add_argument("--business-group", metavar="BG")
    start.add_argument("--post", metavar="TITLE")
    start.add_argument("--grade", metavar="G")
    start.add_argument("--staff-type", choices=("temporary_worker", "agency"))
    start.add_argument("--max-end", metavar="DATE", help="approved maximum end (no request)")
    end = _leaf(actions, "end", "an engagement ends", run_engagement_end)
    end.add_argument("reference", metavar="TW-REF")
    end.add_argument("--on", required=True, metavar="DATE")
    end.add_argument("--reason", default="", metavar="TEXT")


def _register_figures(subcommands) -> None:
    establishment = _leaf(
        subcommands, "establishment", "establishment figures per group", run_establishment
    )
    establishment.add_argument("--year", metavar="2011/12")
    add_format_option(establishment, ("table", "csv", "json"))
    actions = establishment.add_subparsers(dest="establishment_command", metavar="[set]")
    set_ = _leaf(
        actions, "set", "a group's figures for a staff group and year", run_establishment_set
    )
    set_.add_argument("--business-group", required=True, metavar="BG")
    set_.add_argument(
        "--staff-group", required=True, choices=("police_officers", "police_staff", "pcsos")
    )
    set_.add_argument("--year", required=True, metavar="2011/12")
    set_.add_argument("--budgeted", required=True, metavar="FTE")
    set_.add_argument("--strength", required=True, metavar="FTE")
    set_.add_argument("--target-vacancy-pct", required=True, metavar="PCT")
    set_.add_argument("--reduction", default="0", metavar="FTE")
    set_.add_argument("--start-strength", metavar="FTE")
    set_.add_argument("--as-of", metavar="DATE", help="when strength was counted (default today)")

    departure = subcommands.add_parser("departure", help="record early departure figures")
    actions = departure.add_subparsers(dest="departure_command", metavar="ACTION", required=True)
    set_ = _leaf(actions, "set", "a group's offered, accepted and cost", run_departure_set)
    set_.add_argument("--phase", required=True, type=int)
    set_.add_argument("--group", required=True, metavar="NAME")
    set_.add_argument("--offered", required=True, type=int)
    set_.add_argument("--accepted", required=True, type=int)
    set_.add_argument("--cost-gbp-m", required=True, metavar="£M")


# ---------------------------------------------------------------------- listings


def vacancy_record(row) -> dict:
    """A request as the `vacancies` command prints it."""
    return {
        "reference": row.reference,
        "business_group": row.business_group,
        "post": row.post,
        "grade": row.grade,
        "staff_type": row.staff_type,
        "fte": _number(row.fte),
        "status": row.status,
        "outcome": row.outcome,
        "meeting": _iso(row.meeting),
        "decided_on": _iso(row.decided_on),
        "requested_by": row.requested_by,
    }


def run_vacancies(args: argparse.Namespace) -> int:
    """Print requests, newest received first, optionally filtered."""
    from store.star_chamber.queries.requests import RequestQuery, request_page
    from tui.cli.common import write_records

    query = RequestQuery(
        text=args.filter,
        status=args.status,
        outcome=args.outcome,
        business_group=args.business_group,
    )
    store = open_store(args)
    try:
        with store.reading() as connection:
            rows = request_page(connection, query, limit=-1)
    finally:
        store.close()
    write_records((vacancy_record(row) for row in rows), VACANCY_COLUMNS, args.format)
    return EXIT_OK


def run_meetings(args: argparse.Namespace) -> int:
    """Print meetings, newest first, with their agendas."""
    from store.star_chamber.queries.meetings import agenda_references, list_meetings
    from tui.cli.common import write_records

    store = open_store(args)
    try:
        with store.reading() as connection:
            records = [
                {
                    "date": meeting.held_on.isoformat(),
                    "status": meeting.status,
                    "agenda": agenda_references(connection, meeting.id),
                }
                for meeting in list_meetings(connection)
            ]
    finally:
        store.close()
    if args.format == "json":
        _print_json(records)
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
    store = open_store(args)
    try:
        with store.reading() as connection:
            found = minutes(connection, held_on)
    finally:
        store.close()
    if found is None:
        raise NotFoundError("meeting", f"no meeting on {held_on.isoformat()}")
    sys.stdout.write(minutes_markdown(found) if args.format == "md" else minutes_text(found))
    return EXIT_OK


def departure_record(scheme) -> dict:
    """A scheme as `departures --format json` prints it: its phase and its groups, each
    with cost in £m and uptake in per cent."""

    def group_record(group) -> dict:
        return {
            "name": group.name,
            "offered": group.offered,
            "accepted": group.accepted,
            "cost_gbp_m": _number(group.cost_gbp_m),
            "uptake_pct": _number(group.uptake_pct),
        }

    return {
        "phase": scheme.phase,
        "groups": [group_record(group) for group in scheme.groups],
    }


def run_departures(args: argparse.Namespace) -> int:
    """Print each early departure scheme with its groups and uptake."""
    from store.star_chamber.queries.departures import schemes

    store = open_store(args)
    try:
        with store.reading() as connection:
            found = schemes(connection)
    finally:
        store.close()
    if args.format == "json":
        _print_json([departure_record(scheme) for scheme in found])
        return EXIT_OK
    from tui.cli.common import write_records

    columns = ("phase", "group", "offered", "accepted", "uptake_pct", "cost_gbp_m")
    records = []
    for scheme in found:
        for group in (*scheme.groups, scheme.total):
            records.append(
                {
                    "phase": scheme.phase,
                    "group": group.name,
                    "offered": group.offered,
                    "accepted": group.accepted,
                    "uptake_pct": group.uptake_pct,
                    "cost_gbp_m": group.cost_gbp_m,
                }
            )
    write_records(records, columns, "table")
    return EXIT_OK


# ---------------------------------------------------------------------- requests


def run_vacancy_add(args: argparse.Namespace) -> int:
    """Log a request, or an extension of an engagement, and print its reference."""
    from store.star_chamber.services.requests import add_extension_request, add_request

    received = parse_day(args.received, "received_on") if args.received else None
    store = open_store(args)
    try:
        with store.writing() as session:
            if args.extends:
                _refuse_with_extension(args)
                saved = add_extension_request(
                    {
                        "engagement": args.extends,
                        "weeks": args.max_weeks if args.max_weeks is not None else 0,
                        "justification": args.justification,
                        "fte": args.fte or "1",
                        "funded": not args.unfunded,
                        "cost_centre": args.cost_centre,
                        "requested_by": args.requested_by,
                        "received_on": received,
                    },
                    session=session,
                )
            else:
                data = {
                    "business_group": args.business_group,
                    "post": args.post,
                    "grade": args.grade,
                    "fte": args.fte,
                    "staff_type": args.staff_type,
                    "justification": args.justification,
                    "funded": not args.unfunded,
                    "cost_centre": args.cost_centre,
                    "route": args.route,
                    "max_weeks": args.max_weeks,
                    "programme": args.programme,
                    "requested_by": args.requested_by,
                    "received_on": received,
                }
                saved = add_request(
                    {key: value for key, value in data.items() if value is not None},
                    session=session,
                )
    finally:
        store.close()
    print(saved.reference)
    return EXIT_OK


def _refuse_with_extension(args: argparse.Namespace) -> None:
    from store.errors import InputError

    for option in ("business_group", "post", "grade", "staff_type", "programme"):
        if getattr(args, option) is not None:
            raise InputError(
                option,
                "an extension takes the post from the engagement; leave out "
                f"--{option.replace('_', '-')}",
            )
    if args.max_weeks is None:
        raise InputError("max_weeks", "say how many more weeks the extension asks for")


def _decision_data(args: argparse.Namespace) -> dict:
    return {
        "reference": args.reference,
        "outcome": args.outcome,
        "reason": args.reason,
        "conditions": args.conditions,
        "posted": args.posted,
        "none_suitable": args.none_suitable,
        "override_reason": args.override_reason,
        "approved_weeks": args.approved_weeks,
    }


def _decision_line(decision) -> str:
    from store.star_chamber.types import Outcome

    line = (
        f"{decision.reference}: {Outcome(decision.outcome).label.lower()} at the meeting of "
        f"{decision.meeting.isoformat()} (decision {decision.id})"
    )
    if decision.supersedes_id:
        line += f", superseding decision {decision.supersedes_id}"
    if decision.posted_reference:
        line += f"; posted {decision.posted_reference} {decision.posted_name}"
    return line


def run_vacancy_decide(args: argparse.Namespace) -> int:
    """Record a decision on an agenda item."""
    from store.star_chamber.services.decisions import decide

    data = _decision_data(args) | {"meeting": parse_day(args.meeting, "meeting")}
    store = open_store(args)
    try:
        with store.writing() as session:
            decision = decide(data, session=session)
    finally:
        store.close()
    print(_decision_line(decision))
    return EXIT_OK


def run_vacancy_correct(args: argparse.Namespace) -> int:
    """Supersede a request's decision in force with a corrected one."""
    from store.star_chamber.services.decisions import correct

    data = _decision_data(args) | {"why": args.why}
    store = open_store(args)
    try:
        with store.writing() as session:
            decision = correct(data, session=session)
    finally:
        store.close()
    print(_decision_line(decision))
    return EXIT_OK


def run_vacancy_show(args: argparse.Namespace) -> int:
    """Print one request with every decision on it."""
    from store.errors import NotFoundError
    from store.star_chamber.queries.requests import request_detail

    store = open_store(args)
    try:
        with store.reading() as connection:
            detail = request_detail(connection, args.reference)
    finally:
        store.close()
    if detail is None:
        raise NotFoundError("reference", f"no request {args.reference!r}")
    record = vacancy_record(detail.row) | {
        "funded": detail.funded,
        "cost_centre": detail.cost_centre,
        "route": detail.route,
        "programme": detail.programme_code,
        "justification": detail.justification,
        "max_weeks": detail.max_weeks,
        "extends": detail.engagement_reference if detail.row.is_extension else None,
        "received_on": detail.row.received_on.isoformat(),
        "entered_by": detail.row.entered_by,
        "decisions": [
            {
                "id": d.id,
                "meeting": d.meeting.isoformat(),
                "outcome": d.outcome,
                "reason": d.reason,
                "conditions": d.conditions,
                "posting": d.posting_text,
                "override_reason": d.override_reason,
                "supersedes": d.supersedes_id,
                "correction_reason": d.correction_reason,
                "superseded_by": d.superseded_by_id,
                "decided_on": d.decided_on.isoformat(),
                "recorded_by": d.recorded_by,
            }
            for d in detail.decisions
        ],
    }
    if args.format == "json":
        _print_json(record)
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


# ------------------------------------------------------------- agenda and meetings


def run_agenda_add(args: argparse.Namespace) -> int:
    """Put a waiting request on an open meeting's agenda."""
    from store.star_chamber.services.meetings import add_to_agenda

    held_on = parse_day(args.meeting, "meeting")
    store = open_store(args)
    try:
        with store.writing() as session:
            meeting = add_to_agenda(
                {"meeting": held_on, "reference": args.reference}, session=session
            )
    finally:
        store.close()
    item = next(i for i in meeting.agenda if i.request.reference == args.reference.strip().upper())
    print(
        f"{item.request.reference} is item {item.position} on the agenda of {held_on.isoformat()}"
    )
    return EXIT_OK


def run_agenda_build(args: argparse.Namespace) -> int:
    """Add every waiting request to an open meeting's agenda, oldest first."""
    from store.star_chamber.services.meetings import build_agenda

    held_on = parse_day(args.meeting, "meeting")
    store = open_store(args)
    try:
        with store.writing() as session:
            added = build_agenda(held_on, session=session)
    finally:
        store.close()
    if not added:
        note("no requests are waiting for an agenda")
    for reference in added:
        print(reference)
    return EXIT_OK


def run_agenda_remove(args: argparse.Namespace) -> int:
    """Take an undecided item off an open meeting's agenda."""
    from store.star_chamber.services.meetings import remove_from_agenda

    held_on = parse_day(args.meeting, "meeting")
    store = open_store(args)
    try:
        with store.writing() as session:
            remove_from_agenda(
                {"meeting": held_on, "reference": args.reference},
                reason=args.reason,
                session=session,
            )
    finally:
        store.close()
    print(f"{args.reference.strip().upper()} is off the agenda of {held_on.isoformat()}")
    return EXIT_OK


def run_meeting_add(args: argparse.Namespace) -> int:
    """Schedule a meeting; waiting deferrals are carried onto its agenda."""
    from store.star_chamber.services.meetings import add_meeting

    held_on = parse_day(args.date, "held_on")
    store = open_store(args)
    try:
        with store.writing() as session:
            meeting = add_meeting(
                {
                    "held_on": held_on,
                    "chair": args.chair,
                    "attendees": args.attendees,
                    "union_reps": args.union,
                },
                session=session,
            )
    finally:
        store.close()
    carried = [item.request.reference for item in meeting.agenda]
    print(
        f"meeting {held_on.isoformat()} scheduled"
        + (f"; carried over {' '.join(carried)}" if carried else "")
    )
    return EXIT_OK


def run_meeting_close(args: argparse.Namespace) -> int:
    """Close a meeting whose agenda is all decided."""
    from store.star_chamber.services.meetings import close_meeting

    held_on = parse_day(args.meeting, "meeting")
    store = open_store(args)
    try:
        with store.writing() as session:
            close_meeting(held_on, session=session)
    finally:
        store.close()
    print(f"meeting {held_on.isoformat()} closed; its decisions are final")
    return EXIT_OK


# ------------------------------------------------------ Posting List, engagements


def run_postings(args: argparse.Namespace) -> int:
    """Print the Posting List, longest waiting first."""
    from store.star_chamber.queries.posting_list import posting_list
    from tui.cli.common import write_records

    store = open_store(args)
    try:
        with store.reading() as connection:
            rows = posting_list(connection, status=args.status)
    finally:
        store.close()
    records = (
        {
            "reference": row.reference,
            "name": row.name,
            "grade": row.grade,
            "business_group": row.business_group,
            "skills": row.skills,
            "listed_on": _iso(row.listed_on),
            "status": row.status,
            "status_on": _iso(row.status_on),
            "posted_to": row.posted_to,
        }
        for row in rows
    )
    write_records(records, POSTING_COLUMNS, args.format)
    return EXIT_OK


def run_posting_add(args: argparse.Namespace) -> int:
    """Put a displaced person on the Posting List and print their reference."""
    from store.star_chamber.services.posting_list import add_displaced

    data = {
        "name": args.name,
        "grade": args.grade,
        "business_group": args.business_group,
        "skills": args.skills,
    }
    if args.listed_on:
        data["listed_on"] = parse_day(args.listed_on, "listed_on")
    store = open_store(args)
    try:
        with store.writing() as session:
            person = add_displaced(data, session=session)
    finally:
        store.close()
    print(person.reference)
    return EXIT_OK


def run_posting_left(args: argparse.Namespace) -> int:
    """Record that someone left the Posting List other than by a posting."""
    from store.star_chamber.services.posting_list import leave_list

    data = {"reference": args.reference, "reason": args.reason}
    if args.on:
        data["on"] = parse_day(args.on, "on")
    store = open_store(args)
    try:
        with store.writing() as session:
            person = leave_list(data, session=session)
    finally:
        store.close()
    print(f"{person.reference} {person.name} left the list on {person.status_on.isoformat()}")
    return EXIT_OK


def run_engagements(args: argparse.Namespace) -> int:
    """Print engagements by approved maximum end, soonest first."""
    from store import clock
    from store.errors import InputError
    from store.star_chamber.queries.engagements import engagements
    from tui.cli.common import write_records

    if args.ending_within is not None and args.ending_within < 0:
        raise InputError("ending_within", "must be zero or more weeks")
    today = clock.today()
    store = open_store(args)
    try:
        with store.reading() as connection:
            rows = engagements(
                connection,
                today=today,
                ending_within_weeks=args.ending_within,
                include_ended=args.all,
            )
    finally:
        store.close()
    records = (
        {
            "reference": row.reference,
            "worker": row.worker,
            "staff_type": row.staff_type,
            "business_group": row.business_group,
            "post": row.post,
            "grade": row.grade,
            "start_on": _iso(row.start_on),
            "max_end_on": _iso(row.max_end_on),
            "weeks_left": row.weeks_left(today) if row.status == "active" else None,
            "status": row.status,
            "ended_on": _iso(row.ended_on),
            "pending_extension": row.pending_extension,
        }
        for row in rows
    )
    write_records(records, ENGAGEMENT_COLUMNS, args.format)
    return EXIT_OK


def run_engagement_start(args: argparse.Namespace) -> int:
    """Record a worker starting, against an approved request or a given maximum."""
    from store.star_chamber.services.engagements import start_engagement

    data = {
        "worker": args.worker,
        "start_on": parse_day(args.start, "start_on"),
        "request": args.request,
        "business_group": args.business_group,
        "post": args.post,
        "grade": args.grade,
        "staff_type": args.staff_type,
        "approved_max_end": parse_day(args.max_end, "approved_max_end") if args.max_end else None,
    }
    store = open_store(args)
    try:
        with store.writing() as session:
            engagement = start_engagement(
                {key: value for key, value in data.items() if value is not None}, session=session
            )
    finally:
        store.close()
    print(f"{engagement.reference} ends by {engagement.max_end_on.isoformat()} at the latest")
    return EXIT_OK


def run_engagement_end(args: argparse.Namespace) -> int:
    """Record an engagement ending (never past its approved maximum)."""
    from store.star_chamber.services.engagements import end_engagement

    data = {"reference": args.reference, "on": parse_day(args.on, "on"), "reason": args.reason}
    store = open_store(args)
    try:
        with store.writing() as session:
            engagement = end_engagement(data, session=session)
    finally:
        store.close()
    print(f"{engagement.reference} ended on {engagement.ended_on.isoformat()}")
    return EXIT_OK


# ------------------------------------------------------------- figures and schemes


def run_establishment(args: argparse.Namespace) -> int:
    """Print each group's figures with vacancy factor and plan for today."""
    from store import clock
    from store.star_chamber.queries.establishment import establishment_rows
    from store.star_chamber.rules import fte, pct_text, plain_fte
    from tui.cli.common import write_records

    today = clock.today()
    store = open_store(args)
    try:
        with store.reading() as connection:
            rows = establishment_rows(connection, args.year)
    finally:
        store.close()
    as_json = args.format == "json"

    def amount(x100: int):
        return _number(fte(x100)) if as_json else plain_fte(x100)

    records = (
        {
            "business_group": row.business_group,
            "staff_group": row.staff_group,
            "financial_year": row.financial_year,
            "budgeted": amount(row.budgeted_x100),
            "strength": amount(row.strength_x100),
            "approved_since": amount(row.committed_x100),
            "vacancy_pct": _number(row.vacancy) if as_json else pct_text(row.vacancy, 2),
            "target_vacancy_pct": _number(row.target_pct) if as_json else pct_text(row.target_pct),
            "start_strength": amount(row.start_strength_x100),
            "reduction": amount(row.reduction_x100),
            "plan_today": amount(row.plan_on(today)),
            "as_of": _iso(row.as_of),
        }
        for row in rows
    )
    write_records(records, ESTABLISHMENT_COLUMNS, args.format)
    return EXIT_OK


def run_establishment_set(args: argparse.Namespace) -> int:
    """Record or update one group's establishment figures."""
    from store.star_chamber.services.establishment import set_establishment

    data = {
        "business_group": args.business_group,
        "staff_group": args.staff_group,
        "financial_year": args.year,
        "budgeted": args.budgeted,
        "strength": args.strength,
        "target_vacancy_pct": args.target_vacancy_pct,
        "reduction": args.reduction,
    }
    if args.start_strength is not None:
        data["start_strength"] = args.start_strength
    if args.as_of:
        data["as_of"] = parse_day(args.as_of, "as_of")
    store = open_store(args)
    try:
        with store.writing() as session:
            row = set_establishment(data, session=session)
    finally:
        store.close()
    print(
        f"{row.business_group} {row.staff_group} {row.financial_year} recorded "
        f"(version {row.version})"
    )
    return EXIT_OK


def run_departure_set(args: argparse.Namespace) -> int:
    """Record a group's latest early departure figures."""
    from store.star_chamber.services.departures import set_departure_group

    data = {
        "name": args.group,
        "offered": args.offered,
        "accepted": args.accepted,
        "cost_gbp_m": args.cost_gbp_m,
    }
    store = open_store(args)
    try:
        with store.writing() as session:
            scheme = set_departure_group(args.phase, data, session=session)
    finally:
        store.close()
    total = scheme.total
    print(
        f"phase {scheme.phase}: {total.offered} offered, {total.accepted} accepted "
        f"({total.uptake_pct if total.uptake_pct is not None else '-'}%), £{total.cost_gbp_m}m"
    )
    return EXIT_OK
