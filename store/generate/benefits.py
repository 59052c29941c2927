"""Benefits and delivery confidence for the synthetic register (issue 18).

Five benefits per initiative, each with eight measurements a quarter apart up to the end
of the plan's last period: one benefit of a programme that delivers a §19 savings line
is cashable and names the line (its plan is the line's, so it stores none); the rest
are non-cashable, non-financial or dis-benefits with a planned profile of four yearly
points. Every initiative has a team delivery confidence rating for each of the last
four periods (programmes an independent assurance rating too in the last), and one that
turned Red in the last period has an open Response to Red.
"""

from __future__ import annotations

import random
from datetime import date
from functools import cache

from store.benefits.values import profile_json
from store.generate.common import (
    GENERATOR,
    as_of,
    between,
    days,
    drawn,
    initiatives,
    insert,
    iso,
    person,
    pick,
    stamp,
)
from store.periods import parse_period, quarters

BENEFITS = 5
MEASUREMENTS = 8
RATED_PERIODS = 4
KINDS = [("non_cashable", 50), ("non_financial", 35), ("dis_benefit", 15)]
KIND_DRAW = drawn(KINDS)
MEASURES = [
    ("Officer hours returned to the front line", "hours a week"),
    ("Core systems in use", "systems"),
    ("Cases handled online", "% of cases"),
    ("Days to complete a case", "days"),
    ("Public satisfaction", "points"),
]
NOTES = ["Quarterly return.", "From the performance pack.", "Sampled in two boroughs.", ""]
# The five-point scale worst first, and how a rating moves from one period to the next.
SCALE = ["R", "AR", "A", "AG", "G"]
STEPS = [-1, 0, 0, 0, 1]
FIRST = [("G", 20), ("AG", 30), ("A", 30), ("AR", 12), ("R", 8)]
FIRST_DRAW = drawn(FIRST)


def generate(connection, plan, rng: random.Random) -> dict[str, int]:
    """Write the benefits, measurements, confidence ratings and Responses to Red."""
    today = as_of(plan.last_period)
    register = initiatives(connection)
    lines = connection.exec_driver_sql(
        "SELECT MIN(initiative_id), line_id FROM savings_line_initiative GROUP BY line_id"
    ).fetchall()
    cashable = dict(lines)
    benefits, measured = [], []
    for initiative_id, *_ in register:
        for n in range(BENEFITS):
            line_id = cashable.get(initiative_id) if n == 0 else None
            row, values = _benefit(len(benefits) + 1, initiative_id, n, line_id, rng, today)
            benefits.append(row)
            measured += _measurements(len(measured), row[0], values, rng, today)
    ratings, responses = _confidence(register, plan.last_period, rng, today)
    return {
        "benefits": insert(
            connection,
            "benefit",
            "id, initiative_id, name, description, kind, owner, measure, unit, baseline_value,"
            " baseline_on, target_value, target_on, profile, savings_line_id, entered_by,"
            " entered_at, version",
            benefits,
        ),
        "benefit measurements": insert(
            connection,
            "benefit_measurement",
            "id, benefit_id, measured_on, value, note, supersedes_id, entered_by, entered_at",
            measured,
        ),
        "confidence ratings": insert(
            connection,
            "delivery_confidence",
            "id, initiative_id, period, rating, rationale, assurance, author, recorded_at",
            ratings,
        ),
        "responses to red": insert(
            connection,
            "red_response",
            "id, initiative_id, period, source, owner, actions, review_on, outcome, status,"
            " closed_on, opened_by, opened_at, version",
            responses,
        ),
    }


def _benefit(benefit_id, initiative_id, n, line_id, rng, today: date) -> tuple[tuple, tuple]:
    """One benefit row, and (baseline, target, baseline date) for its measurements."""
    r = rng.random
    baseline_on = days(today, -between(r, 900, 1500))
    target_on = days(baseline_on, 4 * 365)
    if line_id is not None:
        row = (benefit_id, initiative_id, "Cashable saving", "", "cashable", person(rng))
        row += ("Saving against the 2010/11 budget", "£m", 0, iso(baseline_on), None, None, "[]")
        saving = -between(r, 5, 40) * 1000
        return (*row, line_id, GENERATOR, stamp(baseline_on), 1), (0, saving, baseline_on)
    measure, unit = MEASURES[n % len(MEASURES)]
    kind = pick(r, KIND_DRAW)
    baseline = between(r, 10, 500) * 1000
    target = baseline + pick(r, (-1, 1)) * between(r, 1, baseline // 2000 + 1) * 1000
    profile = tuple(
        (days(baseline_on, 365 * year), baseline + (target - baseline) * year // 4)
        for year in range(1, 5)
    )
    row = (benefit_id, initiative_id, f"{measure} ({n + 1})", "", kind, person(rng), measure)
    row += (unit, baseline, iso(baseline_on), target, iso(target_on), profile_json(profile), None)
    return (*row, GENERATOR, stamp(baseline_on), 1), (baseline, target, baseline_on)


def _measurements(count: int, benefit_id: int, values, rng, today: date) -> list[tuple]:
    """Eight measurements a quarter apart, the last near the end of the last period,
    moving from the baseline towards the target about as fast as time passes over the
    four years planned (the plan steps up once a year, so most keep up; some fall
    behind)."""
    baseline, target, baseline_on = values
    r, start, change = rng.random, baseline_on.toordinal(), target - baseline
    rows = []
    for step, choices in enumerate(_measured_on(today)):
        on, on_iso, on_stamp = pick(r, choices)
        elapsed = min(1.0, max(0.0, (on - start) / (4 * 365)))
        value = baseline + int(change * elapsed * (0.8 + 0.35 * r()))
        note = NOTES[step % len(NOTES)]
        rows.append(
            (count + len(rows) + 1, benefit_id, on_iso, value, note, None, GENERATOR, on_stamp)
        )
    return rows


@cache
def _measured_on(today: date) -> tuple[tuple[tuple[int, str, str], ...], ...]:
    """For each of the eight measurements, the days it may fall on (a quarter apart
    back from `today`, up to 20 days earlier), each as (ordinal, ISO date, stamp)."""
    steps = []
    for step in range(MEASUREMENTS):
        back = 91 * (MEASUREMENTS - 1 - step)
        on = [days(today, -back - early) for early in range(21)]
        steps.append(tuple((day.toordinal(), iso(day), stamp(day)) for day in on))
    return tuple(steps)


def _confidence(register, last_period: str, rng, today: date) -> tuple[list, list]:
    """Team ratings for the last four periods (a random walk on the scale), programmes'
    assurance ratings for the last, and an open Response to Red for each that turned Red."""
    last = parse_period(last_period)
    periods = list(reversed(quarters(last.previous().previous().previous(), last)))
    ratings, responses = [], []
    r = rng.random
    for initiative_id, _code, kind, *_ in register:
        at = SCALE.index(pick(r, FIRST_DRAW))
        before = None
        for period in periods:
            at = min(len(SCALE) - 1, max(0, at + pick(r, STEPS)))
            author = person(rng)
            ratings.append(
                (
                    len(ratings) + 1,
                    initiative_id,
                    period,
                    SCALE[at],
                    "Synthetic rating.",
                    False,
                    author,
                    stamp(today),
                )
            )
            if SCALE[at] == "R" and before != "R" and period == periods[-1]:
                responses.append(
                    _red_response(len(responses) + 1, initiative_id, period, author, today)
                )
            before = SCALE[at]
        if kind == "programme":
            rating = SCALE[max(0, at - between(r, 0, 1))]
            ratings.append(
                (
                    len(ratings) + 1,
                    initiative_id,
                    periods[-1],
                    rating,
                    "Independent review.",
                    True,
                    person(rng),
                    stamp(today),
                )
            )
    return ratings, responses


def _red_response(response_id: int, initiative_id: int, period: str, owner: str, today) -> tuple:
    """An open Response to Red for a team rating that turned Red in `period`."""
    row = (response_id, initiative_id, period, "confidence", owner, "Recovery plan to the board.")
    return (*row, iso(days(today, 30)), "", "open", None, GENERATOR, stamp(today), 1)
