"""The Star Chamber at national scale: establishment, meetings, requests and decisions.

About ten requests for every initiative (100,000 at 10,000 initiatives), forty new
requests for each meeting, meetings on working days from April 2011. Every meeting
is closed except the last, whose agenda is built and not yet decided; the requests
after it are received and waiting. A deferred request is carried over to the next
meeting and decided there, as the services do it. Approvals record the Posting List
step (someone posted, or why no one was suitable); approved temporary and agency
requests start an engagement. The request rows follow their live decision.
"""

from __future__ import annotations

import json
import random
from datetime import date

from store.generate.common import (
    FIRST,
    GENERATOR,
    LAST,
    between,
    days,
    drawn,
    financial_year,
    insert,
    iso,
    person,
    pick,
    stamp,
)
from store.star_chamber.grades import BANDS

PER_MEETING = 40
FIRST_MEETING = date(2011, 4, 4)  # a Monday
STAFF_TYPES = [("police_staff", 70), ("temporary_worker", 20), ("agency", 10)]
OUTCOMES = [
    ("approved", 45),
    ("approved_with_conditions", 15),
    ("rejected", 17),
    ("deferred", 13),
    ("withdrawn", 10),
]
POSTS = ["Analyst", "Caseworker", "Custody Officer", "Call Handler", "Finance Officer", "Clerk"]
REASONS = {
    "approved": "Front-line cover; funded within the establishment.",
    "approved_with_conditions": "Approved for six months; review at the next quarter.",
    "rejected": "Vacancy factor below target; cover from the Posting List instead.",
    "deferred": "Needs the business group's staffing plan first.",
    "withdrawn": "Withdrawn by the business group before decision.",
}
# The decision's figures as the services keep them (JSON); generated decisions say so.
IMPACT = json.dumps(
    {
        "business_group": "%s",
        "financial_year": "%s",
        "adds_fte": "%.2f",
        "warnings": [],
        "summary": ["Figures not recorded for generated decisions."],
    }
)
NONE_SUITABLE = "No one on the Posting List at this band or one away."
STAFF_GROUPS = ["police_officers", "police_staff", "pcsos"]
# Weighted draws as flat lists, so one random() picks from them (fast for 100,000 rows).
STAFF_TYPE_DRAW = drawn(STAFF_TYPES)
OUTCOME_DRAW = drawn(OUTCOMES)
FTES = [50, 100, 100, 100, 200]
WEEKS = [12, 26, 52]
PEOPLE = [f"{first} {last}" for first in FIRST for last in LAST]
GRADES = BANDS[1:]  # the grades a request or a displaced person can have


def meeting_days(count: int) -> list[date]:
    """The first `count` working days from the first meeting."""
    out, day = [], FIRST_MEETING
    while len(out) < count:
        if day.weekday() < 5:
            out.append(day)
        day = days(day, 1)
    return out


def generate(connection, plan, rng: random.Random) -> dict[str, int]:
    """Write the Star Chamber's establishment, meetings, requests, agendas and decisions."""
    total = plan.sc_requests
    if total == 0:
        return {}
    groups = connection.exec_driver_sql(
        "SELECT id, code FROM business_group ORDER BY id"
    ).fetchall()
    programmes = [
        row[0]
        for row in connection.exec_driver_sql(
            "SELECT id FROM initiative WHERE kind = 'programme' ORDER BY id"
        )
    ]
    held = meeting_days(max(1, -(-total // PER_MEETING) - 1))
    counts = {"sc_establishment": _establishment(connection, groups, held, rng)}
    counts["sc_meetings"] = insert(
        connection,
        "sc_meeting",
        "id, held_on, chair, attendees, status, closed_by, closed_at, created_by, created_at",
        [
            (
                n,
                iso(day),
                person(rng),
                "Head of HR; Finance Business Partner",
                "open" if n == len(held) else "closed",
                None if n == len(held) else GENERATOR,
                None if n == len(held) else stamp(day, 17),
                GENERATOR,
                stamp(days(day, -7)),
            )
            for n, day in enumerate(held, start=1)
        ],
    )
    world = _Requests(rng, groups, programmes, held)
    world.build(total)
    counts["sc_requests"] = insert(
        connection,
        "sc_request",
        "id, reference, year, seq, business_group_id, post_title, grade, staff_type, fte_x100,"
        " funded, route, initiative_id, justification, requested_by, received_on, max_weeks,"
        " status, outcome, meeting_id, decided_on, entered_by, entered_at",
        [tuple(r) for r in world.requests],
    )
    counts["sc_agenda_items"] = insert(
        connection,
        "sc_agenda_item",
        "meeting_id, request_id, position, carried_over, added_by, added_at",
        world.agenda,
    )
    counts["sc_displaced"] = insert(
        connection,
        "sc_displaced",
        "id, reference, name, grade, business_group_id, skills, listed_on, status, status_on,"
        " left_reason, posted_request_id, entered_by, entered_at",
        world.displaced,
    )
    counts["sc_decisions"] = insert(
        connection,
        "sc_decision",
        "request_id, meeting_id, outcome, reason, conditions, posting_step, posted_person_id,"
        " none_suitable_reason, impact_json, approved_weeks, decided_on, recorded_by,"
        " recorded_at",
        world.decisions,
    )
    counts["sc_engagements"] = insert(
        connection,
        "sc_engagement",
        "reference, worker_name, staff_type, business_group_id, post_title, grade, start_on,"
        " max_end_on, status, ended_on, end_reason, entered_by, entered_at",
        world.engagements,
    )
    return counts


def _establishment(connection, groups, held: list[date], rng: random.Random) -> int:
    years = sorted({financial_year(day) for day in held})
    rows = []
    for group_id, _code in groups:
        for staff_group in STAFF_GROUPS:
            budgeted = rng.randint(40, 4000) * 100
            for year in years:
                strength = budgeted - rng.randint(0, budgeted // 10)
                rows.append(
                    (
                        group_id,
                        staff_group,
                        year,
                        budgeted,
                        strength,
                        strength + rng.randint(0, 2000),
                        rng.randint(0, budgeted // 20),
                        rng.choice([10, 30, 50, 60]),
                        f"{year[:4]}-04-01",
                        GENERATOR,
                        stamp(date(int(year[:4]), 4, 1)),
                    )
                )
    return insert(
        connection,
        "sc_establishment",
        "business_group_id, staff_group, financial_year, budgeted_fte_x100, strength_fte_x100,"
        " start_strength_fte_x100, reduction_fte_x100, target_vacancy_pct_x10, as_of,"
        " updated_by, updated_at",
        rows,
    )


class _Requests:
    """Builds requests meeting by meeting, with their agenda items and decisions."""

    def __init__(self, rng: random.Random, groups, programmes: list[int], held: list[date]):
        self.rng, self.groups, self.programmes, self.held = rng, groups, programmes, held
        self.codes = dict(groups)
        self.requests: list[list] = []
        self.agenda: list[tuple] = []
        self.decisions: list[tuple] = []
        self.displaced: list[tuple] = []
        self.engagements: list[tuple] = []
        self.seq: dict[int, int] = {}
        self.positions: dict[int, int] = {}

    def build(self, total: int) -> None:
        """Every request, slot by slot: one slot per meeting, then the waiting ones."""
        carried: list[int] = []
        for slot in range(len(self.held) + 1):
            meeting = slot + 1 if slot < len(self.held) else None
            fresh = min(PER_MEETING, total - len(self.requests))
            if meeting is None:
                fresh = total - len(self.requests)
            due = self.held[slot] if meeting else days(self.held[-1], 3)
            new = [self._request(due) for _ in range(fresh)]
            if meeting is None:
                break
            for index in carried:
                self._agenda(meeting, index, carried_over=True)
            for index in new:
                self._agenda(meeting, index, carried_over=False)
            if meeting == len(self.held):
                continue  # the open meeting: on the agenda, not decided
            again = set(carried)
            carried = [i for i in carried + new if self._decide(meeting, i, i in again)]
        self._waiting_displaced()

    def _request(self, due: date) -> int:
        r = self.rng.random
        received = days(due, -between(r, 2, 20))
        seq = self.seq[received.year] = self.seq.get(received.year, 0) + 1
        staff_type = pick(r, STAFF_TYPE_DRAW)
        programmes = self.programmes
        index = len(self.requests)
        self.requests.append(
            [
                index + 1,
                f"SC-{received.year}-{seq:04d}",
                received.year,
                seq,
                pick(r, self.groups)[0],
                pick(r, POSTS),
                pick(r, GRADES),
                staff_type,
                pick(r, FTES),
                r() < 0.9,
                "external" if r() < 0.3 else "internal",
                pick(r, programmes) if programmes and r() < 0.2 else None,
                "Needed to keep the service running.",
                pick(r, PEOPLE),
                iso(received),
                pick(r, WEEKS) if staff_type != "police_staff" else None,
                "received",
                None,
                None,
                None,
                GENERATOR,
                stamp(received),
            ]
        )
        return index

    def _agenda(self, meeting: int, index: int, *, carried_over: bool) -> None:
        position = self.positions[meeting] = self.positions.get(meeting, 0) + 1
        day = self.held[meeting - 1]
        self.agenda.append(
            (meeting, index + 1, position, carried_over, GENERATOR, stamp(days(day, -3)))
        )
        request = self.requests[index]
        request[16], request[18] = "on_agenda", meeting

    def _decide(self, meeting: int, index: int, carried: bool) -> bool:
        """Decide one request at a meeting (a carried-over one is not deferred again)."""
        r, request = self.rng.random, self.requests[index]
        outcome = pick(r, OUTCOME_DRAW)
        if carried and outcome == "deferred":
            outcome = "approved"
        day = self.held[meeting - 1]
        approval = outcome.startswith("approved")
        step, posted, none_suitable = "not_applicable", None, ""
        if approval and request[7] == "police_staff" and r() < 0.05:
            step, posted = "posted", self._posted(request, day)
        elif approval:
            step, none_suitable = "none_suitable", NONE_SUITABLE
        impact = IMPACT % (self.codes[request[4]], financial_year(day), request[8] / 100)
        self.decisions.append(
            (
                index + 1,
                meeting,
                outcome,
                REASONS[outcome],
                "Review at six months." if outcome == "approved_with_conditions" else "",
                step,
                posted,
                none_suitable,
                impact,
                request[15] if approval else None,
                iso(day),
                GENERATOR,
                stamp(day, 16),
            )
        )
        request[17], request[18], request[19] = outcome, meeting, iso(day)
        request[16] = "received" if outcome == "deferred" else "decided"
        if approval and request[15] is not None:
            self._engagement(request, day)
        return outcome == "deferred"

    def _posted(self, request: list, day: date) -> int:
        person_id = len(self.displaced) + 1
        self.displaced.append(
            (
                person_id,
                f"PL-{person_id:05d}",
                person(self.rng),
                request[6],
                request[4],
                "Casework; customer service",
                days(day, -self.rng.randint(30, 200)).isoformat(),
                "posted",
                iso(day),
                "",
                request[0],
                GENERATOR,
                stamp(days(day, -30)),
            )
        )
        return person_id

    def _waiting_displaced(self) -> None:
        """People still on the Posting List, listed in the last few months."""
        last = self.held[-1]
        for _ in range(max(1, len(self.requests) // 500)):
            person_id = len(self.displaced) + 1
            self.displaced.append(
                (
                    person_id,
                    f"PL-{person_id:05d}",
                    person(self.rng),
                    self.rng.choice(GRADES),
                    self.groups[self.rng.randrange(len(self.groups))][0],
                    "Administration",
                    days(last, -self.rng.randint(1, 120)).isoformat(),
                    "on_list",
                    None,
                    "",
                    None,
                    GENERATOR,
                    stamp(days(last, -120)),
                )
            )

    def _engagement(self, request: list, day: date) -> None:
        start = days(day, 14)
        end = days(start, 7 * request[15])
        ended = end < self.held[-1]
        number = len(self.engagements) + 1
        self.engagements.append(
            (
                f"TW-{number:05d}",
                person(self.rng),
                request[7],
                request[4],
                request[5],
                request[6],
                iso(start),
                iso(end),
                "ended" if ended else "active",
                iso(end) if ended else None,
                "Reached the approved maximum." if ended else "",
                GENERATOR,
                stamp(day),
            )
        )
