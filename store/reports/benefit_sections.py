"""The board pack's benefits and delivery confidence sections (issue 18): benefits
realised against planned by business group and tier as at the pack's date, the benefits
behind profile, the delivery confidence distribution and its changes since the last
period, and every Response to Red opened, still open and closed in the period."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date

from store.benefits.confidence import confidence_in_period
from store.benefits.read_models import ResponseRead
from store.benefits.realisation import percent
from store.benefits.responses import list_responses
from store.benefits.standing import GroupTotal, Standing, behind_window, overview
from store.benefits.types import Confidence, ResponseStatus
from store.benefits.values import format_value
from store.reports.read_models import Block, Section
from store.types import Tier


def _pct(value) -> str | None:
    return None if value is None else f"{value}%"


def _group_rows(groups: list[GroupTotal]) -> list[tuple]:
    """One row per business group and tier: benefits, behind, cashable £m planned and
    realised to date (changes from baseline, negative is a saving), and realised %."""
    totals: dict[tuple[str, str], list[int]] = {}
    for group in groups:  # tiers the same in words share a row
        total = totals.setdefault((group.business_group, Tier.words(group.tier)), [0, 0, 0, 0])
        total[0] += group.benefits
        total[1] += group.behind
        total[2] += group.cash_planned
        total[3] += group.cash_realised
    return [
        (
            group,
            tier,
            count,
            behind,
            format_value(planned),
            format_value(realised),
            _pct(percent(realised, planned)),
        )
        for (group, tier), (count, behind, planned, realised) in sorted(totals.items())
    ]


def _behind_row(item: Standing) -> tuple:
    return (
        item.code,
        item.name,
        item.unit,
        format_value(item.planned),
        format_value(item.actual, "not measured"),
        _pct(item.percent),
        item.trend.value if item.trend else None,
    )


def behind_rows(connection: sqlite3.Connection, as_at: date, start: int, count: int) -> list:
    """`count` rows of the behind-profile list from the `start`th, as `benefits` gives
    them: for a screen that shows the list a window at a time."""
    return [_behind_row(item) for item in behind_window(connection, as_at, start, count)]


def benefits(connection: sqlite3.Connection, as_at: date, first: int | None = None) -> Section:
    """Benefits realised against planned, by business group and tier, and those behind
    (all, or the `first` so many; the totals count them all): worked out by the database
    for every benefit at once (`store.benefits.standing`)."""
    groups, behind_profile = overview(connection, as_at, first)
    headers = ("Group", "Tier", "Benefits", "Behind", "Cash £m planned", "Cash £m realised", "%")
    by_group = Block(
        headers,
        tuple(_group_rows(groups)),
        title="By business group and tier",
        numeric_columns=(2, 3, 4, 5),
        empty="No benefits are registered.",
    )
    behind = Block(
        ("Code", "Benefit", "Unit", "Planned", "Actual", "Realised %", "Trend"),
        tuple(_behind_row(item) for item in behind_profile),
        title="Behind profile",
        numeric_columns=(3, 4),
        empty="No benefit is behind its profile.",
    )
    return Section(
        "benefits",
        "Benefits realised against planned",
        f"As at {as_at.isoformat()}. Planned is the latest point of each profile due by then "
        "(a cashable benefit's profile is its §19 savings line); realised is the latest "
        "measurement by then; both are changes from the baseline.",
        (by_group, behind),
    )


def _response_rows(responses: list[ResponseRead]) -> tuple:
    return tuple(
        (r.code, r.period, r.source, r.owner, r.review_on, r.status, r.outcome) for r in responses
    )


def delivery_confidence(
    connection: sqlite3.Connection, period: str, previous: str, starts: date, ends: date
) -> Section:
    """The distribution of this period's ratings, changes since `previous`, and the
    Responses to Red opened, still open at the period's end, and closed in it."""
    now = {r.code: r for r in confidence_in_period(connection, period) if not r.assurance}
    before = {r.code: r for r in confidence_in_period(connection, previous) if not r.assurance}
    counts = Counter(r.rating for r in now.values())
    distribution = Block(
        ("Rating", "Initiatives"),
        tuple((rating.word, counts[rating]) for rating in Confidence),
        title=f"Team ratings for {period}",
        numeric_columns=(1,),
    )
    changed = Block(
        ("Code", previous, period, "Rationale"),
        tuple(
            (code, before[code].word if code in before else None, rating.word, rating.rationale)
            for code, rating in now.items()
            if code not in before or before[code].rating != rating.rating
        ),
        title=f"Changes since {previous}",
        empty="No rating changed.",
    )
    responses = [r for r in list_responses(connection) if r.period <= period]
    opened = [r for r in responses if r.period == period]
    still_open = [r for r in responses if r.closed_on is None or r.closed_on > ends]
    closed = [
        r
        for r in responses
        if r.status == ResponseStatus.CLOSED and r.closed_on and starts <= r.closed_on <= ends
    ]
    headers = ("Code", "Opened for", "Turned Red by", "Owner", "Review", "Status", "Outcome")
    blocks = [
        Block(headers, _response_rows(group), title=title, empty="None.")
        for title, group in (
            ("Responses to Red opened in the period", opened),
            ("Still open at the end of the period", still_open),
            ("Closed in the period", closed),
        )
    ]
    return Section(
        "delivery_confidence",
        "Delivery confidence and Response to Red",
        "Forward-looking delivery confidence on the five-point scale, kept apart from the RAG "
        "criteria; a rating or overall RAG that turns Red opens a Response to Red.",
        (distribution, changed, *blocks),
    )
