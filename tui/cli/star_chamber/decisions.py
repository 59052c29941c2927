"""`portfolio vacancy decide|correct`: a decision on a request at a meeting, and a
correction that supersedes the decision in force."""

from __future__ import annotations

import argparse

from store.star_chamber.types import Outcome
from tui.cli.common import EXIT_OK, write
from tui.cli.options import add_command, from_args, parse_day, values
from tui.cli.output import pick

DECISION_KEYS = (
    "id",
    "meeting",
    "outcome",
    "reason",
    "conditions",
    "posting",
    "override_reason",
    "supersedes",
    "correction_reason",
    "superseded_by",
    "decided_on",
    "recorded_by",
)
DECISION_OPTIONS = (
    "reference",
    "outcome",
    "reason",
    "conditions",
    "posted",
    "none_suitable",
    "override_reason",
    "approved_weeks",
)


def register(actions) -> None:
    """Add `decide` and `correct` to the `vacancy` actions."""
    decide = add_command(actions, "decide", "record a decision at a meeting", run_vacancy_decide)
    decide.add_argument("reference", metavar="REF")
    decide.add_argument("--meeting", required=True, metavar="DATE")
    _decision_options(decide)

    correct = add_command(
        actions, "correct", "supersede a request's decision with a new one", run_vacancy_correct
    )
    correct.add_argument("reference", metavar="REF")
    correct.add_argument("--why", required=True, metavar="TEXT", help="why it is corrected")
    _decision_options(correct)


def _decision_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--outcome", required=True, choices=values(Outcome))
    parser.add_argument("--reason", required=True, metavar="TEXT")
    parser.add_argument("--conditions", default="", metavar="TEXT")
    step = parser.add_mutually_exclusive_group()
    step.add_argument("--posted", metavar="PERSON_REF", help="the displaced person posted")
    step.add_argument("--none-suitable", metavar="TEXT", help="why no one on the list suited")
    parser.add_argument("--override-reason", default="", metavar="TEXT")
    parser.add_argument("--approved-weeks", type=int, metavar="N")


def decision_record(decision) -> dict:
    """One decision as `vacancy show` prints it."""
    return pick(
        decision,
        DECISION_KEYS,
        posting=decision.posting_text,
        supersedes=decision.supersedes_id,
        superseded_by=decision.superseded_by_id,
    )


def _decision_line(decision) -> str:
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

    data = from_args(args, DECISION_OPTIONS) | {"meeting": parse_day(args.meeting, "meeting")}
    print(_decision_line(write(args, decide, data)))
    return EXIT_OK


def run_vacancy_correct(args: argparse.Namespace) -> int:
    """Supersede a request's decision in force with a corrected one."""
    from store.star_chamber.services.decisions import correct

    data = from_args(args, DECISION_OPTIONS) | {"why": args.why}
    print(_decision_line(write(args, correct, data)))
    return EXIT_OK
