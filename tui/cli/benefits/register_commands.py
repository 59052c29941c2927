"""`portfolio benefits` and `portfolio benefit add|edit|measure|measurements`."""

from __future__ import annotations

import argparse
from typing import Any

from store.benefits.editable import NAMES as BENEFIT_FIELDS
from store.benefits.values import format_value, to_decimal
from tui.cli.common import EXIT_OK, note, open_store, write
from tui.cli.options import (
    TABLE_CSV_JSON,
    add_command,
    add_format_option,
    add_group,
    given,
    whole_number,
)
from tui.cli.output import plain, write_records

BENEFIT_COLUMNS = (
    "id",
    "code",
    "name",
    "kind",
    "unit",
    "planned",
    "actual",
    "realised",
    "planned_change",
    "percent",
    "trend",
    "behind",
)
MEASUREMENT_COLUMNS = ("id", "measured_on", "value", "note", "supersedes", "superseded_by")
_KIND_HELP = "cashable, non-cashable, non-financial or dis-benefit"


def register(subcommands) -> None:
    """Add `benefits` and `benefit ACTION`."""
    listing = add_command(
        subcommands,
        "benefits",
        "benefits realised against planned, as at the reporting date",
        run_benefits,
    )
    listing.add_argument("--code", metavar="CODE", help="one initiative's benefits")
    listing.add_argument("--behind", action="store_true", help="only those behind profile")
    add_format_option(listing, TABLE_CSV_JSON)
    actions = add_group(subcommands, "benefit", "add, change or measure one benefit")
    add = add_command(actions, "add", "add a benefit to an initiative", run_add)
    add.add_argument("code", metavar="CODE")
    add.add_argument("--kind", required=True, metavar="KIND", help=_KIND_HELP)
    add.add_argument("--savings-line", metavar="NAME", help="a cashable benefit's §19 line")
    _benefit_options(add)
    edit = add_command(actions, "edit", "change a benefit (only what you give)", run_edit)
    edit.add_argument("id", metavar="ID", type=whole_number)
    edit.add_argument("--expected-version", type=whole_number, metavar="N")
    _benefit_options(edit)
    measure = add_command(actions, "measure", "record an actual value", run_measure)
    measure.add_argument("id", metavar="ID", type=whole_number, help="the benefit's id")
    measure.add_argument("--value", required=True, metavar="X")
    measure.add_argument("--on", required=True, metavar="DATE", help="when it was measured")
    measure.add_argument("--note", metavar="TEXT", default="")
    measure.add_argument(
        "--corrects",
        type=whole_number,
        metavar="MID",
        help="the measurement this one corrects (it then no longer counts)",
    )
    listed = add_command(actions, "measurements", "a benefit's measurements", run_measurements)
    listed.add_argument("id", metavar="ID", type=whole_number)
    add_format_option(listed, TABLE_CSV_JSON)


def _benefit_options(parser: argparse.ArgumentParser) -> None:
    """One option per editable field, `--baseline-value` for `baseline_value`."""
    for name in BENEFIT_FIELDS:
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar=name.upper())


def benefit_record(item) -> dict[str, Any]:
    """One benefit as a listing's record: values in its unit, realisation as at the date."""
    state = item.realisation
    record = {
        "id": item.id,
        "code": item.code,
        "business_group": item.business_group,
        "tier": item.tier,
        "name": item.name,
        "kind": item.kind,
        "owner": item.owner,
        "measure": item.measure,
        "unit": item.unit,
        "savings_line": item.savings_line,
        "baseline": to_decimal(item.baseline_value),
        "baseline_on": item.baseline_on,
        "target": to_decimal(item.target_value),
        "target_on": item.target_on,
        "as_at": state.as_at,
        "planned": to_decimal(state.planned),
        "actual": to_decimal(state.actual),
        "actual_on": state.actual_on,
        "planned_change": to_decimal(state.planned_change),
        "realised": to_decimal(state.realised),
        "percent": state.percent,
        "trend": state.trend.value if state.trend else None,
        "behind": state.behind,
    }
    return {key: plain(value) for key, value in record.items()}


def run_benefits(args: argparse.Namespace) -> int:
    """Print the register as at the reporting date."""
    from store.benefits.queries import list_benefits
    from store.errors import NotFoundError
    from store.portfolio.queries import portfolio_row, reporting_date

    with open_store(args) as store, store.reading() as connection:
        if args.code and portfolio_row(connection, args.code) is None:
            raise NotFoundError("code", f"no initiative with code {args.code!r}")
        as_at = reporting_date(connection)
        found = list_benefits(connection, args.code, as_at=as_at, behind=args.behind)
    note(f"as at {as_at.isoformat()}, the reporting date")
    write_records([benefit_record(item) for item in found], BENEFIT_COLUMNS, args.format)
    return EXIT_OK


def _said(benefit) -> str:
    state = benefit.realisation
    percent = "" if state.percent is None else f", {state.percent}% of planned"
    behind = ", behind profile" if state.behind else ""
    return f"benefit {benefit.id} ({benefit.code}) {benefit.name!r}{percent}{behind}"


def run_add(args: argparse.Namespace) -> int:
    """Add a benefit."""
    from store.benefits.services import create_benefit

    data = {"code": args.code, "kind": args.kind, **given(args, ("savings_line",))}
    benefit = write(args, create_benefit, data | given(args, BENEFIT_FIELDS))
    print(f"added {_said(benefit)}")
    return EXIT_OK


def run_edit(args: argparse.Namespace) -> int:
    """Change a benefit."""
    from store.benefits.services import update_benefit

    data = {"id": args.id, **given(args, ("expected_version", *BENEFIT_FIELDS))}
    print(f"changed {_said(write(args, update_benefit, data))}")
    return EXIT_OK


def run_measure(args: argparse.Namespace) -> int:
    """Record a measurement (or a correction)."""
    from store.benefits.services import record_measurement

    data = {"benefit": args.id, "value": args.value, "measured_on": args.on, "note": args.note}
    if args.corrects is not None:
        data["corrects"] = args.corrects
    saved = write(args, record_measurement, data)
    corrects = f", correcting {saved.supersedes_id}" if saved.supersedes_id else ""
    print(
        f"measurement {saved.id} of benefit {saved.benefit_id}: "
        f"{format_value(saved.value)} on {saved.measured_on}{corrects}"
    )
    return EXIT_OK


def run_measurements(args: argparse.Namespace) -> int:
    """Print a benefit's measurements, corrections beside what they corrected."""
    from store.benefits.queries import benefit, measurements
    from store.errors import NotFoundError
    from store.portfolio.queries import reporting_date

    with open_store(args) as store, store.reading() as connection:
        if benefit(connection, args.id, reporting_date(connection)) is None:
            raise NotFoundError("id", f"no benefit with id {args.id}")
        found = measurements(connection, args.id)
    records = [
        {
            "id": m.id,
            "measured_on": m.measured_on.isoformat(),
            "value": plain(to_decimal(m.value)),
            "note": m.note,
            "supersedes": m.supersedes_id,
            "superseded_by": m.superseded_by,
            "entered_by": m.entered_by,
        }
        for m in found
    ]
    write_records(records, MEASUREMENT_COLUMNS, args.format)
    return EXIT_OK
