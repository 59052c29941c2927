"""`portfolio proposals` and `portfolio proposal add|triage|decide`: the front door's
queue, logging a proposal, scoring it and recording the panel's decision."""

from __future__ import annotations

import argparse

from store.front_door.types import Lens, Outcome, ProposalStatus
from store.types import Complexity, ComplexityKind
from tui.cli.common import EXIT_OK, note, read, write
from tui.cli.options import (
    TABLE_CSV_JSON,
    add_command,
    add_format_option,
    add_group,
    either,
    from_args,
    one_of,
    values,
)
from tui.cli.output import pick, write_records

PROPOSAL_COLUMNS = (
    "reference",
    "title",
    "business_group",
    "sponsor",
    "status",
    "desirable",
    "deliverable",
    "affordable",
    "score",
    "complexity",
    "suggested_tier",
    "tier",
    "outcome",
    "initiative",
)


def register(subcommands) -> None:
    """Add `proposals` and `proposal add|triage|decide`."""
    proposals = add_command(subcommands, "proposals", "list front door proposals", run_proposals)
    proposals.add_argument("--status", metavar="S", help=f"{one_of(ProposalStatus)} (default: all)")
    add_format_option(proposals, TABLE_CSV_JSON)

    actions = add_group(subcommands, "proposal", "add, triage or decide a proposal")
    _register_add(actions)
    _register_triage(actions)
    _register_decide(actions)


def _register_add(actions) -> None:
    add = add_command(actions, "add", "log a new proposal; prints its reference", run_add)
    add.add_argument("--title", required=True, metavar="T")
    add.add_argument("--business-group", required=True, metavar="BG")
    add.add_argument("--sponsor", required=True, metavar="S")
    add.add_argument("--problem", required=True, metavar="TEXT", help="problem or opportunity")
    add.add_argument("--outcome", default="", metavar="TEXT", help="the intended outcome")
    add.add_argument("--cost", metavar="GBP", help="estimated cost, e.g. 250000 or 1.2m")
    add.add_argument("--benefit", metavar="GBP", help="estimated yearly cash benefit")
    add.add_argument("--non-cash", default="", metavar="TEXT", help="any non-cash benefit")
    add.add_argument("--digital", action="store_true", help="a data & digital change")
    add.add_argument("--requested-tier", metavar="T", help="the tier the sponsor asks for")
    add.add_argument("--received", metavar="DATE", help="date received (default: today)")


def _register_triage(actions) -> None:
    triage = add_command(
        actions, "triage", "score and classify; prints the suggested tier", run_triage
    )
    triage.add_argument("reference", metavar="REF")
    for lens in values(Lens):
        triage.add_argument(f"--{lens}", required=True, metavar="N", help="1 to 5")
    triage.add_argument("--complexity", required=True, metavar=either(Complexity))
    triage.add_argument(
        "--kinds", default="", metavar="K,K", help=", ".join(values(ComplexityKind))
    )
    triage.add_argument("--cross-group", action="store_true", help="it spans business groups")
    triage.add_argument("--hypothesis", action="store_true", help="it is a hypothesis to test")


def _register_decide(actions) -> None:
    decide = add_command(
        actions,
        "decide",
        "record the panel's decision; prints the new initiative's code",
        run_decide,
    )
    decide.add_argument("reference", metavar="REF")
    decide.add_argument("--outcome", required=True, metavar=either(Outcome))
    decide.add_argument("--reason", required=True, metavar="TEXT", help="the panel's rationale")
    decide.add_argument("--tier", metavar="T", help="override the triage's tier")
    decide.add_argument("--until", metavar="DATE", help="a deferral's date to come back")
    decide.add_argument("--review-date", metavar="DATE", help="an experiment's review date")
    decide.add_argument("--sro", default="", metavar="NAME", help="SRO (default: the sponsor)")
    decide.add_argument("--code", metavar="CODE", help="the new initiative's code")
    decide.add_argument("--supersedes", type=int, metavar="ID", help="the decision corrected")
    decide.add_argument(
        "--decided-on", metavar="DATE", help="the day the panel decided (default: today)"
    )


def proposal_record(row) -> dict:
    """One proposal with exactly the keys `portfolio proposals` prints."""
    return pick(row, PROPOSAL_COLUMNS)


def run_proposals(args: argparse.Namespace) -> int:
    """Print the proposals in queue order, optionally of one status."""
    from store.errors import InputError
    from store.front_door.queries import ProposalQuery, list_proposals

    status = None
    if args.status:
        try:
            status = ProposalStatus.parse(args.status)
        except ValueError as error:
            raise InputError("status", str(error)) from None
    rows = read(args, list_proposals, ProposalQuery(status=status))
    write_records((proposal_record(row) for row in rows), PROPOSAL_COLUMNS, args.format)
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    """Log a proposal and print its reference."""
    from store.front_door.services import add_proposal

    data = from_args(
        args,
        ("title", "business_group", "sponsor", "problem", "cost", "requested_tier"),
        intended_outcome="outcome",
        yearly_benefit="benefit",
        non_cash_benefit="non_cash",
        data_digital="digital",
        received_on="received",
    )
    print(write(args, add_proposal, data).reference)
    return EXIT_OK


def run_triage(args: argparse.Namespace) -> int:
    """Record a triage and print the suggested tier (the rule that fired goes to stderr)."""
    from store.front_door.services import triage_proposal
    from store.front_door.tier_rules import rule_by_number

    names = ("reference", *values(Lens), "complexity", "cross_group", "hypothesis")
    data = from_args(args, names, complexity_kinds="kinds")
    result = write(args, triage_proposal, data)
    triage = result.triage
    rule = rule_by_number(triage.suggested_rule)
    print(triage.suggested_tier)
    note(f"{result.reference}: score {triage.score}/15; rule {rule.number}: {rule.when}")
    return EXIT_OK


def run_decide(args: argparse.Namespace) -> int:
    """Record a decision; print the created initiative's code when there is one."""
    from store.front_door.services import decide_proposal

    names = (
        "reference", "outcome", "tier", "until", "review_date", "sro", "code", "supersedes",
        "decided_on",
    )  # fmt: skip
    data = from_args(args, names, rationale="reason")
    decision = write(args, decide_proposal, data)
    if decision.initiative:
        print(decision.initiative)
    note(f"{decision.reference}: {decision.outcome_label} (decision {decision.id})")
    return EXIT_OK
