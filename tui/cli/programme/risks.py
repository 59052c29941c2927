"""`portfolio risks [add|update]`: risks, highest score first, and recording them."""

from __future__ import annotations

import argparse
from typing import Any

from store.programme.risks.editable import NAMES as RISK_FIELDS
from store.programme.types import RiskStatus, Roam
from tui.cli.common import EXIT_OK, write
from tui.cli.options import add_command, either, given, one_of, whole_number
from tui.cli.output import pick, write_records
from tui.cli.programme.listing import add_listing, read_for_initiative

RISK_COLUMNS = (
    "id",
    "code",
    "score",
    "likelihood",
    "impact",
    "status",
    "roam",
    "owner",
    "description",
)
RISK_KEYS = (
    "id",
    "code",
    "description",
    "cause",
    "effect",
    "likelihood",
    "impact",
    "score",
    "proximity",
    "owner",
    "mitigation",
    "status",
    "roam",
    "raised_by",
    "version",
)


def register(subcommands) -> None:
    """Add `risks`, `risks add` and `risks update`."""
    actions = add_listing(
        subcommands,
        "risks",
        "risks, highest score first",
        run_risks,
        code_help="one initiative's risks",
        flag=("--open", "leave out closed risks"),
    )
    add = add_command(actions, "add", "record a risk to an initiative", run_risks_add)
    add.add_argument("code", metavar="CODE")
    add.add_argument("--description", required=True, metavar="TEXT")
    add.add_argument("--likelihood", required=True, metavar="1-5")
    add.add_argument("--impact", required=True, metavar="1-5")
    _risk_options(add)

    update = add_command(actions, "update", "change a risk (only what you give)", run_risks_update)
    update.add_argument("id", metavar="ID", type=whole_number, help="the risk's id (see `risks`)")
    update.add_argument("--description", metavar="TEXT")
    update.add_argument("--likelihood", metavar="1-5")
    update.add_argument("--impact", metavar="1-5")
    _risk_options(update)


def _risk_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cause", metavar="TEXT")
    parser.add_argument("--effect", metavar="TEXT")
    parser.add_argument("--proximity", metavar="DATE", help="when it could strike, e.g. 2011-09-30")
    parser.add_argument("--owner", metavar="NAME")
    parser.add_argument("--mitigation", metavar="TEXT")
    parser.add_argument("--status", metavar=either(RiskStatus))
    parser.add_argument("--roam", metavar="R", help=one_of(Roam))


def risk_json(risk) -> dict[str, Any]:
    """One risk for JSON output."""
    return pick(risk, RISK_KEYS)


def run_risks(args: argparse.Namespace) -> int:
    """Print risks, all or one initiative's."""
    from store.programme.risks.queries import list_risks

    risks = read_for_initiative(args, list_risks, include_closed=not args.open)
    write_records([risk_json(r) for r in risks], RISK_COLUMNS, args.format)
    return EXIT_OK


def run_risks_add(args: argparse.Namespace) -> int:
    """Record a risk."""
    from store.programme.risks.services import create_risk

    risk = write(args, create_risk, {"code": args.code, **given(args, RISK_FIELDS)})
    print(
        f"added risk {risk.id} to {risk.code}: score {risk.score} ({risk.likelihood}×{risk.impact})"
    )
    return EXIT_OK


def run_risks_update(args: argparse.Namespace) -> int:
    """Change a risk."""
    from store.programme.risks.services import update_risk

    risk = write(args, update_risk, {"id": args.id, **given(args, RISK_FIELDS)})
    roam = f", {risk.roam}" if risk.roam else ""
    print(f"risk {risk.id} ({risk.code}): score {risk.score}, {risk.status}{roam}")
    return EXIT_OK
