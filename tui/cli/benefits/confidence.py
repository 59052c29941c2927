"""`portfolio confidence CODE` (record a delivery confidence rating, or show its history)
and `portfolio responses [update|close]` (Responses to Red)."""

from __future__ import annotations

import argparse
from typing import Any

from tui.cli.common import EXIT_OK, read, write
from tui.cli.options import (
    TABLE_CSV_JSON,
    add_actions,
    add_command,
    add_format_option,
    given,
    whole_number,
)
from tui.cli.output import pick, write_records

CONFIDENCE_COLUMNS = ("period", "rating", "source", "author", "rationale")
RESPONSE_COLUMNS = ("id", "code", "period", "source", "status", "owner", "review_on", "actions")
RESPONSE_KEYS = (
    "id",
    "code",
    "initiative_name",
    "period",
    "source",
    "status",
    "owner",
    "actions",
    "review_on",
    "outcome",
    "closed_on",
    "opened_by",
    "opened_at",
    "version",
)
_RATINGS = "green|amber-green|amber|amber-red|red"


def register(subcommands) -> None:
    """Add `confidence` and `responses [update|close]`."""
    rate = add_command(
        subcommands,
        "confidence",
        "record a delivery confidence rating (with --rating), or show the history",
        run_confidence,
    )
    rate.add_argument("code", metavar="CODE")
    rate.add_argument("--rating", metavar=_RATINGS)
    rate.add_argument("--rationale", metavar="TEXT")
    rate.add_argument("--period", metavar="PERIOD", help="default: the current period")
    rate.add_argument(
        "--assurance", action="store_true", help="an independent assurance rating, not the team's"
    )
    add_format_option(rate, TABLE_CSV_JSON)
    listing = add_command(subcommands, "responses", "Responses to Red", run_responses)
    listing.add_argument("--code", metavar="CODE")
    listing.add_argument("--open", action="store_true", help="only those still open")
    add_format_option(listing, TABLE_CSV_JSON)
    actions = add_actions(listing, required=False)
    update = add_command(actions, "update", "record owner, actions, review date", run_update)
    close = add_command(actions, "close", "close a response with its outcome", run_update)
    for parser in (update, close):
        parser.add_argument("id", metavar="ID", type=whole_number)
        parser.add_argument("--owner", metavar="NAME")
        parser.add_argument("--actions", metavar="TEXT")
        parser.add_argument("--review-on", dest="review_on", metavar="DATE")
        parser.add_argument("--expected-version", type=whole_number, metavar="N")
    update.add_argument("--outcome", metavar="TEXT")
    close.add_argument("--outcome", required=True, metavar="TEXT")
    close.add_argument("--on", dest="closed_on", required=True, metavar="DATE")


def run_confidence(args: argparse.Namespace) -> int:
    """Record a rating when --rating is given; else print the history."""
    from store.benefits.confidence import confidence_history
    from store.benefits.confidence_services import record_confidence
    from store.errors import InputError

    if args.rating is None:
        if args.rationale is not None or args.assurance or args.period is not None:
            raise InputError("rating", f"give --rating {_RATINGS} to record a rating")
        history = read(args, confidence_history, args.code)
        write_records([_rating_record(r) for r in history], CONFIDENCE_COLUMNS, args.format)
        return EXIT_OK
    data = {"code": args.code, "rating": args.rating, "rationale": args.rationale or ""}
    data |= given(args, ("period",)) | {"assurance": args.assurance}
    saved = write(args, record_confidence, data)
    whose = "independent assurance" if saved.assurance else "delivery confidence"
    print(f"{saved.code} {saved.period}: {whose} {saved.word}")
    return EXIT_OK


def _rating_record(rating) -> dict[str, Any]:
    return {
        "period": rating.period,
        "rating": rating.word,
        "source": "assurance" if rating.assurance else "team",
        "author": rating.author,
        "rationale": rating.rationale,
    }


def run_responses(args: argparse.Namespace) -> int:
    """Print Responses to Red."""
    from store.benefits.responses import list_responses

    found = read(args, list_responses, args.code, open_only=args.open)
    records = [pick(response, RESPONSE_KEYS) for response in found]
    write_records(records, RESPONSE_COLUMNS, args.format)
    return EXIT_OK


def run_update(args: argparse.Namespace) -> int:
    """Change or close a response."""
    from store.benefits.response_services import update_response

    names = ("owner", "actions", "review_on", "outcome", "closed_on", "expected_version")
    saved = write(args, update_response, {"id": args.id, **given(args, names)})
    print(f"response {saved.id} ({saved.code}, {saved.period}): {saved.status}")
    return EXIT_OK
