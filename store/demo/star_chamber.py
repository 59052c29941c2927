"""The Star Chamber's demo month: May and June 2011.

Two meetings (31 May, closed, with one correction recorded afterwards; 13 June,
open, its agenda built and not yet decided), thirty requests across DoI, DoR, HR,
SCD, TP, CO and CORP in every state and outcome, sixteen displaced staff on the
Posting List (four posted, one left), seven temporary and agency engagements (some
close to their maximum), 2011/12 establishment figures for every group, and the
three phases of the police staff early departure scheme (seed 000, paragraphs 20 to
34). Phase 1's five groups add up to the seed's totals: 1,349 offered, 448 accepted
(33%) at about £12.5m; the split between groups, and every phase 2 and 3 figure, is
invented. Every name is made up and every sentence is written afresh.

Requests are entered by the vacancy control officer and decided by the Star Chamber
secretary, so no one decides a request they entered themselves.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from store.audit import Identity
from store.star_chamber.services.decisions import correct, decide
from store.star_chamber.services.departures import add_scheme
from store.star_chamber.services.engagements import end_engagement, start_engagement
from store.star_chamber.services.establishment import set_establishment
from store.star_chamber.services.meetings import (
    add_meeting,
    add_to_agenda,
    build_agenda,
    close_meeting,
)
from store.star_chamber.services.posting_list import add_displaced, leave_list
from store.star_chamber.services.requests import add_extension_request, add_request

ENTERED_BY = "l.mensah"  # HR vacancy control officer: logs requests
SECRETARY = "r.achebe"  # Star Chamber secretary: agendas, decisions, minutes
WORKFORCE = "c.dunmore"  # HR workforce planning: establishment figures, schemes

CLOSED_MEETING = date(2011, 5, 31)
OPEN_MEETING = date(2011, 6, 13)
FIGURES_AS_OF = date(2011, 6, 1)

# (group, staff group, budgeted, strength, start-of-year strength, reduction, target %)
ESTABLISHMENT = [
    ("DoI", "police_officers", 34, 31, 32, 0, 1.0),
    ("DoI", "police_staff", 1180, 1098, 1140, 93, 6.0),
    ("DoR", "police_officers", 62, 58, 60, 0, 1.0),
    ("DoR", "police_staff", 3085, 2935, 2952, 12, 5.0),
    ("HR", "police_officers", 1650, 1610, 1640, 399, 1.0),
    ("HR", "police_staff", 1530, 1428, 1460, 200, 5.0),
    ("SCD", "police_officers", 4210, 4148, 4175, 0, 1.0),
    ("SCD", "police_staff", 3040, 2861, 2870, 0, 5.0),
    ("TP", "police_officers", 20150, 20050, 20180, 384, 0.5),
    ("TP", "police_staff", 4520, 4205, 4310, 358, 6.0),
    ("TP", "pcsos", 4300, 4190, 4260, 100, 3.0),
    ("CO", "police_officers", 5320, 5268, 5290, 0, 1.0),
    ("CO", "police_staff", 2000, 1902, 1905, 0, 5.0),
    ("CO", "pcsos", 48, 45, 46, 0, 3.0),
    ("CORP", "police_officers", 160, 152, 155, 0, 1.0),
    ("CORP", "police_staff", 640, 598, 612, 0, 5.0),
]

SCHEMES = [
    {
        "phase": 1,
        "name": "Voluntary early departure, phase 1",
        "staff_groups": "Police staff in five groups whose work is ending or shrinking",
        "terms": "Early retirement or flexible severance for anyone with a year's service or more; every applicant was accepted",
        "opens_on": "2010-11-01",
        "closes_on": "2011-03-31",
        "groups": [
            {"name": "Traffic Wardens", "offered": 212, "accepted": 97, "cost_gbp_m": "2.71"},
            {
                "name": "Station Reception Officers (SROs)",
                "offered": 486,
                "accepted": 131,
                "cost_gbp_m": "3.42",
            },
            {
                "name": "Catering Modernisation SIP (in-scope staff)",
                "offered": 318,
                "accepted": 104,
                "cost_gbp_m": "2.96",
            },
            {
                "name": "Training Modernisation SIP (in-scope staff)",
                "offered": 247,
                "accepted": 78,
                "cost_gbp_m": "2.38",
            },
            {
                "name": "Police Staff Posting List (displaced staff)",
                "offered": 86,
                "accepted": 38,
                "cost_gbp_m": "1.03",
            },
        ],
    },
    {
        "phase": 2,
        "name": "Voluntary early departure, phase 2",
        "staff_groups": "Police staff in nine groups, widening two of phase 1's",
        "terms": "As phase 1: early retirement or flexible severance after a year's service",
        "opens_on": "2011-04-01",
        "closes_on": "2011-06-30",
        "groups": [
            {
                "name": "Police Staff Posting List (displaced staff)",
                "offered": 58,
                "accepted": 12,
                "cost_gbp_m": "0.31",
            },
            {"name": "Traffic Wardens", "offered": 115, "accepted": 26, "cost_gbp_m": "0.74"},
            {
                "name": "Station Reception Officers (SROs)",
                "offered": 355,
                "accepted": 41,
                "cost_gbp_m": "1.08",
            },
            {
                "name": "Catering SIP (wider group)",
                "offered": 140,
                "accepted": 22,
                "cost_gbp_m": "0.61",
            },
            {
                "name": "Training SIP (wider group)",
                "offered": 165,
                "accepted": 19,
                "cost_gbp_m": "0.55",
            },
            {"name": "Performance", "offered": 96, "accepted": 14, "cost_gbp_m": "0.42"},
            {"name": "CCC", "offered": 420, "accepted": 37, "cost_gbp_m": "1.12"},
            {
                "name": "SCD26 (Overseas Visitors Regulation Office and Prison Licences Liaison Team)",
                "offered": 34,
                "accepted": 9,
                "cost_gbp_m": "0.26",
            },
            {
                "name": "Directorate of Information (all areas)",
                "offered": 610,
                "accepted": 48,
                "cost_gbp_m": "1.58",
            },
        ],
    },
    {
        "phase": 3,
        "name": "Voluntary redundancy, phase 3",
        "staff_groups": "In-scope police staff in Logistical Services and three TP Development projects",
        "terms": "Voluntary redundancy on the standard compensation terms; applications open for six weeks",
        "opens_on": "2011-06-06",
        "closes_on": "2011-07-15",
        "groups": [
            {"name": "Logistical Services", "offered": 230, "accepted": 3, "cost_gbp_m": "0.08"},
            {"name": "TP Development: IBO/CCC", "offered": 180, "accepted": 0, "cost_gbp_m": "0"},
            {"name": "TP Development: Duties", "offered": 95, "accepted": 1, "cost_gbp_m": "0.03"},
            {
                "name": "TP Development: Intelligence",
                "offered": 140,
                "accepted": 0,
                "cost_gbp_m": "0",
            },
        ],
    },
]

# (name, band, group they came from, skills, listed on)
DISPLACED = [
    ("Marcia Okonjo", "D", "HR", "Course administration, booking systems, SAP HR", "2010-11-15"),
    (
        "Terence Hollis",
        "C",
        "HR",
        "Catering supervision, stock control, food hygiene",
        "2010-11-22",
    ),
    ("Anjali Desai", "C", "TP", "Crime recording, CRIS, telephone investigation", "2011-01-10"),
    ("Gareth Pryce", "E", "TP", "Front counter, public enquiries, found property", "2011-01-10"),
    ("Ifeoma Nwosu", "B", "DoI", "IT service management, supplier contracts, ITIL", "2011-02-01"),
    (
        "Colin Marchetti",
        "D",
        "DoR",
        "Accounts payable, invoice matching, SAP finance",
        "2011-02-14",
    ),
    ("Ruth Abernethy", "E", "TP", "Station reception, switchboard", "2011-02-21"),
    ("Samir Haddad", "C", "DoI", "Desktop support, thin client, Windows server", "2011-03-01"),
    ("Beverley Quinn", "D", "HR", "Trainer, first aid instruction, course design", "2011-03-07"),
    ("Yusuf Karim", "F", "HR", "Catering assistant, cash handling", "2011-03-14"),
    (
        "Helen Strickland",
        "B",
        "TP",
        "Performance analysis, statistics, business cases",
        "2011-03-28",
    ),
    ("Owen Gallagher", "D", "TP", "Control room operator, CAD, radio", "2011-04-04"),
    ("Priya Raman", "C", "DoR", "Procurement, tender evaluation, contract law", "2011-04-11"),
    ("Dennis Whitlock", "E", "CO", "Stores, vehicle logistics, forklift licence", "2011-04-18"),
    ("Lorraine Baptiste", "D", "SCD", "Case papers, disclosure, CPS liaison", "2011-05-03"),
    ("Kwabena Asare", "C", "HR", "HR advice, casework, absence management", "2011-05-16"),
]

# Engagements approved before these records began: worker, type, group, post, band,
# start, approved maximum end.
EARLIER_ENGAGEMENTS = [
    (
        "Asha Varma",
        "temporary_worker",
        "DoI",
        "Thin client migration technician",
        "D",
        "2011-01-10",
        "2011-07-01",
    ),
    ("Jonathan Pike", "agency", "HR", "HR case adviser", "C", "2010-12-06", "2011-06-03"),
    ("Mercy Adjei", "agency", "TP", "CRIB implementation analyst", "B", "2011-03-07", "2011-06-24"),
    (
        "Stefan Novak",
        "temporary_worker",
        "CO",
        "Range booking clerk",
        "E",
        "2011-02-14",
        "2011-08-12",
    ),
    ("Grace Mbeki", "temporary_worker", "SCD", "Exhibits officer", "D", "2010-10-04", "2011-04-01"),
]

P_STAFF, TEMP, AGENCY = "police_staff", "temporary_worker", "agency"

# Requests for the closed meeting of 31 May, in the order received. Each is
# (received, group, post, band, staff type, FTE, requested by, justification, extra).
MAY_REQUESTS = [
    (
        "2011-05-03",
        "DoR",
        "Accounts payable officer",
        "D",
        P_STAFF,
        "1",
        "Imran Qureshi",
        "Invoices waiting to be matched have doubled since two leavers in April; the purchase order policy goes live in September and needs the team at full strength.",
        {"cost_centre": "DR4410", "programme": "DRM-FRM2"},
    ),
    (
        "2011-05-04",
        "TP",
        "Crime management unit researcher",
        "C",
        P_STAFF,
        "1",
        "DCI Sunita Patel",
        "Researches crime reports for the unit until it moves into CRIB next year; the post holder retired at the end of April.",
        {"cost_centre": "TP2210", "programme": "TPD-CRIB"},
    ),
    (
        "2011-05-05",
        "CO",
        "Control room support officer",
        "C",
        P_STAFF,
        "1",
        "Ch Insp Grant Hollins",
        "Keeps the firearms control room's logs and call-outs in order; a single vacancy leaves nights uncovered.",
        {"cost_centre": "CO1180"},
    ),
    (
        "2011-05-06",
        "HR",
        "Learning administrator",
        "D",
        P_STAFF,
        "1",
        "Alison Crane",
        "Books courses and rooms for one of the old training units.",
        {"cost_centre": "HR3020", "programme": "TRAIN"},
    ),
    (
        "2011-05-09",
        "DoI",
        "Service desk analyst",
        "C",
        TEMP,
        "1",
        "Priya Mistry",
        "Covers the extra calls while desktops move to thin client, until the roll-out ends in the autumn.",
        {"cost_centre": "IT0550", "programme": "THIN", "max_weeks": 12},
    ),
    (
        "2011-05-10",
        "SCD",
        "Case papers clerk",
        "E",
        P_STAFF,
        "0.5",
        "Helen Strachan",
        "Prepares case files for court in one of the organised crime commands.",
        {"cost_centre": "SC7730"},
    ),
    (
        "2011-05-11",
        "TP",
        "Front counter officer",
        "E",
        P_STAFF,
        "1",
        "Supt Hugh Cartwright",
        "Keeps a borough front counter open at weekends.",
        {"cost_centre": "TP4105"},
    ),
    (
        "2011-05-12",
        "DoR",
        "Tender evaluator",
        "C",
        AGENCY,
        "1",
        "Gavin Threlfall",
        "Scores supplier bids for the stationery framework before the current contract runs out.",
        {"cost_centre": "DR4620", "programme": "DRM-PROC", "max_weeks": 8},
    ),
    (
        "2011-05-13",
        "HR",
        "Catering supervisor",
        "D",
        P_STAFF,
        "1",
        "Denise Fowler",
        "Runs the lunch service at a busy headquarters canteen.",
        {"cost_centre": "HR5510", "programme": "CATERING"},
    ),
    (
        "2011-05-16",
        "CORP",
        "Performance analyst",
        "B",
        P_STAFF,
        "1",
        "Luke Penrose",
        "Builds the quarterly performance pack for the management board; the analyst left for another force.",
        {"cost_centre": "CP0100", "programme": "CPR"},
    ),
    (
        "2011-05-17",
        "DoI",
        "Network engineer",
        "B",
        P_STAFF,
        "1",
        "Tom Fairbairn",
        "Designs the network changes the shared IT platform depends on; no one in-house has the skills.",
        {"cost_centre": "IT0610", "programme": "SHAREDIT", "route": "external"},
    ),
    (
        "2011-05-18",
        "TP",
        "Detention officer",
        "E",
        P_STAFF,
        "2",
        "Ch Supt Paul Kimber",
        "Staffs the shared custody suite for two boroughs, which opens in June.",
        {"cost_centre": "TP6300", "programme": "TPD-DET"},
    ),
    (
        "2011-05-19",
        "DoR",
        "Fleet maintenance planner",
        "D",
        TEMP,
        "1",
        "Colin Rudd",
        "Plans vehicle servicing while the fleet fit-out contract moves to a new supplier.",
        {"cost_centre": "DR5120", "programme": "3G-FLEET", "max_weeks": 16},
    ),
    (
        "2011-05-20",
        "HR",
        "Occupational health nurse",
        "C",
        AGENCY,
        "0.6",
        "Graham Tully",
        "Clears a waiting list for fitness-for-work referrals.",
        {"cost_centre": "HR2240", "max_weeks": 10},
    ),
    (
        "2011-05-23",
        "SCD",
        "Forensic submissions officer",
        "D",
        P_STAFF,
        "1",
        "Dr Laura Finch",
        "Sends exhibits to the forensic providers and tracks the results.",
        {"cost_centre": "SC8810", "programme": "SCDR-FOR"},
    ),
]

# The extension of TW-0002 decided on 31 May (received after the requests above).
MAY_EXTENSION = (
    "2011-05-24",
    "TW-0002",
    8,
    "Graham Tully",
    "Twelve live employment tribunal cases are with the adviser; handing them over mid-case would put them at risk.",
)

# Decisions at the meeting of 31 May, by reference: outcome, reason and extras.
MAY_DECISIONS = {
    "SC-2011-0001": (
        "approved",
        "The backlog threatens the September purchase order go-live; a displaced member of staff fits the post.",
        {
            "posted": "PL-0006",
            "override_reason": "Filling the post from the Posting List adds no one to the Service; the vacancy factor will recover as F&RM2 posts close.",
        },
    ),
    "SC-2011-0002": (
        "approved",
        "The unit must keep working until it moves into CRIB, and a displaced researcher can start at once.",
        {"posted": "PL-0003"},
    ),
    "SC-2011-0003": (
        "approved_with_conditions",
        "Nights cannot be left uncovered; the displaced control room operator can step up with training.",
        {
            "posted": "PL-0012",
            "conditions": "A twelve-week training plan, agreed with the trade union side, before the post holder works nights alone.",
            "override_reason": "An operational control room cannot run short; CO will hold another Band C post vacant to make up the factor.",
        },
    ),
    "SC-2011-0004": (
        "rejected",
        "The regional learning centres take over course booking, so this post is not in the new structure.",
        {},
    ),
    "SC-2011-0005": (
        "approved",
        "Short cover for the roll-out peak is cheaper than a permanent post.",
        {
            "none_suitable": "PL-0008 was considered but is needed for the thin client build team; no one else at Bands B to D has service desk experience."
        },
    ),
    "SC-2011-0006": (
        "deferred",
        "SCD to confirm whether the post survives the realignment before the panel decides.",
        {},
    ),
    "SC-2011-0007": (
        "withdrawn",
        "TP withdrew the request pending the public access review of front counters.",
        {},
    ),
    "SC-2011-0008": (
        "rejected",
        "A displaced procurement specialist is on the Posting List; raise a police staff post for her instead of agency cover.",
        {},
    ),
    "SC-2011-0009": (
        "rejected",
        "The catering restructure reduces supervisors; cover the service from the new rota.",
        {},
    ),
    "SC-2011-0010": (
        "approved",
        "The board pack is statutory reporting and a displaced analyst matches the role exactly.",
        {"posted": "PL-0011"},
    ),
    "SC-2011-0011": (
        "approved_with_conditions",
        "The shared platform cannot proceed without network design skills.",
        {
            "none_suitable": "No one on the list at Bands A to C has network engineering skills; PL-0005 was considered (service management, not engineering).",
            "conditions": "Advertise externally as a twelve-month fixed-term appointment only.",
        },
    ),
    "SC-2011-0012": (
        "approved",
        "The shared custody suite opens in June and must be staffed safely.",
        {
            "none_suitable": "PL-0004 and PL-0007 were considered; neither holds the detention officer certificate and training takes ten weeks."
        },
    ),
    "SC-2011-0013": (
        "approved_with_conditions",
        "Planning cover protects the fleet during the contract change.",
        {
            "none_suitable": "PL-0006 was considered but has no fleet experience; no one else at Bands C to E fits.",
            "conditions": "The engagement ends when the new supplier takes over planning, and in any case within sixteen weeks.",
            "override_reason": "Without planning cover, response vehicles miss their services during the contract change.",
        },
    ),
    "SC-2011-0014": (
        "deferred",
        "Wait for the occupational health contract review due on 10 June.",
        {},
    ),
    "SC-2011-0015": (
        "approved",
        "Forensic results drive charging decisions; the post cannot stay empty.",
        {
            "none_suitable": "PL-0015 and PL-0009 were considered; the role needs forensic accreditation that takes over six months to gain."
        },
    ),
    "SC-2011-0016": (
        "approved",
        "Handing over live tribunal cases now would risk their outcomes.",
        {
            "none_suitable": "PL-0016 has casework experience and was considered, but cannot take over cases part-way through; review at the end of the extension."
        },
    ),
}

CORRECTION = {
    "reference": "SC-2011-0012",
    "outcome": "approved_with_conditions",
    "reason": "The shared custody suite opens in June and must be staffed safely.",
    "conditions": "Review both posts when the shared custody model is evaluated in December 2011.",
    "none_suitable": "PL-0004 and PL-0007 were considered; neither holds the detention officer certificate and training takes ten weeks.",
    "why": "The chair's condition was missed from the first record; corrected from the chair's note of 2 June.",
    "decided_on": "2011-06-02",
}

# Workers who started against the approvals of 31 May: request, worker, start.
NEW_ENGAGEMENTS = [
    ("SC-2011-0005", "Liam Ferris", "2011-06-06"),
    ("SC-2011-0013", "Niamh Doyle", "2011-06-06"),
]

# Requests received after 31 May. The first eight go on the agenda of 13 June; the
# last six arrived after it was built and wait for the next one.
JUNE_REQUESTS = [
    (
        "2011-06-01",
        "TP",
        "Intelligence researcher",
        "C",
        P_STAFF,
        "1",
        "DCI Alastair Brodie",
        "Supports the new borough intelligence units set up by the intelligence project.",
        {"cost_centre": "TP3350", "programme": "TPD-INTEL"},
    ),
    (
        "2011-06-01",
        "DoR",
        "Estates surveyor",
        "B",
        P_STAFF,
        "1",
        "Joanne Sadler",
        "Surveys buildings ahead of the year's planned exits; the last surveyor moved to the property services contract.",
        {"cost_centre": "DR3300", "programme": "DRM-CRE", "route": "external"},
    ),
    (
        "2011-06-02",
        "HR",
        "First aid trainer",
        "D",
        P_STAFF,
        "1",
        "Alison Crane",
        "Delivers refresher first aid to officers, which must be renewed every three years.",
        {"cost_centre": "HR3050", "programme": "TRAIN"},
    ),
    (
        "2011-06-03",
        "DoI",
        "Thin client project analyst",
        "C",
        TEMP,
        "1",
        "Priya Mistry",
        "Tracks sites through the thin client migration and reports progress to the project board.",
        {"cost_centre": "IT0550", "programme": "THIN", "max_weeks": 26},
    ),
    (
        "2011-06-06",
        "CO",
        "Firearms range administrator",
        "E",
        P_STAFF,
        "1",
        "Supt Kate Linford",
        "Books ranges and instructors for firearms requalification.",
        {"cost_centre": "CO2210", "programme": "CO-FAC"},
    ),
    (
        "2011-06-07",
        "CORP",
        "Risk and assurance officer",
        "C",
        P_STAFF,
        "0.8",
        "Elaine Burrows",
        "Keeps the corporate risk register and prepares the audit committee's assurance reports.",
        {"cost_centre": "CP0220"},
    ),
    (
        "2011-06-07",
        "SCD",
        "Intelligence analyst",
        "B",
        P_STAFF,
        "1",
        "DI Rebecca Hale",
        "Analyses covert intelligence for the realigned intelligence command.",
        {"cost_centre": "SC5520", "programme": "SCDR-INT"},
    ),
]

JUNE_EXTENSION = (
    "2011-06-08",
    "TW-0001",
    6,
    "Priya Mistry",
    "The last three sites migrate in July; the technician knows their kit and a new starter would need a month to learn it.",
)

LATE_REQUESTS = [
    (
        "2011-06-09",
        "TP",
        "Crime recording clerk",
        "E",
        P_STAFF,
        "1",
        "Gemma Salisbury",
        "Enters crime reports phoned in by the public.",
        {"cost_centre": "TP2230"},
    ),
    (
        "2011-06-09",
        "DoR",
        "Payroll officer",
        "D",
        AGENCY,
        "1",
        "Anita Kowalczyk",
        "Covers payroll processing during the SAP upgrade weekends.",
        {"cost_centre": "DR4400", "programme": "DRM-SAP", "max_weeks": 12},
    ),
    (
        "2011-06-10",
        "HR",
        "Recruitment assistant",
        "E",
        P_STAFF,
        "1",
        "Craig Dunmore",
        "Schedules assessment days for the police officer recruitment campaign.",
        {"cost_centre": "HR1100"},
    ),
    (
        "2011-06-10",
        "DoI",
        "Information security analyst",
        "B",
        P_STAFF,
        "1",
        "Kerry Lomax",
        "Reviews supplier access to police systems ahead of the accreditation audit.",
        {"cost_centre": "IT0700", "route": "external", "unfunded": True},
    ),
    (
        "2011-06-10",
        "CO",
        "Vehicle stores person",
        "E",
        P_STAFF,
        "1",
        "Ian Mercer",
        "Issues parts and equipment at the central vehicle workshop.",
        {"cost_centre": "CO3150"},
    ),
    (
        "2011-06-10",
        "SCD",
        "Typist",
        "F",
        P_STAFF,
        "0.5",
        "Eileen Carr",
        "Transcribes interviews for the major investigation teams.",
        {"cost_centre": "SC1020"},
    ),
]

MEETINGS = {
    CLOSED_MEETING: {
        "chair": "Deborah Fenwick, HR Director of Resourcing",
        "attendees": [
            "Martin Osei (Finance Services)",
            "Claire Dunmore (HR Workforce Planning)",
            "Supt Alan Carver (TP HR lead)",
            "Rachel Achebe (secretary)",
        ],
        "union_reps": ["Tom Riley (UNISON)", "Sandra Kaur (PCS)", "Neil Morgan (GMB)"],
    },
    OPEN_MEETING: {
        "chair": "Peter Lyle, HR Director of Employment Relations",
        "attendees": [
            "Martin Osei (Finance Services)",
            "Claire Dunmore (HR Workforce Planning)",
            "Lorna McBride (DoR business partner)",
            "Rachel Achebe (secretary)",
        ],
        "union_reps": ["Tom Riley (UNISON)", "Sandra Kaur (PCS)"],
    },
}

LEFT_THE_LIST = (
    "PL-0010",
    "2011-05-20",
    "Took voluntary early departure in phase 2 of the scheme.",
)


def load(session: Session) -> dict[str, int]:
    """Write the Star Chamber's demo month through the services; return counts."""
    from store.demo.loader import acting_as

    people = {name: Identity.of_person(name) for name in (ENTERED_BY, SECRETARY, WORKFORCE)}
    with acting_as(session, people[WORKFORCE]):
        for group, staff_group, budgeted, strength, start, reduction, target in ESTABLISHMENT:
            set_establishment(
                {
                    "business_group": group,
                    "staff_group": staff_group,
                    "financial_year": "2011/12",
                    "budgeted": budgeted,
                    "strength": strength,
                    "start_strength": start,
                    "reduction": reduction,
                    "target_vacancy_pct": str(target),
                    "as_of": FIGURES_AS_OF,
                },
                session=session,
            )
        for scheme in SCHEMES:
            add_scheme(scheme, session=session)
    with acting_as(session, people[SECRETARY]):
        for name, band, group, skills, listed in DISPLACED:
            add_displaced(
                {
                    "name": name,
                    "grade": band,
                    "business_group": group,
                    "skills": skills,
                    "listed_on": listed,
                },
                session=session,
            )
        for worker, kind, group, post, band, start, end in EARLIER_ENGAGEMENTS:
            start_engagement(
                {
                    "worker": worker,
                    "staff_type": kind,
                    "business_group": group,
                    "post": post,
                    "grade": band,
                    "start_on": start,
                    "approved_max_end": end,
                },
                session=session,
            )
        end_engagement(
            {
                "reference": "TW-0005",
                "on": "2011-04-01",
                "reason": "Reached the approved maximum; exhibits work moved to the new store.",
            },
            session=session,
        )
        reference, day, reason = LEFT_THE_LIST
        leave_list({"reference": reference, "on": day, "reason": reason}, session=session)
    with acting_as(session, people[ENTERED_BY]):
        _requests(session, MAY_REQUESTS)
        _extension(session, MAY_EXTENSION)
    with acting_as(session, people[SECRETARY]):
        add_meeting({"held_on": CLOSED_MEETING, **MEETINGS[CLOSED_MEETING]}, session=session)
        build_agenda(CLOSED_MEETING, session=session)
        for reference, (outcome, reason, extra) in MAY_DECISIONS.items():
            decide(
                {
                    "reference": reference,
                    "meeting": CLOSED_MEETING,
                    "outcome": outcome,
                    "reason": reason,
                    **extra,
                },
                session=session,
            )
        close_meeting(CLOSED_MEETING, session=session)
        correct(CORRECTION, session=session)
        for reference, worker, start in NEW_ENGAGEMENTS:
            start_engagement(
                {"request": reference, "worker": worker, "start_on": start}, session=session
            )
    with acting_as(session, people[ENTERED_BY]):
        june = _requests(session, JUNE_REQUESTS)
        june.append(_extension(session, JUNE_EXTENSION))
    with acting_as(session, people[SECRETARY]):
        add_meeting({"held_on": OPEN_MEETING, **MEETINGS[OPEN_MEETING]}, session=session)
        for reference in june:
            add_to_agenda({"meeting": OPEN_MEETING, "reference": reference}, session=session)
    with acting_as(session, people[ENTERED_BY]):
        late = _requests(session, LATE_REQUESTS)
    requests = len(MAY_REQUESTS) + 1 + len(june) + len(late)
    return {
        "Star Chamber requests": requests,
        "meetings": len(MEETINGS),
        "decisions": len(MAY_DECISIONS) + 1,
        "displaced staff": len(DISPLACED),
        "engagements": len(EARLIER_ENGAGEMENTS) + len(NEW_ENGAGEMENTS),
        "establishment rows": len(ESTABLISHMENT),
        "early departure phases": len(SCHEMES),
    }


def _requests(session: Session, rows: list[tuple]) -> list[str]:
    references = []
    for received, group, post, band, kind, fte, requested_by, justification, extra in rows:
        data = {
            "received_on": received,
            "business_group": group,
            "post": post,
            "grade": band,
            "staff_type": kind,
            "fte": fte,
            "requested_by": requested_by,
            "justification": justification,
            **{key: value for key, value in extra.items() if key != "unfunded"},
        }
        if extra.get("unfunded"):
            data["funded"] = False
        references.append(add_request(data, session=session).reference)
    return references


def _extension(session: Session, row: tuple) -> str:
    received, engagement, weeks, requested_by, justification = row
    saved = add_extension_request(
        {
            "received_on": received,
            "engagement": engagement,
            "weeks": weeks,
            "requested_by": requested_by,
            "justification": justification,
        },
        session=session,
    )
    return saved.reference
