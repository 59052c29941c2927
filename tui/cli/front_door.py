"""Subcommands for the front door, the change baseline and the recommendations tracker:
`proposals`, `proposal add|triage|decide`, `baseline` and `recommendations`."""

from __future__ import annotations

import argparse
import json
import sys

from tui.cli.common import EXIT_OK, add_common_options, add_format_option, note, open_store

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
RECOMMENDATION_COLUMNS = ("number", "heading", "text", "owner", "status", "percent_complete")


def register(subcommands) -> None:
    """Add this feature's subcommands to the parser."""
    proposals = subcommands.add_parser("proposals", help="list front door proposals")
    add_common_options(proposals)
    proposals.add_argument(
        "--status", metavar="S", help="received, in_triage or decided (default: all)"
    )
    add_format_option(proposals, ("table", "csv", "json"))
    proposals.set_defaults(handler=run_proposals)

    proposal = subcommands.add_parser("proposal", help="add, triage or decide a proposal")
    actions = proposal.add_subparsers(dest="action", metavar="ACTION", required=True)
    _register_add(actions)
    _register_triage(actions)
    _register_decide(actions)

    baseline = subcommands.add_parser(
        "baseline", help="live initiatives by tier and complexity (the change baseline)"
    )
    add_common_options(baseline)
    baseline.add_argument("--business-group", metavar="BG", help="one business group only")
    add_format_option(baseline, ("table", "json"))
    baseline.set_defaults(handler=run_baseline)

    recommendations = subcommands.add_parser(
        "recommendations", help="the review recommendations and their progress"
    )
    add_common_options(recommendations)
    add_format_option(recommendations, ("table", "csv", "json"))
    recommendations.set_defaults(handler=run_recommendations)


def _register_add(actions) -> None:
    add = actions.add_parser("add", help="log a new proposal; prints its reference")
    add_common_options(add)
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
    add.set_defaults(handler=run_add)


def _register_triage(actions) -> None:
    triage = actions.add_parser("triage", help="score and classify; prints the suggested tier")
    add_common_options(triage)
    triage.add_argument("reference", metavar="REF")
    for lens in ("desirable", "deliverable", "affordable"):
        triage.add_argument(f"--{lens}", required=True, metavar="N", help="1 to 5")
    triage.add_argument("--complexity", required=True, metavar="high|medium|low")
    triage.add_argument(
        "--kinds", default="", metavar="K,K", help="structural, socio-political, emergent"
    )
    triage.add_argument("--cross-group", action="store_true", help="it spans business groups")
    triage.add_argument("--hypothesis", action="store_true", help="it is a hypothesis to test")
    triage.set_defaults(handler=run_triage)


def _register_decide(actions) -> None:
    decide = actions.add_parser(
        "decide", help="record the panel's decision; prints the new initiative's code"
    )
    add_common_options(decide)
    decide.add_argument("reference", metavar="REF")
    decide.add_argument(
        "--outcome", required=True, metavar="accepted|rejected|deferred|experiment|returned"
    )
    decide.add_argument("--reason", required=True, metavar="TEXT", help="the panel's rationale")
    decide.add_argument("--tier", metavar="T", help="override the triage's tier")
    decide.add_argument("--until", metavar="DATE", help="a deferral's date to come back")
    decide.add_argument("--review-date", metavar="DATE", help="an experiment's review date")
    decide.add_argument("--sro", default="", metavar="NAME", help="SRO (default: the sponsor)")
    decide.add_argument("--code", metavar="CODE", help="the new initiative's code")
    decide.add_argument("--supersedes", type=int, metavar="ID", help="the decision corrected")
    decide.set_defaults(handler=run_decide)


def proposal_record(row) -> dict:
    """One proposal with exactly the keys `portfolio proposals` prints."""
    return {
        "reference": row.reference,
        "title": row.title,
        "business_group": row.business_group,
        "sponsor": row.sponsor,
        "status": row.status,
        "desirable": row.desirable,
        "deliverable": row.deliverable,
        "affordable": row.affordable,
        "score": row.score,
        "complexity": row.complexity,
        "suggested_tier": row.suggested_tier,
        "tier": row.tier,
        "outcome": row.outcome,
        "initiative": row.initiative,
    }


def run_proposals(args: argparse.Namespace) -> int:
    """Print the proposals in queue order, optionally of one status."""
    from store.errors import InputError
    from store.front_door.queries import ProposalQuery, list_proposals
    from store.front_door.types import ProposalStatus
    from tui.cli.common import write_records

    status = None
    if args.status:
        try:
            status = ProposalStatus.parse(args.status)
        except ValueError as error:
            raise InputError("status", str(error)) from None
    store = open_store(args)
    try:
        with store.reading() as connection:
            rows = list_proposals(connection, ProposalQuery(status=status))
    finally:
        store.close()
    write_records((proposal_record(row) for row in rows), PROPOSAL_COLUMNS, args.format)
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    """Log a proposal and print its reference."""
    from store.front_door.services import add_proposal

    store = open_store(args)
    try:
        with store.writing() as session:
            created = add_proposal(
                {
                    "title": args.title,
                    "business_group": args.business_group,
                    "sponsor": args.sponsor,
                    "problem": args.problem,
                    "intended_outcome": args.outcome,
                    "cost": args.cost,
                    "yearly_benefit": args.benefit,
                    "non_cash_benefit": args.non_cash,
                    "data_digital": args.digital,
                    "requested_tier": args.requested_tier,
                    "received_on": args.received,
                },
                session=session,
            )
    finally:
        store.close()
    print(created.reference)
    return EXIT_OK


def run_triage(args: argparse.Namespace) -> int:
    """Record a triage and print the suggested tier (the rule that fired goes to stderr)."""
    from store.front_door.services import triage_proposal
    from store.front_door.tier_rules import rule_by_number

    store = open_store(args)
    try:
        with store.writing() as session:
            result = triage_proposal(
                {
                    "reference": args.reference,
                    "desirable": args.desirable,
                    "deliverable": args.deliverable,
                    "affordable": args.affordable,
                    "complexity": args.complexity,
                    "complexity_kinds": args.kinds,
                    "cross_group": args.cross_group,
                    "hypothesis": args.hypothesis,
                },
                session=session,
            )
    finally:
        store.close()
    triage = result.triage
    rule = rule_by_number(triage.suggested_rule)
    print(triage.suggested_tier)
    note(f"{result.reference}: score {triage.score}/15; rule {rule.number}: {rule.when}")
    return EXIT_OK


def run_decide(args: argparse.Namespace) -> int:
    """Record a decision; print the created initiative's code when there is one."""
    from store.front_door.services import decide_proposal

    store = open_store(args)
    try:
        with store.writing() as session:
            decision = decide_proposal(
                {
                    "reference": args.reference,
                    "outcome": args.outcome,
                    "rationale": args.reason,
                    "tier": args.tier,
                    "until": args.until,
                    "review_date": args.review_date,
                    "sro": args.sro,
                    "code": args.code,
                    "supersedes": args.supersedes,
                },
                session=session,
            )
    finally:
        store.close()
    if decision.initiative:
        print(decision.initiative)
    note(f"{decision.reference}: {decision.outcome_label} (decision {decision.id})")
    return EXIT_OK


def run_baseline(args: argparse.Namespace) -> int:
    """Print the tier × complexity counts of live initiatives."""
    from store.baseline.queries import baseline

    store = open_store(args)
    try:
        with store.reading() as connection:
            matrix = baseline(connection, args.business_group)
    finally:
        store.close()
    if args.format == "json":
        json.dump({"counts": matrix.counts(), "total": matrix.total}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        _print_baseline(matrix)
    return EXIT_OK


def _print_baseline(matrix) -> None:
    from store.baseline.read_models import COMPLEXITIES, TIERS

    def share(count: int, digital: int) -> str:
        """`  49 ( 39% D&D)`, or just the count when it is zero."""
        return f"{count:>4} ({round(100 * digital / count):>3}% D&D)" if count else f"{0:>4}"

    header = f"{'tier':<17}" + "".join(f"{c:>16}" for c in (*COMPLEXITIES, "total"))
    print(f"live initiatives, {matrix.business_group or 'all business groups'}")
    print(header)
    for tier in TIERS:
        cells = [
            share(matrix.cell(tier, c).count, matrix.cell(tier, c).digital) for c in COMPLEXITIES
        ]
        cells.append(share(matrix.tier_total(tier), matrix.tier_digital(tier)))
        print(f"{tier:<17}" + "".join(f"{cell:>16}" for cell in cells))
    totals = [share(matrix.complexity_total(c), matrix.complexity_digital(c)) for c in COMPLEXITIES]
    totals.append(share(matrix.total, matrix.digital))
    print(f"{'total':<17}" + "".join(f"{cell:>16}" for cell in totals))
    if matrix.unclassified:
        print(f"not placed: {matrix.unclassified} live initiatives without a tier or complexity")


def run_recommendations(args: argparse.Namespace) -> int:
    """Print every recommendation with its owner, status and % complete."""
    from store.recommendations.queries import list_recommendations
    from tui.cli.common import write_records

    store = open_store(args)
    try:
        with store.reading() as connection:
            rows = list_recommendations(connection)
    finally:
        store.close()
    records = (
        {
            "number": row.number,
            "heading": row.heading,
            "text": row.text,
            "owner": row.owner,
            "status": row.status,
            "percent_complete": row.percent_complete,
        }
        for row in rows
    )
    write_records(records, RECOMMENDATION_COLUMNS, args.format)
    return EXIT_OK
